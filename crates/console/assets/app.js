// homeground console: a small single-page app. Every read and action is an API call made
// through /console/api/call, which signs it with the session's temporary credentials and runs
// it through the same SigV4 + IAM pipeline as the aws CLI's calls. Data is only ever put into
// the page as text (textContent / text nodes), never as HTML.
"use strict";

const state = { csrf: null, user: null, timer: null, route: null, renderMs: null };

// ---- DOM helpers: text only -------------------------------------------------------------

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

const $ = (id) => document.getElementById(id);

function flash(message, ok) {
  const f = $("flash");
  f.textContent = message;
  f.className = ok ? "flash ok" : "flash";
  f.hidden = !message;
}

// ---- XML answers of the services ----------------------------------------------------------

function kids(node, name) {
  return node ? Array.from(node.children).filter((c) => c.localName === name) : [];
}

function at(node, path) {
  for (const part of path.split("/")) {
    if (!node) return null;
    node = kids(node, part)[0] || null;
  }
  return node;
}

function txt(node, path) {
  const n = path ? at(node, path) : node;
  return n ? n.textContent : "";
}

// The elements of a list at `path` (`item`, `member`, or a named one such as RDS's `DBInstance`).
function list(node, path) {
  const n = at(node, path);
  return n ? Array.from(n.children) : [];
}

// The answer's result element (the root's single child for awsQuery, the root for EC2).
function result(doc) {
  const root = doc.documentElement;
  const r = kids(root, root.localName.replace(/Response$/, "Result"))[0];
  return r || root;
}

function firstText(doc, name) {
  const n = doc.getElementsByTagNameNS("*", name)[0];
  return n ? n.textContent : "";
}

class ApiError extends Error {
  constructor(code, message) {
    super(code ? `${code}: ${message}` : message);
    this.code = code;
  }
}

async function post(path, body) {
  const headers = { "content-type": "application/json" };
  if (state.csrf) headers["x-csrf-token"] = state.csrf;
  return fetch(path, { method: "POST", headers, body: JSON.stringify(body), credentials: "same-origin" });
}

async function jsonError(r) {
  let e = { code: "Error", message: `HTTP ${r.status}` };
  try { e = (await r.json()).error || e; } catch (_) { /* not JSON */ }
  if (r.status === 401) signedOut(e.message);
  return new ApiError(e.code, e.message);
}

// Call a service's operation; resolves to its result element, rejects with its error.
async function api(service, action, params) {
  const r = await post("/console/api/call", { service, action, params: params || {} });
  const type = r.headers.get("content-type") || "";
  if (type.startsWith("application/json")) throw await jsonError(r);
  const doc = new DOMParser().parseFromString(await r.text(), "application/xml");
  if (!r.ok) throw new ApiError(firstText(doc, "Code"), firstText(doc, "Message"));
  return result(doc);
}

// ---- Sign-in and the shell ----------------------------------------------------------------

function signedIn(who) {
  state.csrf = who.csrfToken;
  state.user = who.user;
  $("signin").hidden = true;
  $("nav").hidden = false;
  $("signout").hidden = false;
  $("who").textContent = `${who.user} · ${who.arn}`;
  route();
}

function signedOut(message) {
  state.csrf = null;
  state.user = null;
  stopTimer();
  $("nav").hidden = true;
  $("signout").hidden = true;
  $("page").hidden = true;
  $("who").textContent = "";
  $("signin").hidden = false;
  $("signinError").textContent = message || "";
  $("userName").focus();
}

async function signIn(ev) {
  ev.preventDefault();
  const form = $("signin");
  const kind = form.querySelector("input[name=kind]:checked").value;
  $("signinButton").disabled = true;
  $("signinError").textContent = "";
  const body = { kind, userName: $("userName").value, password: $("password").value };
  // A profile that requires a reset: the new password goes with the current one.
  const resetting = !$("newPasswordFields").hidden;
  if (resetting) {
    if ($("newPassword").value !== $("newPassword2").value) {
      $("signinError").textContent = "The new passwords do not match.";
      $("signinButton").disabled = false;
      return;
    }
    body.newPassword = $("newPassword").value;
  }
  try {
    const r = await post("/console/api/signin", body);
    if (!r.ok) {
      let e = { code: "", message: "Sign-in failed." };
      try { e = (await r.json()).error; } catch (_) { /* keep the default */ }
      $("signinError").textContent = e.message;
      if (e.code === "PasswordResetRequired") {
        $("newPasswordFields").hidden = false;
        $("newPassword").focus();
      }
      return;
    }
    for (const id of ["password", "newPassword", "newPassword2"]) $(id).value = "";
    $("newPasswordFields").hidden = true;
    flash("");
    signedIn(await r.json());
  } catch (e) {
    $("signinError").textContent = `The region cannot be reached: ${e.message}`;
  } finally {
    $("signinButton").disabled = false;
  }
}

async function signOut() {
  const r = await post("/console/api/signout", {});
  flash(r.ok ? "You are signed out." : "", true);
  signedOut("");
}

function kindChanged() {
  const root = document.querySelector("input[name=kind]:checked").value === "root";
  $("userLabel").textContent = root ? "Root access key ID" : "IAM user name";
  $("passwordLabel").textContent = root ? "Secret access key" : "Password";
}

const PAGES = {
  "#/match-day": ["Match day", matchDayPage],
  "#/instances": ["Instances", instancesPage],
  "#/images": ["Images and snapshots", imagesPage],
  "#/network": ["VPCs, subnets and security groups", networkPage],
  "#/groups": ["Auto Scaling groups", groupsPage],
  "#/balancers": ["Load balancers", balancersPage],
  "#/metrics": ["Metrics", metricsPage],
  "#/alarms": ["Alarms", alarmsPage],
  "#/alarm-history": ["Alarm history", alarmHistoryPage],
  "#/sns": ["SNS topics", snsPage],
  "#/iam": ["IAM", iamPage],
  "#/stacks": ["CloudFormation stacks", stacksPage],
  "#/rds": ["RDS databases", rdsPage],
};

// Pages that refresh every second rather than every five.
const LIVE = new Set(["#/match-day", "#/metrics"]);

function stopTimer() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

async function route() {
  if (!state.csrf) return;
  // `/console/match-day` is the match-day view's own address.
  const fallback = location.pathname.replace(/\/$/, "").endsWith("/match-day") ? "#/match-day" : "#/instances";
  const hash = PAGES[location.hash] ? location.hash : fallback;
  const [title, render] = PAGES[hash];
  const changed = state.route !== hash;
  state.route = hash;
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.getAttribute("href") === hash) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = `${title} · homeground console`;
  stopTimer();
  const page = $("page");
  page.hidden = false;
  if (changed) {
    flash("");
    clear(page);
    append(page, [el("h1", { tabindex: "-1", id: "pageTitle" }, title), el("div", { id: "content" }, el("p", { class: "muted" }, "Loading…"))]);
    $("pageTitle").focus();
  }
  const t0 = performance.now();
  await render();
  // Another page was opened while this one was read: that visit owns the timer.
  if (state.route !== hash || !state.csrf) return;
  state.renderMs = performance.now() - t0; // read by the browser tests
  stopTimer();
  // Live pages refresh themselves, but not while someone is typing in a field or has the
  // keyboard on a row's button (the list would be replaced under them).
  // A refresh still under way is not started again (a slow answer must not pile them up).
  let running = false;
  state.timer = setInterval(async () => {
    if (busy() || running || document.hidden) return; // nobody is looking at a hidden tab
    running = true;
    try { await render(); } finally { running = false; }
  }, LIVE.has(hash) ? 1000 : 5000);
}

