"""The load as users make it: mixed journeys of members, office staff, units, leaders and API clients (locust).

Run through bench/load_run.py (which starts the servers and reports the figures), or by hand:

    LOAD_DATA=var/load.json .venv/bin/locust -f bench/locustfile.py --headless -u 50 -r 5 -t 2m \
        --host http://127.0.0.1:8000 --csv var/load

Every simulated user logs in once (reported apart, as "login"), then works with think times of a few seconds:
members open the workbench, their duty record and their proposals, draft and submit a proposal now and then, and
sign in to the meeting with the code of the sign-in screen; office staff list, open, register and assign; units
open their workbench and reply; leaders open the statistics and the duty overview; API clients use a token.
A refusal that the journey expects (the meeting already signed, a proposal someone else registered first: 409)
counts as a success of its own name, so that the failure rate counts only what should not happen.
"""

import datetime
import json
import os
import random
import re
import threading
import time
import uuid

from locust import HttpUser, between, events, task

DATA = json.loads(open(os.environ.get("LOAD_DATA", "var/load.json"), encoding="utf-8").read())
_lock = threading.Lock()
_accounts = {key: list(DATA[key]) for key in ("members", "office", "units", "leaders", "tokens")}
for pool in _accounts.values():
    random.shuffle(pool)
SIGNIN = {"token": None}
TOKEN_RE = re.compile(r"/activities/sign-in/([A-Za-z0-9._:-]+)/")
# bench/faults_run.py counts what the writes produced: each draft sent, and each draft and submit acknowledged.
LEDGER = open(os.environ["LOAD_LEDGER"], "a", encoding="utf-8") if os.environ.get("LOAD_LEDGER") else None


def note(**entry):
    if LEDGER is not None:
        with _lock:
            LEDGER.write(json.dumps({**entry, "at": time.time()}) + "\n")
            LEDGER.flush()


def _take(kind):
    """The next account of a kind, round robin: users of one kind share the committees' few staff accounts."""
    with _lock:
        account = _accounts[kind].pop(0)
        _accounts[kind].append(account)
        return account


