"""The web console in a real browser: headless Chromium (Debian's, through chromedriver and
selenium) against a real daemon. Sign-in with an IAM user's login profile, the instance list,
launching from the console, IAM refusing a read-only user, escaping, CSRF and sign-out.
Screenshots of each page go to the test run's tmp directory (`console-shots*`)."""

from __future__ import annotations

import json
import shutil
import time
import urllib.error
import urllib.request

import pytest

import hg

try:
    from selenium import webdriver
    from selenium.common.exceptions import (
        NoAlertPresentException, NoSuchElementException, StaleElementReferenceException)
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
    SELENIUM_ERROR = None
except ImportError as e:  # reported by the `browser` fixture: a missing client fails, never skips
    SELENIUM_ERROR = e

ADMIN, ADMIN_PASSWORD = "operator", "Match-day-2026!"
VIEWER, VIEWER_PASSWORD = "viewer", "Look-but-dont-touch-1"
ROOKIE, ROOKIE_FIRST, ROOKIE_NEW = "rookie", "Given-by-the-admin-1", "Chosen-by-me-2026"
HOSTILE = "<img src=x onerror=alert(1)>"
VPC_CIDR = "10.213.0.0/16"


@pytest.fixture(scope="module")
def kg(region, tmp_path_factory):
    """The region with KG-Ami, an operator and a read-only viewer who both have passwords."""
    bundle = hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami"))
    region.ami = region.aws("ec2", "register-image", "--name", "KG-Ami", "--image-location", str(bundle))["ImageId"]
    region.ec2 = region.client("ec2")
    # A VPC of the module's own: its instances serve at 127.213.x.y, clear of the default
    # VPC's 127.31.x.y that other regions' instances use.
    vpc = region.ec2.create_vpc(CidrBlock=VPC_CIDR)["Vpc"]["VpcId"]
    region.vpc = vpc
    region.subnets = [region.ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.213.{n}.0/24",
                                               AvailabilityZone=f"{region.region_name}{z}")["Subnet"]["SubnetId"]
                      for n, z in ((1, "a"), (2, "b"))]
    iam = region.client("iam")
    region.make_user(ADMIN, inline={"ops": hg.policy(hg.allow(
        ["ec2:*", "autoscaling:*", "elasticloadbalancing:*", "cloudwatch:*"]))})
    iam.create_login_profile(UserName=ADMIN, Password=ADMIN_PASSWORD)
    region.make_user(VIEWER, inline={"read": hg.policy(hg.allow("ec2:Describe*"))})
    iam.create_login_profile(UserName=VIEWER, Password=VIEWER_PASSWORD)
    region.make_user(ROOKIE, inline={"read": hg.policy(hg.allow("ec2:Describe*"))})
    iam.create_login_profile(UserName=ROOKIE, Password=ROOKIE_FIRST, PasswordResetRequired=True)
    return region


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("console-shots")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if SELENIUM_ERROR is not None:
        pytest.fail(f"selenium cannot be imported ({SELENIUM_ERROR}): pip install -r tests/requirements.txt",
                    pytrace=False)
    chromium, driver_bin = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_bin:
        pytest.fail("chromium and chromedriver are needed (apt-get install chromium chromium-driver)", pytrace=False)
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1280,900", "--no-first-run", "--disable-extensions",
              f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(a)
    service = webdriver.ChromeService(executable_path=driver_bin,
                                      log_output=str(tmp_path_factory.mktemp("chromedriver") / "log"))
    driver = webdriver.Chrome(options=opts, service=service)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            if service.process and service.process.poll() is None:
                service.process.kill()


def wait(driver, pred, timeout=20, what="the page"):
    # Pages refresh themselves: an element found a moment ago may have been replaced since.
    return WebDriverWait(driver, timeout, poll_frequency=0.1,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
        lambda d: pred(d), message=f"waiting for {what}")


def sign_in(driver, kg, user, password):
    driver.get(f"{kg.endpoint}/console")
    form = wait(driver, lambda d: d.find_element(By.ID, "signin").is_displayed() and d.find_element(By.ID, "signin"),
                what="the sign-in form")
    form.find_element(By.ID, "userName").clear()
    form.find_element(By.ID, "userName").send_keys(user)
    form.find_element(By.ID, "password").send_keys(password)
    form.find_element(By.ID, "signinButton").click()