// Is the keyboard on a control the next refresh would replace? (Pages that refresh only their
// list or live part keep it in its own element; the others redraw all of #content.)
function busy() {
  const a = document.activeElement;
  const replaced = $("instanceList") || $("alarmList") || $("stackList") || $("mdLive") || $("metricLive") || $("content");
  return !!a && !!replaced && replaced.contains(a) && a.matches("input, select, textarea, button");
}

// Replace the page's content with `nodes`, once they are ready.
function show(...nodes) {
  const c = $("content");
  if (!c) return;
  clear(c);
  append(c, nodes);
}

// Replace a list that refreshes in place (by its id), or show it first.
function showListing(listing) {
  const old = $(listing.id);
  if (old) old.replaceWith(listing);
  else show(listing);
}

// Open a panel below the page's content (replacing one with its id) and put the keyboard in it.
function openPanel(panel, focus) {
  const old = $(panel.id);
  if (old) old.replaceWith(panel);
  else $("content").appendChild(panel);
  panel.querySelector(focus).focus();
}

function failed(e) {
  show(el("p", { class: "error", role: "alert" }, e.message));
}

function table(headings, rows, empty) {
  if (!rows.length) return el("p", { class: "empty" }, empty);
  return el("table", {},
    el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows));
}

function stateCell(value) {
  return el("td", {}, el("span", { class: `state state-${value.replace(/[^A-Za-z_-]/g, "")}` }, value));
}

// ---- EC2 instances ------------------------------------------------------------------------

const INSTANCE_TYPES = ["t2.micro", "t2.small", "t3.micro", "t3.small", "t3.medium", "m5.large", "c5.large"];

// The launch form is made once per visit; refreshes replace only the list below it, so that
// what a person is typing or choosing there is never lost.
async function instancesPage() {
  try {
    const form = $("launch") ? null : Promise.all([api("ec2", "DescribeImages"), api("ec2", "DescribeSubnets")]);
    const answer = await api("ec2", "DescribeInstances");
    const instances = list(answer, "reservationSet").flatMap((r) => list(r, "instancesSet"));
    const listing = el("div", { id: "instanceList" }, table(
      ["Name", "Instance ID", "State", "Type", "Image", "Private IP", "Public IP", "Tags", "Actions"],
      instances.map(instanceRow), "No instances."));
    if (form) show(launchForm(...(await form)), listing);
    else if ($("instanceList")) $("instanceList").replaceWith(listing);
  } catch (e) {
    failed(e);
  }
}

function launchForm(images, subnets) {
  const choices = list(images, "imagesSet").map((i) =>
    el("option", { value: txt(i, "imageId") }, `${txt(i, "name") || txt(i, "imageId")} (${txt(i, "imageId")})`));
  const subnetChoices = list(subnets, "subnetSet").map((n) => {
    const name = list(n, "tagSet").filter((t) => txt(t, "key") === "Name").map((t) => txt(t, "value"))[0];
    return el("option", { value: txt(n, "subnetId") },
      `${name ? name + " · " : ""}${txt(n, "subnetId")} · ${txt(n, "cidrBlock")} · ${txt(n, "availabilityZone")}`);
  });
  const form = el("form", { class: "toolbar card", id: "launch", "aria-label": "Launch an instance" },
    el("label", {}, "Image", el("select", { id: "launchImage", required: true }, choices)),
    el("label", {}, "Instance type", el("select", { id: "launchType" }, INSTANCE_TYPES.map((t) => el("option", { value: t }, t)))),
    el("label", {}, "Subnet", el("select", { id: "launchSubnet" }, el("option", { value: "" }, "Default subnet"), subnetChoices)),
    el("label", {}, "Name", el("input", { id: "launchName", maxlength: "255" })),
    el("button", { type: "submit", class: "primary", id: "launchButton", disabled: !choices.length }, "Launch instance"),
    el("button", { type: "button", onclick: () => instancesPage() }, "Refresh"));
  form.addEventListener("submit", launch);
  return form;
}

async function launch(ev) {
  ev.preventDefault();
  const params = { ImageId: $("launchImage").value, InstanceType: $("launchType").value, MinCount: "1", MaxCount: "1" };
  if ($("launchSubnet").value) params.SubnetId = $("launchSubnet").value;
  const name = $("launchName").value.trim();
  if (name) {
    Object.assign(params, {
      "TagSpecification.1.ResourceType": "instance",
      "TagSpecification.1.Tag.1.Key": "Name",
      "TagSpecification.1.Tag.1.Value": name,
    });
  }
  $("launchButton").disabled = true;
  try {
    const r = await api("ec2", "RunInstances", params);
    const id = list(r, "instancesSet").map((i) => txt(i, "instanceId")).join(", ");
    flash(`Launched ${id}.`, true);
    $("launchName").value = "";
    await instancesPage();
  } catch (e) {
    flash(e.message);
  } finally {
    $("launchButton").disabled = false;
  }
}

const INSTANCE_ACTIONS = [
  ["start", "Start", "StartInstances", (s) => s === "stopped"],
  ["stop", "Stop", "StopInstances", (s) => s === "running" || s === "pending"],
  ["reboot", "Reboot", "RebootInstances", (s) => s === "running"],
  ["terminate", "Terminate", "TerminateInstances", (s) => s !== "terminated" && s !== "shutting-down"],
];

function instanceRow(i) {
  const id = txt(i, "instanceId");
  const st = txt(i, "instanceState/name");
  const buttons = INSTANCE_ACTIONS.filter(([, , , ok]) => ok(st)).map(([key, label, action]) =>
    el("button", {
      type: "button", class: key === "terminate" ? "danger" : "", "data-action": key,
      "aria-label": `${label} ${id}`, onclick: (ev) => instanceAction(ev.currentTarget, id, label, action),
    }, label));
  return el("tr", { "data-instance-id": id },
    el("td", { class: "text" }, nameTag(i)),
    el("td", { class: "id" }, id),
    stateCell(st),
    el("td", {}, txt(i, "instanceType")),
    el("td", { class: "id" }, txt(i, "imageId")),
    el("td", {}, txt(i, "privateIpAddress")),
    el("td", {}, txt(i, "ipAddress")),
    tagCell(i),
    el("td", { class: "actions" }, buttons,
      el("button", { type: "button", "data-action": "output", "aria-label": `Console output of ${id}`,
        onclick: () => showOutput(id) }, "Output"),
      el("button", { type: "button", "data-action": "tags", "aria-label": `Tags of ${id}`,
        onclick: () => showTags(id) }, "Tags")));
}

