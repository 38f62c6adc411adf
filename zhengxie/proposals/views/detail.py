"""A proposal's page: its text, proposers, handling units and replies, ratings, supervision, timeline, and the
actions the user may take now; the POST endpoints of those actions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import DomainError
from zhengxie.core.files import attachment_response, attachments_of
from zhengxie.core.models import Attachment
from zhengxie.core.views.common import organisation_required, run_service

from .. import selectors
from ..choices import ProposalStatus, SignerStatus, TaskStatus
from ..models import HandlingTask, Proposal, Reply
from ..org_settings import setting
from ..services.review import BatchResult
from .actions import PROPOSAL_ACTION_MAP, PROPOSAL_ACTIONS, TASK_ACTION_MAP, TASK_ACTIONS, Context


def next_url(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def task_prefix(task, action_name):
    return f"t{task.pk}-{action_name}"


def render_detail(request, proposal, *, bound=None, status=200):
    bound = bound or {}
    ctx = Context(request, proposal)
    actions = [(a, bound.get(a.name) or a.make_form(ctx)) for a in PROPOSAL_ACTIONS if a.allowed(ctx)]
    show_cancelled = ctx.is_office
    cards = []
    split = setting(ctx.org, "rating_parts")
    for task in ctx.tasks:
        if task.status == TaskStatus.CANCELLED and not show_cancelled:
            continue
        task_actions = []
        for action in TASK_ACTIONS:
            if action.allowed(ctx, task):
                key = task_prefix(task, action.name)
                task_actions.append((action, bound.get(key) or action.make_form(ctx, target=task, prefix=key)))
        replies = sorted(task.replies.all(), key=lambda r: r.round)
        cards.append({
            "task": task, "actions": task_actions, "replies": replies,
            "mine": task.unit_id in ctx.units, "split": split, "ratings": sorted(task.ratings.all(), key=lambda r: (r.round, r.pk)),
            "attachments": {r.pk: list(attachments_of(r)) for r in replies},
        })
    shown = {a.name for a, _form in actions} | {task_prefix(c["task"], a.name) for c in cards for a, _form in c["actions"]}
    context = {
        "unsent": [text for key, form in bound.items() if key not in shown for text in _typed_text(form)],
        "proposal": proposal, "ctx": ctx,
        "signers": ctx.signers, "actions": actions, "cards": cards,
        "attachments": list(attachments_of(proposal)),
        "events": selectors.timeline(proposal),
        "merged_from": list(proposal.merged_proposals.only("pk", "title", "status")),
        "supervision": list(proposal.supervision.select_related("created_by")),
        "awards": list(proposal.awards.all()),
        "is_public": selectors.is_public(proposal),
        "letter": getattr(proposal, "letter", None) if proposal.status == ProposalStatus.CONVERTED else None,
        "report": selectors.converted_report(request.user, request.organisation, proposal),
        "can_print": proposal.status != ProposalStatus.DRAFT or ctx.is_author,
        "invited": [s for s in ctx.signers if s.status == SignerStatus.INVITED],
    }
    return render(request, "proposals/detail.html", context, status=status)


def _typed_text(form):
    """What the user typed into a form whose action is no longer offered (someone else acted first)."""
    if form is None or not form.is_bound:
        return []
    texts = []
    for name, field in form.fields.items():
        value = form.data.get(form.add_prefix(name))
        if value and isinstance(value, str) and not field.widget.is_hidden and len(value) > 1:
            texts.append((field.label, value))
    return texts


@organisation_required
def proposal_detail(request, pk):
    proposal = selectors.proposal_get_for_user(request.user, request.organisation, pk)
    return render_detail(request, proposal)


def _message(success, result):
    return success(result) if callable(success) else success


def _seen_current(form, version) -> bool:
    """The user acted on the current version (otherwise the service refuses at once: no confirmation first)."""
    return form is None or "version" not in form.fields or str(form.data.get(form.add_prefix("version"))) == str(version)


def _confirmation(request, spec, ctx, form, target):
    """The second step of an irreversible action: what will happen, what was matched, the same POST once more."""
    cleaned = form.cleaned_data if form is not None else {}
    try:
        facts = spec.preview(ctx, cleaned, target) if spec.preview else []
    except DomainError as exc:
        messages.error(request, str(exc))
        for field, error in exc.errors.items():
            if form is not None:
                form.add_error(field if field in form.fields else None, error)
        return None
    resend = [(name, value) for name, values in request.POST.lists() if name not in ("csrfmiddlewaretoken", "confirmed")
              for value in values]
    return render(request, "proposals/confirm.html", {
        "proposal": ctx.proposal, "action": spec, "facts": facts,
        "question": spec.confirm(ctx) if callable(spec.confirm) else spec.confirm, "typed": _typed_text(form), "resend": resend,
        "back": next_url(request, reverse("proposals:detail", args=[ctx.proposal.pk])),
    })


def _run(request, spec, ctx, form, target, *, key, rebuild, version_of):
    """Validate, call the service; on success go on, on failure show the page again with what was typed."""
    proposal_pk = ctx.proposal.pk
    if form is not None and not form.is_valid():
        messages.error(request, _("Please correct the fields marked below."))
    elif spec.confirm_step and request.POST.get("confirmed") != "1" and _seen_current(form, version_of(ctx.proposal)):
        page = _confirmation(request, spec, ctx, form, target)
        if page is not None:
            return page
    else:
        result = run_service(request, lambda: spec.run(ctx, form.cleaned_data if form is not None else {}, target),
                             form=form)
        if result:
            messages.success(request, _message(spec.success, result))
            return redirect(next_url(request, reverse("proposals:detail", args=[proposal_pk])))
    proposal = selectors.proposal_get_for_user(request.user, request.organisation, proposal_pk)
    fresh = version_of(proposal)
    if form is not None and "version" in form.fields and str(form.data.get(form.add_prefix("version"))) != str(fresh):
        # Someone else changed it: the page now shows the change; what the user typed is kept, with the new version.
        data = form.data.copy()
        data[form.add_prefix("version")] = fresh
        form = rebuild(data)
    return render_detail(request, proposal, bound={key: form}, status=400)


@organisation_required
@require_POST
def proposal_action(request, pk, action):
    spec = PROPOSAL_ACTION_MAP.get(action)
    if spec is None:
        raise Http404
    proposal = selectors.proposal_get_for_user(request.user, request.organisation, pk)
    ctx = Context(request, proposal)
    form = spec.make_form(ctx, data=request.POST, files=request.FILES)
    return _run(request, spec, ctx, form, None, key=action, version_of=lambda p: p.version,
                rebuild=lambda data: spec.make_form(ctx, data=data, files=request.FILES))


@organisation_required
@require_POST
def task_action(request, pk, action):
    spec = TASK_ACTION_MAP.get(action)
    if spec is None:
        raise Http404
    task = selectors.task_get_for_user(request.user, request.organisation, pk)
    proposal = selectors.proposal_get_for_user(request.user, request.organisation, task.proposal_id)
    ctx = Context(request, proposal)
    key = task_prefix(task, action)
    form = spec.make_form(ctx, target=task, data=request.POST, files=request.FILES, prefix=key)
    return _run(request, spec, ctx, form, task, key=key,
                version_of=lambda p: HandlingTask.objects.get(pk=task.pk).version,
                rebuild=lambda data: spec.make_form(ctx, target=task, data=data, files=request.FILES, prefix=key))


def show_batch_result(request, result: BatchResult, done_message: str):
    if result.done:
        messages.success(request, done_message % {"n": len(result.done)})
    for proposal, error in result.failed:
        messages.error(request, _("“%(title)s”: %(error)s") % {"title": proposal.title, "error": error})
    if not result.done and not result.failed:
        messages.warning(request, _("Select at least one proposal."))


@organisation_required
def attachment_download(request, pk):
    """An attachment of a proposal, a reply or a co-handler's input, for whoever may see the proposal."""
    attachment = Attachment.objects.select_related("content_type").filter(pk=pk, organisation=request.organisation).first()
    if attachment is None:
        raise Http404
    model = attachment.content_type.model_class()
    if model is Proposal:
        proposal_id = attachment.object_id
    elif model is Reply:
        reply = Reply.objects.select_related("task__proposal__organisation").filter(pk=attachment.object_id).first()
        if reply is None or not selectors.may_see_reply(request.user, reply):
            raise Http404
        proposal_id = reply.task.proposal_id
    elif model is HandlingTask:
        proposal_id = HandlingTask.objects.filter(pk=attachment.object_id).values_list("proposal_id", flat=True).first()
    else:
        raise Http404
    try:
        selectors.proposal_get_for_user(request.user, request.organisation, proposal_id)
    except DomainError as exc:
        raise Http404 from exc
    return attachment_response(attachment)
