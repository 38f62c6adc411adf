"""Writes on online deliberation (网络议政): topics, posts and replies, likes, moderation, polls, the summary."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import DOCUMENT_KINDS, attachment_add
from zhengxie.core.models import Member, Organisation
from zhengxie.core.selectors import users_of_members
from zhengxie.core.services import audit_log, notify
from zhengxie.core.transitions import bump
from zhengxie.core.workflow import lock_for_update
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_event, retract_duty_events

from .. import permissions
from ..choices import TopicScope
from ..models import Poll, PollOption, PollVote, Post, PostLike, Topic, TopicCommittee
from ..workflow import TOPIC_WORKFLOW

TOPIC_FIELDS = ["title", "description", "opens_at", "closes_at", "scope", "sector", "committee", "activity"]
MAX_POST = 3000


def _scope_errors(data: dict, shared: bool) -> dict:
    errors = {}
    if data["scope"] == TopicScope.SECTOR and not data["sector"]:
        errors["sector"] = gettext("Choose the sector.")
    if data["scope"] == TopicScope.COMMITTEE and not data["committee"]:
        errors["committee"] = gettext("Choose the committee.")
    if data["scope"] == TopicScope.JOINT and not shared:
        errors["scope"] = gettext("A topic open to several committees is opened from its joint activity or alliance.")
    return errors


def _clean_topic(organisation, data: dict, *, shared: bool = False) -> dict:
    data = {k: data.get(k) for k in TOPIC_FIELDS}
    errors = {}
    if not (data["title"] or "").strip():
        errors["title"] = gettext("This field is required.")
    if not data["opens_at"] or not data["closes_at"] or data["closes_at"] <= data["opens_at"]:
        errors["closes_at"] = gettext("The topic must close after it opens.")
    errors.update(_scope_errors(data, shared))
    if data["scope"] != TopicScope.SECTOR:
        data["sector"] = None
    if data["scope"] != TopicScope.COMMITTEE:
        data["committee"] = None
    for key in ("sector", "committee", "activity"):
        if data[key] is not None and data[key].organisation_id != organisation.pk:
            errors[key] = gettext("Choose one of your organisation's.")
    if errors:
        raise DomainError(_("Please correct the marked fields."), errors=errors)
    return data


def topic_create(*, actor, organisation, data: dict, files=(), committees=()) -> Topic:
    """A topic of ``organisation``; ``committees`` (other committees of the platform): a topic open to their members
    too (scope ``joint``), which the host runs and each committee's staff moderate for their own members."""
    if not permissions.can_organise(actor, organisation):
        raise NotAllowed()
    others = list(dict.fromkeys(c for c in committees if c.pk != organisation.pk))
    if others:
        data = {**data, "scope": TopicScope.JOINT}
    data = _clean_topic(organisation, data, shared=bool(others))
    with transaction.atomic():
        topic = Topic.objects.create(organisation=organisation, created_by=actor, **data)
        if others:
            TopicCommittee.objects.bulk_create([TopicCommittee(topic=topic, organisation=o)
                                                for o in [organisation, *others]])
        for upload in files:
            attachment_add(actor=actor, organisation=organisation, owner=topic, upload=upload, role="material",
                           allowed=DOCUMENT_KINDS)
        audit_log(actor=actor, organisation=organisation, action="activities.topic.created", obj=topic)
    return topic


def topic_update(*, actor, topic: Topic, data: dict, files=(), version: int | None = None) -> Topic:
    if not permissions.can_organise(actor, topic.organisation):
        raise NotAllowed()
    data = _clean_topic(topic.organisation, data, shared=topic.scope == TopicScope.JOINT)
    with transaction.atomic():
        topic = lock_for_update(Topic.objects.all(), topic.pk, version=version)
        TOPIC_WORKFLOW.target("update", topic.status)
        changes = {k: [getattr(topic, k), v] for k, v in data.items() if getattr(topic, k) != v}
        for key, value in data.items():
            setattr(topic, key, value)
        topic.version += 1
        topic.save()
        for upload in files:
            attachment_add(actor=actor, organisation=topic.organisation, owner=topic, upload=upload, role="material",
                           allowed=DOCUMENT_KINDS)
        audit_log(actor=actor, organisation=topic.organisation, action="activities.topic.updated", obj=topic,
                  changes=changes)
    return topic


def topic_members(topic):
    if topic.scope == TopicScope.JOINT:
        return Member.objects.current().filter(organisation_id__in=permissions.topic_committee_ids(topic))
    qs = Member.objects.current().filter(organisation=topic.organisation)
    if topic.scope == TopicScope.SECTOR:
        qs = qs.filter(sector=topic.sector)
    elif topic.scope == TopicScope.COMMITTEE:
        qs = qs.filter(committee=topic.committee)
    return qs


