"""Handling-unit suggestions: which units handled the proposals most like this one (learnt from past assignments).

``rank_units`` is pure (no database): the assignment form's selector feeds it the organisation's past assignments
as (signature, unit, reason) and shows the result as a suggestion, with the most similar past proposal of each
unit as the reason."""

from collections import defaultdict


def rank_units(engine, query_signature, past, *, limit: int = 3, neighbours: int = 15):
    """``past``: iterable of (signature, unit key, label of the past item). Returns up to ``limit`` tuples
    (unit key, score, label of the most similar past item of that unit), best first.

    Each of the ``neighbours`` most similar past items votes for its unit with its similarity; a unit's score is the
    sum of its votes, so a unit that handled several close proposals comes before one that handled a single one."""
    past = list(past)
    q = engine.vector(query_signature)
    scored = []
    for signature, unit, label in past:
        s = engine.cosine(q, engine.vector(signature))
        if s > 0:
            scored.append((s, unit, label))
    scored.sort(key=lambda t: -t[0])
    votes: dict = defaultdict(float)
    best: dict = {}
    for s, unit, label in scored[:neighbours]:
        votes[unit] += s
        best.setdefault(unit, (label, s))
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])[:limit]
    return [(unit, score, best[unit][0]) for unit, score in ranked]
