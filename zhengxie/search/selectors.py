"""Searching: full-text matching in the database's engine, then each app's own visibility rules."""

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.html import escape

from .models import SearchEntry, SimilarityPosting, SimilaritySignature, SimilarityTermCount
from .registry import searchable_for, searchables
from .segment import tokens
from .similarity import SimilarityEngine, default_engine, indexed

CANDIDATES = 1000  # matching entries read per query; counts are exact up to this


@dataclass
class Hit:
    obj: object
    title: str
    url: str
    kind: str
    score: float
    excerpt: str = ""  # HTML: escaped, the query's words in <mark>
    moment: object = None
    status: str = ""


# PostgreSQL: the entries' ids in blocks of BUCKET (migration 0005), the newest blocks searched first: the newest
# two, then four times as many older ones each round, then all the rest.
BUCKET = 4096
ROUNDS = (2, 8, 32, 128)


def _match_ids(organisation_id: int, words: list[str], *, content_type_id: int | None = None,
               limit: int = CANDIDATES) -> list[tuple[int, float]]:
    """(entry id, score) of the entries of one organisation matching every word, best first.

    PostgreSQL: the newest ``limit`` matches are ranked by ``ts_rank`` on the stored vector, so that a common word
    does not rank a hundred thousand rows (a search with more matches says "at least": ``capped``). They are found
    block by block of ids, newest first, until there are enough (``ROUNDS``).
    SQLite: FTS5 ranks every match by BM25 (a county's size)."""
    words = _without_parts(words)
    if not words:
        return []
    if connection.vendor == "postgresql":
        return _match_ids_postgresql(organisation_id, " & ".join(words), content_type_id, limit)
    sql = (f"SELECT e.id, -bm25(search_fts) FROM search_fts JOIN {SearchEntry._meta.db_table} e "  # noqa: S608
           "ON e.id = search_fts.rowid WHERE search_fts MATCH %s AND e.organisation_id = %s "
           "AND (%s IS NULL OR e.content_type_id = %s) ORDER BY bm25(search_fts) LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [" AND ".join(f'"{w}"' for w in words), organisation_id, content_type_id,
                             content_type_id, limit])
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def _without_parts(words: list[str]) -> list[str]:
    """The query's words without those that are part of another of its words (the index holds 电动车 with its parts
    电动 and 动车, as ``tokens`` gives them: a match of the whole word is a match of its parts)."""
    unique = list(dict.fromkeys(words))
    return [w for w in unique if not any(w != other and w in other for other in unique)]


def _match_ids_postgresql(organisation_id: int, query: str, content_type_id: int | None, limit: int):
    # The words have no punctuation (``segment.tokens``): ``query`` is plain lexemes joined by &. Only the table's
    # name and fixed conditions are put into the text; every value is a parameter.
    table = SearchEntry._meta.db_table
    scope, scope_params = "organisation_id = %s", [organisation_id]
    if content_type_id:
        scope, scope_params = scope + " AND content_type_id = %s", [*scope_params, content_type_id]
    found = []
    with connection.cursor() as cursor:  # (JIT compilation, which cost more than these statements, is off: DB_JIT)
        cursor.execute(f"SELECT max(id) FROM {table} WHERE organisation_id = %s", [organisation_id])  # noqa: S608
        newest = cursor.fetchone()[0]
        if newest is None:
            return []
        last = top = newest // BUCKET + 1  # blocks below ``top`` not yet searched
        for blocks in (*ROUNDS, None):
            low = None if blocks is None else max(0, last - blocks)
            # One round: the matches in blocks [low, top), newest first. The index holds the organisation, the
            # block and the words, so a round reads from the table only the matches of blocks from ``low`` on; the
            # upper end is said by the id, since the index would read every block below ``top`` to apply it.
            cursor.execute(f"SELECT id, ts_rank(vector, to_tsquery('simple', %s)) FROM {table} "  # noqa: S608
                           f"WHERE {scope} AND id < %s {'' if low is None else 'AND bucket >= %s'} "
                           f"AND vector @@ to_tsquery('simple', %s) ORDER BY id DESC LIMIT %s",
                           [query, *scope_params, top * BUCKET, *([] if low is None else [low]), query,
                            limit - len(found)])
            found += cursor.fetchall()
            if len(found) >= limit or not low:
                break
            top = low
    found.sort(key=lambda row: (-row[1], -row[0]))
    return [(pk, float(score)) for pk, score in found]