def topic_publish(*, actor, topic: Topic, version: int | None = None) -> Topic:
    """Publish the topic; every member in its scope is invited to take part."""
    if not permissions.can_organise(actor, topic.organisation):
        raise NotAllowed()
    with transaction.atomic():
        topic = lock_for_update(Topic.objects.select_related("organisation"), topic.pk, version=version)
        topic.status = TOPIC_WORKFLOW.target("publish", topic.status)
        bump(topic, "status")
        members = topic_members(topic)
        for organisation_id in sorted(set(members.values_list("organisation_id", flat=True))):
            # each committee's members in their own organisation (a shared topic is opened from there)
            notify(recipients=users_of_members(members.filter(organisation_id=organisation_id).values_list("pk", flat=True)),
                   organisation=Organisation.objects.get(pk=organisation_id), code="activities.topic.published",
                   title=_("Online deliberation: %(title)s (until %(closes)s)"),
                   params={"title": topic.title, "closes": timezone.localtime(topic.closes_at).strftime("%m-%d %H:%M")},
                   url=reverse("activities:topic_detail", args=[topic.pk]), obj=topic)
        audit_log(actor=actor, organisation=topic.organisation, action="activities.topic.published", obj=topic)
    return topic


def topic_close(*, actor, topic: Topic) -> Topic:
    if not permissions.can_organise(actor, topic.organisation):
        raise NotAllowed()
    with transaction.atomic():
        topic = lock_for_update(Topic.objects.all(), topic.pk)
        topic.status = TOPIC_WORKFLOW.target("close", topic.status)
        topic.closes_at = min(topic.closes_at, timezone.now()) if topic.opens_at < timezone.now() else topic.closes_at
        bump(topic, "status", "closes_at")
        audit_log(actor=actor, organisation=topic.organisation, action="activities.topic.closed", obj=topic)
    return topic


def post_create(*, actor, topic: Topic, text: str, parent: Post | None = None) -> Post:
    """A member posts a view (or replies to one) while the topic is open; it counts in their duty record."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write your view first."), errors={"text": gettext("This field is required.")})
    if len(text) > MAX_POST:
        raise DomainError(_("A post has at most %(n)d characters.") % {"n": MAX_POST},
                          errors={"text": gettext("Too long.")})
    seat = permissions.topic_seat(actor, topic)
    if not permissions.in_topic_scope(seat, topic):
        raise NotAllowed(_("This topic is open to other members."))
    if not topic.is_open():
        raise DomainError(_("The topic is not open for posts now."), code="topic_closed")
    if parent is not None and (parent.topic_id != topic.pk or parent.parent_id is not None):
        raise DomainError(_("Reply to a view of this topic."))
    with transaction.atomic():
        post = Post.objects.create(topic=topic, parent=parent, author=seat, user=actor, text=text)
        record_duty_event(member=seat, kind=DutyEventKind.DELIBERATION_POSTED, source=topic,
                          occurred_at=post.created_at, title=topic.title, actor=actor)
        audit_log(actor=actor, organisation=topic.organisation, action="activities.post.created", obj=topic,
                  changes={"post": post.pk, "reply_to": parent.pk if parent else None})
    return post


def post_like_toggle(*, actor, post: Post) -> bool:
    """Like a post, or take the like back. Returns whether the user now likes it."""
    topic = post.topic
    if not permissions.can_view_topic(actor, topic) or post.is_hidden:
        raise NotAllowed()
    with transaction.atomic():
        deleted, _rows = PostLike.objects.filter(post=post, user=actor).delete()
        if deleted:
            Post.objects.filter(pk=post.pk).update(like_count=F("like_count") - 1)
            return False
        try:
            with transaction.atomic():
                PostLike.objects.create(post=post, user=actor)
        except IntegrityError:  # a double tap
            return True
        Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + 1)
    return True


def _sync_author_event(post) -> None:
    """The author's participation counts while at least one of their posts on the topic is visible."""
    if post.author_id is None:
        return
    visible = Post.objects.filter(topic=post.topic, author=post.author, hidden_at__isnull=True).order_by("created_at").first()
    if visible is None:
        retract_duty_events(source=post.topic, kind=DutyEventKind.DELIBERATION_POSTED, member=post.author,
                            reason="posts hidden")
    else:
        record_duty_event(member=post.author, kind=DutyEventKind.DELIBERATION_POSTED, source=post.topic,
                          occurred_at=visible.created_at, title=post.topic.title)


