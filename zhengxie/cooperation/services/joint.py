"""The writes of joint activities: created by a lead committee with its co-organisers, each organiser linking (or
creating) its own activity through which it invites its own participants, and one outcome report, filed by the
lead, that every organiser sees and counts."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.activities.choices import ActivityStatus, ActivityType, ConsultationType
from zhengxie.activities.services.activities import activity_create
from zhengxie.core import transitions
from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.selectors import users_with_role
from zhengxie.core.services import notify

from .. import permissions
from ..choices import JointKind, JointStatus
from ..models import Alliance, JointActivity, JointOrganiser, PlanItem
from .common import clean_text, move

#: The type of each organiser's own activity.
ACTIVITY_TYPES = {JointKind.RESEARCH: ActivityType.RESEARCH, JointKind.CONSULTATION: ActivityType.CONSULTATION,
                  JointKind.DELIBERATION: ActivityType.CONSULTATION}
OFFICE_NOTICE_ROLES = (Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF)


def _tell_offices(organisations, *, joint, code: str, title, exclude=None):
    for org in organisations:
        users = [u for u in users_with_role(org, *OFFICE_NOTICE_ROLES) if u != exclude]
        if users:
            notify(recipients=users, organisation=org, code=code, title=title, params={"title": joint.title},
                   url=reverse("cooperation:joint_detail", args=[joint.pk]), obj=joint)


def _check_co_organisers(organisation, co_organisers) -> list:
    chosen = [o for o in co_organisers if o.pk != organisation.pk]
    if len({o.pk for o in chosen}) != len(chosen):
        raise DomainError(_("A committee is named twice among the co-organisers."))
    return chosen


def joint_create(*, actor, organisation, kind: str, title: str, starts_on: dt.date, ends_on: dt.date,
                 description: str = "", place: str = "", alliance: Alliance | None = None,
                 plan_item: PlanItem | None = None, co_organisers=(), outside_partners: str = "") -> JointActivity:
    if not permissions.can_create_joint(actor, organisation):
        raise NotAllowed()
    if kind not in JointKind.values:
        raise DomainError(_("Choose the kind of joint activity."))
    title = clean_text(title, max_length=200, required_message=_("Give the title of the joint activity."))
    if not starts_on or not ends_on or ends_on < starts_on:
        raise DomainError(_("The end cannot come before the start."), code="ends_on")
    if alliance is not None and not (alliance.organisation_id == organisation.pk
                                     or alliance.members.filter(committee=organisation).exists()):
        raise DomainError(_("Choose an alliance the committee belongs to."))
    if plan_item is not None and plan_item.alliance_id != getattr(alliance, "pk", None):
        raise DomainError(_("The plan item belongs to another alliance."))
    chosen = _check_co_organisers(organisation, co_organisers)
    with transaction.atomic():
        joint = JointActivity(organisation=organisation, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on,
                              description=clean_text(description, max_length=4000, multiline=True),
                              place=clean_text(place, max_length=200), alliance=alliance, plan_item=plan_item,
                              outside_partners=clean_text(outside_partners, max_length=300), created_by=actor,
                              status="")
        joint.save()
        JointOrganiser.objects.create(joint=joint, organisation=organisation, is_lead=True)
        for org in chosen:
            JointOrganiser.objects.create(joint=joint, organisation=org)
        move(joint, "create", actor, audit="cooperation.joint.created", allowed=True,
             data={"co_organisers": [o.pk for o in chosen]})
        _tell_offices(chosen, joint=joint, code="cooperation.joint_invited",
                      title=_("Your committee co-organises: %(title)s"))
    return joint


def joint_add_organiser(*, actor, joint: JointActivity, organisation, version: int | None = None) -> JointOrganiser:
    with transaction.atomic():
        joint = transitions.lock(JointActivity, joint, version=version,
                                 allowed=lambda row: permissions.can_lead_joint(actor, row))
        try:
            with transaction.atomic():
                organiser = JointOrganiser.objects.create(joint=joint, organisation=organisation)
        except IntegrityError:
            raise DomainError(_("This committee already organises the joint activity."), code="duplicate") from None
        move(joint, "add_organiser", actor, audit="cooperation.joint.organiser_added", allowed=True,
             data={"organisation": organisation.pk})
        _tell_offices([organisation], joint=joint, code="cooperation.joint_invited",
                      title=_("Your committee co-organises: %(title)s"))
    return organiser


def joint_link_activity(*, actor, organiser: JointOrganiser, activity) -> JointOrganiser:
    """The organiser's own activity (its participants, its sign-in, its duty credits) for its part."""
    if activity.organisation_id != organiser.organisation_id:
        raise DomainError(_("Link an activity of your own committee."))
    if activity.status == ActivityStatus.CANCELLED:
        raise DomainError(_("A cancelled activity cannot be linked."))
    with transaction.atomic():
        organiser = transitions.lock(JointOrganiser, organiser,
                                     allowed=lambda row: permissions.can_manage_part(actor, row))
        joint = transitions.lock(JointActivity, organiser.joint_id)
        organiser.activity = activity
        try:
            with transaction.atomic():
                organiser.save(update_fields=["activity"])
        except IntegrityError:
            raise DomainError(_("This activity is already part of another joint activity."), code="taken") from None
        move(joint, "link_activity", actor, audit="cooperation.joint.activity_linked", allowed=True,
             data={"organisation": organiser.organisation_id, "activity": activity.pk})
    return organiser