// An instance's tags, each removable, and a form to add one (CreateTags / DeleteTags).
async function showTags(id) {
  let tags;
  try {
    const r = await api("ec2", "DescribeTags", { "Filter.1.Name": "resource-id", "Filter.1.Value.1": id });
    tags = tagPairs(r);
  } catch (e) {
    flash(e.message);
    return;
  }
  const change = async (action, params, done) => {
    try {
      await api("ec2", action, { "ResourceId.1": id, ...params });
      flash(done, true);
    } catch (e) {
      flash(e.message);
      return;
    }
    await showTags(id);
    await instancesPage();
  };
  const rows = tags.map(([k, v]) => el("tr", { "data-tag-key": k },
    el("td", { class: "text" }, k), el("td", { class: "text" }, v),
    el("td", { class: "actions" }, el("button", {
      type: "button", class: "danger", "data-action": "remove-tag", "aria-label": `Remove tag ${k}`,
      onclick: () => change("DeleteTags", { "Tag.1.Key": k }, `Tag ${k} removed from ${id}.`),
    }, "Remove"))));
  const form = el("form", { class: "toolbar", "aria-label": `Add a tag to ${id}` },
    el("label", {}, "Key", el("input", { id: "tagKey", required: true, maxlength: "128" })),
    el("label", {}, "Value", el("input", { id: "tagValue", maxlength: "256" })),
    el("button", { type: "submit", class: "primary", id: "tagAdd" }, "Add tag"),
    el("button", { type: "button", onclick: () => panel.remove() }, "Close"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const key = $("tagKey").value;
    change("CreateTags", { "Tag.1.Key": key, "Tag.1.Value": $("tagValue").value }, `Tag ${key} set on ${id}.`);
  });
  const panel = el("section", { class: "card", id: "tagsPanel", "aria-label": `Tags of ${id}` },
    el("h2", {}, `Tags of ${id}`), table(["Key", "Value", ""], rows, "No tags."), form);
  openPanel(panel, "#tagKey");
}

// An instance's console output (GetConsoleOutput: base64 of its last 64 KiB), as text.
async function showOutput(id) {
  let text;
  try {
    const r = await api("ec2", "GetConsoleOutput", { InstanceId: id });
    const bytes = Uint8Array.from(atob(txt(r, "output")), (c) => c.charCodeAt(0));
    text = new TextDecoder().decode(bytes) || "(no output yet)";
  } catch (e) {
    flash(e.message);
    return;
  }
  const panel = el("section", { class: "card", id: "outputPanel", "aria-label": `Console output of ${id}` },
    el("h2", {}, `Console output of ${id}`),
    el("pre", { class: "output", tabindex: "0" }, text),
    el("button", { type: "button", onclick: () => panel.remove() }, "Close"));
  openPanel(panel, "pre");
}

async function instanceAction(button, id, label, action) {
  // Terminating is asked twice, as AWS's console does.
  if (action === "TerminateInstances" && button.dataset.confirm !== "1") {
    button.dataset.confirm = "1";
    button.textContent = "Confirm terminate";
    button.setAttribute("aria-label", `Confirm: terminate ${id}`);
    return;
  }
  button.disabled = true;
  try {
    await api("ec2", action, { "InstanceId.1": id });
    flash(`${label}: ${id} — request accepted.`, true);
  } catch (e) {
    flash(e.message);
  }
  await instancesPage();
}

// ---- Images and snapshots; VPCs, subnets and security groups -------------------------------

function tagPairs(node) {
  return list(node, "tagSet").map((t) => [txt(t, "key"), txt(t, "value")]);
}

function tagCell(node) {
  return el("td", { class: "tags" }, tagPairs(node).map(([k, v]) => el("span", { class: "tag" }, `${k}=${v}`)));
}

function nameTag(node) {
  return (tagPairs(node).find(([k]) => k === "Name") || ["", ""])[1];
}

function card(title, ...body) {
  return el("section", { class: "card", "aria-label": title }, el("h2", {}, title), body);
}

async function imagesPage() {
  try {
    const [images, snapshots] = await Promise.all([
      api("ec2", "DescribeImages", { "Owner.1": "self" }), api("ec2", "DescribeSnapshots", { "Owner.1": "self" })]);
    show(
      card("Images", table(["Name", "Image ID", "State", "Architecture", "Created", "Description", "Tags"],
        list(images, "imagesSet").map((i) => el("tr", { "data-image": txt(i, "imageId") },
          el("td", { class: "text" }, txt(i, "name")), el("td", { class: "id" }, txt(i, "imageId")),
          stateCell(txt(i, "imageState")), el("td", {}, txt(i, "architecture")), el("td", {}, txt(i, "creationDate")),
          el("td", { class: "text" }, txt(i, "description")), tagCell(i))), "No images.")),
      card("Snapshots", table(["Name", "Snapshot ID", "Volume", "Size", "State", "Started", "Description", "Tags"],
        list(snapshots, "snapshotSet").map((s) => el("tr", { "data-snapshot": txt(s, "snapshotId") },
          el("td", { class: "text" }, nameTag(s)), el("td", { class: "id" }, txt(s, "snapshotId")),
          el("td", { class: "id" }, txt(s, "volumeId")), el("td", {}, `${txt(s, "volumeSize")} GiB`),
          stateCell(txt(s, "status")), el("td", {}, txt(s, "startTime")),
          el("td", { class: "text" }, txt(s, "description")), tagCell(s))), "No snapshots.")));
  } catch (e) {
    failed(e);
  }
}

// A security group rule as one line: `tcp 80–81 from 10.0.0.0/16, sg-…`.
function ruleText(p) {
  const proto = txt(p, "ipProtocol") === "-1" ? "all traffic" : txt(p, "ipProtocol");
  const from = txt(p, "fromPort"), to = txt(p, "toPort");
  const ports = !from || from === "-1" ? "" : from === to ? ` ${from}` : ` ${from}–${to}`;
  const sources = [...list(p, "ipRanges").map((r) => txt(r, "cidrIp")), ...list(p, "ipv6Ranges").map((r) => txt(r, "cidrIpv6")),
    ...list(p, "groups").map((g) => txt(g, "groupId"))];
  return `${proto}${ports} ${sources.join(", ")}`;
}

async function networkPage() {
  try {
    const [vpcs, subnets, groups] = await Promise.all([
      api("ec2", "DescribeVpcs"), api("ec2", "DescribeSubnets"), api("ec2", "DescribeSecurityGroups")]);
    const rules = (g, path) => el("td", { class: "text" }, list(g, path).map((p) => el("div", {}, ruleText(p))));
    show(
      card("VPCs", table(["Name", "VPC ID", "CIDR", "State", "Default", "Tags"],
        list(vpcs, "vpcSet").map((v) => el("tr", { "data-vpc": txt(v, "vpcId") },
          el("td", { class: "text" }, nameTag(v)), el("td", { class: "id" }, txt(v, "vpcId")),
          el("td", {}, txt(v, "cidrBlock")), stateCell(txt(v, "state")), el("td", {}, txt(v, "isDefault")),
          tagCell(v))), "No VPCs.")),
      card("Subnets", table(["Name", "Subnet ID", "VPC", "CIDR", "Zone", "Free addresses", "Tags"],
        list(subnets, "subnetSet").map((n) => el("tr", { "data-subnet": txt(n, "subnetId") },
          el("td", { class: "text" }, nameTag(n)), el("td", { class: "id" }, txt(n, "subnetId")),
          el("td", { class: "id" }, txt(n, "vpcId")), el("td", {}, txt(n, "cidrBlock")),
          el("td", {}, txt(n, "availabilityZone")), el("td", {}, txt(n, "availableIpAddressCount")),
          tagCell(n))), "No subnets.")),
      card("Security groups", table(["Name", "Group ID", "VPC", "Description", "Inbound", "Outbound"],
        list(groups, "securityGroupInfo").map((g) => el("tr", { "data-security-group": txt(g, "groupId") },
          el("td", { class: "text" }, txt(g, "groupName")), el("td", { class: "id" }, txt(g, "groupId")),
          el("td", { class: "id" }, txt(g, "vpcId")), el("td", { class: "text" }, txt(g, "groupDescription")),
          rules(g, "ipPermissions"), rules(g, "ipPermissionsEgress"))), "No security groups.")));
  } catch (e) {
    failed(e);
  }
}