def signed_in_as(driver, user):
    wait(driver, lambda d: d.find_element(By.ID, "who").text.startswith(user), what=f"{user} signed in")


def instance_row(driver, iid):
    rows = driver.find_elements(By.CSS_SELECTOR, f'tr[data-instance-id="{iid}"]')
    return rows[0] if rows else None


def flash_text(driver):
    f = driver.find_element(By.ID, "flash")
    return f.text if f.is_displayed() else ""


RENDER_MS: dict[str, float] = {}


def go(driver, hash_, marker):
    driver.execute_script("state.renderMs = null")
    driver.find_element(By.CSS_SELECTOR, f'#nav a[href="{hash_}"]').click()
    wait(driver, lambda d: marker(d), what=hash_)
    # From the click to the page drawn with its data (every API call it needs answered).
    RENDER_MS[hash_] = wait(driver, lambda d: d.execute_script("return state.renderMs"), what="the render time")


def no_horizontal_scroll(driver):
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def console_post(kg, path, body, cookie=None, csrf=None, content_type="application/json"):
    headers = {"content-type": content_type}
    if cookie:
        headers["cookie"] = f"hg_console={cookie}"
    if csrf:
        headers["x-csrf-token"] = csrf
    req = urllib.request.Request(f"{kg.endpoint}{path}", data=json.dumps(body).encode(), headers=headers,
                                 method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def launch(kg, name, **tags):
    tag_list = [{"Key": "Name", "Value": name}] + [{"Key": k, "Value": v} for k, v in tags.items()]
    return kg.ec2.run_instances(ImageId=kg.ami, InstanceType="t2.micro", MinCount=1, MaxCount=1,
                                SubnetId=kg.subnets[0], TagSpecifications=[{"ResourceType": "instance", "Tags": tag_list}])["Instances"][0][
        "InstanceId"]


def wait_state(kg, iid, want, timeout=30.0):
    def state():
        i = kg.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        return i["State"]["Name"] == want
    hg.wait_until(state, timeout=timeout, interval=0.2, what=f"{iid} {want}")


# ---- the tests, in the order a person would go --------------------------------------------


def test_a_wrong_password_is_refused(kg, browser, shots):
    sign_in(browser, kg, ADMIN, "not-the-password")
    wait(browser, lambda d: "incorrect" in d.find_element(By.ID, "signinError").text, what="the refusal")
    assert browser.get_cookie("hg_console") is None
    assert not browser.find_element(By.ID, "nav").is_displayed()
    browser.save_screenshot(str(shots / "signin-refused.png"))
    # An unknown user gets the very same answer.
    status, _, body = console_post(kg, "/console/api/signin", {"userName": "nobody", "password": "whatever-1"})
    assert status == 401 and json.loads(body)["error"]["code"] == "AuthenticationFailed"
    # Guessing is slowed: after five failures for one name, it is refused without a check.
    for _ in range(4):
        console_post(kg, "/console/api/signin", {"userName": "nobody", "password": "guess-again"})
    status, _, body = console_post(kg, "/console/api/signin", {"userName": "nobody", "password": "whatever-1"})
    assert status == 429 and "Try again in" in json.loads(body)["error"]["message"]


def test_a_password_that_must_be_reset_is_changed_at_sign_in(kg, browser, shots):
    sign_in(browser, kg, ROOKIE, ROOKIE_FIRST)
    wait(browser, lambda d: d.find_element(By.ID, "newPassword").is_displayed(), what="the new-password fields")
    assert "must be changed" in browser.find_element(By.ID, "signinError").text
    browser.find_element(By.ID, "newPassword").send_keys(ROOKIE_NEW)
    browser.find_element(By.ID, "newPassword2").send_keys(ROOKIE_NEW + "x")
    browser.find_element(By.ID, "signinButton").click()
    wait(browser, lambda d: "do not match" in d.find_element(By.ID, "signinError").text, what="the mismatch")
    browser.find_element(By.ID, "newPassword2").send_keys(Keys.BACKSPACE)
    browser.save_screenshot(str(shots / "signin-new-password.png"))
    browser.find_element(By.ID, "signinButton").click()
    signed_in_as(browser, ROOKIE)
    browser.find_element(By.ID, "signout").click()
    wait(browser, lambda d: d.find_element(By.ID, "signin").is_displayed(), what="signed out")
    # The first password is gone; the new one works, with no reset asked again.
    status, _, _ = console_post(kg, "/console/api/signin", {"userName": ROOKIE, "password": ROOKIE_FIRST})
    assert status == 401
    status, _, body = console_post(kg, "/console/api/signin", {"userName": ROOKIE, "password": ROOKIE_NEW})
    assert status == 200, body


def test_an_iam_user_signs_in_and_sees_an_instance_launched_by_boto3(kg, browser, shots):
    # A hostile tag, and one long word that must not push the page sideways.
    kg.web = launch(kg, "KGsports Web", Team="home", Evil=HOSTILE, Note="x" * 120)
    sign_in(browser, kg, ADMIN, ADMIN_PASSWORD)
    signed_in_as(browser, ADMIN)
    row = wait(browser, lambda d: instance_row(d, kg.web), what="the instance in the list")
    assert "KGsports Web" in row.text and "t2.micro" in row.text and kg.ami in row.text
    wait_state(kg, kg.web, "running")
    browser.find_element(By.XPATH, "//form[@id='launch']//button[text()='Refresh']").click()
    wait(browser, lambda d: "running" in instance_row(d, kg.web).text, what="running in the list")
    private_ip = kg.ec2.describe_instances(InstanceIds=[kg.web])["Reservations"][0]["Instances"][0]["PrivateIpAddress"]
    wait(browser, lambda d: private_ip in instance_row(d, kg.web).text, what="the private address")
    cookie = browser.get_cookie("hg_console")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "instances.png"))


