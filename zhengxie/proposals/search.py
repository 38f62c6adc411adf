"""Proposals in the full-text search (title, 案由, 建议, number); who sees which is decided by the app's selector."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.search.registry import Searchable, register_searchable

from .choices import ProposalStatus, TaskRole, TaskStatus
from .models import HandlingTask, Proposal
from .selectors import proposals_visible_to

register_searchable(Searchable(
    model=Proposal,
    label=_("Proposal"),
    title=lambda p: f"{p.number_label} {p.title}".strip(),
    # The proposer's name finds the proposal too (the number label is in the title).
    text=lambda p: f"{p.proposer_label}\n{p.category}\n{p.background}\n{p.suggestions}",
    url=lambda p: reverse("proposals:detail", args=[p.pk]),
    organisation_id=lambda p: p.organisation_id,
    visible=proposals_visible_to,
    select_related=("first_proposer__person", "body"),
    # Compared by title, without the number label; a draft is its author's alone and is never compared.
    similarity=lambda p: None if p.status == ProposalStatus.DRAFT else (p.title, f"{p.background}\n{p.suggestions}"),
    describe=lambda proposals: describe_proposals(proposals),
))


def describe_proposals(proposals) -> dict:
    """How each similar proposal was handled, for the lists of similar proposals: number, status, year, the units
    that replied (or were assigned) and the result category of the replies (A/B/C). Three queries for the list."""
    ids = [p.pk for p in proposals]
    tasks = (HandlingTask.objects.filter(proposal_id__in=ids).exclude(status=TaskStatus.CANCELLED)
             .exclude(role=TaskRole.CO).select_related("unit").prefetch_related("replies").order_by("id"))
    units, categories = {}, {}
    for task in tasks:
        units.setdefault(task.proposal_id, []).append(task.unit.short_name or task.unit.name)
        for reply in task.replies.all():
            if reply.category:
                categories.setdefault(task.proposal_id, set()).add(reply.category)
    merged = dict(Proposal.objects.filter(pk__in=[p.merged_into_id for p in proposals if p.merged_into_id])
                  .values_list("pk", "number_label"))
    result = {}
    for p in proposals:
        moment = p.registered_at or p.submitted_at or p.created_at
        result[p.pk] = {
            "number": p.number_label, "status": str(p.get_status_display()), "status_code": p.status,
            "year": str(timezone.localtime(moment).year) if moment else "",
            "units": "、".join(dict.fromkeys(units.get(p.pk, []))), "category": "/".join(sorted(categories.get(p.pk, ()))),
            "merged_into": merged.get(p.merged_into_id, "") if p.merged_into_id else "",
        }
    return result
