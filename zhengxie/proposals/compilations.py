"""The compilations of a session, as offices print them: the 提案汇编 and the 答复汇编 in Word, grouped by category or
by unit (the page and the API build them here)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from zhengxie.core.services import audit_log

from . import documents
from .choices import REGISTERED_STATES, TaskRole, TaskStatus
from .models import HandlingTask, Proposal, ProposalSigner, Reply

KINDS = ("proposals", "replies")


def compiled_proposals(org, session):
    return list(
        Proposal.objects.filter(organisation=org, session=session, status__in=REGISTERED_STATES)
        .select_related("first_proposer__person", "body")
        .prefetch_related(Prefetch("signers", queryset=ProposalSigner.objects.select_related("member__person", "body")))
        .order_by("number")
    )


def lead_units(proposals) -> dict:
    """{proposal id: [names of the units that reply]} (the lead or sole units; each split unit)."""
    names: dict[int, list] = {}
    for proposal_id, name in (HandlingTask.objects.filter(proposal__in=proposals)
                              .exclude(status__in=[TaskStatus.CANCELLED]).exclude(role=TaskRole.CO)
                              .order_by("unit__sort_order", "unit_id").values_list("proposal_id", "unit__name")):
        names.setdefault(proposal_id, []).append(name)
    return names


def accepted_replies(proposals) -> dict:
    """{proposal id: [the latest accepted reply of each replying unit]}."""
    latest: dict[int, Reply] = {}
    for reply in (Reply.objects.filter(task__proposal__in=proposals, accepted_at__isnull=False)
                  .exclude(task__status=TaskStatus.CANCELLED).select_related("task__unit").order_by("round")):
        latest[reply.task_id] = reply
    by_proposal: dict[int, list] = {}
    for reply in sorted(latest.values(), key=lambda r: (r.task.unit.sort_order, r.task.unit_id)):
        by_proposal.setdefault(reply.task.proposal_id, []).append(reply)
    return by_proposal


def compilation_document(*, actor, organisation, session, kind: str = "proposals", group_by: str = "category"):
    """(the Word document, its file name) of a compilation; ``kind`` proposals or replies, ``group_by`` category or
    unit (anything else: the defaults). The caller checked that the actor sees all of the organisation's work."""
    kind = kind if kind in KINDS else "proposals"
    group_by = group_by if group_by in documents.GROUPINGS else "category"
    proposals = compiled_proposals(organisation, session)
    units = lead_units(proposals) if group_by == "unit" else {}
    audit_log(actor=actor, organisation=organisation, action=f"proposals.compilation.{kind}.exported", obj=session,
              changes={"proposals": len(proposals), "group": group_by})
    label = f"{organisation.short_name}{session.term.name}{session.name}"
    if kind == "replies":
        document = documents.replies_compilation_docx(organisation, session, proposals, accepted_replies(proposals),
                                                      group_by=group_by, units_of=units)
        return document, f"{label}{_('Compilation of replies')}.docx"
    document = documents.compilation_docx(organisation, session, proposals, group_by=group_by, units_of=units)
    return document, f"{label}{_('Compilation of proposals')}.docx"
