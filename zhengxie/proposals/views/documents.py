"""Downloads: a proposal and a reply letter as Word or PDF, the session's 提案汇编 as Word."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from zhengxie.core.documents import docx_response, pdf_response
from zhengxie.core.models import Session
from zhengxie.core.services import audit_log
from zhengxie.core.views.common import organisation_required, require

from .. import documents, permissions, selectors
from ..choices import REGISTERED_STATES, ProposalStatus
from ..models import Proposal, ProposalSigner, Reply


def _units(proposal) -> str:
    return "、".join(u.name for u in proposal.suggested_units.all())


@organisation_required
def proposal_document(request, pk, fmt):
    proposal = selectors.proposal_get_for_user(request.user, request.organisation, pk)
    if proposal.status == ProposalStatus.DRAFT and not permissions.is_author(request.user, proposal):
        raise Http404
    signers = selectors.signers_of(proposal)
    name = f"{proposal.number_label or _('Proposal')}-{proposal.title[:30]}"
    if fmt == "docx":
        return docx_response(documents.proposal_docx(proposal, signers, _units(proposal)), f"{name}.docx")
    if fmt == "pdf":
        return pdf_response(documents.proposal_flowables(proposal, signers, _units(proposal)), f"{name}.pdf",
                            title=proposal.title)
    raise Http404


@organisation_required
def reply_letter(request, pk, fmt):
    reply = get_object_or_404(Reply.objects.select_related("task__unit", "task__proposal__organisation"), pk=pk)
    task = selectors.task_get_for_user(request.user, request.organisation, reply.task_id)
    proposal = selectors.proposal_get_for_user(request.user, request.organisation, task.proposal_id)
    if not selectors.may_see_reply(request.user, reply):
        raise Http404
    signers = selectors.signers_of(proposal)
    name = f"{_('Reply to the proposal')}-{proposal.number_label}-{task.unit.short_name or task.unit.name}"
    if fmt == "docx":
        return docx_response(documents.reply_docx(reply, signers), f"{name}.docx")
    if fmt == "pdf":
        return pdf_response(documents.reply_flowables(reply, signers), f"{name}.pdf", title=name)
    raise Http404


@require(permissions.sees_all)
def compilation(request):
    org = request.organisation
    session = get_object_or_404(Session, pk=request.GET.get("session") or 0, term__organisation=org)
    proposals = list(
        Proposal.objects.filter(organisation=org, session=session, status__in=REGISTERED_STATES)
        .select_related("first_proposer__person", "body")
        .prefetch_related(Prefetch("signers", queryset=ProposalSigner.objects.select_related("member__person", "body")))
        .order_by("number")
    )
    audit_log(actor=request.user, organisation=org, action="proposals.compilation.exported", obj=session,
              changes={"proposals": len(proposals)})
    document = documents.compilation_docx(org, session, proposals)
    return docx_response(document, f"{org.short_name}{session.term.name}{session.name}{_('Compilation of proposals')}.docx")
