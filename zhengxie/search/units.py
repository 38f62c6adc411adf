"""Handling-unit suggestions: which units handled the proposals most like this one (learnt from past assignments).

``rank_units`` is pure (no database): the assignment form's selector feeds it the organisation's past assignments
as (signature, unit, reason) and shows the result as a suggestion, with the most similar past proposal of each
unit as the reason."""

from collections import Counter, defaultdict


def rank_units(engine, query_signature, past, *, limit: int = 3, neighbours: int = 10, min_score: float = 0.1):
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
    scored = [t for t in scored if t[0] >= min_score]
    votes: dict = defaultdict(float)
    best: dict = {}
    for s, unit, label in scored[:neighbours]:
        votes[unit] += s
        best.setdefault(unit, (label, s))
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])[:limit]
    result = [(unit, score, best[unit][0]) for unit, score in ranked]
    if len(result) < limit:
        # Too few look-alikes: the units that handled the most proposals fill the list, without a reason.
        frequency = Counter(unit for _sig, unit, _label in past)
        for unit, _n in frequency.most_common():
            if len(result) >= limit:
                break
            if unit not in votes:
                result.append((unit, 0.0, None))
    return result
