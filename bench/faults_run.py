"""Faults under load, measured from outside: PostgreSQL restarted, Redis paused, a gunicorn worker killed, the task
worker killed in the middle of a task — then a count of what the writes should have produced.

    .venv/bin/python bench/faults_run.py [--users 20] [--time 6m] [--scale city] [--workers 2]

Everything runs on servers of the script's own, so that a restart or a pause disturbs nobody else on the machine:
a PostgreSQL cluster in ``var/faults/pg`` (``initdb`` on first use, port ``--pg-port``), a Redis on
``--redis-port`` (no persistence), gunicorn, the RQ worker and the outbox relay started with the commands of
``deploy/*.service``, and the load of ``bench/locustfile.py`` (with ``LOAD_LEDGER``: every write the platform
acknowledged is written down). The first run loads the demo (``seed_demo --scale``) into that cluster; later runs
reuse it.

While the load runs, a probe asks every half second for ``/readyz``, a member's workbench (session) and the API
(token), and records each answer's status and kind: 200, the platform's translated 503 (the HTML page, or JSON
for the API), or anything else (a bare 500/502, a traceback, a cut connection). The faults, at the given seconds
into the load:

1. PostgreSQL restarted (``pg_ctl restart -m fast``);
2. Redis paused (SIGSTOP, ``--redis-pause`` seconds, then SIGCONT);
3. one gunicorn worker killed (SIGKILL; the master starts another);
4. the RQ worker killed in the middle of a task (a province's score recomputation queued through the outbox, killed
   once the job is in Redis's started registry), then started again.

Printed: per fault, what the probes saw during it and how long after its end requests answered 200 again; what
``/readyz`` said; the load's requests and failures by kind; then the reconciliation — every acknowledged draft
and submit found once in the database with its history row, writes committed but answered as failures, duplicates,
outbox rows not done (tasks lost), proposals without their search signature, and the killed task's row.
"""

import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from environment import prepare_environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_run import kill_one_worker, rss_mib, tree  # noqa: E402

PG_BIN = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]) if Path("/usr/lib/postgresql").exists() else None


# --- the script's own servers -----------------------------------------------------------------------------------

def as_postgres(*command, **kwargs):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + [str(c) for c in command], **kwargs)


def start_postgres(folder: Path, port: int) -> None:
    if not (folder / "PG_VERSION").exists():
        folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        as_postgres(PG_BIN / "initdb", "-D", folder, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                    "--locale=C.UTF-8", check=True, stdout=subprocess.DEVNULL)
    if as_postgres(PG_BIN / "pg_ctl", "-D", folder, "status", stdout=subprocess.DEVNULL).returncode != 0:
        pg_ctl(folder, port, "start")


def pg_ctl(folder: Path, port: int, action: str, *extra) -> None:
    as_postgres(PG_BIN / "pg_ctl", "-D", folder, "-w", "-l", folder / "server.log",
                "-o", f"-p {port} -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=200 -c fsync=off",
                action, *extra, check=True, stdout=subprocess.DEVNULL)


def http(url: str, *, opener=None, headers=None, timeout: float = 10.0):
    """(status, content type, body, seconds) of a GET; status 0 when no answer came."""
    request = urllib.request.Request(url, headers=headers or {})
    started = time.monotonic()
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read(), time.monotonic() - started
    except Exception as error:  # refused, reset, timed out
        return 0, error.__class__.__name__, b"", time.monotonic() - started


def kind_of(status: int, content_type: str, body: bytes) -> str:
    if status == 200:
        return "200"
    text = body.decode("utf-8", "replace")
    if status == 503 and "application/json" in content_type and '"unavailable"' in text:
        return "503 JSON"
    if status == 503 and "text/html" in content_type and "服务暂时不可用" in text:
        return "503 page"
    if status == 0:
        return f"no answer ({content_type})"
    return f"{status} other" + (" (traceback)" if "Traceback" in text else "")


