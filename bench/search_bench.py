"""Benchmark of full-text search at 1,000,000 proposals on PostgreSQL (not a test; see docs/benchmarks.md).

    .venv/bin/python bench/search_bench.py              # build the index entries once, then measure
    .venv/bin/python bench/search_bench.py --reuse      # measure again on the data already built

1. In the database of ``similar_bench.py`` (``BENCH_DATABASE_URL``, default
   postgres://postgres@127.0.0.1:5432/zhengxie_bench_similar), one committee's ``--rows`` search entries, as
   ``search_reindex`` writes them: the words (jieba) of a title, its number label, the proposer's name and a text of
   some sixty characters, for titles made as in ``similar_bench.py`` from the real titles' topics. Loaded with COPY,
   the full-text index (migration 0005, on the stored vector) built after the load.
2. Times the database's part of a search (``search.selectors._match_ids``: the match, the newest 1,000 matches ranked;
   then which objects they stand for) for queries of one to three words taken from the real titles, a number label and a proposer's name: median and 95th percentile, against the target of 50 ms. What is
   left out: the app's visibility rule applied to those at most 1,000 ids by primary key, and building the page's
   20 hits (measured on the demo data by the tests' query counts). The baseline of the same run: one entry read by
   its primary key.
"""

import argparse
import io
import math
import os
import random
import statistics
import time

from environment import ensure_database, setup_django
from similar_bench import DEFAULT_URL, real_titles, synthetic_titles, topics

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国华明丽娟强军平红英芳玉兰秀云志刚海涛伟静敏磊洋勇艳杰娜鹏飞"


def build(rows: int):
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from zhengxie.core.models import Organisation
    from zhengxie.proposals.models import Proposal
    from zhengxie.search.segment import segmented

    call_command("migrate", verbosity=0)
    org = Organisation.objects.filter(short_name="bench").first() or Organisation.objects.create(
        name="基准测试政协", short_name="bench", level="city")
    content_type = ContentType.objects.get_for_model(Proposal)
    rng = random.Random(7)
    reals = real_titles()
    titles = [r["title"] for r in reals] + list(synthetic_titles(rows - len(reals), rng, topics(reals)))
    started = time.perf_counter()
    # Each title is segmented once and its words reused in the texts of others (the words of a text made of two
    # titles are those of the two titles): the machine is shared, and segmenting 3,000,000 titles took too long.
    known = {t: segmented(t).replace("\\", "") for t in dict.fromkeys(titles)}
    segments = [known[t] for t in titles]
    print(f"{len(titles):,} titles segmented in {time.perf_counter() - started:.0f} s", flush=True)
    small = {}
    buffer = io.StringIO()
    for i, title in enumerate(titles):
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
        label = f"八届{rng.choice('一二三四五')}次第{i % 9999 + 1:04d}号"
        extra = f"{label} {name}"
        if extra not in small:
            small[extra] = segmented(extra)
        words = f"{segments[i]} {small[extra]} {segments[rng.randrange(len(titles))]} {segments[rng.randrange(len(titles))]}"
        buffer.write(f"{org.pk}\t{content_type.pk}\tbench-{i}\t{title}\t{words}\t2026-01-01 00:00:00+00\n")
        if i % 100000 == 99999:
            print(f"  {i + 1:,} entries segmented in {time.perf_counter() - started:.0f} s", flush=True)
    print(f"{len(titles):,} entries segmented in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_searchentry WHERE organisation_id = %s", [org.pk])
        cursor.execute("DROP INDEX IF EXISTS search_words_blocks")
        with cursor.connection.cursor().copy(
                "COPY search_searchentry (organisation_id, content_type_id, object_id, title, words, updated_at) "
                "FROM STDIN") as copy:
            copy.write(buffer.getvalue())
        print(f"entries loaded in {time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()
        cursor.execute("CREATE INDEX search_words_blocks ON search_searchentry USING gin (organisation_id, bucket, vector)")
        cursor.execute("VACUUM ANALYZE search_searchentry")  # as autovacuum leaves a table after a bulk load
    print(f"full-text index built in {time.perf_counter() - started:.0f} s", flush=True)
    return org


def queries():
    """One to three words of each real grouped title (after the genre words), a few number labels and names."""
    from zhengxie.search.segment import tokens

    result = []
    rng = random.Random(3)
    for row in real_titles():
        if not row["group"]:
            continue
        words = [w for w in tokens(row["title"], for_query=True) if len(w) > 1]
        if words:
            result.append(" ".join(rng.sample(words, min(len(words), rng.choice((1, 2, 3))))))
    result += ["八届三次第0123号", "第0456号", "王建国", "李丽娟 教育", "张明 医疗"]
    return result


def measure(org):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from zhengxie.proposals.models import Proposal
    from zhengxie.search.models import SearchEntry
    from zhengxie.search.segment import tokens
    from zhengxie.search.selectors import _match_ids

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_searchentry WHERE organisation_id = %s", [org.pk])
        n = cursor.fetchone()[0]
    content_type = ContentType.objects.get_for_model(Proposal)
    asked = queries()

    def one(q):
        scored = _match_ids(org.pk, tokens(q, for_query=True))
        list(SearchEntry.objects.filter(pk__in=[i for i, _s in scored], content_type=content_type)
             .values_list("pk", "object_id"))
        return len(scored)

    for q in asked[:10]:  # warm the caches
        one(q)
    # Baseline of the same run: one entry read by its primary key, as many times as there are queries.
    some = list(SearchEntry.objects.filter(organisation=org).values_list("pk", flat=True)[:len(asked)])
    base = []
    for pk in some:
        started = time.perf_counter()
        list(SearchEntry.objects.filter(pk=pk).values_list("pk", "object_id"))
        base.append((time.perf_counter() - started) * 1000)
    times, found = [], []
    for q in asked:
        started = time.perf_counter()
        found.append(one(q))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[max(0, math.ceil(0.95 * len(times)) - 1)]
    print(f"{n:,} search entries in one committee; {len(asked)} queries, matches per query: median "
          f"{statistics.median(found):,.0f}, {sum(1 for f in found if f >= 1000)} reaching the 1,000 read")
    print(f"search (match, the newest 1,000 matches ranked): median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
          f"max {times[-1]:.1f} ms (target p95 < 50 ms)")
    print(f"baseline, one entry by its primary key: median {statistics.median(base):.2f} ms; the search's median is "
          f"{statistics.median(times) / statistics.median(base):.0f}x the baseline")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    setup_django(DATABASE_URL=url)
    from zhengxie.core.models import Organisation

    org = Organisation.objects.get(short_name="bench") if args.reuse else build(args.rows)
    measure(org)


if __name__ == "__main__":
    main()
