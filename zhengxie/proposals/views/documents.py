"""Downloads: a proposal and a reply letter as Word or PDF, the session's 提案汇编 as Word."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from zhengxie.core.documents import docx_response, pdf_response
from zhengxie.core.views.common import organisation_required

from .. import documents, permissions, selectors
from ..choices import ProposalStatus
from ..models import Reply


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