class Probe(threading.Thread):
    """Asks every half second; keeps (seconds into the run, target, kind, seconds taken)."""

    def __init__(self, base: str, member: str, password: str, token: dict, began: float):
        super().__init__(daemon=True)
        self.base, self.began, self.seen, self.stopped = base, began, [], threading.Event()
        self.token = token
        jar = CookieJar()
        self.session = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self._login(jar, member, password)

    def _login(self, jar, member, password):
        import urllib.parse

        self.session.open(f"{self.base}/accounts/login/", timeout=30).read()
        csrf = next(c.value for c in jar if c.name == "csrftoken")
        data = urllib.parse.urlencode({"username": member, "password": password, "csrfmiddlewaretoken": csrf})
        request = urllib.request.Request(f"{self.base}/accounts/login/", data=data.encode(),
                                         headers={"Referer": f"{self.base}/accounts/login/"})
        self.session.open(request, timeout=30).read()

    def run(self):
        api_headers = {"Authorization": f"Bearer {self.token['token']}", "X-Organisation": str(self.token["organisation"])}
        while not self.stopped.is_set():
            for target, url, opener, headers in (
                ("readyz", f"{self.base}/readyz", None, None),
                ("page", f"{self.base}/", self.session, None),
                ("api", f"{self.base}/api/v1/me", None, api_headers),
            ):
                at = time.monotonic() - self.began
                status, content_type, body, took = http(url, opener=opener, headers=headers)
                self.seen.append((at, target, kind_of(status, content_type, body), took))
            self.stopped.wait(0.5)


# --- the faults -------------------------------------------------------------------------------------------------

def catch_a_job(worker_pid: int, redis_port: int, seconds: float = 60.0):
    """Wait until the RQ worker has forked its work horse for a job: (the job's id, the horse's pid)."""
    from redis import Redis
    from rq.registry import StartedJobRegistry

    registry = StartedJobRegistry("default", connection=Redis(port=redis_port))
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        horses = tree(worker_pid)[1:]
        if horses:
            started = registry.get_job_ids()
            if started:
                return started[0], horses[0]
        time.sleep(0.01)
    return None, None


def django(env, code: str) -> str:
    """Run ``code`` in a Django process against the run's database; its stdout."""
    script = "import sys; sys.path.insert(0, 'bench'); from environment import setup_django; setup_django()\n" + code
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


QUEUE_RECOMPUTE = """
from django.db import transaction
from zhengxie.core.models import Organisation
from zhengxie.core.outbox import enqueue_on_commit
from zhengxie.duties.tasks import recompute_organisation_scores
import datetime
with transaction.atomic():  # every committee's scores: the worker is busy for a while
    rows = [enqueue_on_commit(recompute_organisation_scores, pk, datetime.date.today().year)
            for pk in Organisation.objects.order_by('pk').values_list('pk', flat=True)]
print(' '.join(str(row.pk) for row in rows))
"""

