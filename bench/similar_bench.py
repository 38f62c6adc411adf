"""Benchmark of similar items for a typed title on PostgreSQL with 1,000,000 proposals (not a test; see
docs/benchmarks.md).

    .venv/bin/python bench/similar_bench.py                  # build the signatures once, then measure
    .venv/bin/python bench/similar_bench.py --reuse          # measure again on the data already built

1. Builds a database (``BENCH_DATABASE_URL``, default postgres://postgres@127.0.0.1:5432/zhengxie_bench_similar):
   the schema, one committee, and ``--rows`` proposal signatures in that one committee (the worst case: every
   item in one inverted index), loaded with COPY. Their titles are made of the topics of the real titles in
   ``zhengxie/search/evaluation/titles.jsonl`` with other places, verbs and wording; the 140 real titles are
   added as they are.
2. Times ``search.selectors.similar_signatures`` (what the drafting page and the API call) for each real title
   of a same-issue group, typed as a query: median and 95th percentile, against the target of 100 ms.
3. What the caps cost: the summed score of the top 5 with the caps (the newest 3,000 postings of each term, 200
   signatures rescored) over the same without caps (every posting, 20,000 rescored). With the generated titles
   thousands of items tie on one topic, so the items differ; the scores say whether the caps lose better matches.
"""

import argparse
import io
import json
import math
import os
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from environment import ensure_database, setup_django

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/zhengxie_bench_similar"

VERBS = ["关于加快", "关于推进", "关于进一步加强", "关于完善", "关于解决", "关于优化", "关于规范", "关于做好", "关于提升",
         "关于建立", "关于支持", "关于落实", "关于统筹", "关于深化", "关于强化", ""]
ENDS = ["的建议", "的提案", "的几点建议", "问题的建议", "工作的提案", "的意见", ""]
PLACE_CHARS = "东南西北安平宁康泰和兴隆昌盛华阳山河川江湖城乡镇新丰永福清泉石林松柏云龙凤鹤金银玉"
PLACE_ENDS = ["县", "区", "镇", "乡", "街道", "市", "新区", "开发区"]
EXTRAS = ["城区", "农村", "社区", "学校", "企业", "老城区", "中心城区", "重点区域", "景区", "园区", "沿线", "周边",
          "长效机制", "专项行动", "试点", "资金保障", "监管", "宣传", "规划", "设施", "服务体系", "示范点"]


