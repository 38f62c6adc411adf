"""Full-text search and similar items over the API: what the user may see in the active organisation."""

from typing import Annotated

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from zhengxie.api.common import Id, Year, active_organisation, errors
from zhengxie.core.exceptions import DomainError
from zhengxie.core.permissions import organisations_of

from .clusters import threshold_for
from .registry import searchables
from .selectors import SIMILAR_THRESHOLD, search, search_results, similar_objects

router = Router(tags=["search"])


class HitOut(Schema):
    kind: str
    title: str
    url: str
    score: float


class SimilarOut(Schema):
    kind: str
    id: str
    title: str
    url: str
    score: float
    details: dict[str, str] = {}


@router.get("", response={200: list[HitOut], **errors()}, summary="Search everything the user may see (Chinese word segmentation)")
def search_api(request, q: str, kind: str | None = None, limit: int = 50):
    org = active_organisation(request)
    return [{"kind": h.kind, "title": h.title, "url": h.url, "score": h.score}
            for h in search(request.user, org, q[:100], kind=kind, limit=max(1, min(limit, 100)))]


class ClusterItemOut(Schema):
    id: str
    title: str
    url: str
    score: float  # against the cluster's first item (1.0 for that one)
    details: dict[str, str] = {}


class ClusterOut(Schema):
    size: int
    score: float  # the lowest score of the pairs that joined the cluster
    concepts: list[str]  # the domain concepts its items share
    items: list[ClusterItemOut]


def clusters_out(kind: str, clusters, details=None) -> list[dict]:
    """The clusters of ``search.clusters`` as the API and the pages give them; ``details(obj)``: what to show of
    each item (its place, date, status ...)."""
    searchable = similar_kinds()[kind]
    return [{"size": c.size, "score": c.score, "concepts": c.concepts,
             "items": [{"id": str(o.pk), "title": str((searchable.similarity(o) or (searchable.title(o),))[0])[:120],
                        "url": searchable.url(o), "score": score, "details": details(o) if details else {},
                        "object": o} for o, score in c.items]} for c in clusters]


def without_objects(clusters: list[dict]) -> list[dict]:
    return [{**c, "items": [{k: v for k, v in item.items() if k != "object"} for item in c["items"]]} for c in clusters]


class SearchHitOut(Schema):
    kind: str
    title: str
    url: str
    score: float
    excerpt: str  # HTML: escaped, the query's words in <mark>
    date: str | None
    status: str


class SearchPageOut(Schema):
    count: int  # every match the user may see, exact up to 1,000 matching entries per organisation
    capped: bool  # more than that matched: the count is a lower bound
    page: int
    pages: int
    hits: list[SearchHitOut]


def _day(moment) -> str | None:
    if moment is None:
        return None
    return (timezone.localtime(moment).date() if hasattr(moment, "hour") else moment).isoformat()


@router.get("/results", response={200: SearchPageOut, **errors()},
            summary="One page of search results with the count, excerpts, dates, states and filters",
            description="`kind`: one kind of item (as in `/search/similar`); `status`: a state of that kind; `year`: "
                        "the year of the item's date; `sort`: `relevance` or `date` (newest first); `organisation`: "
                        "`all` for every organisation the caller works in, or the id of one (default: the active "
                        "one). Each organisation's own visibility rules apply.")
def search_results_api(request, q: str, kind: str = "", status: str = "", year: Year | None = None,
                       sort: str = "relevance", organisation: str = "", page: Annotated[int, Field(ge=1)] = 1,
                       size: Annotated[int, Field(ge=1, le=100)] = 20):
    org = active_organisation(request)
    mine = list(organisations_of(request.user))
    organisations = mine if organisation == "all" else [o for o in mine if str(o.pk) == organisation] or None
    if kind and kind not in {s.key for s in searchables()}:
        raise DomainError(_("Unknown kind of item."), errors={"kind": [_("Unknown kind of item.")]})
    results = search_results(request.user, org, q[:100], kind=kind or None, page=page, size=size,
                             sort="date" if sort == "date" else "relevance", year=year, status=status,
                             organisations=organisations)
    return {"count": results.count, "capped": results.capped, "page": results.page, "pages": results.pages,
            "hits": [{"kind": h.kind, "title": h.title, "url": h.url, "score": h.score, "excerpt": h.excerpt,
                      "date": _day(h.moment),
                      "status": h.status} for h in results.hits]}


def similar_kinds() -> dict:
    return {s.key: s for s in searchables() if s.similarity is not None}


def similar_items(user, organisation, kind: str, title: str, *, exclude: str | None = None, limit: int = 5):
    """The similar items of one kind as dictionaries (used by the API and the pages' partials)."""
    searchable = similar_kinds().get(kind)
    if searchable is None:
        raise DomainError(_("Unknown kind of item."), errors={"kind": [_("Unknown kind of item.")]})
    hits = similar_objects(user, organisation, searchable.model, title[:300], exclude=[exclude] if exclude else (),
                           limit=max(1, min(limit, 20)), threshold=threshold_for(kind))
    details = searchable.describe([o for o, _s in hits]) if searchable.describe and hits else {}
    return [{"kind": kind, "id": str(o.pk), "title": str((searchable.similarity(o) or (searchable.title(o),))[0]),
             "url": searchable.url(o),
             "score": round(score, 3), "details": details.get(o.pk, {}), "object": o} for o, score in hits]


@router.get("/similar", response={200: list[SimilarOut], **errors()},
            summary="Items of one kind whose titles resemble a title (similar proposals while drafting, possible "
                    "duplicates on review, reports or concerns about the same issue)",
            description=f"kind: proposals.proposal, opinions.report or outreach.concern. Only items the user may "
                        f"see, never a draft of someone else; only pairs scoring at least {SIMILAR_THRESHOLD} (0.15 for "
                        f"concerns: thresholds chosen from the precision measured on real titles and messages). ``exclude``: the id of the "
                        f"item being written or reviewed.")
def similar_api(request, kind: str, title: str, exclude: Id | None = None, limit: int = 5):
    org = active_organisation(request)
    return [{k: v for k, v in item.items() if k != "object"}
            for item in similar_items(request.user, org, kind, title, exclude=str(exclude) if exclude else None,
                                     limit=limit)]
