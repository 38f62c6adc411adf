"""Benchmark of the statistics on PostgreSQL at a moderate scale (not a test; see docs/benchmarks.md).

    .venv/bin/python bench/stats_bench.py                 # build once (province demo + 100,000 proposals), measure
    .venv/bin/python bench/stats_bench.py --reuse         # measure again on the data already built

Builds ``BENCH_DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/zhengxie_bench_stats) the way
bench/proposals_bench.py does (the province demo, then proposals in bulk SQL spread over the 17 committees), then
times in-process, with the figure cache emptied before every request (the cold cost a first reader pays):

- the province leader's dashboard (its cities and counties rolled up), and the Tianshui leader's;
- one figure's record list (proposals registered this year, the province with everything below, page 1 and page 20);
- the annual work summary page of the province;
- the big screen's data;
- baseline, in the same run: the health check (``/healthz``), to read the figures as ratios on a noisy machine.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import proposals_bench as base  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/zhengxie_bench_stats"


def timed(log, label, username, path, repeat, results):
    from django.core.cache import cache
    from django.test import Client

    from zhengxie.core.models import User

    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    cache.clear()
    assert client.get(path).status_code == 200, path
    times = []
    for _ in range(repeat):
        cache.clear()
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    results[label] = statistics.median(times)
    log(f"  {label:<44} median {results[label]:8.1f} ms   (max {max(times):.1f} ms)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    import os

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    base.ensure_database(url)
    base.setup_django(DATABASE_URL=url)

    def log(message):
        print(message, flush=True)

    if not args.reuse:
        base.build(args.rows, log)
    from django.utils import timezone

    from zhengxie.proposals.models import Proposal

    year = timezone.localdate().year
    log(f"proposals: {Proposal.objects.count():,}; registered this year: "
        f"{Proposal.objects.filter(registered_at__year=year).count():,}")
    query = f"start={year}-01-01&end={year}-12-31&descendants=1"
    results = {}
    cases = [
        ("baseline: /healthz", "", "/healthz"),
        ("province dashboard (cities rolled up)", "gs_leader", "/stats/"),
        ("Tianshui dashboard (its counties)", "ts_leader", "/stats/"),
        ("figure list: registered, province, page 1", "gs_leader", f"/stats/figures/proposals.registered/?{query}"),
        ("figure list: registered, province, page 20", "gs_leader",
         f"/stats/figures/proposals.registered/?{query}&page=20"),
        ("figure list API: registered, page 1", "gs_leader",
         f"/api/v1/stats/figures/proposals.registered/records?year={year}"),
        ("annual work summary (province)", "gs_leader", f"/stats/summary/?{query}"),
        ("big screen data (province)", "gs_leader", "/stats/screen/data.json"),
    ]
    for label, username, path in cases:
        timed(log, label, username, path, args.repeat, results)
    baseline = results["baseline: /healthz"]
    log("ratios to the baseline in the same run:")
    for label, value in results.items():
        log(f"  {label:<44} {value / baseline:8.0f}×")


if __name__ == "__main__":
    main()