// ---- Auto Scaling groups -------------------------------------------------------------------

async function groupsPage() {
  try {
    const answer = await api("autoscaling", "DescribeAutoScalingGroups");
    const groups = list(answer, "AutoScalingGroups");
    const cards = await Promise.all(groups.map(groupCard));
    show(cards.length ? cards : el("p", { class: "empty" }, "No Auto Scaling groups."));
  } catch (e) {
    failed(e);
  }
}

async function groupCard(g) {
  const name = txt(g, "AutoScalingGroupName");
  const count = list(g, "Instances").length;
  let activities = [];
  try {
    activities = list(await api("autoscaling", "DescribeScalingActivities", { AutoScalingGroupName: name, MaxRecords: "20" }), "Activities");
  } catch (e) {
    activities = null;
  }
  const instances = list(g, "Instances").map((i) => el("tr", {},
    el("td", { class: "id" }, txt(i, "InstanceId")), stateCell(txt(i, "LifecycleState")), stateCell(txt(i, "HealthStatus")),
    el("td", {}, txt(i, "AvailabilityZone")), el("td", {}, txt(i, "InstanceType"))));
  const history = activities === null
    ? el("p", { class: "error" }, "The activity history cannot be read.")
    : table(["Start", "Status", "Description", "Cause"], activities.map((a) => el("tr", {},
      el("td", {}, txt(a, "StartTime")), stateCell(txt(a, "StatusCode")),
      el("td", { class: "text" }, txt(a, "Description")), el("td", { class: "text" }, txt(a, "Cause")))), "No activity yet.");
  const capacity = el("form", { class: "toolbar", "aria-label": `Desired capacity of ${name}`, "data-group": name },
    el("label", {}, "Desired capacity", el("input", {
      type: "number", min: txt(g, "MinSize"), max: txt(g, "MaxSize"), value: txt(g, "DesiredCapacity"), required: true,
    })),
    el("button", { type: "submit" }, "Set"));
  capacity.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const desired = capacity.querySelector("input").value;
    try {
      await api("autoscaling", "SetDesiredCapacity", { AutoScalingGroupName: name, DesiredCapacity: desired });
      flash(`${name}: desired capacity set to ${desired}.`, true);
    } catch (e) {
      flash(e.message);
    }
    await groupsPage();
  });
  return el("section", { class: "card", "aria-label": `Group ${name}` },
    el("h2", {}, name),
    el("p", {}, `Desired ${txt(g, "DesiredCapacity")} · min ${txt(g, "MinSize")} · max ${txt(g, "MaxSize")} · `
      + `${count} instance${count === 1 ? "" : "s"} · health check ${txt(g, "HealthCheckType")}`),
    capacity,
    el("h3", {}, "Instances"),
    table(["Instance", "Lifecycle", "Health", "Zone", "Type"], instances, "No instances."),
    el("h3", {}, "Activity history"),
    history);
}

// ---- Load balancers and target groups ------------------------------------------------------

async function balancersPage() {
  try {
    const [lbs, tgs] = await Promise.all([api("elbv2", "DescribeLoadBalancers"), api("elbv2", "DescribeTargetGroups")]);
    const lbRows = list(lbs, "LoadBalancers").map((b) => el("tr", {},
      el("td", {}, txt(b, "LoadBalancerName")), stateCell(txt(b, "State/Code")), el("td", {}, txt(b, "Type")),
      el("td", {}, txt(b, "Scheme")), el("td", {}, txt(b, "DNSName"))));
    const groups = await Promise.all(list(tgs, "TargetGroups").map(targetGroupCard));
    show(
      el("section", { class: "card" }, el("h2", {}, "Load balancers"),
        table(["Name", "State", "Type", "Scheme", "DNS name"], lbRows, "No load balancers.")),
      groups.length ? groups : el("p", { class: "empty" }, "No target groups."));
  } catch (e) {
    failed(e);
  }
}

async function targetGroupCard(tg) {
  const name = txt(tg, "TargetGroupName");
  let body;
  try {
    const health = await api("elbv2", "DescribeTargetHealth", { TargetGroupArn: txt(tg, "TargetGroupArn") });
    body = table(["Target", "Port", "Health", "Reason", "Description"],
      list(health, "TargetHealthDescriptions").map((d) => el("tr", {},
        el("td", {}, txt(d, "Target/Id")), el("td", {}, txt(d, "Target/Port")), stateCell(txt(d, "TargetHealth/State")),
        el("td", {}, txt(d, "TargetHealth/Reason")), el("td", {}, txt(d, "TargetHealth/Description")))),
      "No registered targets.");
  } catch (e) {
    body = el("p", { class: "error" }, e.message);
  }
  return el("section", { class: "card", "aria-label": `Target group ${name}` },
    el("h2", {}, `Target group ${name}`),
    el("p", { class: "muted" }, `${txt(tg, "Protocol")}:${txt(tg, "Port")} · health check ${txt(tg, "HealthCheckPath") || txt(tg, "HealthCheckProtocol")}`),
    body);
}

// ---- CloudWatch alarms ---------------------------------------------------------------------

// The alarm list refreshes in place; an alarm's history, once opened, stays below it.
async function alarmsPage() {
  try {
    const answer = await api("cloudwatch", "DescribeAlarms", { MaxRecords: "100" });
    const rows = list(answer, "MetricAlarms").map((a) => {
      const name = txt(a, "AlarmName");
      return el("tr", { "data-alarm": name },
        el("td", { class: "text" }, name), stateCell(txt(a, "StateValue")),
        el("td", {}, `${txt(a, "Namespace")} ${txt(a, "MetricName")}`),
        el("td", {}, `${txt(a, "Statistic")} ${txt(a, "ComparisonOperator")} ${txt(a, "Threshold")}`),
        el("td", { class: "text" }, txt(a, "StateReason")), el("td", {}, txt(a, "StateUpdatedTimestamp")),
        el("td", { class: "actions" }, el("button", {
          type: "button", "data-action": "history", "aria-label": `History of ${name}`, onclick: () => showHistory(name),
        }, "History")));
    });
    const listing = el("div", { id: "alarmList" },
      table(["Name", "State", "Metric", "Condition", "Reason", "Updated", ""], rows, "No alarms."));
    showListing(listing);
  } catch (e) {
    failed(e);
  }
}

async function showHistory(name) {
  let items;
  try {
    items = list(await api("cloudwatch", "DescribeAlarmHistory", { AlarmName: name, MaxRecords: "50" }), "AlarmHistoryItems");
  } catch (e) {
    flash(e.message);
    return;
  }
  const panel = el("section", { class: "card", id: "historyPanel", "aria-label": `History of ${name}` },
    el("h2", { tabindex: "-1" }, `History of ${name}`),
    table(["Time", "Type", "Summary"], items.map((h) => el("tr", {},
      el("td", {}, txt(h, "Timestamp")), el("td", {}, txt(h, "HistoryItemType")),
      el("td", { class: "text" }, txt(h, "HistorySummary")))), "No history."),
    el("button", { type: "button", onclick: () => panel.remove() }, "Close"));
  openPanel(panel, "h2");
}

