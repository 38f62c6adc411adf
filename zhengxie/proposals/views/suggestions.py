"""Suggestions (htmx partials): possible duplicates with a side-by-side comparison and the handling units suggested
on the assignment form (the office), and the drafting checks (the member). Shown as advice; people decide."""

from django.shortcuts import render
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.views.common import organisation_required
from zhengxie.search.api import similar_items

from .. import permissions, selectors
from ..drafting_checks import checks
from ..unit_suggestions import unit_suggestions
from .actions import PROPOSAL_ACTION_MAP, Context


def _office_proposal(request, pk):
    proposal = selectors.proposal_get_for_user(request.user, request.organisation, pk)
    if not permissions.is_office(request.user, request.organisation):
        raise NotAllowed()
    return proposal


@organisation_required
def duplicates(request, pk):
    """Possible duplicates of a proposal under review: similar proposals of this committee, each with its score, and
    the one chosen (``compare``) side by side with this one."""
    proposal = _office_proposal(request, pk)
    items = similar_items(request.user, request.organisation, "proposals.proposal", proposal.title, exclude=str(proposal.pk))
    compare = None
    wanted = request.GET.get("compare", "")
    for item in items:
        if item["id"] == wanted:
            compare = item
    merge = PROPOSAL_ACTION_MAP["merge"]
    can_merge = merge.allowed(Context(request, proposal))
    return render(request, "search/partials/similar_review.html",
                  {"proposal": proposal, "items": items, "compare": compare, "can_merge": can_merge})


@organisation_required
def suggested_units(request, pk):
    proposal = _office_proposal(request, pk)
    return render(request, "search/partials/unit_suggestions.html",
                  {"proposal": proposal, "suggestions": unit_suggestions(proposal)})


@organisation_required
@require_POST
def drafting_checks(request):
    """The drafting checks for the text being typed (htmx, posted with the drafting form)."""
    if not permissions.can_write(request.user, request.organisation):
        raise NotAllowed()
    found = checks(title=request.POST.get("title", "")[:300], background=request.POST.get("background", "")[:20000],
                   suggestions=request.POST.get("suggestions", "")[:20000])
    return render(request, "proposals/partials/drafting_checks.html", {"checks": found})
