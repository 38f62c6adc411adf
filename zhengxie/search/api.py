"""Full-text search over the API: what the user may see in the active organisation."""

from ninja import Router, Schema

from zhengxie.api.common import active_organisation, errors

from .selectors import search

router = Router(tags=["search"])


class HitOut(Schema):
    kind: str
    title: str
    url: str
    score: float


@router.get("", response={200: list[HitOut], **errors()}, summary="Search everything the user may see (Chinese word segmentation)")
def search_api(request, q: str, kind: str | None = None, limit: int = 50):
    org = active_organisation(request)
    return [{"kind": h.kind, "title": h.title, "url": h.url, "score": h.score}
            for h in search(request.user, org, q[:100], kind=kind, limit=max(1, min(limit, 100)))]