def joint_create_own_activity(*, actor, organiser: JointOrganiser):
    """Create the organiser's own activity from the joint one (a draft: the office then invites its members and
    experts and sends the notice in the activities section), and link it."""
    if not permissions.can_manage_part(actor, organiser):
        raise NotAllowed()
    if organiser.activity_id:
        raise DomainError(_("Your committee's activity is already linked."))
    joint = organiser.joint
    if joint.status != JointStatus.PLANNED:
        raise DomainError(_("The joint activity is no longer under way."))
    zone = timezone.get_current_timezone()
    starts = dt.datetime.combine(joint.starts_on, dt.time(9, 0), tzinfo=zone)
    ends = dt.datetime.combine(joint.ends_on, dt.time(17, 30), tzinfo=zone)
    kind = ACTIVITY_TYPES[joint.kind]
    with transaction.atomic():
        activity = activity_create(actor=actor, organisation=organiser.organisation, data={
            "type": kind, "consultation_type": ConsultationType.TOPIC if kind == ActivityType.CONSULTATION else "",
            "title": joint.title, "description": joint.description, "location": joint.place,
            "starts_at": starts, "ends_at": ends, "attendance_required": False, "is_open": False})
        joint_link_activity(actor=actor, organiser=organiser, activity=activity)
    return activity


def joint_report(*, actor, joint: JointActivity, title: str, text: str, version: int | None = None) -> JointActivity:
    """The one outcome report (成果报告) of the joint activity: every organiser sees it and counts it."""
    title = clean_text(title, max_length=200, required_message=_("Give the report's title."))
    text = clean_text(text, max_length=20000, multiline=True, required_message=_("Write the report."))
    with transaction.atomic():
        joint = transitions.lock(JointActivity, joint, version=version,
                                 allowed=lambda row: permissions.can_lead_joint(actor, row))
        correcting = joint.status == JointStatus.REPORTED
        joint.report_title, joint.report_text = title, text
        if not correcting:
            joint.reported_at = timezone.now()
        move(joint, "correct_report" if correcting else "report", actor, allowed=True,
             audit="cooperation.joint.report_corrected" if correcting else "cooperation.joint.reported",
             fields=["report_title", "report_text", "reported_at"])
        others = [o.organisation for o in joint.organisers.select_related("organisation") if not o.is_lead]
        _tell_offices(others, joint=joint, code="cooperation.joint_reported",
                      title=_("Outcome report of the joint activity: %(title)s"))
    return joint


def joint_cancel(*, actor, joint: JointActivity, reason: str, version: int | None = None) -> JointActivity:
    reason = clean_text(reason, max_length=300, required_message=_("Give the reason for cancelling."))
    with transaction.atomic():
        joint = transitions.lock(JointActivity, joint, version=version,
                                 allowed=lambda row: permissions.can_lead_joint(actor, row))
        move(joint, "cancel", actor, allowed=True, audit="cooperation.joint.cancelled", comment=reason)
    return joint
