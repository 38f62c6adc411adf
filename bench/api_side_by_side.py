"""The proposals list API side by side with OpenSlides 3.3's motion list and a trivial authenticated view of ours.

    .venv/bin/python bench/api_side_by_side.py [--os3 ../peers/os3] [--rounds 3] [--seconds 5] [--connections 8] [--port 8211]

Starts, in one run on this machine: our gunicorn (``--workers`` sync workers, 1 by default, DEBUG=0, the database of
``DATABASE_URL`` or the demo's SQLite file, the bench settings that add ``/bench/ping``) and OpenSlides 3.3 (one
daphne process, SQLite; installed outside the repository with ``../shared/peers/openslides3.sh install DIR``, beside the checkout).
Logs in to both, makes sure OpenSlides holds 20 motions, then loads each endpoint with ``wrk`` (one thread,
``--connections`` keep-alive connections) in alternating rounds so that every endpoint sees the same machine, prints
the requests per second of each round, the totals and the ratios, and stops both servers.

Endpoints: OpenSlides ``/rest/motions/motion/`` (logged in as admin, 20 motions); our ``/api/v1/proposals/?size=20``
as the proposal office of 天水市政协 (demo account ``ts_proposal``), once with the browser session and once with an
API token; our ``/bench/ping`` (a trivial JSON view behind the same session or token, through the whole middleware
stack); ``/healthz`` (no authentication, no database) for scale. Needs the demo data (``manage.py seed_demo``).
"""

import argparse
import http.cookiejar
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from environment import setup_django

ROOT = Path(__file__).resolve().parent.parent
# The peers' install recipes live beside the checkout, in ../shared/peers/ (or beside the folder that holds it).
OS3_RECIPE = next((folder / "shared" / "peers" / "openslides3.sh" for folder in ROOT.parents
                   if (folder / "shared" / "peers" / "openslides3.sh").exists()), ROOT.parent / "shared" / "peers" / "openslides3.sh")
USERNAME = "ts_proposal"


def wait_for(url: str, seconds: float = 120):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def cookie_header(jar) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def login_ours(base: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/accounts/login/").read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    body = urllib.parse.urlencode({"username": USERNAME, "password": password, "csrfmiddlewaretoken": csrf}).encode()
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=body, headers={"Referer": base + "/"})).read()
    if not any(c.name == "sessionid" for c in jar):
        raise SystemExit(f"could not log in to our server as {USERNAME}")
    return cookie_header(jar)


def login_os3(base: str, motions: int) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/apps/users/whoami/").read()

    def post(path, payload):
        csrf = [c.value for c in jar if c.name == "OpenSlidesCsrfToken"]
        headers = {"Content-Type": "application/json", **({"X-CSRFToken": csrf[0]} if csrf else {})}
        return opener.open(urllib.request.Request(base + path, data=json.dumps(payload).encode(), headers=headers)).read()

    post("/apps/users/login/", {"username": "admin", "password": "admin"})
    have = len(json.loads(opener.open(f"{base}/rest/motions/motion/").read()))
    for n in range(have, motions):
        post("/rest/motions/motion/", {"title": f"关于改进第{n + 1}项工作的提案", "text": "<p>" + "建议内容。" * 40 + "</p>",
                                       "reason": "<p>" + "理由。" * 40 + "</p>", "workflow_id": 1})
    count = len(json.loads(opener.open(f"{base}/rest/motions/motion/").read()))
    if count != motions:
        raise SystemExit(f"OpenSlides holds {count} motions, not {motions}")
    return cookie_header(jar)


def wrk(url: str, headers: dict, *, seconds: float, connections: int) -> tuple[float, int]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return rate, (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0)