class Browser(HttpUser):
    abstract = True
    wait_time = between(2, 6)
    kind = ""

    def on_start(self):
        self.account = account = _take(self.kind)
        self.username = account["username"] if isinstance(account, dict) else account
        self.client.get("/accounts/login/", name="login page")
        response = self.client.post("/accounts/login/", name="login", allow_redirects=False, data={
            "username": self.username, "password": DATA["password"],
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")})
        if response.status_code != 302:
            response.failure(f"login of {self.username} answered {response.status_code}")

    def api(self, method, path, name, json_body=None, ok=(200, 201), ledger=None):
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}
        with self.client.request(method, path, name=name, json=json_body, headers=headers,
                                 catch_response=True) as response:
            if response.status_code in ok:
                response.success()
                return response.json()
            if response.status_code == 409:  # someone acted first, or signed already: expected under load
                response.success()
                events.request.fire(request_type=method, name=f"{name} (409 conflict)", response_time=0,
                                    response_length=0, exception=None, context={})
                return None
            response.failure(f"{response.status_code}: {response.text[:200]}")
            note(kind="failure", name=name, status=response.status_code, **(ledger or {}))
            return None


class Member(Browser):
    weight = 12
    kind = "members"

    @task(5)
    def workbench(self):
        self.client.get("/", name="member: workbench")

    @task(3)
    def duty_record(self):
        self.client.get("/duties/record/", name="member: duty record")

    @task(2)
    def my_proposals(self):
        self.client.get("/proposals/", name="member: proposals list")

    def on_start(self):
        super().on_start()
        self.organisation = self.account["organisation"]
        meta = self.api("GET", "/api/v1/proposals/meta", "member: proposal form lists")
        self.categories = (meta or {}).get("categories") or [""]

    @task(1)
    def draft_and_submit(self):
        marker = uuid.uuid4().hex[:12]
        note(kind="attempt", marker=marker)
        draft = self.api("POST", "/api/v1/proposals/", "member: draft proposal", {
            "title": f"关于加强社区养老服务的提案（负载{marker}）",
            "category": random.choice(self.categories),
            "background": "社区养老服务供给不足。" * 20, "suggestions": "一是加大投入；二是完善标准；三是培养人才。" * 5,
        }, ledger={"marker": marker})
        if draft:
            note(kind="draft", marker=marker, id=draft["id"])
            if self.api("POST", f"/api/v1/proposals/{draft['id']}/submit", "member: submit proposal",
                        {"version": draft["version"]}, ok=(200,), ledger={"id": draft["id"]}):
                note(kind="submit", id=draft["id"])

    signed_in = False

    @task(1)
    def sign_in(self):
        # The meeting's members only, once each: a member signs in to a meeting once (a second scan is refused
        # with "already signed in", the platform's right answer, which a 10-minute run made 219 times).
        if SIGNIN["token"] and self.organisation == DATA["activity_organisation"] and not self.signed_in:
            if self.api("POST", "/api/v1/activities/sign-in", "member: meeting sign-in", {"token": SIGNIN["token"]}):
                self.signed_in = True


class Office(Browser):
    weight = 3
    kind = "office"

    @task(4)
    def office_list(self):
        self.client.get("/proposals/?scope=all", name="office: proposals list")

    @task(3)
    def open_one(self):
        page = self.api("GET", "/api/v1/proposals/?status=submitted&size=20", "office: list API (submitted)")
        if page and page["items"]:
            self.client.get(f"/proposals/{random.choice(page['items'])['id']}/", name="office: proposal detail")

    @task(1)
    def prereview_and_register(self):
        """Pass the oldest submitted proposal's pre-review, then register the oldest one under review."""
        page = self.api("GET", "/api/v1/proposals/queue?state=submitted&size=5", "office: review queue API")
        for item in (page or {}).get("items", [])[:1]:
            self.api("POST", f"/api/v1/proposals/{item['id']}/prereview", "office: pre-review",
                     {"version": item["version"]})
        page = self.api("GET", "/api/v1/proposals/queue?state=reviewing&size=5", "office: review queue API")
        for item in (page or {}).get("items", [])[:1]:
            self.api("POST", f"/api/v1/proposals/{item['id']}/register", "office: register",
                     {"version": item["version"]})

    @task(1)
    def assign(self):
        page = self.api("GET", "/api/v1/proposals/?status=registered&size=10", "office: list API (registered)")
        units = self.api("GET", "/api/v1/handling-units", "office: handling units API")
        for item in (page or {}).get("items", [])[:1]:
            if units:
                self.api("POST", f"/api/v1/proposals/{item['id']}/assign", "office: assign",
                         {"version": item["version"], "mode": "sole", "lead_unit_ids": [random.choice(units)["id"]]})


class Unit(Browser):
    weight = 2
    kind = "units"

    @task(3)
    def workbench(self):
        self.client.get("/proposals/unit/", name="unit: workbench")

    @task(1)
    def reply(self):
        page = self.api("GET", "/api/v1/proposals/unit/tasks?size=10", "unit: tasks API")
        for item in [t for t in (page or {}).get("items", []) if t["status"] == "handling"][:1]:
            self.api("POST", f"/api/v1/proposals/unit/tasks/{item['id']}/contacts", "unit: record contact",
                     {"contacted_on": datetime.date.today().isoformat(), "way": "phone",
                      "notes": "电话联系提案人，沟通办理思路。"})
            self.api("PUT", f"/api/v1/proposals/unit/tasks/{item['id']}/reply", "unit: save reply",
                     {"text": "经研究，我单位已采纳所提建议，具体措施如下。" * 10, "category": "A"})


class Leader(Browser):
    weight = 1
    kind = "leaders"

    @task(2)
    def statistics(self):
        self.client.get("/stats/", name="leader: statistics")

    @task(1)
    def duties(self):
        self.client.get("/duties/overview/", name="leader: duty overview")


class Screen(Browser):
    """The sign-in screen at the door of the meeting: shows a new code every 30 s (its htmx partial)."""

    fixed_count = 1
    wait_time = between(5, 5)
    kind = "screen"

    def on_start(self):
        _accounts["screen"] = [DATA["screen"]]
        super().on_start()
        self.screen()

    @task
    def screen(self):
        response = self.client.get(f"/activities/{DATA['activity']}/sign-in-screen/", name="screen: sign-in code",
                                   headers={"HX-Request": "true"})
        found = TOKEN_RE.search(response.text)
        if found:
            SIGNIN["token"] = found.group(1)


class ApiClient(HttpUser):
    """Another system or the mobile app with a personal access token (no login)."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        account = _take("tokens")
        self.client.headers.update({"Authorization": f"Bearer {account['token']}",
                                    "X-Organisation": str(account["organisation"])})

    @task(3)
    def proposals(self):
        self.client.get("/api/v1/proposals/?size=20", name="api: proposals list")

    @task(1)
    def me(self):
        self.client.get("/api/v1/me", name="api: me")

    @task(1)
    def record(self):
        self.client.get("/api/v1/duties/me/record", name="api: my duty record")