// ---- Match day: the closed loop on one screen ----------------------------------------------
// Requests/s and response times through a load balancer (CloudWatch's AWS/ApplicationELB
// 1-second data), its healthy targets, an Auto Scaling group's desired and in-service capacity,
// the alarms' states and the group's scaling activities, on one shared time axis that moves
// every second. Capacity, targets and alarm states are sampled by the page each second.

const MD_SPAN = 120; // seconds shown
const md = { key: null, samples: [] };

function svg(tag, attrs, ...children) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function option(value, label, selected) {
  return el("option", { value, selected }, label);
}

async function matchDayPage() {
  try {
    if (!$("mdControls")) {
      const [lbs, groups] = await Promise.all([
        api("elbv2", "DescribeLoadBalancers"), api("autoscaling", "DescribeAutoScalingGroups")]);
      if (state.route !== "#/match-day") return; // left before it was drawn
      const lbChoices = list(lbs, "LoadBalancers").filter((b) => txt(b, "Type") === "application")
        .map((b) => option(txt(b, "LoadBalancerArn"), txt(b, "LoadBalancerName")));
      const groupChoices = list(groups, "AutoScalingGroups")
        .map((g) => option(txt(g, "AutoScalingGroupName"), txt(g, "AutoScalingGroupName")));
      const controls = el("form", { class: "toolbar card", id: "mdControls", "aria-label": "What the view follows" },
        el("label", {}, "Load balancer", el("select", { id: "mdLb" }, lbChoices)),
        el("label", {}, "Auto Scaling group", el("select", { id: "mdGroup" }, groupChoices)),
        el("span", { class: "muted", id: "mdClock", "aria-live": "off" }, ""));
      controls.addEventListener("submit", (ev) => ev.preventDefault());
      controls.addEventListener("change", () => matchDayPage());
      show(controls, el("div", { id: "mdLive" }, el("p", { class: "muted" }, "Loading…")));
    }
    const lbArn = $("mdLb").value;
    const group = $("mdGroup").value;
    const key = `${lbArn} ${group}`;
    if (md.key !== key) md.samples = [];
    md.key = key;
    const live = await matchDayData(lbArn, group);
    if (md.key !== key || !$("mdLive")) return; // the choice changed while this one was read
    md.samples.push(live.sample);
    md.samples = md.samples.filter((s) => s.t > live.now - MD_SPAN);
    $("mdLive").replaceWith(matchDayView(live));
    $("mdClock").textContent = `Updated ${new Date(live.now * 1000).toLocaleTimeString()}`;
  } catch (e) {
    failed(e);
  }
}

// Everything the view needs, read at once.
async function matchDayData(lbArn, group) {
  const now = Date.now() / 1000;
  const lbDim = lbArn.split(":loadbalancer/")[1] || "";
  const metric = (id, name, stat) => ({
    [`MetricDataQueries.member.${id}.Id`]: `m${id}`,
    [`MetricDataQueries.member.${id}.MetricStat.Metric.Namespace`]: "AWS/ApplicationELB",
    [`MetricDataQueries.member.${id}.MetricStat.Metric.MetricName`]: name,
    [`MetricDataQueries.member.${id}.MetricStat.Metric.Dimensions.member.1.Name`]: "LoadBalancer",
    [`MetricDataQueries.member.${id}.MetricStat.Metric.Dimensions.member.1.Value`]: lbDim,
    [`MetricDataQueries.member.${id}.MetricStat.Period`]: "1",
    [`MetricDataQueries.member.${id}.MetricStat.Stat`]: stat,
  });
  const none = Promise.resolve(null);
  const [data, groups, tgs, alarms, acts] = await Promise.all([
    lbArn ? api("cloudwatch", "GetMetricData", {
      ...metric(1, "RequestCount", "Sum"), ...metric(2, "TargetResponseTime", "p50"),
      ...metric(3, "TargetResponseTime", "p99"),
      StartTime: isoSeconds(now - MD_SPAN), EndTime: isoSeconds(now + 1), ScanBy: "TimestampAscending",
    }) : none,
    group ? api("autoscaling", "DescribeAutoScalingGroups", { "AutoScalingGroupNames.member.1": group }) : none,
    lbArn ? api("elbv2", "DescribeTargetGroups", { LoadBalancerArn: lbArn }) : none,
    api("cloudwatch", "DescribeAlarms", { MaxRecords: "100" }),
    group ? api("autoscaling", "DescribeScalingActivities", { AutoScalingGroupName: group, MaxRecords: "20" }) : none,
  ]);
  const series = {};
  for (const r of data ? list(data, "MetricDataResults") : []) series[txt(r, "Id")] = seriesOf(r);
  const healths = await Promise.all((tgs ? list(tgs, "TargetGroups") : []).map((tg) =>
    api("elbv2", "DescribeTargetHealth", { TargetGroupArn: txt(tg, "TargetGroupArn") })
      .then((h) => list(h, "TargetHealthDescriptions").map((d) => ({
        group: txt(tg, "TargetGroupName"), id: txt(d, "Target/Id"), state: txt(d, "TargetHealth/State"),
        reason: txt(d, "TargetHealth/Reason"),
      })))));
  const targets = healths.flat();
  const g = groups ? list(groups, "AutoScalingGroups")[0] : null;
  const instances = g ? list(g, "Instances").map((i) => ({
    id: txt(i, "InstanceId"), lifecycle: txt(i, "LifecycleState"), health: txt(i, "HealthStatus"),
    zone: txt(i, "AvailabilityZone"),
  })) : [];
  const alarmList = list(alarms, "MetricAlarms").map((a) => ({
    name: txt(a, "AlarmName"), state: txt(a, "StateValue"), reason: txt(a, "StateReason"),
    metric: `${txt(a, "MetricName")} ${txt(a, "ComparisonOperator")} ${txt(a, "Threshold")}`,
  }));
  const activities = acts ? list(acts, "Activities").map((a) => ({
    t: Date.parse(txt(a, "StartTime")) / 1000, status: txt(a, "StatusCode"), description: txt(a, "Description"),
    cause: txt(a, "Cause"),
  })) : [];
  const latest = (id) => {
    const s = series[id] || [];
    const last = s[s.length - 1];
    return last && last[0] > now - 5 ? last[1] : null;
  };
  const sample = {
    t: now,
    desired: g ? Number(txt(g, "DesiredCapacity")) : 0,
    inService: instances.filter((i) => i.lifecycle === "InService").length,
    healthy: targets.filter((t) => t.state === "healthy").length,
    alarms: Object.fromEntries(alarmList.map((a) => [a.name, a.state])),
  };
  return {
    now, series, targets, instances, alarms: alarmList, activities, sample, group: g,
    rps: latest("m1") || 0, p50: latest("m2"), p99: latest("m3"),
    min: g ? txt(g, "MinSize") : "", max: g ? txt(g, "MaxSize") : "",
  };
}

function statCard(id, label, value, detail) {
  return el("div", { class: "stat card", id, "data-value": value },
    el("span", { class: "stat-label" }, label), el("span", { class: "stat-value" }, value),
    el("span", { class: "muted" }, detail || ""));
}

