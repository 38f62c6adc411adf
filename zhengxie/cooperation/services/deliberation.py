"""网络议政 of several committees: a joint activity opens a deliberation to the members of all its organising
committees, an alliance to those of all its member committees of the platform. The topic belongs to the host (the
joint activity's lead committee, the committee that keeps the alliance), whose staff publish it, add polls, write the
summary and may hide any post; the staff of every other committee taking part moderate their own members' posts
(activities' services). Committees outside the platform take no part online: their members have no account."""

from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.activities.services.deliberation import topic_create
from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.services import audit_log

from .. import permissions
from ..choices import AllianceStatus, JointStatus
from ..models import Alliance, JointActivity, SharedDeliberation
from .common import move


def _topic_data(data: dict) -> dict:
    return {"title": data.get("title"), "description": data.get("description") or "", "opens_at": data.get("opens_at"),
            "closes_at": data.get("closes_at"), "scope": "joint", "sector": None, "committee": None,
            "activity": None}


def joint_open_deliberation(*, actor, joint, data: dict):
    """A deliberation topic (a draft, published from the topic's page) open to the members of every organising
    committee of the joint activity; the lead committee's office opens it."""
    if not permissions.can_lead_joint(actor, joint):
        raise NotAllowed()
    with transaction.atomic():
        joint = transitions.lock(JointActivity, joint, allowed=lambda row: permissions.can_lead_joint(actor, row))
        if joint.status != JointStatus.PLANNED:
            raise DomainError(_("The joint activity is no longer under way."))
        committees = [o.organisation for o in joint.organisers.select_related("organisation")]
        topic = topic_create(actor=actor, organisation=joint.organisation, data=_topic_data(data),
                             committees=committees)
        SharedDeliberation.objects.create(topic=topic, joint=joint, created_by=actor)
        move(joint, "open_deliberation", actor, audit="cooperation.joint.deliberation_opened", allowed=True,
             data={"topic": topic.pk, "committees": [c.pk for c in committees]})
    return topic


def alliance_open_deliberation(*, actor, alliance, data: dict):
    """A deliberation topic open to the members of every member committee of the platform of the alliance; the
    keeping committee's office opens it and hosts it."""
    if not permissions.can_manage_alliance(actor, alliance):
        raise NotAllowed()
    with transaction.atomic():
        alliance = transitions.lock(Alliance, alliance, allowed=lambda row: permissions.can_manage_alliance(actor, row))
        if alliance.status != AllianceStatus.ACTIVE:
            raise DomainError(_("The alliance is no longer active."))
        committees = [m.committee for m in alliance.members.filter(committee__isnull=False).select_related("committee")]
        topic = topic_create(actor=actor, organisation=alliance.organisation, data=_topic_data(data),
                             committees=committees)
        SharedDeliberation.objects.create(topic=topic, alliance=alliance, created_by=actor)
        transitions.bump(alliance)
        audit_log(actor=actor, organisation=alliance.organisation, action="cooperation.alliance.deliberation_opened",
                  obj=alliance, changes={"topic": topic.pk, "committees": [c.pk for c in committees]})
    return topic
