"""Full-text search and similar items over the API: what the user may see in the active organisation."""

from django.utils.translation import gettext as _
from ninja import Router, Schema

from zhengxie.api.common import Id, active_organisation, errors
from zhengxie.core.exceptions import DomainError

from .registry import searchables
from .selectors import SIMILAR_THRESHOLD, search, similar_objects

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


def similar_kinds() -> dict:
    return {s.key: s for s in searchables() if s.similarity is not None}


def similar_items(user, organisation, kind: str, title: str, *, exclude: str | None = None, limit: int = 5):
    """The similar items of one kind as dictionaries (used by the API and the pages' partials)."""
    searchable = similar_kinds().get(kind)
    if searchable is None:
        raise DomainError(_("Unknown kind of item."), errors={"kind": [_("Unknown kind of item.")]})
    hits = similar_objects(user, organisation, searchable.model, title[:300], exclude=[exclude] if exclude else (),
                           limit=max(1, min(limit, 20)))
    details = searchable.describe([o for o, _s in hits]) if searchable.describe and hits else {}
    return [{"kind": kind, "id": str(o.pk), "title": str((searchable.similarity(o) or (searchable.title(o),))[0]),
             "url": searchable.url(o),
             "score": round(score, 3), "details": details.get(o.pk, {}), "object": o} for o, score in hits]


@router.get("/similar", response={200: list[SimilarOut], **errors()},
            summary="Items of one kind whose titles resemble a title (similar proposals while drafting, possible "
                    "duplicates on review, reports or concerns about the same issue)",
            description=f"kind: proposals.proposal, opinions.report or outreach.concern. Only items the user may "
                        f"see, never a draft of someone else; only pairs scoring at least {SIMILAR_THRESHOLD} (a "
                        f"threshold chosen from the precision measured on real titles). ``exclude``: the id of the "
                        f"item being written or reviewed.")
def similar_api(request, kind: str, title: str, exclude: Id | None = None, limit: int = 5):
    org = active_organisation(request)
    return [{k: v for k, v in item.items() if k != "object"}
            for item in similar_items(request.user, org, kind, title, exclude=str(exclude) if exclude else None,
                                     limit=limit)]
