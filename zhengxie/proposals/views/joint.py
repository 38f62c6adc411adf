"""Joint proposals of committees (联合提案): the list of what the committee made, co-signs or received, the drafting
form, and the page with its actions (send, co-sign, receive, record the outcome) and the progress at the higher
committee, read-only for the co-proposing committees."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zhengxie.core.files import attachments_of, owned_attachment_response
from zhengxie.core.models import Attachment
from zhengxie.core.views.common import paginate, posted_version, require, run_service

from .. import permissions, selectors, services
from ..choices import JointSignerStatus, JointStatus
from ..forms import AttachmentForm, JointOutcomeForm, JointProposalForm, RatingForm
from ..org_settings import setting

TABS = ("all", "cosign", "receive", "rate", "drafts")


@require(permissions.sees_joint)
def joint_list(request):
    org, user = request.organisation, request.user
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "all"
    if tab == "cosign":
        qs = selectors.joints_to_cosign(user, org)
    elif tab == "receive":
        qs = selectors.joints_to_receive(user, org)
    elif tab == "rate":
        qs = selectors.joints_to_rate(user, org)
    elif tab == "drafts":
        qs = selectors.joint_proposals_visible_to(user, org).filter(organisation=org, status=JointStatus.DRAFT)
    else:
        qs = selectors.joint_proposals_visible_to(user, org)
    return render(request, "proposals/joint_list.html", {
        "page": paginate(request, qs.select_related("alliance").order_by("-created_at", "-id"), 30), "tab": tab,
        "counts": {"cosign": selectors.joints_to_cosign(user, org).count(),
                   "receive": selectors.joints_to_receive(user, org).count(),
                   "rate": selectors.joints_to_rate(user, org).count()},
        "may_draft": permissions.can_draft_joint(user, org)})


def _form_page(request, form, joint=None, status=200):
    return render(request, "proposals/joint_edit.html", {"form": form, "joint": joint}, status=status)


@require(permissions.can_draft_joint)
def joint_new(request):
    form = JointProposalForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        joint = run_service(request, lambda: services.joint_create(actor=request.user, organisation=request.organisation,
                                                                   **form.arguments()),
                            success=_("The joint proposal was saved as a draft."), form=form)
        if joint:
            return redirect("proposals:joint_detail", pk=joint.pk)
    return _form_page(request, form, status=400 if request.method == "POST" else 200)


@require(permissions.can_draft_joint)
def joint_edit(request, pk):
    joint = selectors.joint_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_edit_joint(request.user, joint) or joint.organisation_id != request.organisation.pk:
        return redirect("proposals:joint_detail", pk=joint.pk)
    initial = {"version": joint.version, "target": joint.target_id, "target_name": joint.target_name,
               "alliance": joint.alliance_id,
               "cosigners": [s.organisation_id for s in joint.signers.all() if s.organisation_id],
               "outside": "\n".join(s.name for s in joint.signers.all() if s.is_outside),
               **{f: getattr(joint, f) for f in ("title", "category", "background", "suggestions")}}
    form = JointProposalForm(request.POST or None, organisation=request.organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(request, lambda: services.joint_save(actor=request.user, joint=joint,
                                                                version=form.cleaned_data["version"], **form.arguments()),
                           success=_("The joint proposal was saved."), form=form)
        if done:
            return redirect("proposals:joint_detail", pk=joint.pk)
    return _form_page(request, form, joint, status=400 if request.method == "POST" else 200)


def _rating_forms(request, joint, rating, action) -> list:
    """One rating form per reply waiting for the committee's rating (the posted one bound)."""
    parts = bool(joint.proposal_id and setting(joint.proposal.organisation, "rating_parts"))
    posted = request.POST.get("task") if action == "rate" else None
    return [(task, RatingForm(request.POST if posted == str(task.pk) else None, parts=parts, prefix=f"rating-{task.pk}"))
            for task in rating.get("waiting", [])]


def _rate(request, joint, forms):
    task, form = next(((t, f) for t, f in forms if str(t.pk) == request.POST.get("task")), (None, None))
    if task is None:
        messages.error(request, _("This reply is not waiting for your committee's rating."))
        return False
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return False
    return run_service(request, lambda: services.proposal_rate_for_committee(
        actor=request.user, proposal=joint.proposal, task=task, committee=request.organisation,
        comment=form.cleaned_data["comment"], **form.rating()), success=_("Your committee's rating was recorded."))


