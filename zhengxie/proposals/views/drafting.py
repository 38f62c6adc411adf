"""Writing a proposal: the form (saved automatically while typing), co-signers or drafting members, attachments,
saving and submitting, deleting a draft."""

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core import permissions as core_permissions
from zhengxie.core.exceptions import DomainError
from zhengxie.core.files import attachments_of
from zhengxie.core.models import Attachment, Body, Member
from zhengxie.core.views.common import is_htmx, organisation_required, require, run_service
from zhengxie.liaison.views.topics import save_drafting_choice

from .. import permissions, selectors, services
from ..choices import ProposalStatus, SignerRole
from ..forms import AttachmentForm, ProposalForm
from ..models import ProposalSigner


def _editable(request, pk):
    proposal = selectors.proposal_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_edit(request.user, proposal):
        raise Http404
    return proposal


def _bodies(request):
    ids = core_permissions.body_ids_of(request.user, request.organisation)
    return list(Body.objects.filter(pk__in=ids)) if ids else []


def _chosen_body(request):
    """The body a new proposal is written for (``as_body``), or None for the member's own."""
    value = request.POST.get("as_body") or request.GET.get("as_body") or ""
    if not value:
        if core_permissions.current_member(request.user, request.organisation) is None:
            bodies = _bodies(request)
            return bodies[0] if bodies else None
        return None
    body = next((b for b in _bodies(request) if str(b.pk) == value), None)
    if body is None:
        raise Http404
    return body


def _last_return_reason(proposal) -> str:
    if proposal.status != ProposalStatus.RETURNED:
        return ""
    event = proposal.events.filter(action="return").order_by("-created_at", "-id").first()
    return event.comment if event else ""


def _extras_context(request, proposal):
    signers = selectors.signers_of(proposal)
    return {"proposal": proposal, "signers": signers,
            "has_cosigners": any(s.role == SignerRole.COSIGNER for s in signers),
            "attachments": list(attachments_of(proposal)), "upload_form": AttachmentForm()}


def _page(request, form, proposal=None, status=200):
    context = {"form": form, "proposal": proposal, "bodies": _bodies(request),
               "draft_key": request.POST.get("draft_key") or uuid.uuid4().hex,
               "body": proposal.body if proposal else _chosen_body(request),
               "is_member": core_permissions.current_member(request.user, request.organisation) is not None,
               "return_reason": _last_return_reason(proposal) if proposal else ""}
    if proposal is not None:
        context.update(_extras_context(request, proposal))
    return render(request, "proposals/edit.html", context, status=status)


DRAFT_KEYS = "zx_proposal_drafts"


def _draft_of_key(request):
    """The draft already created from this form (its hidden key), so that a save racing the automatic save never
    makes a second draft."""
    pk = request.POST.get("pk", "")
    if pk.isdigit():
        return int(pk)
    return request.session.get(DRAFT_KEYS, {}).get(request.POST.get("draft_key", ""))


def _remember_key(request, proposal):
    key = request.POST.get("draft_key", "")
    if key:
        keys = dict(list(request.session.get(DRAFT_KEYS, {}).items())[-20:])  # the last few forms are enough
        keys[key] = proposal.pk
        request.session[DRAFT_KEYS] = keys


@require(permissions.can_write)
def proposal_new(request):
    existing = _draft_of_key(request) if request.method == "POST" else None
    if existing:
        # The draft was created by the automatic save while the member typed: save that one.
        return proposal_edit(request, existing)
    form = ProposalForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid() and "submit" in request.POST and _incomplete(request, form):
        # Nothing is created for an empty or incomplete submit: the form comes back as typed, each gap marked.
        return _page(request, form, status=400)
    if request.method == "POST" and form.is_valid():
        proposal = run_service(request, lambda: services.proposal_create(
            actor=request.user, organisation=request.organisation, data=form.content(), body=_chosen_body(request),
            units=form.cleaned_data["suggested_units"]), form=form)
        if proposal:
            _remember_key(request, proposal)
            return _after_save(request, proposal)
    return _page(request, form, status=400 if request.method == "POST" else 200)


