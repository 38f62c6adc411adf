"""Writes on members' questions to departments (知情问询): ask, withdraw, answer, the publicity of an answer, and the
daily reminders to departments of questions due soon or overdue."""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import permissions as core_permissions
from zhengxie.core import transitions
from zhengxie.core.choices import UNIT_ROLES
from zhengxie.core.dates import add_working_days
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import HandlingUnit, User
from zhengxie.core.org_settings import get_setting
from zhengxie.core.selectors import users_with_role
from zhengxie.core.services import notify

from .. import permissions
from ..choices import InquiryStatus
from ..models import InfoItem, Inquiry, InquiryTransition
from ..org_settings import INQUIRY_DAYS, REMIND_BEFORE, topics_of
from ..workflow import INQUIRY_WORKFLOW
from .common import move, record

logger = logging.getLogger(__name__)


def _move(inquiry, action, actor, **kwargs):
    return move(inquiry, action, actor, workflow=INQUIRY_WORKFLOW, history=InquiryTransition,
                history_for={"inquiry": inquiry}, **kwargs)


def unit_users(inquiry) -> list:
    return users_with_role(inquiry.organisation, *UNIT_ROLES, unit=inquiry.unit)


def asker_users(inquiry) -> list:
    return list(User.objects.filter(person_id=inquiry.member.person_id, is_active=True))


def _clean(organisation, *, unit, title: str, question: str, topic: str) -> tuple[str, str]:
    title, question = (title or "").strip(), (question or "").strip()
    errors = {}
    if not isinstance(unit, HandlingUnit) or unit.organisation_id != organisation.pk or not unit.is_active:
        errors["unit"] = [gettext("Choose the department you ask.")]
    if not title:
        errors["title"] = [gettext("Say in a few words what you ask about.")]
    elif len(title) > 200:
        errors["title"] = [gettext("The subject is too long: at most 200 characters.")]
    if not question:
        errors["question"] = [gettext("Write your question.")]
    elif len(question) > 3000:
        errors["question"] = [gettext("The question is too long: at most 3,000 characters.")]
    if topic not in topics_of(organisation):
        errors["topic"] = [gettext("Choose a topic from the list.")]
    if errors:
        raise DomainError(gettext("Please correct the marked fields."), errors=errors, code="invalid_inquiry")
    return title, question


def inquiry_ask(*, actor, organisation, unit, title: str, question: str, topic: str, item: InfoItem | None = None,
                may_publish: bool = True) -> Inquiry:
    """A member asks a department; the answer is due in the organisation's number of working days."""
    seat = core_permissions.current_member(actor, organisation)
    if seat is None:
        raise NotAllowed(_("Only members ask departments questions."))
    if item is not None and item.organisation_id != organisation.pk:
        raise NotAllowed()
    title, question = _clean(organisation, unit=unit, title=title, question=question, topic=topic)
    INQUIRY_WORKFLOW.target("ask", "")
    with transaction.atomic():
        inquiry = Inquiry.objects.create(
            organisation=organisation, member=seat, asked_by=actor, unit=unit, item=item, topic=topic, title=title,
            question=question, may_publish=bool(may_publish),
            due_on=add_working_days(timezone.localdate(), get_setting(organisation, INQUIRY_DAYS), organisation),
        )
        record(inquiry, "ask", actor, history=InquiryTransition, history_for={"inquiry": inquiry}, from_state="",
               audit="liaison.inquiry.asked", changes={"unit": unit.name, "title": title})
        notify(recipients=unit_users(inquiry), organisation=organisation, code="liaison.inquiry.asked",
               title=_("A member asks: %(title)s"), body=_("Please answer by %(due)s."),
               params={"title": title, "due": inquiry.due_on.isoformat()}, url=inquiry.get_absolute_url(),
               obj=inquiry)
    return inquiry