def check(url: str, headers: dict, expect) -> None:
    response = urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30)
    data = json.loads(response.read())
    if not expect(data):
        raise SystemExit(f"{url}: unexpected answer {str(data)[:200]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--os3", default=str(ROOT.parent / "peers" / "os3"),
                        help="the OpenSlides 3.3 folder (outside the repository; default ../peers/os3)")
    parser.add_argument("--workers", type=int, default=1, help="our gunicorn sync workers (OpenSlides: one daphne)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one wrk round per endpoint")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--motions", type=int, default=20)
    parser.add_argument("--port", type=int, default=8211, help="ours; OpenSlides listens on the next one")
    args = parser.parse_args()
    setup_django()
    from django.db import connections

    from zhengxie.core.demo_data import PASSWORD
    from zhengxie.core.models import User
    from zhengxie.core.services import api_token_create

    office = User.objects.get(username=USERNAME)
    _token, secret = api_token_create(user=office, name="side by side")
    org_id = office.default_organisation_id
    connections.close_all()

    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "ERROR", "STATIC_MANIFEST": "0",
           "CONN_MAX_AGE": "600", "DJANGO_SETTINGS_MODULE": "bench.settings"}
    ours = subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(args.workers),
                             "-b", f"127.0.0.1:{args.port}", "--log-level", "error"], cwd=ROOT, env=env,
                            start_new_session=True)
    peer = subprocess.Popen(["bash", str(OS3_RECIPE), "serve", args.os3, str(args.port + 1)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        our, os3 = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.port + 1}"
        wait_for(f"{our}/healthz")
        wait_for(f"{os3}/apps/users/whoami/")
        session = {"Cookie": login_ours(our, PASSWORD)}
        token = {"Authorization": f"Bearer {secret}", "X-Organisation": str(org_id)}
        os3_session = {"Cookie": login_os3(os3, args.motions)}
        listing = f"{our}/api/v1/proposals/?size=20"
        endpoints = {
            "OpenSlides 3.3 motion list (20)": (f"{os3}/rest/motions/motion/", os3_session,
                                                lambda d: len(d) == args.motions),
            "proposals list API, session (20)": (listing, session, lambda d: len(d["items"]) == 20),
            "trivial view, session": (f"{our}/bench/ping", session, lambda d: d.get("ok")),
            "proposals list API, token (20)": (listing, token, lambda d: len(d["items"]) == 20),
            "trivial view, token": (f"{our}/bench/ping", token, lambda d: d.get("ok")),
            "/healthz (no auth, no database)": (f"{our}/healthz", {}, lambda d: True),
        }
        for url, headers, expect in endpoints.values():
            check(url, headers, expect)
            wrk(url, headers, seconds=1, connections=args.connections)  # warm-up
        rates = {name: [] for name in endpoints}
        errors = dict.fromkeys(endpoints, 0)
        print(f"wrk -t1 -c{args.connections} -d{args.seconds:g}s, {args.rounds} alternating rounds; our gunicorn: "
              f"{args.workers} sync worker(s), {connections['default'].vendor}; OpenSlides: one daphne, SQLite", flush=True)
        for round_no in range(1, args.rounds + 1):
            for name, (url, headers, _expect) in endpoints.items():
                rate, bad = wrk(url, headers, seconds=args.seconds, connections=args.connections)
                rates[name].append(rate)
                errors[name] += bad
                print(f"  round {round_no}  {name:<34} {rate:8.1f} requests/s" + (f"  ({bad} errors)" if bad else ""),
                      flush=True)
        print("\nmedian of the rounds (requests/s):")
        median = {name: statistics.median(values) for name, values in rates.items()}
        for name, value in median.items():
            print(f"  {name:<34} {value:8.1f}   errors {errors[name]}")
        os3_rate = median["OpenSlides 3.3 motion list (20)"]
        for kind in ("session", "token"):
            mine = median[f"proposals list API, {kind} (20)"]
            print(f"list API ({kind}) / OpenSlides motion list: {mine / os3_rate:.2f}x (goal >= 3)")
            print(f"list API ({kind}) / trivial view ({kind}):   {mine / median[f'trivial view, {kind}']:.2f}x (goal >= 0.5)")
    finally:
        for process in (ours, peer):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in (ours, peer):
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
