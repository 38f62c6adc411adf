"""Measures the similarity engines on the development sets of real published titles.

    .venv/bin/python -m zhengxie.search.evaluation.evaluate            # dev and test, every engine
    .venv/bin/python -m zhengxie.search.evaluation.evaluate --split test

P@1: the top hit of a title that has same-issue titles is one of them. R@5: the share of its same-issue titles in
its top 5, over min(group size - 1, 5). Each title is compared with every other title of its split (its group,
the other groups, the distractors). Document frequencies come from all the titles (no labels are used for them).
Unit accuracy: for each title with the unit that replied, the units of the other titles are ranked by the
similarity of their titles (leave one out); a hit when the right unit is among the first three."""

import argparse
import json
import math
from collections import Counter
from functools import partial
from pathlib import Path

from zhengxie.search import lexicon as lex
from zhengxie.search.similarity import CONCEPT_WEIGHT, UNIGRAM_WEIGHT, BM25Engine, Lexicon, SimilarityEngine
from zhengxie.search.units import rank_units

HERE = Path(__file__).parent


def load(name):
    with open(HERE / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class JiebaCounts:
    """What ``search.selectors.similar`` scored before: jieba words, raw counts, cosine (without its 50-candidate
    pre-selection, which only lowers its figures)."""

    def __init__(self):
        from zhengxie.search.segment import tokens

        self.tokens = tokens

    def fit(self, signatures):
        return self

    def signature(self, text):
        return Counter(self.tokens(text))

    def similar(self, query, candidates, limit=5, threshold=0.0):
        q = self.signature(query) if isinstance(query, str) else query
        qn = math.sqrt(sum(v * v for v in q.values())) or 1.0
        scored = []
        for key, sig in candidates:
            dot = sum(q[w] * sig.get(w, 0) for w in q)
            norm = qn * (math.sqrt(sum(v * v for v in sig.values())) or 1.0)
            if dot:
                scored.append((key, dot / norm))
        scored.sort(key=lambda s: -s[1])
        return scored[:limit]


CHOSEN = {"concept_weight": CONCEPT_WEIGHT, "unigram_weight": UNIGRAM_WEIGHT}


def engines():
    full = Lexicon(lex.merged(lex.CONCEPTS, lex.TEST_ONLY, lex.AFTER_THIRD, lex.AFTER_FOURTH), lex.STOP_PHRASES)
    without_test_only = Lexicon(lex.CONCEPTS, lex.STOP_PHRASES)
    without_third = Lexicon(lex.merged(lex.CONCEPTS, lex.TEST_ONLY, lex.AFTER_FOURTH), lex.STOP_PHRASES)
    without_fourth = Lexicon(lex.merged(lex.CONCEPTS, lex.TEST_ONLY, lex.AFTER_THIRD), lex.STOP_PHRASES)
    return {
        "jieba words, raw counts (before)": JiebaCounts(),
        "character pairs, TF-IDF": SimilarityEngine(),
        "character pairs, BM25": BM25Engine(),
        "pairs + lexicon, BM25": BM25Engine(lexicon_=full),
        "pairs + lexicon, TF-IDF (before: concept 2, no single characters)": SimilarityEngine(lexicon_=full),
        "pairs + lexicon, TF-IDF (chosen)": SimilarityEngine(lexicon_=full, **CHOSEN),
        "pairs + lexicon without held-out entries, TF-IDF": SimilarityEngine(lexicon_=without_test_only, **CHOSEN),
        "pairs + lexicon without the third's topics, TF-IDF": SimilarityEngine(lexicon_=without_third, **CHOSEN),
        "pairs + lexicon without the fourth's entries, TF-IDF": SimilarityEngine(lexicon_=without_fourth, **CHOSEN),
    }


def measure(engine, rows, all_rows, *, prefix="", queries=None):
    """``queries``: the splits whose titles are asked (default: every row of ``rows``); the others only compete."""
    engine.fit(engine.signature(prefix + r["title"]) for r in all_rows)
    sigs = [(i, engine.signature(prefix + r["title"])) for i, r in enumerate(rows)]
    p1, r5, n = 0.0, 0.0, 0
    for i, row in enumerate(rows):
        if not row["group"] or (queries and row["split"] not in queries):
            continue
        same = {j for j, other in enumerate(rows) if j != i and other["group"] == row["group"]}
        if not same:
            continue
        hits = [key for key, _s in engine.similar(sigs[i][1], [s for s in sigs if s[0] != i], limit=5)]
        n += 1
        p1 += 1 if hits and hits[0] in same else 0
        r5 += len(same & set(hits)) / min(len(same), 5)
    return {"queries": n, "P@1": p1 / n if n else 0.0, "R@5": r5 / n if n else 0.0}


def measure_units(engine, units, all_rows, *, split=None, ranker=rank_units):
    """Leave one out: each title of ``split`` (None: the first collection) against every other title with a unit."""
    engine.fit(engine.signature(r["title"]) for r in all_rows)
    hits = n = 0
    for i, row in enumerate(units):
        if row.get("split") != split:
            continue
        past = [(engine.signature(o["title"]), o["unit_canonical"], o["title"]) for j, o in enumerate(units) if j != i]
        ranked = ranker(engine, engine.signature(row["title"]), past, limit=3)
        hits += row["unit_canonical"] in [u for u, _s, _why in ranked]
        n += 1
    return {"titles": n, "top-3 unit": hits / n if n else 0.0}


def pair_precision(engine, rows, all_rows, thresholds):
    """For each threshold: the precision and recall of the pairs scoring at least that much (a pair is right when
    both titles are of one same-issue group)."""
    engine.fit(engine.signature(r["title"]) for r in all_rows)
    vectors = [engine.vector(engine.signature(r["title"])) for r in rows]
    pairs = []
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            same = bool(rows[i]["group"]) and rows[i]["group"] == rows[j]["group"]
            pairs.append((engine.cosine(vectors[i], vectors[j]), same))
    positives = sum(1 for _s, same in pairs if same)
    result = []
    for t in thresholds:
        shown = [same for s, same in pairs if s >= t]
        right = sum(shown)
        result.append((t, right / len(shown) if shown else 1.0, right / positives if positives else 0.0, len(shown)))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["dev", "test", "test2", "test3", "test4", "all"], default=None)
    parser.add_argument("--thresholds", action="store_true", help="precision and recall of the pairs shown")
    args = parser.parse_args(argv)
    if args.thresholds:
        rows = load("titles.jsonl")
        for split in ("dev", "test", "test2", "test3", "test4"):
            part = [r for r in rows if r["split"] == split]
            print(f"[{split}] threshold  precision  recall  pairs shown")
            for t, p, r, n in pair_precision(engines()["pairs + lexicon, TF-IDF (chosen)"], part, rows,
                                             [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]):
                print(f"       {t:9.2f}  {p:9.3f}  {r:6.3f}  {n:5d}")
        return
    rows = load("titles.jsonl")
    units = load("units.jsonl")
    splits = [args.split] if args.split else ["dev", "test", "test2", "test3", "test4"]
    print(f"{len(rows)} titles, {sum(1 for r in rows if r['group'])} in {len({r['group'] for r in rows if r['group']})}"
          f" same-issue groups, {sum(1 for r in rows if not r['group'])} distractors; {len(units)} titles with a unit")
    for split in splits:
        # test2 (the second collection, held out as a whole): its titles are asked against every title of both
        # collections, so the first collection's groups and distractors compete with the right answers.
        queries = {split} if split in ("test2", "test3", "test4") else None
        part = rows if split in ("all", "test2", "test3", "test4") else [r for r in rows if r["split"] == split]
        print(f"\n[{split}] {sum(1 for r in part if not queries or r['split'] in queries)} titles asked,"
              f" {len(part)} compared")
        for name, engine in engines().items():
            m = measure(engine, part, rows, queries=queries)
            print(f"  {name:52s} P@1 {m['P@1']:.3f}  R@5 {m['R@5']:.3f}  ({m['queries']} queries)")
        chosen = engines()["pairs + lexicon, TF-IDF (chosen)"]
        m = measure(chosen, part, rows, prefix="八届五次第0001号 ", queries=queries)
        print(f"  {'chosen, number label in the text':52s} P@1 {m['P@1']:.3f}  R@5 {m['R@5']:.3f}")
    print()
    chosen = engines()["pairs + lexicon, TF-IDF (chosen)"]
    variants = {
        "character pairs, neighbours only": (engines()["character pairs, TF-IDF"], partial(rank_units, prior_weight=0)),
        "chosen engine, neighbours only": (chosen, partial(rank_units, prior_weight=0)),
        "chosen engine, neighbours + kind of unit (chosen)": (chosen, rank_units),
    }
    for name, (engine, ranker) in variants.items():
        for split, label in ((None, "first"), ("test2", "second"), ("test3", "third"), ("test4", "fourth (held out)")):
            m = measure_units(engine, units, rows, split=split, ranker=ranker)
            print(f"[units] {name:50s} {label:18s} top-3 {m['top-3 unit']:.3f} over {m['titles']} titles")


if __name__ == "__main__":
    main()