def search(user, organisation, query: str, *, kind: str | None = None, limit: int = 100) -> list[Hit]:
    """What the user may see in the organisation that matches ``query``, best first."""
    return search_results(user, organisation, query, kind=kind, size=limit).hits


@dataclass
class SearchResults:
    hits: list[Hit]
    count: int  # exact up to CANDIDATES matching entries; ``capped`` when there were more
    page: int
    pages: int
    capped: bool = False


def _excerpt(text: str, words: list[str], width: int = 60) -> str:
    """A piece of ``text`` around the first query word, HTML-escaped, with the words in <mark>."""
    text = " ".join((text or "").split())
    lowered = text.lower()
    positions = [lowered.find(w) for w in words if w and lowered.find(w) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    piece = text[start:start + width]
    escaped = escape(piece)
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        escaped = re.sub(re.escape(escape(word)), lambda m: f"<mark>{m.group(0)}</mark>", escaped, flags=re.IGNORECASE)
    return ("…" if start else "") + escaped + ("…" if start + width < len(text) else "")


MOMENT_FIELDS = ("submitted_at", "received_at", "created_at", "updated_at", "starts_at")


def search_results(user, organisation, query: str, *, kind: str | None = None, page: int = 1, size: int = 20,
                   sort: str = "relevance", year: int | None = None, status: str = "",
                   organisations=None) -> SearchResults:
    """One page of what the user may see that matches ``query``: each hit with an excerpt (words highlighted), its
    date and status; ``sort`` is ``relevance`` or ``date`` (newest first). Filters: ``kind`` (one searchable),
    ``status`` (a state of that kind), ``year`` (of the item's date); ``organisations``: several organisations the
    user works in, each searched with its own visibility rule (default: ``organisation`` alone)."""
    words = tokens(query, for_query=True)
    if not words or organisation is None:
        return SearchResults([], 0, 1, 1)
    types = {s.key: s for s in searchables() if kind in (None, "", s.key)}
    content_types = {ContentType.objects.get_for_model(s.model).pk: s for s in types.values()}
    ct_filter = next(iter(content_types)) if kind and content_types else None
    found, capped = [], False
    for org in organisations or [organisation]:
        org_found, org_capped = _visible_matches(user, org, words, content_types, ct_filter, year=year,
                                                 status=status if kind else "")
        found += org_found
        capped = capped or org_capped
    if sort == "date":
        found.sort(key=lambda f: (f[3] is not None, f[3] or 0, f[2]), reverse=True)
    else:
        found.sort(key=lambda f: -f[2])
    size = max(1, min(size, 100))
    pages = max(1, -(-len(found) // size))
    page = max(1, min(page, pages))
    shown = found[(page - 1) * size:page * size]
    objects = {}
    for searchable, org in {(id(s), o.pk): (s, o) for _pk, s, _score, _m, o in shown}.values():
        qs = searchable.visible(user, org).filter(
            pk__in=[pk for pk, s, _sc, _m, o in shown if s is searchable and o.pk == org.pk])
        if searchable.select_related:
            qs = qs.select_related(*searchable.select_related)
        objects.update(((searchable.key, obj.pk), obj) for obj in qs)
    hits = [_hit(objects[(s.key, pk)], s, score, moment, words) for pk, s, score, moment, _o in shown
            if (s.key, pk) in objects]
    return SearchResults(hits, len(found), page, pages, capped=capped)


def _visible_matches(user, org, words, content_types, ct_filter, *, year=None, status=""):
    """(pk, searchable, score, date, organisation) of the matches the user may see in one organisation."""
    scored = _match_ids(org.pk, words, content_type_id=ct_filter)
    # Which object each entry stands for (not the entries' indexed words: up to a thousand long texts).
    entries = {pk: (ct_id, object_id) for pk, ct_id, object_id in
               SearchEntry.objects.filter(pk__in=[i for i, _s in scored]).values_list("pk", "content_type_id", "object_id")}
    by_type: dict[int, dict[str, float]] = {}
    for entry_id, score in scored:
        ct_id, object_id = entries.get(entry_id, (None, None))
        if ct_id in content_types:
            by_type.setdefault(ct_id, {})[object_id] = score
    # Every visible match is counted and ordered by its id, score and date alone; only the page's objects are read
    # whole and get their title, link, status and excerpt (building and decrypting up to a thousand objects, and
    # their excerpts from whole texts, was most of the search page's time).
    found = []
    for ct_id, scores in by_type.items():
        searchable = content_types[ct_id]
        moments = _moment_fields(searchable.model)
        if year and not moments:
            continue  # a kind without a date (a member's seat) has no year
        visible = searchable.visible(user, org).filter(pk__in=list(scores))
        if status and any(f.name == "status" for f in searchable.model._meta.concrete_fields):
            visible = visible.filter(status=status)
        if year and moments:
            visible = visible.filter(**{f"{moments[0]}__year": year})
        found.extend((pk, searchable, scores[str(pk)], next((m for m in row if m), None), org)
                     for pk, *row in visible.values_list("pk", *moments))
    return found, len(scored) >= CANDIDATES


def statuses_of(kind: str) -> list[tuple[str, str]]:
    """The states a kind of item can be in (for the search page's status filter), or none."""
    searchable = next((s for s in searchables() if s.key == kind), None)
    field = next((f for f in searchable.model._meta.concrete_fields if f.name == "status"), None) if searchable else None
    return [(str(v), str(label)) for v, label in field.choices] if field is not None and field.choices else []


def _moment_fields(model) -> list[str]:
    """The fields ``_moment`` reads, those the model has, in its order."""
    names = {f.name for f in model._meta.concrete_fields}
    return [name for name in MOMENT_FIELDS if name in names]


def _hit(obj, searchable, score: float, moment, words: list[str]) -> Hit:
    status = obj.get_status_display() if hasattr(obj, "get_status_display") else ""
    return Hit(obj=obj, title=str(searchable.title(obj)), url=searchable.url(obj), kind=str(searchable.label),
               score=score, excerpt=_excerpt(str(searchable.text(obj) or ""), words), moment=moment, status=str(status))


# -- similar items (the similarity engine over stored signatures) -------------------------------------------------------
# A score at or above this is shown as "similar"; chosen from the precision measured on the development set
# (docs/benchmarks.md: ``evaluate --thresholds``).
SIMILAR_THRESHOLD = 0.2
SIMILAR_CANDIDATES = 200  # signatures rescored exactly after the inverted index's first cut
POSTING_TERMS = 12  # the query's heaviest terms used for that cut
COMMON_SHARE = 0.02
POSTINGS_PER_TERM = 3000  # the newest postings of each term read for the first cut


def engine_for(organisation_id: int, content_type_id: int, terms) -> SimilarityEngine:
    counts = dict(SimilarityTermCount.objects.filter(organisation_id=organisation_id, content_type_id=content_type_id,
                                                     term__in=[*terms, ""]).values_list("term", "documents"))
    return default_engine(df=counts, documents=counts.get("", 0))


def _first_cut(organisation_id: int, content_type_id: int, weights: dict, candidates: int):
    """The signatures with the largest sum of the query terms' weights, reading at most POSTINGS_PER_TERM postings of
    each term (the newest: the covering index gives them in order), then the signatures themselves: one query."""
    posting, signature = SimilarityPosting._meta.db_table, SimilaritySignature._meta.db_table
    parts, params = [], []
    for i, (term, weight) in enumerate(weights.items()):
        # Only table names and aliases are put into the text; every value is a parameter.
        parts.append(f"SELECT signature_id, CAST(%s AS REAL) AS w FROM (SELECT signature_id FROM {posting} "  # noqa: S608
                     f"WHERE organisation_id = %s AND content_type_id = %s AND term = %s "
                     f"ORDER BY signature_id DESC LIMIT %s) AS p{i}")
        params += [float(weight), organisation_id, content_type_id, term, POSTINGS_PER_TERM]
    sql = (f"SELECT s.id, s.object_id, s.title, s.terms, s.norm FROM {signature} s JOIN ("  # noqa: S608
           f"SELECT signature_id, SUM(w) AS score FROM ({' UNION ALL '.join(parts)}) AS hits "
           f"GROUP BY signature_id ORDER BY score DESC, signature_id DESC LIMIT %s) AS cut ON cut.signature_id = s.id")
    return SimilaritySignature.objects.raw(sql, [*params, candidates])


def similar_signatures(*, organisation_id: int, model, title: str, exclude_object_ids=(), limit: int = 5,
                       threshold: float = SIMILAR_THRESHOLD, candidates: int = SIMILAR_CANDIDATES):
    """(signature, score) of the organisation's items of ``model`` whose titles are most like ``title``, best first.
    The caller checks visibility. Two queries (the terms' counts; the first cut joined to its signatures) and an
    exact rescoring of at most ``candidates`` signatures."""
    from .services import parse_terms

    query = default_engine().signature(title)
    if not query:
        return []
    content_type = ContentType.objects.get_for_model(model)
    engine = engine_for(organisation_id, content_type.pk, query)
    weights = {t: engine.weight(t, n) for t, n in query.items() if engine.df.get(t)}
    if not weights:
        return []
    norm = engine.norm(query) or 1.0
    # The first cut reads the postings of the query's heaviest terms; a term in more than COMMON_SHARE of the
    # items adds little to the ranking and a long list to read, so it is left out of the cut (not of the score)
    # unless the title has few other terms.
    ranked = sorted((t for t in weights if indexed(t)), key=lambda t: -weights[t])
    common = max(1000, int(COMMON_SHARE * engine.documents))
    heaviest = [t for t in ranked if engine.df.get(t, 0) <= common][:POSTING_TERMS]
    if len(heaviest) < 3:
        heaviest = ranked[:3]
    if not heaviest:
        return []
    excluded = {str(x) for x in exclude_object_ids}
    scored = []
    for signature in _first_cut(organisation_id, content_type.pk, {t: weights[t] for t in heaviest}, candidates):
        if signature.object_id in excluded:
            continue
        terms = parse_terms(signature.terms)
        dot = sum(w * engine.weight(t, terms[t]) for t, w in weights.items() if t in terms)
        score = dot / (norm * (signature.norm or 1.0))
        if score >= threshold:
            scored.append((signature, min(score, 1.0)))
    scored.sort(key=lambda s: (-s[1], s[0].pk))
    return scored[:limit]


def similar_objects(user, organisation, model, title: str, *, exclude=(), limit: int = 5,
                    threshold: float = SIMILAR_THRESHOLD, queryset=None):
    """(object, score) of what ``user`` may see that resembles ``title``: the signatures' hits filtered by the app's
    own visibility rule (``queryset`` narrows it further, e.g. no drafts)."""
    searchable = searchable_for(model)
    if searchable is None or organisation is None:
        return []
    hits = similar_signatures(organisation_id=organisation.pk, model=model, title=title,
                              exclude_object_ids=[getattr(o, "pk", o) for o in exclude], limit=limit * 4,
                              threshold=threshold)
    if not hits:
        return []
    visible = searchable.visible(user, organisation) if queryset is None else queryset
    if searchable.select_related:
        visible = visible.select_related(*searchable.select_related)
    objects = {str(o.pk): o for o in visible.filter(pk__in=[s.object_id for s, _score in hits])}
    return [(objects[s.object_id], score) for s, score in hits if s.object_id in objects][:limit]