def _files(request, joint, action):
    if action == "attach":
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Choose a file to attach."))
            return False
        return run_service(request, lambda: services.joint_attachment_add(actor=request.user, joint=joint,
                                                                          upload=form.cleaned_data["file"]),
                           success=_("The file was attached."))
    attachment = get_object_or_404(Attachment, pk=request.POST.get("attachment") or 0, object_id=str(joint.pk),
                                   organisation=joint.organisation)
    return run_service(request, lambda: services.joint_attachment_remove(actor=request.user, joint=joint,
                                                                         attachment=attachment),
                       success=_("The attachment was removed."))


def _act(request, joint, action, outcome_form):
    user, org, version = request.user, request.organisation, posted_version(request)
    if action in ("attach", "detach"):
        return _files(request, joint, action)
    if action == "send":
        return run_service(request, lambda: services.joint_send(actor=user, joint=joint, version=version),
                           success=_("The joint proposal was sent."))
    if action == "close":
        return run_service(request, lambda: services.joint_close_cosigning(actor=user, joint=joint, version=version),
                           success=_("The joint proposal was sent without the committees that had not answered."))
    if action == "cosign":
        agree = request.POST.get("agree") == "1"
        return run_service(request, lambda: services.joint_cosign(actor=user, joint=joint, organisation=org,
                                                                  agree=agree, comment=request.POST.get("comment", "")),
                           success=_("Your committee's signature was confirmed.") if agree
                           else _("Your committee declined to co-sign."))
    if action == "receive":
        return run_service(request, lambda: services.joint_receive(actor=user, joint=joint, version=version),
                           success=_("The joint proposal was received: it waits for pre-review with your proposals."))
    if action == "outcome" and outcome_form.is_valid():
        d = outcome_form.cleaned_data
        return run_service(request, lambda: services.joint_record_outcome(
            actor=user, joint=joint, registered=d["registered"], number=d["number"], reply_text=d["reply_text"],
            reply_on=d["reply_on"], registered_on=d["registered_on"], version=d["version"]),
            success=_("The outcome was recorded."), form=outcome_form)
    return None


@require(permissions.sees_joint)
def joint_detail(request, pk):
    user, org = request.user, request.organisation
    joint = selectors.joint_get_for_user(user, org, pk)
    action = request.POST.get("action", "")
    outcome_form = JointOutcomeForm(
        request.POST if action == "outcome" else None,
        initial={"version": joint.version, "registered": "no" if joint.status == JointStatus.NOT_REGISTERED else "yes",
                 "number": joint.outside_number, "reply_text": joint.reply_text, "reply_on": joint.reply_on,
                 "registered_on": joint.registered_at.date() if joint.registered_at else None})
    progress = selectors.joint_progress(joint)
    rating = selectors.joint_rating_of(joint, org, progress) if permissions.is_office(user, org) else {}
    rating_forms = _rating_forms(request, joint, rating, action)
    if request.method == "POST":
        done = _rate(request, joint, rating_forms) if action == "rate" else _act(request, joint, action, outcome_form)
        if done:
            return redirect("proposals:joint_detail", pk=joint.pk)
    signers = selectors.joint_signers_of(joint)
    own_signer = next((s for s in signers if s.organisation_id == org.pk), None)
    drafter = joint.organisation_id == org.pk and permissions.is_office(user, org)
    context = {
        "joint": joint, "signers": signers, "events": selectors.joint_timeline(joint),
        "progress": progress, "outcome_form": outcome_form, "rating": rating, "rating_forms": rating_forms,
        "attachments": list(attachments_of(joint).order_by("id")), "upload_form": AttachmentForm(),
        "may_edit": drafter and permissions.can_edit_joint(user, joint),
        "may_send": drafter and joint.status == JointStatus.DRAFT,
        "may_close": drafter and joint.status == JointStatus.COSIGNING,
        "may_cosign": (own_signer is not None and own_signer.status == JointSignerStatus.INVITED
                       and joint.status == JointStatus.COSIGNING and permissions.is_office(user, org)),
        "may_receive": (joint.target_id == org.pk and joint.status == JointStatus.SENT
                        and permissions.can_receive_joint(user, joint)),
        "may_record": (drafter and permissions.can_record_joint_outcome(user, joint)
                       and joint.status in (JointStatus.SENT, JointStatus.REGISTERED, JointStatus.NOT_REGISTERED)),
        # the higher committee opens the proposal on its own pages; the others follow it here
        "at_target": joint.target_id == org.pk,
    }
    return render(request, "proposals/joint_detail.html", context, status=400 if request.method == "POST" else 200)


@require(permissions.sees_joint)
def joint_attachment(request, pk, attachment_pk):
    """A file of the joint proposal, for whoever sees the joint proposal (its committees and the higher one)."""
    joint = selectors.joint_get_for_user(request.user, request.organisation, pk)
    return owned_attachment_response(joint, attachment_pk)
