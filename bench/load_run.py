"""The load test, bounded in time: gunicorn workers, the RQ worker and locust on this machine, then the figures.

    .venv/bin/python bench/load_run.py --users 50 --time 2m [--workers 4] [--database-url postgres://…/zx_bench_perf]
                                       [--kill-worker-at 60]

Needs the province demo in that PostgreSQL database (``manage.py seed_demo --scale province``), Redis on
127.0.0.1:6379 (database ``--redis-db``, 7 by default, for the queue and the cache) and ``pip install -e '.[bench]'``.
Prepares the accounts and the meeting (bench/load_prepare.py), starts gunicorn (``--workers`` sync workers, DEBUG=0)
and the RQ worker, runs locust headless (bench/locustfile.py) for ``--time``, and prints: requests/s, failure rate,
p50/p95/p99 per request type (logins apart), the memory of each gunicorn worker after the load, and the CPU share of the app (gunicorn and the RQ worker), the database
(the PostgreSQL backends serving this database) and the load generator, measured from /proc over the run. Stops
everything it started.
"""

import argparse
import csv
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from environment import prepare_environment

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int, children: bool = False) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    # fields[11:15] are utime, stime, cutime, cstime (the 14th to 17th of the whole line)
    used = int(fields[11]) + int(fields[12]) + ((int(fields[13]) + int(fields[14])) if children else 0)
    return used / TICKS


def tree(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    found = [pid]
    for child in map(int, out):
        found += tree(child)
    return found


def backends(database: str) -> list[int]:
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-At", "-v", f"db={database}"],
                         input="select pid from pg_stat_activity where datname = :'db'", capture_output=True,
                         text=True).stdout
    return [int(p) for p in out.split()]


def group_cpu(pids: list[int]) -> float:
    return sum(cpu_seconds(p, children=True) for p in pids)


def main():  # noqa: C901 - a script: arguments, then each phase of the run in order
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--time", default="2m")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/zx_bench_perf")
    parser.add_argument("--redis-db", type=int, default=7)
    parser.add_argument("--port", type=int, default=8221)
    parser.add_argument("--out", default=str(ROOT / "var" / "load"))
    parser.add_argument("--kill-worker-at", type=float, default=None, metavar="SECONDS",
                        help="kill one gunicorn worker (SIGKILL) this long into the load: the master starts another")
    args = parser.parse_args()
    database = args.database_url.rsplit("/", 1)[1]
    env = {**prepare_environment(), "DATABASE_URL": args.database_url, "REDIS_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
           "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "ERROR", "STATIC_MANIFEST": "0",
           "CONN_MAX_AGE": "600", "DJANGO_SETTINGS_MODULE": "config.settings"}
    data = f"{args.out}-data.json"
    subprocess.run([sys.executable, "bench/load_prepare.py", data], cwd=ROOT, env=env, check=True)
    app = subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(args.workers), "-b",
                            f"127.0.0.1:{args.port}", "--log-level", "error", "--timeout", "60"], cwd=ROOT, env=env,
                           start_new_session=True)
    worker = subprocess.Popen([sys.executable, "manage.py", "rqworker", "--job-class", "django_tasks_rq.Job",
                               "default"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    started_processes = [app, worker]
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{args.port}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.3)
        app_pids = tree(app.pid) + tree(worker.pid)
        before = {"app": group_cpu(app_pids), "db": group_cpu(backends(database))}
        db_at_start = set(backends(database))
        began = time.monotonic()
        loader = subprocess.Popen([sys.executable, "-m", "locust", "-f", "bench/locustfile.py", "--headless",
                                   "-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.time,
                                   "--host", f"http://127.0.0.1:{args.port}", "--csv", args.out, "--only-summary",
                                   "--loglevel", "WARNING"], cwd=ROOT, env={**env, "LOAD_DATA": data},
                                  start_new_session=True)
        started_processes.append(loader)
        peak_loader = 0.0
        db_pids = set(db_at_start)
        killed = None
        while loader.poll() is None:
            peak_loader = max(peak_loader, cpu_seconds(loader.pid))
            db_pids |= set(backends(database))
            if args.kill_worker_at is not None and killed is None and time.monotonic() - began >= args.kill_worker_at:
                killed = kill_one_worker(app.pid, time.monotonic() - began)
            time.sleep(2)
        wall = time.monotonic() - began
        memory = {pid: rss_mib(pid) for pid in tree(app.pid)[1:]}  # the workers, after the load
        app_pids = sorted(set(app_pids) | set(tree(app.pid)) | set(tree(worker.pid)))
        used = {"app": group_cpu(app_pids) - before["app"], "db": group_cpu(sorted(db_pids)) - before["db"],
                "loader": peak_loader}
    finally:
        for process in started_processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in started_processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
    cpus = os.cpu_count() or 1
    print(f"\n{args.users} users, {args.time}, {args.workers} gunicorn workers + RQ worker, PostgreSQL {database}, "
          f"{wall:.0f} s of load on {cpus} CPUs")
    rows = list(csv.DictReader(open(f"{args.out}_stats.csv", encoding="utf-8")))
    print(f"{'request':<40} {'count':>6} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in rows:
        print(f"{row['Name'][:40]:<40} {row['Request Count']:>6} {row['Failure Count']:>5} "
              f"{float(row['Requests/s']):7.2f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    logins = [r for r in rows if r["Name"] == "login"]
    rest = [r for r in rows if r["Name"] not in ("Aggregated", "login", "login page")]
    count = sum(int(r["Request Count"]) for r in rest)
    failures = sum(int(r["Failure Count"]) for r in rest)
    print(f"all: {float(total['Requests/s']):.1f} requests/s, failure rate "
          f"{int(total['Failure Count']) / max(1, int(total['Request Count'])):.2%}; without logins {count:,} requests, "
          f"{failures} failed")
    if logins:
        print(f"logins: {logins[0]['Request Count']} (p50 {logins[0]['50%']} ms, p95 {logins[0]['95%']} ms)")
    for name, seconds in used.items():
        print(f"CPU {name:<7} {seconds:7.1f} s = {seconds / (wall * cpus):5.1%} of the machine's {cpus} CPUs")
    print("gunicorn workers' memory after the load (RSS): " + ", ".join(f"{mib:.0f} MiB" for mib in memory.values()))
    if killed is not None:
        print(f"killed worker {killed[0]} at {killed[1]:.0f} s; the master started {killed[2] or 'none'} in its place")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def kill_one_worker(master: int, at: float):
    """SIGKILL the first gunicorn worker; wait up to 10 s for the master to start its replacement."""
    workers = tree(master)[1:]
    if not workers:
        return None
    victim = workers[0]
    os.kill(victim, signal.SIGKILL)
    print(f"killed gunicorn worker {victim} at {at:.0f} s", flush=True)
    for _ in range(50):
        fresh = [pid for pid in tree(master)[1:] if pid not in workers]
        if fresh:
            return victim, at, fresh[0]
        time.sleep(0.2)
    return victim, at, None


if __name__ == "__main__":
    main()