def test_a_hostile_tag_value_renders_as_text(kg, browser):
    wait(browser, lambda d: f"Evil={HOSTILE}" in [t.text for t in instance_row(d, kg.web).find_elements(
        By.CSS_SELECTOR, "td.tags .tag")], what="the hostile tag, as text")
    assert browser.find_elements(By.CSS_SELECTOR, "#page img") == []
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018


def test_an_instances_console_output(kg, browser):
    wait(browser, lambda d: instance_row(d, kg.web).find_element(By.CSS_SELECTOR, 'button[data-action="output"]'),
         what="the output button").click()
    panel = wait(browser, lambda d: d.find_element(By.ID, "outputPanel"), what="the console output")
    assert f"Console output of {kg.web}" in panel.text
    expected = kg.ec2.get_console_output(InstanceId=kg.web).get("Output", "")
    shown = panel.find_element(By.TAG_NAME, "pre").text
    assert (expected.splitlines() or ["(no output yet)"])[0].strip() in shown
    panel.find_element(By.XPATH, ".//button[text()='Close']").click()
    wait(browser, lambda d: not d.find_elements(By.ID, "outputPanel"), what="the panel closed")


def tags_of(kg, iid):
    i = kg.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
    return {t["Key"]: t["Value"] for t in i.get("Tags", [])}


def add_tag(driver, iid, key, value):
    wait(driver, lambda d: instance_row(d, iid).find_element(By.CSS_SELECTOR, 'button[data-action="tags"]'),
         what="the tags button").click()
    wait(driver, lambda d: d.switch_to.active_element == d.find_element(By.ID, "tagKey"), what="the tag form")
    # By keyboard: the key field has the focus, Tab to the value, Enter adds.
    ActionChains(driver).send_keys(key, Keys.TAB, value, Keys.ENTER).perform()


def test_tags_are_added_and_removed_from_the_console(kg, browser, shots):
    add_tag(browser, kg.web, "Owner", HOSTILE + " & co")
    wait(browser, lambda d: "Tag Owner set on" in flash_text(d), what="the tag accepted")
    assert tags_of(kg, kg.web)["Owner"] == HOSTILE + " & co"
    panel = browser.find_element(By.ID, "tagsPanel")
    row = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, '#tagsPanel tr[data-tag-key="Owner"]'),
               what="the tag in the panel")
    assert row.find_elements(By.TAG_NAME, "td")[1].text == HOSTILE + " & co"
    wait(browser, lambda d: f"Owner={HOSTILE} & co" in instance_row(d, kg.web).text, what="the tag in the list")
    assert browser.find_elements(By.CSS_SELECTOR, "#page img") == []
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "instance-tags.png"))
    row.find_element(By.CSS_SELECTOR, 'button[data-action="remove-tag"]').click()
    wait(browser, lambda d: "Tag Owner removed" in flash_text(d), what="the tag removed")
    assert "Owner" not in tags_of(kg, kg.web)
    wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, '#tagsPanel tr[data-tag-key="Owner"]'),
         what="the tag gone from the panel")
    panel = browser.find_element(By.ID, "tagsPanel")
    panel.find_element(By.XPATH, ".//button[text()='Close']").click()


