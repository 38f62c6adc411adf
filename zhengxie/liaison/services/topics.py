"""Writes on proposal topics (提案选题): the office lists a topic (by hand or from an Excel list), edits it, takes it
off the list and back; departments, the Party/government offices and constituents suggest topics, which the office
accepts into the list or declines with a reason; members follow and claim topics; a proposal says which topic it
answers."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import permissions as core_permissions
from zhengxie.core import transitions
from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import HandlingUnit
from zhengxie.core.selectors import users_with_role
from zhengxie.core.services import audit_log, notify

from .. import permissions
from ..choices import TopicSource, TopicStatus
from ..models import Topic, TopicAnswer, TopicFollow, TopicTransition
from ..org_settings import topics_of
from ..workflow import TOPIC_WORKFLOW
from .common import move, record

logger = logging.getLogger(__name__)

FIELDS = ("year", "title", "description", "subject", "source", "source_note")
TOPIC_MANAGERS = (Role.PROPOSAL_OFFICE, Role.GENERAL_OFFICE)


def _move(topic, action, actor, **kwargs):
    return move(topic, action, actor, workflow=TOPIC_WORKFLOW, history=TopicTransition, history_for={"topic": topic},
                **kwargs)


def _record(topic, action, actor, **kwargs):
    return record(topic, action, actor, history=TopicTransition, history_for={"topic": topic}, **kwargs)


def clean_topic(organisation, fields: dict) -> dict:
    """The topic's fields checked; a DomainError names every bad field (the form keeps what was typed)."""
    data = {k: fields.get(k) for k in FIELDS}
    for key in ("title", "description", "subject", "source_note"):
        data[key] = (data[key] or "").strip()
    errors = {}
    if not data["title"]:
        errors["title"] = [gettext("Say in a sentence what the topic is.")]
    elif len(data["title"]) > 200:
        errors["title"] = [gettext("The topic is too long: at most 200 characters.")]
    if len(data["description"]) > 3000:
        errors["description"] = [gettext("The text is too long: at most 3,000 characters.")]
    if len(data["source_note"]) > 200:
        errors["source_note"] = [gettext("At most 200 characters.")]
    if data["subject"] not in topics_of(organisation):
        errors["subject"] = [gettext("Choose a subject from the list.")]
    if data["source"] not in TopicSource.values:
        errors["source"] = [gettext("Choose a source from the list.")]
    year = data["year"]
    this_year = timezone.localdate().year
    if not isinstance(year, int) or not (this_year - 1 <= year <= this_year + 1):
        errors["year"] = [gettext("Choose this year, the last or the next.")]
    if errors:
        raise DomainError(gettext("Please correct the marked fields."), errors=errors, code="invalid_topic")
    return data


def _next_number(organisation, year: int) -> int:
    top = Topic.objects.filter(organisation=organisation, year=year).aggregate(n=Max("number"))["n"]
    return (top or 0) + 1


def _link_source(topic, source_record) -> None:
    if source_record is None:
        return
    if getattr(source_record, "organisation_id", None) != topic.organisation_id:
        raise NotAllowed()
    topic.source_type = ContentType.objects.get_for_model(source_record)
    topic.source_id = str(source_record.pk)


def topic_create(*, actor, organisation, fields: dict, source_record=None, unit: HandlingUnit | None = None) -> Topic:
    """The office puts a topic on the year's list, with its number; ``source_record``: the concern, deliberation
    topic or item of information it came from."""
    if not permissions.manages_topics(actor, organisation):
        raise NotAllowed(_("Only the committee's offices keep the list of topics."))
    data = clean_topic(organisation, fields)
    if unit is not None and unit.organisation_id != organisation.pk:
        raise NotAllowed()
    with transaction.atomic():
        topic = Topic(organisation=organisation, created_by=actor, unit=unit, status=TopicStatus.LISTED,
                      listed_at=timezone.now(), **data)
        _link_source(topic, source_record)
        topic.number = _next_number(organisation, data["year"])
        topic.save()
        _record(topic, "create", actor, from_state="", audit="liaison.topic.created",
                changes={"title": topic.title, "number": topic.number})
    return topic


