from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from zhengxie.core.permissions import organisations_of
from zhengxie.core.views.common import is_htmx, organisation_required

from .api import similar_items, similar_kinds
from .registry import searchables
from .selectors import search_results, statuses_of


def _number(value, low, high):
    return int(value) if value.isdigit() and low <= int(value) <= high else None


@organisation_required
def search_page(request):
    query = request.GET.get("q", "").strip()[:100]
    kinds = [(s.key, s.label) for s in searchables()]
    kind = request.GET.get("kind", "") if request.GET.get("kind", "") in dict(kinds) else ""
    sort = "date" if request.GET.get("sort") == "date" else "relevance"
    page = _number(request.GET.get("page", ""), 1, 10_000) or 1
    year = _number(request.GET.get("year", ""), 1949, 2100)
    statuses = statuses_of(kind) if kind else []
    status = request.GET.get("status", "") if request.GET.get("status", "") in dict(statuses) else ""
    # Staff who work in several organisations choose one of them, or all of them at once.
    mine = list(organisations_of(request.user))
    chosen = request.GET.get("organisation", "")
    organisations = mine if chosen == "all" else [o for o in mine if str(o.pk) == chosen] or None
    results = search_results(request.user, request.organisation, query, kind=kind or None, page=page, sort=sort,
                             year=year, status=status, organisations=organisations) if query else None
    this_year = timezone.localdate().year
    context = {"q": query, "kind": kind, "sort": sort, "results": results, "year": year, "status": status,
               "statuses": statuses, "years": range(this_year, this_year - 11, -1),
               "organisation": chosen if organisations else "", "organisations": mine if len(mine) > 1 else [],
               "page_numbers": _page_window(results.page, results.pages) if results else (), "kinds": kinds}
    return render(request, "search/partials/results.html" if is_htmx(request) else "search/search.html", context)


def _page_window(page: int, pages: int, around: int = 4) -> list[int]:
    """The page numbers to link: the first, the last and those around the current one."""
    return sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})


@organisation_required
def similar_partial(request):
    """The list of similar items a page asks for as the user types (htmx): ``kind``, ``title``, ``pk`` (the item
    itself, left out)."""
    kind = request.GET.get("kind", "")
    if kind not in similar_kinds():
        return HttpResponseBadRequest()
    title = request.GET.get("title", "").strip()[:300]
    exclude = request.GET.get("pk", "").strip() or None
    items = similar_items(request.user, request.organisation, kind, title, exclude=exclude) if len(title) >= 4 else []
    return render(request, "search/partials/similar_list.html", {"items": items, "kind": kind, "title": title})