const ms = (seconds) => (seconds === null || seconds === undefined ? "–" : `${(seconds * 1000).toFixed(1)} ms`);

function matchDayView(v) {
  const inAlarm = v.alarms.filter((a) => a.state === "ALARM");
  const stats = el("div", { class: "stats" },
    statCard("mdRps", "Requests/s", Math.round(v.rps), "through the load balancer"),
    statCard("mdP50", "Response p50", ms(v.p50), `p99 ${ms(v.p99)}`),
    statCard("mdHealthy", "Healthy targets", v.sample.healthy, `of ${v.targets.length} registered`),
    statCard("mdDesired", "Desired capacity", v.sample.desired, `min ${v.min} · max ${v.max}`),
    statCard("mdInService", "In service", v.sample.inService, `${v.instances.length} in the group`),
    statCard("mdAlarms", "Alarms firing", inAlarm.length, inAlarm.map((a) => a.name).join(", ") || `of ${v.alarms.length}`));
  const instances = table(["Instance", "Lifecycle", "Health", "Zone", "Target health"], v.instances.map((i) => {
    const t = v.targets.find((x) => x.id === i.id);
    return el("tr", { "data-instance-id": i.id }, el("td", { class: "id" }, i.id), stateCell(i.lifecycle),
      stateCell(i.health), el("td", {}, i.zone), t ? stateCell(t.state) : el("td", {}, "not registered"));
  }), "No instances in the group.");
  const alarms = table(["Alarm", "State", "Condition", "Reason"], v.alarms.map((a) => el("tr", { "data-alarm": a.name },
    el("td", { class: "text" }, a.name), stateCell(a.state), el("td", { class: "text" }, a.metric),
    el("td", { class: "text" }, a.reason))), "No alarms.");
  const activities = table(["Start", "Status", "Description", "Cause"], v.activities.slice(0, 8).map((a) => el("tr", {},
    el("td", {}, new Date(a.t * 1000).toLocaleTimeString()), stateCell(a.status),
    el("td", { class: "text" }, a.description), el("td", { class: "text" }, a.cause))), "No scaling activity yet.");
  return el("div", { id: "mdLive" }, stats,
    el("section", { class: "card" }, el("h2", {}, `The last ${MD_SPAN} seconds`), matchDayChart(v)),
    el("div", { class: "columns" },
      el("section", { class: "card", "aria-label": "Group instances" }, el("h2", {}, "Instances"), instances),
      el("section", { class: "card", "aria-label": "Alarms" }, el("h2", {}, "Alarms"), alarms)),
    el("section", { class: "card", "aria-label": "Scaling activities" }, el("h2", {}, "Scaling activities"), activities));
}

// Three lanes on one time axis: traffic (requests/s, p99), capacity (desired, in service,
// healthy targets) and the alarms' states; every scaling activity is a line across all three.
function matchDayChart(v) {
  const W = 1200, left = 150, right = 1180, end = v.now;
  const x = (t) => left + ((t - (end - MD_SPAN)) / MD_SPAN) * (right - left);
  const shown = (t) => t >= end - MD_SPAN && t <= end;
  const alarmNames = v.alarms.map((a) => a.name).slice(0, 6);
  const lanes = { traffic: [10, 130], capacity: [150, 250], alarms: [270, 270 + 18 * Math.max(alarmNames.length, 1)] };
  const H = lanes.alarms[1] + 30;
  const parts = [];
  const label = (y, text, cls) => svg("text", { x: 8, y, class: cls || "axis" }, text);
  const frame = ([top, bottom]) => svg("rect", { x: left, y: top, width: right - left, height: bottom - top, class: "lane" });
  const line = (points, cls) => svg("polyline", { points: points.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(" "), class: cls });
  // Traffic.
  const rc = (v.series.m1 || []).filter(([t]) => shown(t));
  const p99 = (v.series.m3 || []).filter(([t]) => shown(t));
  const maxRps = Math.max(10, ...rc.map(([, n]) => n));
  const maxLat = Math.max(0.001, ...p99.map(([, n]) => n));
  const [tt, tb] = lanes.traffic;
  parts.push(frame(lanes.traffic), label(tt + 14, "requests/s"), label(tt + 30, `max ${Math.round(maxRps)}`, "axis muted"),
    label(tt + 50, "p99", "axis p99"), label(tt + 66, `max ${ms(maxLat)}`, "axis muted"));
  for (const [t, n] of rc) {
    const h = (n / maxRps) * (tb - tt - 4);
    parts.push(svg("rect", { x: x(t) - 3.5, y: tb - h, width: 7, height: h, class: "bar" }, svg("title", {}, `${n} requests`)));
  }
  if (p99.length > 1) parts.push(line(p99.map(([t, n]) => [x(t), tb - (n / maxLat) * (tb - tt - 4)]), "p99"));
  // Capacity, sampled by the page.
  const [ct, cb] = lanes.capacity;
  const maxCap = Math.max(2, ...md.samples.map((s) => Math.max(s.desired, s.inService, s.healthy)), Number(v.max) || 0);
  const cy = (n) => cb - (n / maxCap) * (cb - ct - 6);
  parts.push(frame(lanes.capacity), label(ct + 14, "capacity"), label(ct + 32, "desired", "axis desired"),
    label(ct + 50, "in service", "axis inservice"), label(ct + 68, "healthy targets", "axis healthy"));
  const samples = md.samples.filter((s) => shown(s.t));
  for (const [k, cls] of [["desired", "desired"], ["inService", "inservice"], ["healthy", "healthy"]]) {
    const pts = [];
    samples.forEach((s, i) => {
      if (i) pts.push([x(s.t), cy(samples[i - 1][k])]);
      pts.push([x(s.t), cy(s[k])]);
    });
    if (pts.length > 1) parts.push(line(pts, cls));
  }
  // Alarm states: one strip per alarm, coloured by state second by second.
  alarmNames.forEach((name, row) => {
    const y = lanes.alarms[0] + row * 18;
    parts.push(svg("text", { x: 8, y: y + 13, class: "axis" }, name.length > 20 ? `${name.slice(0, 19)}…` : name,
      svg("title", {}, name)));
    samples.forEach((s, i) => {
      const next = samples[i + 1] ? samples[i + 1].t : end;
      const st = s.alarms[name];
      if (!st) return;
      parts.push(svg("rect", { x: x(s.t), y: y + 2, width: Math.max(1, x(next) - x(s.t)), height: 14,
        class: `band band-${st.replace(/[^A-Za-z_]/g, "")}` }));
    });
  });
  // Scaling activities across every lane.
  for (const a of v.activities.filter((a) => shown(a.t))) {
    parts.push(svg("line", { x1: x(a.t), x2: x(a.t), y1: tt, y2: lanes.alarms[1], class: "activity" },
      svg("title", {}, `${new Date(a.t * 1000).toLocaleTimeString()} ${a.description}`)));
  }
  // The shared time axis.
  for (let s = MD_SPAN; s >= 0; s -= 30) {
    parts.push(svg("text", { x: x(end - s), y: H - 8, class: "axis", "text-anchor": "middle" }, s ? `−${s} s` : "now"));
  }
  const summary = `Requests per second ${Math.round(v.rps)}, desired capacity ${v.sample.desired}, `
    + `${v.sample.inService} in service, ${v.sample.healthy} healthy targets, `
    + `${v.alarms.filter((a) => a.state === "ALARM").length} alarms firing`;
  return svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", id: "mdChart", role: "img", "aria-label": summary },
    svg("title", {}, summary), parts);
}

