"""Handling-unit suggestions: which units handled the proposals most like this one (learnt from past assignments).

``rank_units`` is pure (no database): the assignment form's selector feeds it the organisation's past assignments
as (signature, unit, reason) and shows the result as a suggestion, with the most similar past proposal of each
unit as the reason.

Two sources of evidence, added up:

- **neighbours**: each of the ``neighbours`` most similar past items votes for its unit with its similarity, so a
  unit that handled several close proposals comes before one that handled a single one;
- **the kind of unit** (``lexicon.CONCEPT_UNITS``): the domain concepts named in the title point to the kinds of
  unit that usually handle them (殡葬 → 民政, 路灯 → 城市管理 ...), matched in the units' names
  (``lexicon.UNIT_KINDS``). It weighs less than one close neighbour and mostly orders the units the neighbours do
  not decide.

When both are silent, the units that handled the most proposals fill the list, without a reason."""

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from . import lexicon
from .similarity import CONCEPT_PREFIX

PRIOR_WEIGHT = 0.3


@dataclass(frozen=True)
class KindReason:
    """The reason of a unit suggested for its kind: the concept of the title and the kind of unit."""

    concept: str
    kind: str


def unit_kinds(name: str) -> list[str]:
    """The kinds of unit (``lexicon.UNIT_KINDS``) whose keywords occur in a unit's name."""
    return [kind for kind, words in lexicon.UNIT_KINDS.items() if any(w in name for w in words)]


def kind_prior(query_signature: Mapping[str, int], names: Mapping[object, str]) -> dict:
    """unit -> (score, KindReason) for the units whose kind handles a concept of the query: 1 for the first kind
    named for the concept, 1/2 for the second, 1/3 for the third; the best concept counts."""
    concepts = [t[len(CONCEPT_PREFIX):] for t in query_signature if t.startswith(CONCEPT_PREFIX)]
    kinds_of = {unit: set(unit_kinds(name)) for unit, name in names.items()}
    result: dict = {}
    for concept in concepts:
        for rank, kind in enumerate(lexicon.CONCEPT_UNITS.get(concept, ())):
            score = 1.0 / (rank + 1)
            for unit, kinds in kinds_of.items():
                if kind in kinds and score > result.get(unit, (0.0, None))[0]:
                    result[unit] = (score, KindReason(concept, kind))
    return result


def rank_units(engine, query_signature, past, *, limit: int = 3, neighbours: int = 10, min_score: float = 0.1,
               names: Mapping[object, str] | None = None, prior_weight: float = PRIOR_WEIGHT):
    """``past``: iterable of (signature, unit key, label of the past item); ``names``: unit key -> name of the units
    that may be suggested (default: the units of ``past``, named by their keys). Returns up to ``limit`` tuples
    (unit key, score, reason) best first; the reason is the label of the most similar past item of that unit, a
    ``KindReason``, or None (filled in by frequency)."""
    past = list(past)
    if names is None:
        names = {unit: str(unit) for _sig, unit, _label in past}
    q = engine.vector(query_signature)
    scored = []
    for signature, unit, label in past:
        s = engine.cosine(q, engine.vector(signature))
        if s >= min_score and s > 0:
            scored.append((s, unit, label))
    scored.sort(key=lambda t: -t[0])
    votes: dict = defaultdict(float)
    reasons: dict = {}
    for s, unit, label in scored[:neighbours]:
        votes[unit] += s
        reasons.setdefault(unit, label)
    if prior_weight:
        for unit, (score, why) in kind_prior(query_signature, names).items():
            votes[unit] += prior_weight * score
            reasons.setdefault(unit, why)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])[:limit]
    return _fill_by_frequency([(unit, score, reasons[unit]) for unit, score in ranked], past, votes, limit)


def _fill_by_frequency(result, past, taken, limit):
    """Too few suggestions: the units that handled the most past items come next, without a reason."""
    frequency = Counter(unit for _sig, unit, _label in past)
    for unit, _n in frequency.most_common():
        if len(result) >= limit:
            break
        if unit not in taken:
            result.append((unit, 0.0, None))
    return result
