"""Pages of proposal topics (提案选题): the year's list (members follow and claim topics on a phone), a topic with
the proposals that answer it, the office's overview of which topics got proposals, the office's form and Excel
import, departments' suggestions, the office's decision, and the constituents' public form."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from zhengxie.core import permissions as core_permissions
from zhengxie.core.documents import XLSX_TYPE, file_response
from zhengxie.core.exceptions import DomainError
from zhengxie.core.models import Organisation
from zhengxie.core.views.common import organisation_required, paginate, posted_version, require, run_service
from zhengxie.opinions.views import history_rows

from .. import permissions, selectors, services, topic_import
from ..choices import TopicStatus
from ..forms import DeclineTopicForm, PublicTopicForm, TopicFilterForm, TopicForm, TopicImportForm
from ..workflow import TOPIC_WORKFLOW


def _tabs(user, org) -> list[str]:
    tabs = ["list"]
    if permissions.can_follow_topics(user, org):
        tabs.append("mine")
    if permissions.manages_topics(user, org) or permissions.can_suggest_topic(user, org):
        tabs.append("suggestions")
    if permissions.sees_all_topics(user, org):
        tabs.append("overview")
    return tabs


@require(permissions.can_use_topics)
def topic_list(request):
    user, org = request.user, request.organisation
    tabs = _tabs(user, org)
    tab = request.GET.get("tab") if request.GET.get("tab") in tabs else tabs[0]
    seat = core_permissions.current_member(user, org)
    data = request.GET.copy()
    if "year" not in data and tab in ("list", "overview"):
        data["year"] = str(timezone.localdate().year)
    form = TopicFilterForm(data, organisation=org)
    qs = selectors.topics_visible_to(user, org)
    if tab == "list":
        qs = qs.filter(status=TopicStatus.LISTED)
    elif tab == "mine":
        qs = selectors.topic_search(qs, followed_by=seat)
    elif tab == "suggestions":
        qs = qs.filter(status__in=(TopicStatus.SUGGESTED, TopicStatus.DECLINED))
        if not permissions.manages_topics(user, org):
            qs = qs.filter(created_by_id=user.pk) | qs.filter(unit_id__in=permissions.unit_ids(user, org))
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.topic_search(qs, year=d.get("year"), status=d.get("status", ""), subject=d.get("subject", ""),
                                source=d.get("source", ""), q=d.get("q", ""), unanswered=d.get("unanswered", False))
    qs = selectors.with_topic_counts(qs, seat)
    context = {"tabs": tabs, "tab": tab, "form": form, "page": paginate(request, qs, 30),
               "manages": permissions.manages_topics(user, org), "is_member": seat is not None,
               "can_suggest": permissions.can_suggest_topic(user, org),
               "to_decide": selectors.topics_to_decide(user, org).count()}
    if tab == "overview":
        year_topics = selectors.topics_visible_to(user, org).filter(status__in=selectors.PUBLISHED_TOPIC_STATES)
        if d.get("year"):
            year_topics = year_topics.filter(year=d["year"])
        counted = selectors.with_topic_counts(year_topics)
        context["summary"] = {"listed": counted.count(), "answered": counted.filter(answer_count__gt=0).count(),
                              "claimed": counted.filter(claim_count__gt=0).count()}
    return render(request, "liaison/topic_list.html", context)


@organisation_required
def topic_detail(request, pk):
    user, org = request.user, request.organisation
    seat = core_permissions.current_member(user, org)
    topic = selectors.topic_get_for_user(user, org, pk)
    topic = selectors.with_topic_counts(selectors.topics_visible_to(user, org).filter(pk=topic.pk), seat).get()
    proposals, answer_total = selectors.answers_of(topic, user, org)
    manages = permissions.can_manage_topic(user, topic)
    context = {"topic": topic, "proposals": proposals, "answer_total": answer_total, "manages": manages,
               "is_member": seat is not None, "decline_form": DeclineTopicForm(initial={"version": topic.version}),
               "source_url": _source_url(topic)}
    if manages or permissions.sees_all_topics(user, org):
        context["followers"] = selectors.followers_of(topic)
        context["history"] = history_rows(selectors.history_of(topic), TOPIC_WORKFLOW)
    return render(request, "liaison/topic_detail.html", context)


SOURCE_PAGES = {"activities.topic": "activities:topic_detail", "outreach.concern": "outreach:concern_detail",
                "liaison.infoitem": "liaison:info_detail"}


def _source_url(topic) -> str:
    """The page of the record a topic came from (a deliberation topic, a concern, an item of information); the page
    itself decides whether the reader may open it."""
    if not topic.source_type_id:
        return ""
    name = SOURCE_PAGES.get(f"{topic.source_type.app_label}.{topic.source_type.model}")
    try:
        return reverse(name, args=[topic.source_id]) if name else ""
    except NoReverseMatch:
        return ""


def _topic_form_page(request, form, topic=None, suggesting=False, status=200):
    return render(request, "liaison/topic_form.html", {"form": form, "topic": topic, "suggesting": suggesting},
                  status=status)


@require(permissions.manages_topics)
def topic_new(request):
    org = request.organisation
    form = TopicForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        topic = run_service(request, lambda: services.topic_create(actor=request.user, organisation=org,
                                                                   fields=form.service_fields()),
                            success=_("The topic was put on the list."), form=form)
        if topic:
            return redirect("liaison:topic_detail", pk=topic.pk)
    return _topic_form_page(request, form, status=400 if request.method == "POST" else 200)


@require(permissions.can_suggest_topic)
def topic_suggest(request):
    org = request.organisation
    form = TopicForm(request.POST or None, organisation=org, suggesting=True)
    if request.method == "POST" and form.is_valid():
        topic = run_service(request, lambda: services.topic_suggest(actor=request.user, organisation=org,
                                                                    fields=form.service_fields()),
                            success=_("Your suggestion was sent to the committee's office."), form=form)
        if topic:
            return redirect("liaison:topic_detail", pk=topic.pk)
    return _topic_form_page(request, form, suggesting=True, status=400 if request.method == "POST" else 200)


@organisation_required
def topic_edit(request, pk):
    org = request.organisation
    topic = selectors.topic_get_for_user(request.user, org, pk)
    if not permissions.can_manage_topic(request.user, topic):
        raise Http404
    initial = {k: getattr(topic, k) for k in ("year", "title", "description", "subject", "source", "source_note")}
    form = TopicForm(request.POST or None, initial={**initial, "version": topic.version}, organisation=org)
    if request.method == "POST" and form.is_valid():
        saved = run_service(request, lambda: services.topic_update(
            actor=request.user, topic=topic, fields=form.service_fields(), version=form.cleaned_data["version"]),
            success=pgettext("proposal topic", "The topic was saved."), form=form)
        if saved:
            return redirect("liaison:topic_detail", pk=topic.pk)
    return _topic_form_page(request, form, topic, status=400 if request.method == "POST" else 200)


@require(permissions.manages_topics)
def topic_import_template(request):
    return file_response(topic_import.template_bytes(), _("Proposal topics import template.xlsx"), XLSX_TYPE)


@require(permissions.manages_topics)
def topic_import_page(request):
    form = TopicImportForm(request.POST or None, request.FILES or None)
    row_errors = {}
    if request.method == "POST" and form.is_valid():
        try:
            n = topic_import.topics_import(actor=request.user, organisation=request.organisation,
                                           upload=form.cleaned_data["file"])
        except DomainError as exc:
            messages.error(request, str(exc))
            row_errors = exc.errors if all(isinstance(k, int) for k in exc.errors) else {}
        else:
            messages.success(request, _("%(n)d topics were put on the list.") % {"n": n})
            return redirect("liaison:topic_list")
    return render(request, "liaison/topic_import.html", {"form": form, "row_errors": row_errors},
                  status=400 if row_errors else 200)


def _topic_action(request, pk, call, success):
    topic = selectors.topic_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: call(topic), success=success)
    back = request.POST.get("next", "")
    if back.startswith("/liaison/topics/") and "//" not in back:  # back to the list the button was on
        return redirect(back)
    return redirect("liaison:topic_detail", pk=pk)


@require_POST
@organisation_required
def topic_claim(request, pk):
    claim = request.POST.get("claim") != "0"
    return _topic_action(request, pk, lambda t: services.topic_claim(actor=request.user, topic=t, claim=claim),
                         _("You claimed the topic: write a proposal on it.") if claim
                         else _("You gave the topic back."))


@require_POST
@organisation_required
def topic_follow(request, pk):
    follow = request.POST.get("follow") != "0"
    return _topic_action(request, pk, lambda t: services.topic_follow(actor=request.user, topic=t, follow=follow),
                         _("You follow the topic.") if follow else _("You no longer follow the topic."))


@require_POST
@organisation_required
def topic_accept(request, pk):
    return _topic_action(request, pk, lambda t: services.topic_accept(actor=request.user, topic=t,
                                                                      version=posted_version(request)),
                         _("The topic was put on the list."))


@require_POST
@organisation_required
def topic_decline(request, pk):
    form = DeclineTopicForm(request.POST)
    reason = form.data.get("reason", "")
    return _topic_action(request, pk, lambda t: services.topic_decline(actor=request.user, topic=t, reason=reason,
                                                                       version=posted_version(request)),
                         _("The topic was declined; whoever suggested it is told why."))


@require_POST
@organisation_required
def topic_close(request, pk):
    return _topic_action(request, pk, lambda t: services.topic_close(actor=request.user, topic=t,
                                                                     version=posted_version(request)),
                         _("The topic was taken off the list."))


@require_POST
@organisation_required
def topic_reopen(request, pk):
    return _topic_action(request, pk, lambda t: services.topic_reopen(actor=request.user, topic=t,
                                                                      version=posted_version(request)),
                         _("The topic is on the list again."))


def save_drafting_choice(request, proposal) -> None:
    """The topic chosen on the proposal's drafting page (``answers_topic``), kept with the proposal. Called by the
    drafting view after it saved the text."""
    if "answers_topic" not in request.POST:
        return
    value = request.POST.get("answers_topic") or ""
    topic = None
    if value.isdigit():
        topic = selectors.topics_for_drafting(request.user, request.organisation).filter(pk=int(value)).first()
    run_service(request, lambda: services.topic_answer_set(actor=request.user, proposal=proposal, topic=topic))


# --- the public page (no account) ---------------------------------------------------------------------------------------


def public_topic(request, org_id):
    """Constituents suggest a proposal topic, with the public page's protections (outreach's guard)."""
    from zhengxie.outreach import guard
    from zhengxie.outreach import public as public_checks
    from zhengxie.outreach.views.public import flood_response

    organisation = get_object_or_404(Organisation, pk=org_id, is_active=True)
    error, status = "", 200
    if request.method == "POST":
        try:
            public_checks.begin(request)
        except guard.Flood as exc:
            return flood_response(exc)
        except guard.RateLimited as exc:
            return _public_page(request, organisation, PublicTopicForm(request.POST, organisation=organisation),
                                error=str(exc), status=exc.status)
        except DomainError as exc:
            return _public_page(request, organisation, PublicTopicForm(organisation=organisation), error=str(exc),
                                status=exc.status)
        form = PublicTopicForm(request.POST, organisation=organisation)
        if form.is_valid():
            d = form.cleaned_data
            try:
                guard.challenge_check(token=d["token"], answer=d["answer"], honeypot=d.get("website", ""),
                                      min_seconds=_min_seconds(organisation))
                services.topics.clean_topic(organisation, {"title": d["title"], "description": d["description"],
                                                           "subject": d["subject"], "source": "constituents",
                                                           "year": timezone.localdate().year})
                guard.count_submission(request, organisation)
                topic = services.topic_suggest_public(organisation=organisation, name=d["name"], fields={
                    "title": d["title"], "description": d["description"], "subject": d["subject"]})
            except DomainError as exc:
                for field, message in exc.errors.items():
                    form.add_error(field if field in form.fields else None, message)
                return _public_page(request, organisation, form, error=str(exc), status=exc.status)
            return render(request, "liaison/public/topic_sent.html", {"organisation": organisation, "topic": topic})
        status = 400
    else:
        form = PublicTopicForm(organisation=organisation)
    return _public_page(request, organisation, form, error=error, status=status)


def _min_seconds(organisation) -> int:
    from zhengxie.core.org_settings import get_setting

    return get_setting(organisation, "outreach.public_min_seconds")


def _public_page(request, organisation, form, *, error="", status=200):
    from zhengxie.outreach import guard

    return render(request, "liaison/public/topic_form.html", {
        "organisation": organisation, "form": form, "error": error, "challenge": guard.challenge_issue(),
        "honeypot": guard.HONEYPOT_FIELD}, status=status)
