"""Benchmark of the public-opinion report figures and lists on the province-scale demo data.

    rm -f var/zhengxie.sqlite3* && .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/python bench/opinions_figures.py

Prints the median time of each read for the busiest committee below the top (the one that received the most reports;
Tianshui in the demo) and, as the
baseline measured in the same run, a plain count of that committee's reports: the ratios say how much the figures
cost compared with the cheapest query on the same rows. Writes (submit, forward) run in a transaction rolled back.
"""

import statistics
import sys
import time

from environment import setup_django

setup_django()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from zhengxie.core.models import Organisation, User  # noqa: E402
from zhengxie.opinions import figures, selectors, services  # noqa: E402
from zhengxie.opinions.choices import ReportStatus  # noqa: E402
from zhengxie.opinions.models import Report  # noqa: E402

RUNS = 15


def timed(fn) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


class Rollback(Exception):
    pass


def in_rollback(fn):
    def run():
        try:
            with transaction.atomic():
                fn()
                raise Rollback
        except Rollback:
            pass

    return run


def main():
    # The busiest committee with a committee above it (so that forwarding up is measured too).
    busiest = (Report.objects.filter(organisation__parent__isnull=False).values("organisation")
               .annotate(n=Count("pk")).order_by("-n").first() or {})
    if not busiest:
        sys.exit("No reports: load the demo data first (see the docstring).")
    org = Organisation.objects.get(pk=busiest["organisation"])
    office = User.objects.get(username__endswith="_info", role_assignments__organisation=org)
    term = org.current_term()
    period = figures.Period(term.starts_on, timezone.localdate())
    year = figures.Period.year(timezone.localdate().year)
    published = Report.objects.filter(organisation=org, status=ReportStatus.PUBLISHED, forwarded_at__isnull=True).first()

    baseline = timed(lambda: Report.objects.filter(organisation=org).count())
    rows = [
        ("figures, whole term", lambda: figures.report_figures(org, period)),
        ("figures, this year", lambda: figures.report_figures(org, year)),
        ("by author, whole term", lambda: figures.report_figures_by(org, period, figures.BY_AUTHOR)),
        ("by submitter, whole term", lambda: figures.report_figures_by(org, period, figures.BY_SUBMITTER)),
        ("by category, whole term", lambda: figures.report_figures_by(org, period, figures.BY_CATEGORY)),
        ("office queue, first page", lambda: list(selectors.report_search(
            selectors.reports_visible_to(office, org))[:25])),
        ("submit a report (rolled back)", in_rollback(lambda: services.report_submit(
            actor=office, organisation=org, title="基准测试", text="正文。" * 100, category="其他",
            as_organisation=True))),
    ]
    if published is not None:
        rows.append(("forward a report (rolled back)", in_rollback(
            lambda: services.report_forward(actor=office, report=published))))
    print(f"{org.short_name}: {busiest['n']} report records; database {connection.vendor}; median of {RUNS} runs")
    print(f"{'baseline: count of its reports':34} {baseline:8.2f} ms")
    for label, fn in rows:
        ms = timed(fn)
        print(f"{label:34} {ms:8.2f} ms   {ms / baseline:6.1f}× baseline")


if __name__ == "__main__":
    main()