RECONCILE = r"""
import collections, json, os
from django.db.models import Count
from zhengxie.core.models import OutboxTask
from zhengxie.proposals.models import Proposal, ProposalEvent
from zhengxie.search.models import SimilaritySignature
ledger = [json.loads(line) for line in open(LEDGER, encoding='utf-8')] if os.path.exists(LEDGER) else []
attempts = {e['marker'] for e in ledger if e['kind'] == 'attempt'}  # every draft the load sent
drafts = {e['marker']: e['id'] for e in ledger if e['kind'] == 'draft'}  # those the platform acknowledged
submits = {e['id'] for e in ledger if e['kind'] == 'submit'}
by_marker = collections.defaultdict(list)
for row in Proposal.objects.filter(title__contains='（负载').values('id', 'title', 'status'):
    marker = row['title'].rsplit('（负载', 1)[1].rstrip('）')
    if marker in attempts:
        by_marker[marker].append(row)
ours = [r for rows in by_marker.values() for r in rows]
ids = {r['id'] for r in ours}
events = collections.Counter(ProposalEvent.objects.filter(proposal_id__in=ids).values_list('proposal_id', flat=True))
submitted = {r['id'] for r in ours if r['status'] != 'draft'}
failed_markers = {e.get('marker') for e in ledger if e['kind'] == 'failure'}
failed_ids = {e.get('id') for e in ledger if e['kind'] == 'failure'}
signed = set(SimilaritySignature.objects.filter(object_id__in=[str(i) for i in ids]).values_list('object_id', flat=True))
row = OutboxTask.objects.filter(pk=KILLED_ROW).first() if KILLED_ROW else None
report = {
    'drafts sent': len(attempts),
    'drafts acknowledged': len(drafts),
    'acknowledged drafts not in the database (lost)': sum(1 for m in drafts if m not in by_marker),
    'drafts written more than once (duplicated)': sum(1 for rows in by_marker.values() if len(rows) > 1),
    'drafts written although their request was answered as a failure': [
        e['status'] for e in ledger if e['kind'] == 'failure' and e.get('marker') in by_marker],
    'drafts written whose answer did not come before the load stopped': sum(
        1 for m in by_marker if m not in drafts and m not in failed_markers),
    'submits acknowledged': len(submits),
    'acknowledged submits still drafts (lost)': len(submits - submitted),
    'submitted although the request was answered as a failure': [
        e['status'] for e in ledger if e['kind'] == 'failure' and e.get('id') in submitted],
    'submitted whose answer did not come before the load stopped': len(submitted - submits - failed_ids),
    'proposals of the load with no history row': sum(1 for i in ids if events[i] == 0),
    'submitted proposals with no history row of the submit (fewer than 2)': sum(1 for i in submitted if events[i] < 2),
    'submitted proposals without their search signature (a task lost)': sum(1 for i in submitted if str(i) not in signed),
    'outbox rows of the run by status': dict(OutboxTask.objects.filter(created_at__gte=SINCE)
                                            .values_list('status').annotate(n=Count('id'))),
}
if row:
    report['the killed task: its outbox row'] = {
        'status': row.status, 'attempts': row.attempts, 'last error': row.last_error[:120],
        'done after (s)': round((row.finished_at - row.created_at).total_seconds(), 1) if row.finished_at else None}
print(json.dumps(report, ensure_ascii=False))
"""


def summarise(seen, start, end, settle: float):
    """What each probe target saw from ``start`` to ``settle`` seconds after ``end``: the kinds of answers, and
    how long after the fault's end the last answer that was not a 200 came (0 if none came after the end)."""
    lines = {}
    for target in ("readyz", "page", "api"):
        during = [s for s in seen if s[1] == target and start <= s[0] <= end + settle]
        kinds = {}
        for s in during:
            kinds[s[2]] = kinds.get(s[2], 0) + 1
        bad_after = [s[0] + s[3] - end for s in during if s[2] != "200" and s[0] + s[3] > end]
        slowest = max((s[3] for s in during), default=0)
        lines[target] = (kinds, max(bad_after, default=0.0), slowest)
    return lines