def topics_import(*, actor, organisation, rows: list[dict]) -> list[Topic]:
    """Topics from a checked Excel list (``topic_import.read``), all or none."""
    if not permissions.manages_topics(actor, organisation):
        raise NotAllowed(_("Only the committee's offices keep the list of topics."))
    with transaction.atomic():
        created = [topic_create(actor=actor, organisation=organisation, fields=row) for row in rows]
        audit_log(actor=actor, organisation=organisation, action="liaison.topic.imported",
                  changes={"count": len(created)})
    return created


def topic_suggest(*, actor, organisation, fields: dict) -> Topic:
    """A department or the Party/government offices suggest a topic; the office decides."""
    if not permissions.can_suggest_topic(actor, organisation):
        raise NotAllowed(_("Departments and the Party and government offices suggest topics."))
    units = permissions.unit_ids(actor, organisation)
    unit = HandlingUnit.objects.filter(pk__in=units).order_by("pk").first() if units else None
    fields = {**fields, "source": TopicSource.DEPARTMENT if unit else TopicSource.PRIORITIES}
    data = clean_topic(organisation, fields)
    with transaction.atomic():
        topic = Topic.objects.create(organisation=organisation, created_by=actor, unit=unit,
                                     status=TopicStatus.SUGGESTED, **data)
        _record(topic, "suggest", actor, from_state="", audit="liaison.topic.suggested",
                changes={"title": topic.title, "unit": unit.name if unit else ""})
        _notify_office(topic)
    return topic


def topic_suggest_public(*, organisation, fields: dict, name: str = "") -> Topic:
    """A constituent suggests a topic through the public page (after its checks: see ``topic_public``)."""
    data = clean_topic(organisation, {**fields, "source": TopicSource.CONSTITUENTS,
                                      "year": fields.get("year") or timezone.localdate().year})
    with transaction.atomic():
        topic = Topic.objects.create(organisation=organisation, status=TopicStatus.SUGGESTED,
                                     suggester_name=(name or "").strip()[:40], **data)
        _record(topic, "suggest", None, from_state="", audit="liaison.topic.suggested_public",
                changes={"title": topic.title})
        _notify_office(topic)
    return topic


def _notify_office(topic) -> None:
    notify(recipients=users_with_role(topic.organisation, *TOPIC_MANAGERS), organisation=topic.organisation,
           code="liaison.topic.suggested", title=_("A proposal topic was suggested: %(title)s"),
           params={"title": topic.title}, url=topic.get_absolute_url(), obj=topic)


def topic_update(*, actor, topic: Topic, fields: dict, version: int | None = None) -> Topic:
    data = clean_topic(topic.organisation, fields)
    with transaction.atomic():
        topic = transitions.lock(Topic, topic, version=version,
                                 allowed=lambda row: permissions.can_manage_topic(actor, row))
        changes = {k: v for k, v in data.items() if getattr(topic, k) != v}
        for key, value in data.items():
            setattr(topic, key, value)
        _move(topic, "edit", actor, allowed=True, fields=list(FIELDS), audit="liaison.topic.edited",
              changes={k: str(v) for k, v in changes.items()})
    return topic


def topic_accept(*, actor, topic: Topic, version: int | None = None) -> Topic:
    """The office accepts a suggestion into the year's list; it gets the next number."""
    with transaction.atomic():
        topic = transitions.lock(Topic, topic, version=version,
                                 allowed=lambda row: permissions.can_manage_topic(actor, row))
        topic.number = _next_number(topic.organisation, topic.year)
        topic.listed_at = topic.decided_at = timezone.now()
        _move(topic, "accept", actor, allowed=True, fields=["number", "listed_at", "decided_at"],
              audit="liaison.topic.accepted", data={"number": topic.number})
        _tell_suggester(topic, _("Your suggested topic was put on the list: %(title)s"))
    return topic


def topic_decline(*, actor, topic: Topic, reason: str, version: int | None = None) -> Topic:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(gettext("Say why the topic is declined."),
                          errors={"reason": [gettext("Say why the topic is declined.")]})
    if len(reason) > 300:
        raise DomainError(gettext("At most 300 characters."), errors={"reason": [gettext("At most 300 characters.")]})
    with transaction.atomic():
        topic = transitions.lock(Topic, topic, version=version,
                                 allowed=lambda row: permissions.can_manage_topic(actor, row))
        topic.decline_reason = reason
        topic.decided_at = timezone.now()
        _move(topic, "decline", actor, allowed=True, fields=["decline_reason", "decided_at"], comment=reason,
              audit="liaison.topic.declined")
        _tell_suggester(topic, _("Your suggested topic was not put on the list: %(title)s"))
    return topic


