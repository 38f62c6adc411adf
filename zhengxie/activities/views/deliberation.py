"""Online deliberation pages: topics, posts and replies, likes, moderation, polls and the summary (Word)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.documents import add_heading, add_paragraph, add_title, docx_response, new_docx
from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.files import attachments_of
from zhengxie.core.services import audit_log
from zhengxie.core.views.common import (
    is_htmx,
    organisation_required,
    paginate,
    posted_version,
    require,
    run_service,
)

from .. import permissions, selectors
from ..forms import HideForm, PollForm, PostForm, SummaryForm, TopicForm
from ..models import Poll, Post
from ..services import deliberation as services
from ..workflow import TOPIC_WORKFLOW


@organisation_required
def topic_list(request):
    qs = selectors.topics_visible_to(request.user, request.organisation)
    return render(request, "activities/topic_list.html", {
        "page": paginate(request, qs, 20), "now": timezone.now(),
        "can_organise": permissions.can_organise(request.user, request.organisation)})


@require(permissions.can_organise)
def topic_edit(request, pk=None):
    org = request.organisation
    topic = selectors.topic_get_for_user(request.user, org, pk) if pk else None
    form = TopicForm(request.POST or None, request.FILES or None, instance=topic, organisation=org)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in TopicForm.Meta.fields}
        files = form.cleaned_data["materials"]
        if topic:
            topic.refresh_from_db()
            result = run_service(request, lambda: services.topic_update(
                actor=request.user, topic=topic, data=data, files=files, version=posted_version(request)),
                success=_("The topic was saved."), form=form)
        else:
            result = run_service(request, lambda: services.topic_create(
                actor=request.user, organisation=org, data=data, files=files), success=_("The topic was saved."), form=form)
        if result:
            return redirect("activities:topic_detail", pk=result.pk)
    return render(request, "activities/topic_form.html", {"form": form, "topic": topic})


@organisation_required
def topic_detail(request, pk):
    topic = selectors.topic_get_for_user(request.user, request.organisation, pk)
    manage = permissions.can_organise(request.user, topic.organisation)
    seat = permissions.topic_seat(request.user, topic)
    return render(request, "activities/topic_detail.html", {
        "topic": topic, "can_manage": manage, "can_post": permissions.can_post(request.user, topic),
        "moderated": permissions.moderated_committee_ids(request.user, topic), "shared": topic.scope == "joint",
        "posts": paginate(request, selectors.topic_posts(topic, request.user), 30),
        "polls": selectors.topic_polls(topic, seat), "counts": selectors.topic_counts(topic),
        "materials": attachments_of(topic, "material"), "post_form": PostForm(), "hide_form": HideForm(),
        "poll_form": PollForm(), "actions": {t.action for t in TOPIC_WORKFLOW.actions_from(topic.status)},
        "is_open": topic.is_open(),
    })


@organisation_required
@require_POST
def topic_transition(request, pk, action):
    topic = selectors.topic_get_for_user(request.user, request.organisation, pk)
    if action == "publish":
        run_service(request, lambda: services.topic_publish(actor=request.user, topic=topic, version=posted_version(request)),
                    success=_("The topic was published and the members were invited."))
    elif action == "close":
        run_service(request, lambda: services.topic_close(actor=request.user, topic=topic),
                    success=_("The topic was closed."))
    return redirect("activities:topic_detail", pk=pk)


@organisation_required
@require_POST
def post_create(request, pk):
    topic = selectors.topic_get_for_user(request.user, request.organisation, pk)
    form = PostForm(request.POST)
    if form.is_valid():
        parent_id = form.cleaned_data["parent"]
        parent = get_object_or_404(Post, pk=parent_id, topic=topic) if parent_id else None
        run_service(request, lambda: services.post_create(actor=request.user, topic=topic, text=form.cleaned_data["text"],
                                                          parent=parent), success=_("Your view was posted."))
    else:
        run_service(request, lambda: services.post_create(actor=request.user, topic=topic, text=""))
    return redirect("activities:topic_detail", pk=pk)


@organisation_required
@require_POST
def post_like(request, pk, post_pk):
    topic = selectors.topic_get_for_user(request.user, request.organisation, pk)
    post = get_object_or_404(Post, pk=post_pk, topic=topic)
    liked = run_service(request, lambda: services.post_like_toggle(actor=request.user, post=post))
    if is_htmx(request):
        post.refresh_from_db()
        post.liked = liked is True
        return render(request, "activities/partials/like_button.html", {"post": post, "topic": topic})
    return redirect("activities:topic_detail", pk=pk)


@organisation_required
@require_POST
def post_moderate(request, pk, post_pk):
    topic = selectors.topic_get_for_user(request.user, request.organisation, pk)
    post = get_object_or_404(Post, pk=post_pk, topic=topic)
    if request.POST.get("action") == "show":
        run_service(request, lambda: services.post_unhide(actor=request.user, post=post), success=_("The post is shown again."))
    else:
        form = HideForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        run_service(request, lambda: services.post_hide(actor=request.user, post=post, reason=reason),
                    success=_("The post was hidden; its author sees why."))
    return redirect("activities:topic_detail", pk=pk)


@organisation_required
@require_POST
def poll_create(request, pk):
    topic = selectors.topic_get_for_user(request.user, request.organisation, pk)
    form = PollForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        run_service(request, lambda: services.poll_create(actor=request.user, topic=topic, question=d["question"],
                                                          options=d["options"].splitlines(), multiple=d["multiple"]),
                    success=_("The poll was added."))
    return redirect("activities:topic_detail", pk=pk)


@organisation_required
@require_POST
def poll_vote(request, pk, poll_pk):
    topic = selectors.topic_get_for_user(request.user, request.organisation, pk)
    poll = get_object_or_404(Poll, pk=poll_pk, topic=topic)
    ids = [int(v) for v in request.POST.getlist("option") if v.isdigit()]
    run_service(request, lambda: services.poll_vote(actor=request.user, poll=poll, option_ids=ids),
                success=_("Your vote was counted."))
    return redirect(f"{request.path.rsplit('/polls/', 1)[0]}/#poll-{poll.pk}")


@organisation_required
def topic_summary(request, pk):
    topic = selectors.topic_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_organise(request.user, topic.organisation):
        raise NotAllowed()
    form = SummaryForm(request.POST or None, initial={"summary": topic.summary})
    if request.method == "POST" and form.is_valid():
        if run_service(request, lambda: services.topic_summary_save(
                actor=request.user, topic=topic, summary=form.cleaned_data["summary"],
                post_ids=request.POST.getlist("posts")), success=_("The summary was saved.")):
            return redirect("activities:topic_summary", pk=pk)
    posts = topic.posts.filter(hidden_at__isnull=True).select_related("author__person", "author__sector").order_by(
        "-like_count", "created_at")
    return render(request, "activities/topic_summary.html", {"topic": topic, "form": form, "posts": posts})


@organisation_required
def topic_summary_docx(request, pk):
    topic = selectors.topic_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_organise(request.user, topic.organisation):
        raise NotAllowed()
    counts = selectors.topic_counts(topic)
    document = new_docx()
    add_title(document, _("Summary of suggestions: %(title)s") % {"title": topic.title})
    add_paragraph(document, _("Open from %(opens)s to %(closes)s; %(people)d members posted %(posts)d views.") % {
        "opens": timezone.localtime(topic.opens_at).strftime("%Y-%m-%d"),
        "closes": timezone.localtime(topic.closes_at).strftime("%Y-%m-%d"), "people": counts["people"],
        "posts": counts["posts"]})
    if topic.summary:
        add_heading(document, _("Summary"))
        for paragraph in topic.summary.splitlines():
            if paragraph.strip():
                add_paragraph(document, paragraph.strip())
    chosen = topic.posts.filter(in_summary=True, hidden_at__isnull=True).select_related("author__person", "author__sector")
    if chosen:
        add_heading(document, _("Members' suggestions"))
        for number, post in enumerate(chosen, start=1):
            author = f"{post.author.person.name}（{post.author.sector.name}）" if post.author else ""
            add_paragraph(document, f"{number}. {post.text}　——{author}")
    audit_log(actor=request.user, organisation=topic.organisation, action="activities.topic.summary_exported", obj=topic)
    return docx_response(document, f"{topic.title[:50]}{_('Summary of suggestions')}.docx")