def test_launching_from_the_console(kg, browser, shots):
    Select(browser.find_element(By.ID, "launchImage")).select_by_value(kg.ami)
    Select(browser.find_element(By.ID, "launchType")).select_by_value("t3.micro")
    Select(browser.find_element(By.ID, "launchSubnet")).select_by_value(kg.subnets[1])
    browser.find_element(By.ID, "launchName").send_keys("launched-from-console")
    browser.find_element(By.ID, "launchButton").click()
    text = wait(browser, lambda d: flash_text(d).startswith("Launched i-") and flash_text(d), what="the launch")
    iid = text.split()[1].rstrip(".")
    wait_state(kg, iid, "running")
    inst = kg.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
    assert inst["InstanceType"] == "t3.micro" and inst["ImageId"] == kg.ami and inst["SubnetId"] == kg.subnets[1]
    assert {"Key": "Name", "Value": "launched-from-console"} in inst["Tags"]
    # The launch is in the audit log as the user's own RunInstances call.
    records = [r for r in kg.audit_records() if r.get("action") == "RunInstances"]
    assert any(ADMIN in (r.get("principal") or "") for r in records), records[-3:]
    kg.launched = iid
    wait(browser, lambda d: instance_row(d, iid) is not None and "running" in instance_row(d, iid).text,
         timeout=30, what="the launched instance running in the list")
    browser.save_screenshot(str(shots / "instances-launched.png"))


def click_action(driver, iid, action):
    wait(driver, lambda d: instance_row(d, iid).find_element(By.CSS_SELECTOR, f'button[data-action="{action}"]'),
         what=f"{action} for {iid}").click()


def test_stop_start_and_terminate_from_the_console(kg, browser):
    iid = kg.launched
    click_action(browser, iid, "stop")
    wait(browser, lambda d: f"Stop: {iid}" in flash_text(d), what="the stop accepted")
    wait_state(kg, iid, "stopped")
    wait(browser, lambda d: "stopped" in instance_row(d, iid).text, what="stopped in the list")
    click_action(browser, iid, "start")
    wait_state(kg, iid, "running")
    wait(browser, lambda d: "running" in instance_row(d, iid).text, what="running again in the list")
    click_action(browser, iid, "reboot")
    wait(browser, lambda d: f"Reboot: {iid}" in flash_text(d), what="the reboot accepted")
    click_action(browser, iid, "terminate")
    assert kg.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["State"]["Name"] \
        == "running", "the first click only asks for confirmation"
    click_action(browser, iid, "terminate")
    wait_state(kg, iid, "terminated")
    wait(browser, lambda d: "terminated" in instance_row(d, iid).text, what="terminated in the list")