def _tell_suggester(topic, title) -> None:
    if topic.created_by_id and topic.created_by.is_active:
        notify(recipients=[topic.created_by], organisation=topic.organisation, code="liaison.topic.decided",
               title=title, params={"title": topic.title}, url=topic.get_absolute_url(), obj=topic)


def topic_close(*, actor, topic: Topic, version: int | None = None, comment: str = "") -> Topic:
    """Take a topic off the list (written on already, no longer current); proposals already answering it stay."""
    with transaction.atomic():
        topic = transitions.lock(Topic, topic, version=version,
                                 allowed=lambda row: permissions.can_manage_topic(actor, row))
        _move(topic, "close", actor, allowed=True, comment=(comment or "").strip()[:300], audit="liaison.topic.closed")
    return topic


def topic_reopen(*, actor, topic: Topic, version: int | None = None) -> Topic:
    with transaction.atomic():
        topic = transitions.lock(Topic, topic, version=version,
                                 allowed=lambda row: permissions.can_manage_topic(actor, row))
        _move(topic, "reopen", actor, allowed=True, audit="liaison.topic.reopened")
    return topic


def _seat(actor, topic):
    seat = core_permissions.current_member(actor, topic.organisation)
    if seat is None:
        raise NotAllowed(_("Only members follow and claim topics."))
    if topic.status != TopicStatus.LISTED:
        raise DomainError(_("This topic is not on the list."), code="topic_not_listed")
    return seat


def topic_follow(*, actor, topic: Topic, follow: bool = True) -> TopicFollow | None:
    """A member follows a listed topic, or stops following it (a claim goes with it)."""
    seat = _seat(actor, topic)
    with transaction.atomic():
        topic = transitions.lock(Topic, topic)
        if not follow:
            removed, _kinds = TopicFollow.objects.filter(topic=topic, member=seat).delete()
            if removed:
                _record(topic, "follow", actor, audit="liaison.topic.unfollowed",
                        data={"member": seat.pk, "following": False})
            return None
        row, created = TopicFollow.objects.get_or_create(topic=topic, member=seat)
        if created:
            _record(topic, "follow", actor, audit="liaison.topic.followed", data={"member": seat.pk, "following": True})
    return row


def topic_claim(*, actor, topic: Topic, claim: bool = True) -> TopicFollow:
    """A member claims a topic (认领: they mean to write a proposal on it), or gives the claim back."""
    seat = _seat(actor, topic)
    with transaction.atomic():
        topic = transitions.lock(Topic, topic)
        row, _created = TopicFollow.objects.select_for_update().get_or_create(topic=topic, member=seat)
        if row.claimed == bool(claim):
            return row
        row.claimed = bool(claim)
        row.claimed_at = timezone.now() if claim else None
        row.save(update_fields=["claimed", "claimed_at"])
        _record(topic, "claim", actor, audit="liaison.topic.claimed" if claim else "liaison.topic.unclaimed",
                data={"member": seat.pk, "claimed": row.claimed})
    return row


def topic_answer_set(*, actor, proposal, topic: Topic | None) -> TopicAnswer | None:
    """The proposal answers ``topic`` (None: no topic). Whoever may edit the proposal chooses it; only a topic on
    the list can be chosen."""
    from zhengxie.proposals.permissions import can_edit

    if not can_edit(actor, proposal):
        raise NotAllowed()
    current = TopicAnswer.objects.filter(proposal=proposal).select_related("topic").first()
    if (current.topic_id if current else None) == (topic.pk if topic else None):
        return current
    if topic is not None:
        if topic.organisation_id != proposal.organisation_id:
            raise NotAllowed()
        if topic.status != TopicStatus.LISTED:
            raise DomainError(_("This topic is not on the list."), code="topic_not_listed")
    with transaction.atomic():
        if current is not None:
            current.delete()
            audit_log(actor=actor, organisation=proposal.organisation, action="liaison.topic.answer_removed",
                      obj=current.topic, changes={"proposal": proposal.pk})
        if topic is None:
            return None
        locked = transitions.lock(Topic, topic)
        answer = TopicAnswer.objects.create(topic=locked, proposal=proposal, organisation=proposal.organisation,
                                            created_by=actor)
        _record(locked, "answer", actor, audit="liaison.topic.answered", data={"proposal": proposal.pk})
    return answer