def inquiry_withdraw(*, actor, inquiry: Inquiry, version: int | None = None) -> Inquiry:
    with transaction.atomic():
        inquiry = transitions.lock(Inquiry, inquiry, version=version)
        _move(inquiry, "withdraw", actor, allowed=permissions.is_asker(actor, inquiry), audit="liaison.inquiry.withdrawn")
    return inquiry


def inquiry_answer(*, actor, inquiry: Inquiry, answer: str, public: bool = False,
                   version: int | None = None) -> Inquiry:
    """The department answers; ``public``: it may be shown to all members, if the member agreed."""
    answer = (answer or "").strip()
    if not answer:
        raise DomainError(gettext("Write the answer."), errors={"answer": [gettext("Write the answer.")]})
    with transaction.atomic():
        inquiry = transitions.lock(Inquiry, inquiry, version=version)
        inquiry.answer = answer
        inquiry.answered_at = timezone.now()
        inquiry.answered_by = actor
        inquiry.is_public = bool(public) and inquiry.may_publish
        _move(inquiry, "answer", actor, allowed=permissions.can_answer(actor, inquiry),
              fields=["answer", "answered_at", "answered_by", "is_public"], audit="liaison.inquiry.answered",
              data={"public": inquiry.is_public, "late": inquiry.answered_at.date() > inquiry.due_on})
        notify(recipients=asker_users(inquiry), organisation=inquiry.organisation, code="liaison.inquiry.answered",
               title=_("%(unit)s answered your question: %(title)s"),
               params={"unit": inquiry.unit.name, "title": inquiry.title}, url=inquiry.get_absolute_url(), obj=inquiry)
    return inquiry


def inquiry_set_public(*, actor, inquiry: Inquiry, public: bool, version: int | None = None) -> Inquiry:
    """The office shows an answer to all members, or takes it back; never against the member's wish."""
    if public and not inquiry.may_publish:
        raise DomainError(_("The member did not agree to show the answer to all members."), code="not_agreed")
    with transaction.atomic():
        inquiry = transitions.lock(Inquiry, inquiry, version=version)
        inquiry.is_public = bool(public)
        _move(inquiry, "set_public", actor, allowed=permissions.can_set_public(actor, inquiry), fields=["is_public"],
              audit="liaison.inquiry.publicity", data={"public": inquiry.is_public})
    return inquiry


def inquiries_remind(*, organisation_id: int | None = None, today: dt.date | None = None) -> int:
    """Remind departments of questions due within the organisation's notice, or overdue; once a day each."""
    today = today or timezone.localdate()
    qs = Inquiry.objects.filter(status=InquiryStatus.ASKED, due_on__lte=today + dt.timedelta(days=30)).exclude(
        reminded_on=today)
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    reminded = 0
    for pk in qs.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            inquiry = (Inquiry.objects.select_for_update().filter(pk=pk, status=InquiryStatus.ASKED)
                       .exclude(reminded_on=today).first())
            if inquiry is None or inquiry.due_on > today + dt.timedelta(
                    days=get_setting(inquiry.organisation, REMIND_BEFORE)):
                continue
            inquiry.reminded_on = today
            inquiry.save(update_fields=["reminded_on"])
            overdue = inquiry.due_on < today
            record(inquiry, "remind", None, history=InquiryTransition, history_for={"inquiry": inquiry},
                   audit="liaison.inquiry.reminded", data={"due_on": inquiry.due_on, "overdue": overdue})
            title = (_("Overdue: a member's question “%(title)s” was due on %(due)s") if overdue
                     else _("A member's question “%(title)s” is due on %(due)s"))
            notify(recipients=unit_users(inquiry), organisation=inquiry.organisation, code="liaison.inquiry.reminder",
                   title=title, params={"title": inquiry.title, "due": inquiry.due_on.isoformat()},
                   url=inquiry.get_absolute_url(), obj=inquiry)
            reminded += 1
    logger.info("liaison reminders: %d questions", reminded)
    return reminded