// ---- CloudWatch metrics: any metric, 1-second data, live ----------------------------------

const METRIC_SPAN = 300; // seconds shown
const metrics = { list: [] };

function metricLabel(m) {
  const dims = m.dims.map(([k, v]) => `${k}=${v}`).join(", ");
  return `${m.namespace} · ${m.name}${dims ? ` · ${dims}` : ""}`;
}

async function metricsPage() {
  try {
    if (!$("metricControls")) {
      const r = await api("cloudwatch", "ListMetrics");
      if (state.route !== "#/metrics") return; // left before it was drawn
      metrics.list = list(r, "Metrics").map((m) => ({
        namespace: txt(m, "Namespace"), name: txt(m, "MetricName"),
        dims: list(m, "Dimensions").map((d) => [txt(d, "Name"), txt(d, "Value")]),
      })).sort((a, b) => metricLabel(a).localeCompare(metricLabel(b)));
      const controls = el("form", { class: "toolbar card", id: "metricControls", "aria-label": "Which metric" },
        el("label", { class: "grow" }, "Metric", el("select", { id: "metricChoice" },
          metrics.list.map((m, i) => option(String(i), metricLabel(m))))),
        el("label", {}, "Statistic", el("select", { id: "metricStat" },
          ["Average", "Sum", "Maximum", "Minimum", "SampleCount", "p99"].map((s) => option(s, s)))));
      controls.addEventListener("submit", (ev) => ev.preventDefault());
      controls.addEventListener("change", () => metricsPage());
      show(controls, el("div", { id: "metricLive" }, metrics.list.length ? "" : el("p", { class: "empty" }, "No metrics yet.")));
    }
    const m = metrics.list[Number($("metricChoice").value)];
    if (!m) return;
    const stat = $("metricStat").value;
    const now = Date.now() / 1000;
    const q = "MetricDataQueries.member.1.";
    const params = {
      [`${q}Id`]: "m", [`${q}MetricStat.Metric.Namespace`]: m.namespace, [`${q}MetricStat.Metric.MetricName`]: m.name,
      [`${q}MetricStat.Period`]: "1", [`${q}MetricStat.Stat`]: stat, ScanBy: "TimestampAscending",
      StartTime: isoSeconds(now - METRIC_SPAN), EndTime: isoSeconds(now + 1),
    };
    m.dims.forEach(([k, v], i) => {
      params[`${q}MetricStat.Metric.Dimensions.member.${i + 1}.Name`] = k;
      params[`${q}MetricStat.Metric.Dimensions.member.${i + 1}.Value`] = v;
    });
    const r = list(await api("cloudwatch", "GetMetricData", params), "MetricDataResults")[0];
    if (!$("metricLive") || metrics.list[Number($("metricChoice").value)] !== m || $("metricStat").value !== stat) return;
    const points = seriesOf(r);
    const last = points[points.length - 1];
    $("metricLive").replaceWith(el("div", { id: "metricLive" },
      el("div", { class: "stats" },
        statCard("metricLatest", `Latest ${stat}`, last ? String(last[1]) : "–",
          last ? new Date(last[0] * 1000).toLocaleTimeString() : "no data in the last 5 minutes"),
        statCard("metricPoints", "Datapoints", points.length, `1-second periods, last ${METRIC_SPAN / 60} minutes`)),
      el("section", { class: "card" }, el("h2", {}, metricLabel(m)), metricChart(points, now, `${metricLabel(m)} ${stat}`))));
  } catch (e) {
    failed(e);
  }
}

function isoSeconds(t) {
  return new Date(Math.floor(t) * 1000).toISOString().replace(/\.\d+Z$/, "Z");
}

// A GetMetricData result as [[unix seconds, value]], oldest first.
function seriesOf(r) {
  const ts = list(r, "Timestamps").map((t) => Date.parse(t.textContent) / 1000);
  const vs = list(r, "Values").map((v) => Number(v.textContent));
  return ts.map((t, i) => [t, vs[i]]).sort((a, b) => a[0] - b[0]);
}

function metricChart(points, end, title) {
  const W = 1200, H = 260, left = 70, right = 1180, top = 10, bottom = 220;
  const x = (t) => left + ((t - (end - METRIC_SPAN)) / METRIC_SPAN) * (right - left);
  const lo = Math.min(0, ...points.map(([, v]) => v)), hi = Math.max(1, ...points.map(([, v]) => v));
  const y = (v) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
  const parts = [svg("rect", { x: left, y: top, width: right - left, height: bottom - top, class: "lane" }),
    svg("text", { x: left - 6, y: top + 12, class: "axis", "text-anchor": "end" }, String(hi)),
    svg("text", { x: left - 6, y: bottom, class: "axis", "text-anchor": "end" }, String(lo))];
  if (points.length > 1) {
    parts.push(svg("polyline", { class: "metric", points: points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(" ") }));
  }
  for (const [t, v] of points) {
    parts.push(svg("circle", { cx: x(t), cy: y(v), r: 2.5, class: "point" }, svg("title", {}, `${new Date(t * 1000).toLocaleTimeString()}: ${v}`)));
  }
  for (let s = METRIC_SPAN; s >= 0; s -= 60) {
    parts.push(svg("text", { x: x(end - s), y: H - 14, class: "axis", "text-anchor": "middle" }, s ? `−${s / 60} min` : "now"));
  }
  return svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", id: "metricChart", role: "img", "aria-label": title },
    svg("title", {}, title), parts);
}

// ---- CloudWatch alarm history --------------------------------------------------------------

async function alarmHistoryPage() {
  try {
    const items = list(await api("cloudwatch", "DescribeAlarmHistory", { HistoryItemType: "StateUpdate", MaxRecords: "100" }), "AlarmHistoryItems");
    show(el("section", { class: "card" }, table(["Time", "Alarm", "Summary"], items.map((h) => el("tr", { "data-alarm": txt(h, "AlarmName") },
      el("td", {}, txt(h, "Timestamp")), el("td", { class: "text" }, txt(h, "AlarmName")),
      el("td", { class: "text" }, txt(h, "HistorySummary")))), "No state changes yet.")));
  } catch (e) {
    failed(e);
  }
}

// ---- SNS topics and subscriptions ----------------------------------------------------------

// An SNS attribute map (`entry` elements of `key` and `value`) as an object.
function entries(node, path) {
  return Object.fromEntries(list(node, path).map((e) => [txt(e, "key"), txt(e, "value")]));
}

async function snsPage() {
  try {
    const [topics, subs] = await Promise.all([api("sns", "ListTopics"), api("sns", "ListSubscriptions")]);
    const subscriptions = list(subs, "Subscriptions");
    const cards = await Promise.all(list(topics, "Topics").map(async (t) => {
      const arn = txt(t, "TopicArn");
      const attrs = entries(await api("sns", "GetTopicAttributes", { TopicArn: arn }), "Attributes");
      const rows = subscriptions.filter((s) => txt(s, "TopicArn") === arn).map((s) => el("tr", {},
        el("td", {}, txt(s, "Protocol")), el("td", { class: "text" }, txt(s, "Endpoint")),
        el("td", { class: "text" }, txt(s, "SubscriptionArn"))));
      return el("section", { class: "card", "data-topic": arn, "aria-label": `Topic ${arn}` },
        el("h2", {}, arn.split(":").pop()),
        el("p", { class: "muted text" }, `${arn} · display name “${attrs.DisplayName || ""}” · `
          + `${attrs.SubscriptionsConfirmed || 0} confirmed, ${attrs.SubscriptionsPending || 0} pending`),
        table(["Protocol", "Endpoint", "Subscription"], rows, "No subscriptions."));
    }));
    show(cards.length ? cards : el("p", { class: "empty" }, "No topics."));
  } catch (e) {
    failed(e);
  }
}

