from django.http import HttpResponseBadRequest
from django.shortcuts import render

from zhengxie.core.views.common import is_htmx, organisation_required

from .api import similar_items, similar_kinds
from .registry import searchables
from .selectors import search_results


@organisation_required
def search_page(request):
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    sort = "date" if request.GET.get("sort") == "date" else "relevance"
    page = int(request.GET["page"]) if request.GET.get("page", "").isdigit() else 1
    results = search_results(request.user, request.organisation, query, kind=kind or None, page=page, sort=sort) \
        if query else None
    context = {"q": query, "kind": kind, "sort": sort, "results": results,
               "page_numbers": range(1, results.pages + 1) if results else (),
               "kinds": [(s.key, s.label) for s in searchables()]}
    return render(request, "search/partials/results.html" if is_htmx(request) else "search/search.html", context)


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
