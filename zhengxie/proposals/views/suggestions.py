"""The office's suggestions on a proposal's page (htmx partials): possible duplicates with a side-by-side
comparison, and the handling units suggested on the assignment form. Shown as suggestions; the office decides."""

from django.shortcuts import render

from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.views.common import organisation_required
from zhengxie.search.api import similar_items

from .. import permissions, selectors
from ..unit_suggestions import unit_suggestions


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
    return render(request, "search/partials/similar_review.html",
                  {"proposal": proposal, "items": items, "compare": compare})


@organisation_required
def suggested_units(request, pk):
    proposal = _office_proposal(request, pk)
    return render(request, "search/partials/unit_suggestions.html",
                  {"proposal": proposal, "suggestions": unit_suggestions(proposal)})