// ---- IAM users, groups and policies --------------------------------------------------------

async function iamPage() {
  try {
    const [users, groups, policies] = await Promise.all([
      api("iam", "ListUsers"), api("iam", "ListGroups"), api("iam", "ListPolicies", { Scope: "Local" })]);
    const userRows = await Promise.all(list(users, "Users").map(async (u) => {
      const name = txt(u, "UserName");
      const [inGroups, attached] = await Promise.all([
        api("iam", "ListGroupsForUser", { UserName: name }), api("iam", "ListAttachedUserPolicies", { UserName: name })]);
      return el("tr", { "data-user": name }, el("td", { class: "text" }, name), el("td", { class: "text" }, txt(u, "Arn")),
        el("td", { class: "tags" }, list(inGroups, "Groups").map((g) => el("span", { class: "tag" }, txt(g, "GroupName")))),
        el("td", { class: "tags" }, list(attached, "AttachedPolicies").map((p) => el("span", { class: "tag" }, txt(p, "PolicyName")))),
        el("td", {}, txt(u, "CreateDate")));
    }));
    const groupRows = await Promise.all(list(groups, "Groups").map(async (g) => {
      const name = txt(g, "GroupName");
      const members = list(await api("iam", "GetGroup", { GroupName: name }), "Users");
      return el("tr", { "data-group": name }, el("td", { class: "text" }, name), el("td", { class: "text" }, txt(g, "Arn")),
        el("td", { class: "tags" }, members.map((m) => el("span", { class: "tag" }, txt(m, "UserName")))));
    }));
    const policyRows = list(policies, "Policies").map((p) => el("tr", { "data-policy": txt(p, "PolicyName") },
      el("td", { class: "text" }, txt(p, "PolicyName")), el("td", { class: "text" }, txt(p, "Arn")),
      el("td", {}, txt(p, "AttachmentCount")), el("td", { class: "text" }, txt(p, "Description"))));
    show(
      el("section", { class: "card", "aria-label": "Users" }, el("h2", {}, "Users"),
        table(["User", "ARN", "Groups", "Attached policies", "Created"], userRows, "No users.")),
      el("section", { class: "card", "aria-label": "Groups" }, el("h2", {}, "Groups"),
        table(["Group", "ARN", "Members"], groupRows, "No groups.")),
      el("section", { class: "card", "aria-label": "Policies" }, el("h2", {}, "Customer managed policies"),
        table(["Policy", "ARN", "Attachments", "Description"], policyRows, "No policies.")));
  } catch (e) {
    failed(e);
  }
}

// ---- CloudFormation stacks and their events ------------------------------------------------

async function stacksPage() {
  try {
    const stacks = list(await api("cloudformation", "DescribeStacks"), "Stacks");
    const rows = stacks.map((s) => {
      const name = txt(s, "StackName");
      return el("tr", { "data-stack": name }, el("td", { class: "text" }, name), stateCell(txt(s, "StackStatus")),
        el("td", { class: "text" }, txt(s, "Description")), el("td", {}, txt(s, "CreationTime")),
        el("td", { class: "text" }, txt(s, "StackStatusReason")),
        el("td", { class: "actions" }, el("button", {
          type: "button", "data-action": "events", "aria-label": `Events of ${name}`, onclick: () => showEvents(name),
        }, "Events")));
    });
    const listing = el("div", { id: "stackList" },
      table(["Stack", "Status", "Description", "Created", "Reason", ""], rows, "No stacks."));
    showListing(listing);
  } catch (e) {
    failed(e);
  }
}

// A stack's events, oldest first, as a timeline of each resource's steps.
async function showEvents(name) {
  let events;
  try {
    events = list(await api("cloudformation", "DescribeStackEvents", { StackName: name }), "StackEvents").reverse();
  } catch (e) {
    flash(e.message);
    return;
  }
  const t0 = events.length ? Date.parse(txt(events[0], "Timestamp")) : 0;
  const panel = el("section", { class: "card", id: "eventsPanel", "aria-label": `Events of ${name}` },
    el("h2", { tabindex: "-1" }, `Events of ${name}`),
    el("ol", { class: "timeline" }, events.map((e) => el("li", { "data-status": txt(e, "ResourceStatus") },
      el("span", { class: "when" }, `+${((Date.parse(txt(e, "Timestamp")) - t0) / 1000).toFixed(1)} s`),
      el("span", { class: `state state-${txt(e, "ResourceStatus").replace(/[^A-Za-z_-]/g, "")}` }, txt(e, "ResourceStatus")),
      el("span", { class: "text" }, ` ${txt(e, "LogicalResourceId")} (${txt(e, "ResourceType")})`),
      txt(e, "ResourceStatusReason") ? el("span", { class: "muted text" }, ` — ${txt(e, "ResourceStatusReason")}`) : null))),
    el("button", { type: "button", onclick: () => panel.remove() }, "Close"));
  openPanel(panel, "h2");
}

// ---- RDS DB instances ----------------------------------------------------------------------

async function rdsPage() {
  try {
    const dbs = list(await api("rds", "DescribeDBInstances"), "DBInstances");
    show(el("section", { class: "card" }, table(["DB instance", "Status", "Engine", "Class", "Endpoint", "Storage", "Multi-AZ", "Tags"],
      dbs.map((d) => el("tr", { "data-db": txt(d, "DBInstanceIdentifier") },
        el("td", { class: "text" }, txt(d, "DBInstanceIdentifier")), stateCell(txt(d, "DBInstanceStatus")),
        el("td", {}, `${txt(d, "Engine")} ${txt(d, "EngineVersion")}`), el("td", {}, txt(d, "DBInstanceClass")),
        el("td", { class: "text" }, txt(d, "Endpoint/Address") ? `${txt(d, "Endpoint/Address")}:${txt(d, "Endpoint/Port")}` : ""),
        el("td", {}, `${txt(d, "AllocatedStorage")} GiB`), el("td", {}, txt(d, "MultiAZ")),
        el("td", { class: "tags" }, list(d, "TagList").map((t) => el("span", { class: "tag" }, `${txt(t, "Key")}=${txt(t, "Value")}`))))),
      "No DB instances.")));
  } catch (e) {
    failed(e);
  }
}

// ---- Start ---------------------------------------------------------------------------------

async function start() {
  $("signin").addEventListener("submit", signIn);
  for (const r of document.querySelectorAll("input[name=kind]")) r.addEventListener("change", kindChanged);
  $("signout").addEventListener("click", signOut);
  window.addEventListener("hashchange", route);
  const r = await fetch("/console/api/session", { credentials: "same-origin" });
  const who = r.ok ? await r.json() : {};
  if (who.signedIn) signedIn(who);
  else signedOut("");
}

document.addEventListener("DOMContentLoaded", start);
