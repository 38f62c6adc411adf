"""Clusters of items about the same issue among a list: the same complaint raised at several places, the same thing
reported by several counties, the same report forwarded up twice.

``clusters_of(queryset, model=…)`` takes the list the user sees (already filtered by the app's visibility rule and
the page's filters), reads the stored similarity signatures of its newest ``CLUSTER_LIMIT`` items, finds the pairs whose score
reaches the threshold and groups them around centres (``cluster_signatures``). Nothing
is computed from the texts at this point: the signatures were computed when the items were saved.

The scores are those of ``search.similarity`` (the engine behind ``similar_objects``), with the document
frequencies of the organisation's whole collection, so a pair scores the same here and on the item's page."""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from .models import SimilaritySignature, SimilarityTermCount
from .similarity import CONCEPT_PREFIX, default_engine, indexed

# The score from which two items are shown as about the same issue, by kind, chosen from measured precision
# (docs/benchmarks.md): titles of reports like those of proposals (``evaluate --thresholds``: 0.2); constituents'
# descriptions, longer and freer, score lower for the same complaint (``concern_collection``: 0.15, the highest with
# the best recall at precision 1.0 on real messages).
THRESHOLDS = {"opinions.report": 0.2, "outreach.concern": 0.15}
DEFAULT_THRESHOLD = 0.2


def threshold_for(kind: str) -> float:
    return THRESHOLDS.get(kind, DEFAULT_THRESHOLD)


CLUSTER_LIMIT = 500  # the newest items of a list that are clustered (about a second on the shared 2-core machine)
COMMON_SHARE = 0.05  # a word in more than this share of the list does not propose pairs (it still scores them)
HEAVIEST = 8  # the terms of an item that propose its pairs
NEIGHBOURS = 20  # the pairs an item proposes
CONCEPT_POSTINGS = 200  # the items (newest first) a concept proposes


@dataclass
class Cluster:
    items: list  # (object, score against the cluster's first item), the first item with 1.0
    score: float  # the lowest score of the pairs that joined the cluster
    concepts: list[str] = field(default_factory=list)  # the domain concepts the items share

    @property
    def size(self) -> int:
        return len(self.items)


def _candidate_pairs(vectors: dict) -> set:
    """The pairs worth scoring: for each item, the ``NEIGHBOURS`` others with the largest sum of weights over its
    ``HEAVIEST`` terms (an in-memory inverted index; single characters are not indexed, and a word in more than
    ``COMMON_SHARE`` of the list proposes nothing, while a concept of the lexicon always does). Bounded work: at most
    ``HEAVIEST`` posting lists per item."""
    postings = defaultdict(list)
    for key, vector in vectors.items():
        for term, weight in vector.items():
            if indexed(term):
                postings[term].append((key, weight))
    common = max(50, int(COMMON_SHARE * len(vectors)))
    pairs = set()
    for key, vector in vectors.items():
        terms = [t for t in vector if indexed(t) and 1 < len(postings[t])
                 and (t.startswith(CONCEPT_PREFIX) or len(postings[t]) <= common)]
        sums = defaultdict(float)
        for term in heapq.nlargest(HEAVIEST, terms, key=vector.get):
            weight = vector[term]
            for other, other_weight in postings[term][:CONCEPT_POSTINGS]:
                if other != key:
                    sums[other] += weight * other_weight
        pairs.update((min(key, other), max(key, other)) for other in heapq.nlargest(NEIGHBOURS, sums, key=sums.get))
    return pairs


def cluster_signatures(vectors: dict, threshold: float) -> list[tuple[list, float]]:
    """Groups of keys about one issue, each as (keys, lowest score), the group's centre first. Pairs scoring at least
    ``threshold`` are found through ``_candidate_pairs``; then, greedily, the item with the most such neighbours
    still free becomes a centre and takes its free neighbours (star clustering: every item of a group is similar to
    its centre, so no chain of look-alikes joins unrelated items)."""
    neighbours = defaultdict(dict)
    for a, b in _candidate_pairs(vectors):
        va, vb = vectors[a], vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        score = sum(w * vb.get(t, 0.0) for t, w in va.items())
        if score >= threshold:
            neighbours[a][b] = neighbours[b][a] = score
    free = set(neighbours)
    groups = []
    for centre in sorted(neighbours, key=lambda k: (-len(neighbours[k]), k)):
        if centre not in free:
            continue
        members = sorted((k for k in neighbours[centre] if k in free), key=lambda k: -neighbours[centre][k])
        if not members:
            continue
        free.difference_update([centre, *members])
        groups.append(([centre, *members], min(neighbours[centre][k] for k in members)))
    return groups


def clusters_of(queryset, *, model, threshold: float, limit: int = CLUSTER_LIMIT, order_by=("-pk",)) -> list[Cluster]:
    """Clusters among the newest ``limit`` items of ``queryset`` (objects of ``model``), largest first. Items the
    engine does not compare (no signature yet) are left out."""
    ids = [str(pk) for pk in queryset.order_by(*order_by).values_list("pk", flat=True)[:limit]]
    if len(ids) < 2:
        return []
    content_type = ContentType.objects.get_for_model(model)
    signatures = list(SimilaritySignature.objects.filter(content_type=content_type, object_id__in=ids)
                      .values_list("object_id", "organisation_id", "terms"))
    if len(signatures) < 2:
        return []
    from .services import parse_terms

    terms = {object_id: parse_terms(value) for object_id, _org, value in signatures}
    organisation_id = signatures[0][1]
    vocabulary = {t for sig in terms.values() for t in sig}
    counts = dict(SimilarityTermCount.objects.filter(organisation_id=organisation_id, content_type=content_type,
                                                     term__in=[*vocabulary, ""]).values_list("term", "documents"))
    engine = default_engine(df=counts, documents=counts.get("", 0))
    vectors = {object_id: engine.vector(sig) for object_id, sig in terms.items()}
    vectors = {k: v for k, v in vectors.items() if v}
    groups = cluster_signatures(vectors, threshold)
    if not groups:
        return []
    wanted = {k for keys, _low in groups for k in keys}
    objects = {str(o.pk): o for o in queryset.filter(pk__in=list(wanted))}
    result = []
    for keys, low in groups:
        keys = [k for k in keys if k in objects]
        if len(keys) < 2:
            continue
        head = vectors[keys[0]]
        items = [(objects[k], 1.0 if i == 0 else round(engine.cosine(head, vectors[k]), 3)) for i, k in enumerate(keys)]
        shared = set.intersection(*(set(terms[k]) for k in keys))
        concepts = sorted(t[1:] for t in shared if t.startswith("#"))
        result.append(Cluster(items=items, score=round(low, 3), concepts=concepts))
    result.sort(key=lambda c: (-c.size, -c.score))
    return result