def real_titles():
    with open(ROOT / "zhengxie/search/evaluation/titles.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def topics(rows):
    """The issue of each real title, without its genre words (关于 ... 的建议)."""
    result = []
    for row in rows:
        core = row["title"]
        for word in ("关于", "的建议", "的提案", "建议", "提案", "进一步", "加强", "推进", "加快", "我市", "我县"):
            core = core.replace(word, "")
        if len(core) >= 3:
            result.append(core)
    return result


def synthetic_titles(n: int, rng: random.Random, cores):
    for _ in range(n):
        place = "".join(rng.sample(PLACE_CHARS, 2)) + rng.choice(PLACE_ENDS)
        extra = rng.choice(EXTRAS) if rng.random() < 0.6 else ""
        yield f"{rng.choice(VERBS)}{place if rng.random() < 0.5 else ''}{extra}{rng.choice(cores)}{rng.choice(ENDS)}"


def build(rows: int):
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from zhengxie.core.models import Organisation
    from zhengxie.proposals.models import Proposal
    from zhengxie.search.services import format_terms
    from zhengxie.search.similarity import default_engine, indexed

    call_command("migrate", verbosity=0)
    org = Organisation.objects.filter(short_name="bench").first() or Organisation.objects.create(
        name="基准测试政协", short_name="bench", level="city")
    content_type = ContentType.objects.get_for_model(Proposal)
    with connection.cursor() as cursor:  # the benchmark's own database: start from empty tables
        cursor.execute("TRUNCATE search_similarityposting, search_similaritysignature, search_similaritytermcount")
    engine = default_engine()
    rng = random.Random(13)
    reals = real_titles()
    titles = [r["title"] for r in reals] + list(synthetic_titles(rows - len(reals), rng, topics(reals)))
    started = time.perf_counter()
    signatures = [engine.signature(t) for t in titles]
    df = Counter()
    for sig in signatures:
        df.update(sig)
    engine.df, engine.documents = df, len(signatures)
    print(f"signatures of {len(titles):,} titles computed in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # A bulk load: no foreign-key triggers (the rows are consistent by construction) and the postings' indexes
        # built once at the end, as a restore does.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_similarityposting' "
                       "AND indexname NOT LIKE '%%pkey'")
        posting_indexes = cursor.fetchall()
        for name, _definition in posting_indexes:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM search_similaritysignature")
        first_id = cursor.fetchone()[0] + 1
        raw = cursor.connection
        sig_buffer = io.StringIO()
        for i, (title, sig) in enumerate(zip(titles, signatures, strict=True)):
            sig_buffer.write(f"{first_id + i}\t{org.pk}\t{content_type.pk}\tbench-{i}\t{title}\t{format_terms(sig)}\t\t"
                             f"{engine.norm(sig) or 1.0}\t2026-01-01 00:00:00+00\n")
        sig_buffer.seek(0)
        with raw.cursor().copy("COPY search_similaritysignature (id, organisation_id, content_type_id, object_id, title, "
                               "terms, text_terms, norm, updated_at) FROM STDIN") as copy:
            copy.write(sig_buffer.getvalue())
        del sig_buffer
        print(f"signatures loaded in {time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()
        chunk = io.StringIO()
        with raw.cursor().copy("COPY search_similarityposting (signature_id, organisation_id, content_type_id, term) "
                               "FROM STDIN") as copy:
            for i, sig in enumerate(signatures):
                for term in sig:
                    if indexed(term):  # as signature_store does: single characters are not indexed
                        chunk.write(f"{first_id + i}\t{org.pk}\t{content_type.pk}\t{term}\n")
                if i % 50000 == 49999:
                    copy.write(chunk.getvalue())
                    chunk = io.StringIO()
            copy.write(chunk.getvalue())
        counts = io.StringIO()
        for term, n in [*df.items(), ("", len(signatures))]:
            counts.write(f"{org.pk}\t{content_type.pk}\t{term}\t{n}\n")
        with raw.cursor().copy("COPY search_similaritytermcount (organisation_id, content_type_id, term, documents) "
                               "FROM STDIN") as copy:
            copy.write(counts.getvalue())
        for _name, definition in posting_indexes:
            cursor.execute(definition)
        cursor.execute("SET session_replication_role = origin")
        cursor.execute("ANALYZE search_similarityposting")
        cursor.execute("ANALYZE search_similaritysignature")
        cursor.execute("SELECT setval(pg_get_serial_sequence('search_similaritysignature', 'id'), "
                       "(SELECT MAX(id) FROM search_similaritysignature))")
    print(f"postings and term counts loaded and indexed in {time.perf_counter() - started:.0f} s", flush=True)
    return org


def measure(org):
    from django.db import connection

    from zhengxie.proposals.models import Proposal
    from zhengxie.search import selectors
    from zhengxie.search.models import SimilaritySignature
    from zhengxie.search.selectors import similar_signatures

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_similaritysignature WHERE organisation_id = %s", [org.pk])
        n = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM search_similarityposting WHERE organisation_id = %s", [org.pk])
        postings = cursor.fetchone()[0]
    queries = [r["title"] for r in real_titles() if r["group"]]
    for q in queries[:10]:  # warm the caches
        similar_signatures(organisation_id=org.pk, model=Proposal, title=q)
    # The baseline of the same run (the machine is shared and noisy): one signature read by its primary key.
    first = SimilaritySignature.objects.filter(organisation_id=org.pk).values_list("pk", flat=True).first()
    baseline = []
    for _ in range(200):
        started = time.perf_counter()
        SimilaritySignature.objects.filter(pk=first).values_list("terms", flat=True).first()
        baseline.append((time.perf_counter() - started) * 1000)
    times, kept = [], []
    for q in queries:
        started = time.perf_counter()
        similar_signatures(organisation_id=org.pk, model=Proposal, title=q, limit=5)
        times.append((time.perf_counter() - started) * 1000)
    # The same queries with no cap at all: every posting of the query's terms, 20,000 signatures rescored.
    caps = selectors.POSTINGS_PER_TERM, selectors.COMMON_SHARE
    selectors.POSTINGS_PER_TERM, selectors.COMMON_SHARE = 10 ** 8, 1.0
    try:
        for q in queries:
            capped = similar_signatures(organisation_id=org.pk, model=Proposal, title=q, limit=5)
            wide = similar_signatures(organisation_id=org.pk, model=Proposal, title=q, limit=5, candidates=20000)
            if wide:
                kept.append(sum(s for _sig, s in capped) / sum(s for _sig, s in wide))
    finally:
        selectors.POSTINGS_PER_TERM, selectors.COMMON_SHARE = caps
    times.sort()
    p95 = times[max(0, math.ceil(0.95 * len(times)) - 1)]
    print(f"{n:,} proposals, {postings:,} postings; {len(queries)} typed titles")
    print(f"similar items for a typed title: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
          f"max {times[-1]:.1f} ms (target < 100 ms)")
    base = statistics.median(baseline)
    print(f"baseline (one signature by its key): median {base:.2f} ms; similar items = {statistics.median(times) / base:.0f}x")
    print(f"score of the top 5 with the caps ({selectors.POSTINGS_PER_TERM} postings a term, "
          f"{selectors.SIMILAR_CANDIDATES} rescored) over the top 5 without: mean {statistics.mean(kept):.3f}, "
          f"lowest {min(kept):.3f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    setup_django(DATABASE_URL=url)
    if args.reuse:
        from zhengxie.core.models import Organisation

        org = Organisation.objects.get(short_name="bench")
    else:
        org = build(args.rows)
    measure(org)


if __name__ == "__main__":
    main()