def main():  # noqa: C901 - a script: each phase in order
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--spawn-rate", type=float, default=4)
    parser.add_argument("--time", default="6m")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scale", default="city")
    parser.add_argument("--pg-port", type=int, default=5442)
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--port", type=int, default=8231)
    parser.add_argument("--folder", default=str(ROOT / "var" / "faults"))
    parser.add_argument("--pg-restart-at", type=float, default=60)
    parser.add_argument("--redis-pause-at", type=float, default=120)
    parser.add_argument("--redis-pause", type=float, default=30)
    parser.add_argument("--kill-worker-at", type=float, default=200)
    parser.add_argument("--kill-task-worker-at", type=float, default=240)
    parser.add_argument("--settle", type=float, default=20, help="seconds after a fault still counted as its own")
    parser.add_argument("--drain", type=float, default=240, help="seconds to wait after the load for the queue")
    args = parser.parse_args()
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    database_url = f"postgres://postgres@127.0.0.1:{args.pg_port}/zx_faults"
    env = {**prepare_environment(), "DATABASE_URL": database_url, "REDIS_URL": f"redis://127.0.0.1:{args.redis_port}/0",
           "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "ERROR", "STATIC_MANIFEST": "0",
           "CONN_MAX_AGE": "600", "DJANGO_SETTINGS_MODULE": "config.settings"}
    ledger = folder / "ledger.jsonl"
    for old_file in (ledger, *folder.glob("*.log")):
        old_file.unlink(missing_ok=True)
    started = []

    def spawn(command, log=None, **kwargs):
        output = open(folder / f"{log}.log", "a", encoding="utf-8") if log else subprocess.DEVNULL
        process = subprocess.Popen(command, cwd=ROOT, env={**env, **kwargs.pop("extra_env", {})}, stdout=output,
                                   stderr=output, start_new_session=True, **kwargs)
        started.append(process)
        return process

    pg = folder / "pg"
    start_postgres(pg, args.pg_port)
    redis_server = spawn(["redis-server", "--port", str(args.redis_port), "--bind", "127.0.0.1", "--save", "",
                          "--appendonly", "no"])
    try:
        exists = as_postgres("psql", "-h", "127.0.0.1", "-p", args.pg_port, "-U", "postgres", "-Atc",
                             "select 1 from pg_database where datname='zx_faults'", capture_output=True, text=True)
        if exists.stdout.strip() != "1":
            as_postgres("createdb", "-h", "127.0.0.1", "-p", args.pg_port, "-U", "postgres", "zx_faults", check=True)
            print(f"loading the demo ({args.scale}) into the script's own PostgreSQL …", flush=True)
            subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
            subprocess.run([sys.executable, "manage.py", "seed_demo", "--scale", args.scale], cwd=ROOT, env=env,
                           check=True, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        data = folder / "load.json"
        subprocess.run([sys.executable, "bench/load_prepare.py", str(data), "--members", "200"], cwd=ROOT, env=env,
                       check=True)
        since = django(env, "from django.utils import timezone; print(timezone.now().isoformat())")
        app = spawn([sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(args.workers), "-b",
                     f"127.0.0.1:{args.port}", "--timeout", "60", "--graceful-timeout", "30", "--log-level", "error"], log="app")
        worker_command = [sys.executable, "manage.py", "rqworker", "--worker-class", "zhengxie.core.rq_worker.Worker",
                          "--job-class", "django_tasks_rq.Job", "default"]
        worker = spawn(worker_command, log="worker")
        spawn([sys.executable, "manage.py", "relay_outbox", "--loop", "--interval", "5"], log="relay")
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(300):
            if http(f"{base}/healthz", timeout=2)[0] == 200:
                break
            time.sleep(0.3)
        load = json.loads(data.read_text(encoding="utf-8"))
        began = time.monotonic()
        probe = Probe(base, load["members"][0]["username"], load["password"], load["tokens"][0], began)
        probe.start()
        out = str(folder / "load")
        loader = spawn([sys.executable, "-m", "locust", "-f", "bench/locustfile.py", "--headless", "-u",
                        str(args.users), "-r", str(args.spawn_rate), "-t", args.time, "--host", base, "--csv", out,
                        "--only-summary", "--loglevel", "WARNING"],
                       extra_env={"LOAD_DATA": str(data), "LOAD_LEDGER": str(ledger)})
        events, done = [], set()
        killed_row = None

        def at(name, seconds):
            return name not in done and time.monotonic() - began >= seconds

        while loader.poll() is None:
            now = time.monotonic() - began
            if at("pg", args.pg_restart_at):
                done.add("pg")
                t0 = time.monotonic() - began
                pg_ctl(pg, args.pg_port, "restart", "-m", "fast")
                events.append(("PostgreSQL restarted", t0, time.monotonic() - began))
            elif at("redis", args.redis_pause_at):
                done.add("redis")
                t0 = time.monotonic() - began
                os.kill(redis_server.pid, signal.SIGSTOP)
                time.sleep(args.redis_pause)
                os.kill(redis_server.pid, signal.SIGCONT)
                events.append((f"Redis paused {args.redis_pause:.0f} s", t0, time.monotonic() - began))
            elif at("gunicorn", args.kill_worker_at):
                done.add("gunicorn")
                t0 = time.monotonic() - began
                killed = kill_one_worker(app.pid, t0)
                events.append((f"gunicorn worker killed (replaced by {killed[2] if killed else '?'})", t0,
                               time.monotonic() - began))
            elif at("rq", args.kill_task_worker_at):
                done.add("rq")
                t0 = time.monotonic() - began
                django(env, QUEUE_RECOMPUTE)
                job, horse = catch_a_job(worker.pid, args.redis_port)
                for pid in reversed(tree(worker.pid)):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                worker.wait()
                killed_row = int(django(env, f"from zhengxie.core.models import OutboxTask; print(OutboxTask.objects"
                                             f".filter(result_id={job!r}).values_list('pk', flat=True)"
                                             f".first() or 0)")) if job else None
                worker = spawn(worker_command, log="worker")
                events.append((f"task worker killed in the middle of job {job[:8] if job else '(none seen)'} "
                               f"(work horse {horse}), started again", t0, time.monotonic() - began))
            time.sleep(0.2 if now < max(args.pg_restart_at, args.kill_task_worker_at) + 5 else 1)
        wall = time.monotonic() - began
        memory = [rss_mib(pid) for pid in tree(app.pid)[1:]]
        # Let the relay and the worker finish what the run queued.
        drain_end = time.monotonic() + args.drain
        while time.monotonic() < drain_end:
            left = django(env, f"from zhengxie.core.models import OutboxTask; print(OutboxTask.objects.filter("
                               f"created_at__gte='{since}').exclude(status__in=['done', 'failed']).count())")
            if left == "0":
                break
            time.sleep(5)
        probe.stopped.set()
        probe.join(15)
        reconcile = django(env, f"LEDGER = {str(ledger)!r}\nSINCE = {since!r}\nKILLED_ROW = {killed_row!r}\n"
                           + RECONCILE)
    finally:
        for process in reversed(started):
            try:
                os.killpg(process.pid, signal.SIGCONT)
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        pg_ctl(pg, args.pg_port, "stop", "-m", "fast")

    print(f"\n{args.users} users, {wall:.0f} s of load, {args.workers} gunicorn workers + RQ worker + relay, "
          f"the demo at {args.scale} scale on the script's own PostgreSQL and Redis")
    for name, t0, t1 in events:
        print(f"\n{name}: from {t0:.1f} s to {t1:.1f} s into the load")
        for target, (kinds, back, slowest) in summarise(probe.seen, t0, t1, args.settle).items():
            said = ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items()))
            print(f"  {target:<7} up to {args.settle:.0f} s after: {said or 'no probe'}; slowest {slowest:.1f} s; "
                  f"last answer other than 200 {back:.1f} s after the end")
    calm = [s for s in probe.seen if not any(t0 - 1 <= s[0] <= t1 + args.settle for _, t0, t1 in events)]
    print(f"\nprobes outside the faults and their {args.settle:.0f} s after: {len(calm)}, of which not 200: "
          f"{sum(1 for s in calm if s[2] != '200')}")
    rows = list(csv.DictReader(open(f"{folder / 'load'}_stats.csv", encoding="utf-8")))
    failures = list(csv.DictReader(open(f"{folder / 'load'}_failures.csv", encoding="utf-8")))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(f"load: {total['Request Count']} requests, {total['Failure Count']} failed, "
          f"p50 {total['50%']} ms, p95 {total['95%']} ms")
    for failure in failures:
        print(f"  {failure['Occurrences']:>4} × {failure['Name']}: {failure['Error'][:110]}")
    print(f"gunicorn workers' memory after the load: {', '.join(f'{m:.0f} MiB' for m in memory)}")
    print("\nreconciliation:")
    for key, value in json.loads(reconcile.splitlines()[-1]).items():
        if isinstance(value, list):
            value = f"{len(value)}" + (f" (answered {', '.join(map(str, value))})" if value else "")
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
