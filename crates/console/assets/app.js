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

// The `item` / `member` elements of a list at `path`.
function list(node, path) {
  const n = at(node, path);
  return n ? Array.from(n.children).filter((c) => c.localName === "item" || c.localName === "member") : [];
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
  "#/instances": ["Instances", instancesPage],
  "#/groups": ["Auto Scaling groups", groupsPage],
  "#/balancers": ["Load balancers", balancersPage],
  "#/alarms": ["Alarms", alarmsPage],
};

function stopTimer() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

async function route() {
  if (!state.csrf) return;
  const hash = PAGES[location.hash] ? location.hash : "#/instances";
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
  state.renderMs = performance.now() - t0; // read by the browser tests
  // Live pages refresh themselves, but not while someone is typing in a field or has the
  // keyboard on a row's button (the list would be replaced under them).
  state.timer = setInterval(() => { if (!busy()) render(); }, 5000);
}

// Is the keyboard on a control the next refresh would replace? (Pages that refresh only their
// list keep it in #instanceList / #alarmList; the others redraw all of #content.)
function busy() {
  const a = document.activeElement;
  const replaced = $("instanceList") || $("alarmList") || $("content");
  return !!a && !!replaced && replaced.contains(a) && a.matches("input, select, textarea, button");
}

// Replace the page's content with `nodes`, once they are ready.
function show(...nodes) {
  const c = $("content");
  if (!c) return;
  clear(c);
  append(c, nodes);
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
  const tags = list(i, "tagSet").map((t) => [txt(t, "key"), txt(t, "value")]);
  const name = (tags.find(([k]) => k === "Name") || ["", ""])[1];
  const buttons = INSTANCE_ACTIONS.filter(([, , , ok]) => ok(st)).map(([key, label, action]) =>
    el("button", {
      type: "button", class: key === "terminate" ? "danger" : "", "data-action": key,
      "aria-label": `${label} ${id}`, onclick: (ev) => instanceAction(ev.currentTarget, id, label, action),
    }, label));
  return el("tr", { "data-instance-id": id },
    el("td", { class: "text" }, name),
    el("td", { class: "id" }, id),
    stateCell(st),
    el("td", {}, txt(i, "instanceType")),
    el("td", { class: "id" }, txt(i, "imageId")),
    el("td", {}, txt(i, "privateIpAddress")),
    el("td", {}, txt(i, "ipAddress")),
    el("td", { class: "tags" }, tags.map(([k, v]) => el("span", { class: "tag" }, `${k}=${v}`))),
    el("td", { class: "actions" }, buttons,
      el("button", { type: "button", "data-action": "output", "aria-label": `Console output of ${id}`,
        onclick: () => showOutput(id) }, "Output")));
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
  const old = $("outputPanel");
  if (old) old.replaceWith(panel);
  else $("content").appendChild(panel);
  panel.querySelector("pre").focus();
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
    if ($("alarmList")) $("alarmList").replaceWith(listing);
    else show(listing);
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
  const old = $("historyPanel");
  if (old) old.replaceWith(panel);
  else $("content").appendChild(panel);
  panel.querySelector("h2").focus();
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