def test_groups_balancers_and_alarms_pages(kg, browser, shots):
    subnets, vpc = kg.subnets, kg.vpc
    elb = kg.client("elbv2")
    lb = elb.create_load_balancer(Name="kg-web", Subnets=subnets, Scheme="internal")["LoadBalancers"][0]
    tg = elb.create_target_group(Name="kg-web-targets", Protocol="HTTP", Port=80, VpcId=vpc,
                                 HealthCheckPath="/health")["TargetGroups"][0]
    elb.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": kg.web}])
    elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=hg.free_port(),
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    kg.ec2.create_launch_template(LaunchTemplateName="kg-web", LaunchTemplateData={
        "ImageId": kg.ami, "InstanceType": "t2.micro"})
    kg.client("autoscaling").create_auto_scaling_group(
        AutoScalingGroupName="kg-web-asg", MinSize=1, MaxSize=3, DesiredCapacity=1,
        LaunchTemplate={"LaunchTemplateName": "kg-web"}, VPCZoneIdentifier=",".join(subnets))
    kg.client("cloudwatch").put_metric_alarm(
        AlarmName="kg-web-cpu-high", Namespace="AWS/EC2", MetricName="CPUUtilization", Statistic="Average",
        Period=60, EvaluationPeriods=1, Threshold=70.0, ComparisonOperator="GreaterThanThreshold",
        Dimensions=[{"Name": "AutoScalingGroupName", "Value": "kg-web-asg"}])

    go(browser, "#/groups", lambda d: "kg-web-asg" in d.find_element(By.ID, "content").text)
    # The page refreshes itself: the group's first launch appears in its activity history.
    wait(browser, lambda d: "Launching a new EC2 instance" in d.find_element(By.ID, "content").text,
         timeout=30, what="the group's activity history")
    assert "Desired 1" in browser.find_element(By.ID, "content").text
    # The operator scales the group out from the console.
    box = browser.find_element(By.CSS_SELECTOR, 'form[data-group="kg-web-asg"] input')
    box.clear()
    box.send_keys("2", Keys.ENTER)
    wait(browser, lambda d: "desired capacity set to 2" in flash_text(d), what="the new capacity accepted")
    asg = kg.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=["kg-web-asg"])
    assert asg["AutoScalingGroups"][0]["DesiredCapacity"] == 2
    wait(browser, lambda d: "Desired 2" in d.find_element(By.ID, "content").text, what="Desired 2 on the page")
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "groups.png"))

    go(browser, "#/balancers", lambda d: "kg-web-targets" in d.find_element(By.ID, "content").text)
    content = browser.find_element(By.ID, "content").text
    assert "kg-web" in content and kg.web in content
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "balancers.png"))

    go(browser, "#/alarms", lambda d: "kg-web-cpu-high" in d.find_element(By.ID, "content").text)
    assert "GreaterThanThreshold" in browser.find_element(By.ID, "content").text
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, '[data-alarm="kg-web-cpu-high"] button'),
         what="the history button").click()
    wait(browser, lambda d: 'Alarm "kg-web-cpu-high" created' in d.find_element(By.ID, "historyPanel").text,
         what="the alarm's history")
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "alarms.png"))
    go(browser, "#/instances", lambda d: instance_row(d, kg.web) is not None)
    print(f"console pages drawn in (ms): {RENDER_MS}")
    # The aim is 200 ms; a debug build on a shared machine gets some slack.
    assert all(ms < 1000 for ms in RENDER_MS.values()), RENDER_MS


def test_a_state_changing_call_needs_the_csrf_token(kg, browser):
    cookie = browser.get_cookie("hg_console")["value"]
    csrf = browser.execute_script("return state.csrf")
    terminate = {"service": "ec2", "action": "TerminateInstances", "params": {"InstanceId.1": kg.web}}
    status, _, body = console_post(kg, "/console/api/call", terminate, cookie=cookie)
    assert status == 403 and json.loads(body)["error"]["code"] == "InvalidCsrfToken"
    status, _, body = console_post(kg, "/console/api/call", terminate, cookie=cookie, csrf="0" * 64)
    assert status == 403
    status, _, body = console_post(kg, "/console/api/call", terminate, csrf=csrf)
    assert status == 401
    wait_state(kg, kg.web, "running", timeout=2)
    # With both, a call goes through (a harmless one).
    status, headers, body = console_post(kg, "/console/api/call", {"service": "ec2", "action": "DescribeInstances"},
                                         cookie=cookie, csrf=csrf)
    assert status == 200 and kg.web.encode() in body
    assert "default-src 'none'" in headers.get("content-security-policy", "")
    # A sign-in that is not JSON (what a form on another site would send) is refused.
    status, _, _ = console_post(kg, "/console/api/signin", {"userName": ADMIN, "password": ADMIN_PASSWORD},
                                content_type="application/x-www-form-urlencoded")
    assert status == 415


def test_the_root_signs_in_with_its_key_pair(kg):
    key, secret = kg.root
    status, headers, body = console_post(kg, "/console/api/signin", {"kind": "root", "userName": key, "password": secret})
    assert status == 200, body
    assert json.loads(body)["arn"].endswith(":root")
    set_cookie = headers.get("Set-Cookie") or headers.get("set-cookie")
    assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
    wrong = secret[:-1] + ("y" if secret.endswith("x") else "x")  # one character off, never the secret itself
    status, _, _ = console_post(kg, "/console/api/signin", {"kind": "root", "userName": key, "password": wrong})
    assert status == 401
    # Signing in again from the same browser ends the session it had.
    first, csrf = set_cookie.split(";")[0].split("=", 1)[1], json.loads(body)["csrfToken"]
    describe = {"service": "ec2", "action": "DescribeInstances"}
    assert console_post(kg, "/console/api/call", describe, cookie=first, csrf=csrf)[0] == 200
    status, _, _ = console_post(kg, "/console/api/signin", {"kind": "root", "userName": key, "password": secret},
                                cookie=first)
    assert status == 200
    assert console_post(kg, "/console/api/call", describe, cookie=first, csrf=csrf)[0] == 401


