from django.shortcuts import render

from zhengxie.core.views.common import is_htmx, organisation_required

from .registry import searchables
from .selectors import search


@organisation_required
def search_page(request):
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    hits = search(request.user, request.organisation, query, kind=kind or None) if query else []
    context = {"q": query, "kind": kind, "hits": hits, "kinds": [(s.key, s.label) for s in searchables()]}
    return render(request, "search/partials/results.html" if is_htmx(request) else "search/search.html", context)