def post_hide(*, actor, post: Post, reason: str) -> Post:
    """Staff hide a post; the author sees it is hidden and why. On a topic open to several committees the host's
    staff hide any post, each other committee's staff those of their own members."""
    topic = post.topic
    if not permissions.can_moderate_post(actor, post):
        raise NotAllowed()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for hiding the post."), errors={"reason": gettext("This field is required.")})
    with transaction.atomic():
        post = lock_for_update(Post.objects.all(), post.pk)  # no join: PostgreSQL cannot lock an outer join
        post.hidden_at, post.hidden_by, post.hidden_reason = timezone.now(), actor, reason[:200]
        post.in_summary = False
        post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "in_summary"])
        _sync_author_event(post)
        notify(recipients=[post.user], organisation=post.author.organisation if post.author_id else topic.organisation,
               code="activities.post.hidden",
               title=_("Your post on “%(title)s” was hidden"), body=_("Reason: %(reason)s"),
               params={"title": topic.title, "reason": reason},
               url=reverse("activities:topic_detail", args=[topic.pk]), obj=topic)
        audit_log(actor=actor, organisation=topic.organisation, action="activities.post.hidden", obj=topic,
                  changes={"post": post.pk, "reason": reason})
    return post


def post_unhide(*, actor, post: Post) -> Post:
    topic = post.topic
    if not permissions.can_moderate_post(actor, post):
        raise NotAllowed()
    with transaction.atomic():
        post = lock_for_update(Post.objects.all(), post.pk)  # no join: PostgreSQL cannot lock an outer join
        post.hidden_at, post.hidden_by, post.hidden_reason = None, None, ""
        post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        _sync_author_event(post)
        audit_log(actor=actor, organisation=topic.organisation, action="activities.post.shown", obj=topic,
                  changes={"post": post.pk})
    return post


def poll_create(*, actor, topic: Topic, question: str, options: list[str], multiple: bool = False) -> Poll:
    if not permissions.can_organise(actor, topic.organisation):
        raise NotAllowed()
    options = [o.strip() for o in options if o and o.strip()]
    if not (question or "").strip() or len(options) < 2:
        raise DomainError(_("A poll needs a question and at least two options."),
                          errors={"options": gettext("At least two options.")})
    with transaction.atomic():
        poll = Poll.objects.create(topic=topic, question=question.strip()[:200], multiple=multiple)
        PollOption.objects.bulk_create([PollOption(poll=poll, text=o[:200], sort_order=i) for i, o in enumerate(options)])
        audit_log(actor=actor, organisation=topic.organisation, action="activities.poll.created", obj=topic,
                  changes={"question": poll.question, "options": options})
    return poll


def poll_vote(*, actor, poll: Poll, option_ids: list[int]) -> list[PollVote]:
    """A member votes (again: the new vote replaces the old) while the topic is open."""
    topic = poll.topic
    seat = permissions.topic_seat(actor, topic)
    if not permissions.in_topic_scope(seat, topic):
        raise NotAllowed()
    if not topic.is_open():
        raise DomainError(_("The topic is not open for votes now."), code="topic_closed")
    options = list(poll.options.filter(pk__in=option_ids))
    if not options or (not poll.multiple and len(options) > 1):
        raise DomainError(_("Choose one option.") if not poll.multiple else _("Choose at least one option."))
    with transaction.atomic():
        PollVote.objects.filter(poll=poll, member=seat).delete()
        votes = PollVote.objects.bulk_create([PollVote(poll=poll, option=o, member=seat) for o in options])
        audit_log(actor=actor, organisation=topic.organisation, action="activities.poll.voted", obj=topic,
                  changes={"poll": poll.pk, "options": [o.pk for o in options]})
    return votes


def topic_summary_save(*, actor, topic: Topic, summary: str, post_ids=()) -> Topic:
    """Staff compile the summary of suggestions: their text and the posts it draws on."""
    if not permissions.can_organise(actor, topic.organisation):
        raise NotAllowed()
    with transaction.atomic():
        topic = lock_for_update(Topic.objects.all(), topic.pk)
        TOPIC_WORKFLOW.target("summarise", topic.status)
        topic.summary, topic.summary_at = (summary or "").strip(), timezone.now()
        bump(topic, "summary", "summary_at")
        ids = [int(i) for i in post_ids]
        topic.posts.exclude(pk__in=ids).update(in_summary=False)
        topic.posts.filter(pk__in=ids, hidden_at__isnull=True).update(in_summary=True)
        audit_log(actor=actor, organisation=topic.organisation, action="activities.topic.summarised", obj=topic,
                  changes={"posts": ids})
    return topic