def test_a_read_only_user_is_refused_by_iam(kg, browser, shots):
    browser.find_element(By.ID, "signout").click()
    wait(browser, lambda d: d.find_element(By.ID, "signin").is_displayed(), what="signed out")
    # This time by keyboard alone: Tab to each field, Enter submits.
    browser.get(f"{kg.endpoint}/console")
    wait(browser, lambda d: d.find_element(By.ID, "signin").is_displayed(), what="the sign-in form")
    browser.find_element(By.ID, "userName").click()
    ActionChains(browser).send_keys(VIEWER, Keys.TAB, VIEWER_PASSWORD, Keys.ENTER).perform()
    signed_in_as(browser, VIEWER)
    wait(browser, lambda d: instance_row(d, kg.web).find_element(
        By.CSS_SELECTOR, 'button[data-action="terminate"]'), what="the instance").click()
    confirm = wait(browser, lambda d: instance_row(d, kg.web).find_element(
        By.CSS_SELECTOR, 'button[data-action="terminate"]'), what="the confirm button")
    assert confirm.text == "Confirm terminate"
    confirm.click()
    text = wait(browser, lambda d: "UnauthorizedOperation" in flash_text(d) and flash_text(d), what="IAM's refusal")
    assert "You are not authorized to perform this operation" in text
    browser.save_screenshot(str(shots / "refused.png"))
    wait_state(kg, kg.web, "running", timeout=2)
    time.sleep(1)
    wait_state(kg, kg.web, "running", timeout=2)


def test_a_read_only_user_cannot_tag_and_sees_iams_message(kg, browser):
    add_tag(browser, kg.web, "Owner", "viewer")
    text = wait(browser, lambda d: "UnauthorizedOperation" in flash_text(d) and flash_text(d), what="IAM's refusal")
    assert "You are not authorized to perform this operation" in text
    assert "Owner" not in tags_of(kg, kg.web)
    browser.find_element(By.ID, "tagsPanel").find_element(By.XPATH, ".//button[text()='Close']").click()


def test_a_session_survives_a_restart_of_the_daemon(kg, browser):
    """Sessions are kept (sealed) in the region's store: a restart, even a kill -9, signs
    nobody out, and the page goes on working."""
    cookie = browser.get_cookie("hg_console")["value"]
    csrf = browser.execute_script("return state.csrf")
    kg.kill9()
    kg.start()
    kg.ec2 = kg.client("ec2")
    describe = {"service": "ec2", "action": "DescribeInstances"}
    status, _, body = console_post(kg, "/console/api/call", describe, cookie=cookie, csrf=csrf)
    assert status == 200, body
    browser.get(f"{kg.endpoint}/console")
    wait(browser, lambda d: d.find_element(By.ID, "signout").is_displayed(), what="the page, still signed in")


def test_sign_out_ends_the_session(kg, browser):
    cookie = browser.get_cookie("hg_console")["value"]
    csrf = browser.execute_script("return state.csrf")
    describe = {"service": "ec2", "action": "DescribeInstances"}
    assert console_post(kg, "/console/api/call", describe, cookie=cookie, csrf=csrf)[0] == 200
    browser.find_element(By.ID, "signout").click()
    wait(browser, lambda d: d.find_element(By.ID, "signin").is_displayed(), what="the sign-in form")
    assert browser.get_cookie("hg_console") is None
    status, _, body = console_post(kg, "/console/api/call", describe, cookie=cookie, csrf=csrf)
    assert status == 401 and json.loads(body)["error"]["code"] == "SignedOut"
    # A reload stays signed out.
    browser.get(f"{kg.endpoint}/console")
    wait(browser, lambda d: d.find_element(By.ID, "signin").is_displayed(), what="the sign-in form")


def test_the_console_lets_nobody_in_when_any_credentials_are_accepted(new_region):
    # Emulator mode would run every console action as the root, whoever signed in.
    r = new_region("--accept-any-credentials")
    key, secret = r.root
    status, _, body = console_post(r, "/console/api/signin", {"kind": "root", "userName": key, "password": secret})
    assert status == 503 and json.loads(body)["error"]["code"] == "ConsoleUnavailable"