@organisation_required
def proposal_edit(request, pk):
    proposal = _editable(request, pk)
    initial = {"title": proposal.title, "category": proposal.category, "background": proposal.background,
               "suggestions": proposal.suggestions, "suggested_units": list(proposal.suggested_units.all()),
               "version": proposal.version}
    form = ProposalForm(request.POST or None, initial=initial, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        saved = run_service(request, lambda: services.proposal_save(
            actor=request.user, proposal=proposal, data=form.content(), units=form.cleaned_data["suggested_units"]),
            form=form)
        if saved and "submit" in request.POST and _incomplete(request, form):
            return _page(request, form, saved, status=400)  # the text is saved; the gaps are marked
        if saved:
            return _after_save(request, saved)
    return _page(request, form, proposal, status=400 if request.method == "POST" else 200)


def _incomplete(request, form) -> bool:
    """Mark on ``form`` what a submission still lacks (once, beside each field) and say so once at the top."""
    gaps = services.submission_gaps(form.content())
    for field, message in gaps.items():
        form.add_error(field, message)
    if gaps:
        messages.error(request, _("The proposal cannot be submitted yet: complete the fields marked below."))
    return bool(gaps)


def _after_save(request, proposal):
    save_drafting_choice(request, proposal)  # the suggested topic it answers (liaison), before a submission
    if "submit" not in request.POST:
        messages.success(request, _("The draft was saved."))
        return redirect("proposals:edit", pk=proposal.pk)
    result = run_service(request, lambda: services.proposal_submit(actor=request.user, proposal=proposal))
    if not result:
        return redirect("proposals:edit", pk=proposal.pk)
    if result.status == ProposalStatus.COSIGNING:
        messages.success(request, _("Your co-signers were invited. The proposal goes to the office when they have "
                                    "answered, or when the time to answer ends."))
    else:
        messages.success(request, _("The proposal was submitted to the proposal office."))
    return redirect("proposals:detail", pk=proposal.pk)


@require(permissions.can_write)
@require_POST
def autosave(request):
    """Called while the member types (htmx): creates the draft on the first call, then saves it. Answers with the
    time of the save and, out of band, the draft's id and version for the form."""
    pk = _draft_of_key(request)
    form = ProposalForm(request.POST, organisation=request.organisation)
    form.is_valid()
    data = {k: form.cleaned_data.get(k, "") for k in ("title", "category", "background", "suggestions")}
    units = form.cleaned_data.get("suggested_units") or []
    created = False
    existing = _editable(request, pk) if pk else None
    try:
        if existing is not None:
            proposal = services.proposal_save(actor=request.user, proposal=existing, data=data, units=units)
        elif any(data.values()):
            proposal = services.proposal_create(actor=request.user, organisation=request.organisation, data=data,
                                                body=_chosen_body(request), units=units)
            _remember_key(request, proposal)
            created = True
        else:
            return render(request, "proposals/partials/autosave.html", {"proposal": None})
    except DomainError as exc:
        return render(request, "proposals/partials/autosave.html", {"error": str(exc)})
    response = render(request, "proposals/partials/autosave.html", {
        "proposal": proposal, "created": created, "saved_at": timezone.localtime(),
        **(_extras_context(request, proposal) if created else {}),
    })
    if created:
        response["HX-Replace-Url"] = reverse("proposals:edit", args=[proposal.pk])
    return response


@organisation_required
def signers(request, pk):
    """GET: members matching ``q`` to add (htmx). POST: add (``member``) or remove (``remove``) a co-signer."""
    proposal = _editable(request, pk)
    if request.method == "POST":
        if request.POST.get("remove"):
            signer = get_object_or_404(ProposalSigner, pk=request.POST["remove"], proposal=proposal)
            run_service(request, lambda: services.proposal_signer_remove(actor=request.user, proposal=proposal, signer=signer))
        else:
            member = get_object_or_404(Member, pk=request.POST.get("member"), organisation=request.organisation)
            run_service(request, lambda: services.proposal_signer_add(actor=request.user, proposal=proposal, member=member))
        if not is_htmx(request):
            return redirect("proposals:edit", pk=proposal.pk)
        return render(request, "proposals/partials/signers.html", _extras_context(request, proposal))
    q = (request.GET.get("q") or "").strip()
    found = []
    if q:
        taken = set(proposal.signers.exclude(member=None).values_list("member_id", flat=True))
        found = [m for m in Member.objects.current().filter(organisation=request.organisation, person__name__contains=q)
                 .select_related("person", "sector").order_by("person__name")[:12] if m.pk not in taken]
    return render(request, "proposals/partials/member_results.html", {"proposal": proposal, "found": found, "q": q})


@organisation_required
@require_POST
def attachment_upload(request, pk):
    proposal = _editable(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(request, lambda: services.proposal_attachment_add(actor=request.user, proposal=proposal,
                                                                      upload=form.cleaned_data["file"]),
                    success=_("The file was attached."))
    else:
        messages.error(request, _("Choose a file to attach."))
    if is_htmx(request):
        return render(request, "proposals/partials/attachments.html", _extras_context(request, proposal))
    return redirect("proposals:edit", pk=proposal.pk)


@organisation_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    proposal = _editable(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, organisation=request.organisation,
                                   object_id=str(proposal.pk), role="proposal")
    run_service(request, lambda: services.proposal_attachment_remove(actor=request.user, proposal=proposal,
                                                                     attachment=attachment))
    if is_htmx(request):
        return render(request, "proposals/partials/attachments.html", _extras_context(request, proposal))
    return redirect("proposals:edit", pk=proposal.pk)


@organisation_required
@require_POST
def proposal_delete(request, pk):
    proposal = _editable(request, pk)
    if run_service(request, lambda: services.proposal_delete(actor=request.user, proposal=proposal),
                   success=_("The draft was deleted.")):
        return redirect(reverse("proposals:list") + "?scope=mine")
    return redirect("proposals:edit", pk=pk)
