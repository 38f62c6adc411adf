"""The writes of alliances and cooperation mechanisms: the alliance, its member committees (of the platform or
outside it), the rota of hosts and the yearly plan. The keeping committee's office makes them."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Organisation
from zhengxie.core.services import audit_log

from .. import permissions
from ..choices import AllianceKind, CommitteeLevel, PlanItemStatus
from ..models import Alliance, AllianceMember, HostTurn, OutsideCommittee, PlanItem, PlanItemEvent
from ..workflow import PLAN_ITEM_ACTIONS, PLAN_ITEM_WORKFLOW
from .common import clean_text


def outside_committee_save(*, actor, organisation, name: str, level: str = CommitteeLevel.CITY,
                           region: str = "") -> OutsideCommittee:
    """Name a committee outside the platform (found again by its name)."""
    if not permissions.is_office(actor, organisation):
        raise NotAllowed()
    name = clean_text(name, max_length=100, required_message=_("Give the committee's name."))
    if level not in CommitteeLevel.values:
        raise DomainError(_("Choose the committee's level."))
    with transaction.atomic():
        committee, created = OutsideCommittee.objects.get_or_create(
            organisation=organisation, name=name, defaults={"level": level, "region": clean_text(region, max_length=40)})
        if created:
            audit_log(actor=actor, organisation=organisation, action="cooperation.outside_committee.created",
                      obj=committee, changes={"name": name, "level": level})
    return committee


def alliance_create(*, actor, organisation, name: str, kind: str = AllianceKind.THINK_TANK, purpose: str = "",
                    founded_on: dt.date | None = None) -> Alliance:
    if not permissions.is_office(actor, organisation):
        raise NotAllowed()
    if kind not in AllianceKind.values:
        raise DomainError(_("Choose the kind of alliance."))
    name = clean_text(name, max_length=120, required_message=_("Give the alliance's name."))
    with transaction.atomic():
        alliance = Alliance.objects.create(organisation=organisation, name=name, kind=kind, founded_on=founded_on,
                                           purpose=clean_text(purpose, max_length=4000, multiline=True),
                                           created_by=actor)
        AllianceMember.objects.create(alliance=alliance, committee=organisation, joined_on=founded_on)
        audit_log(actor=actor, organisation=organisation, action="cooperation.alliance.created", obj=alliance,
                  changes={"name": name, "kind": kind})
    return alliance


def alliance_add_member(*, actor, alliance: Alliance, committee: Organisation | None = None,
                        outside: OutsideCommittee | None = None, joined_on: dt.date | None = None) -> AllianceMember:
    if (committee is None) == (outside is None):
        raise DomainError(_("Choose a committee of the platform or an outside committee."))
    if outside is not None and outside.organisation_id != alliance.organisation_id:
        raise DomainError(_("The outside committee is named by another organisation."))
    with transaction.atomic():
        alliance = transitions.lock(Alliance, alliance, allowed=lambda row: permissions.can_manage_alliance(actor, row))
        try:
            with transaction.atomic():
                member = AllianceMember.objects.create(alliance=alliance, committee=committee, outside=outside,
                                                       joined_on=joined_on)
        except IntegrityError:
            raise DomainError(_("This committee is already a member of the alliance."), code="duplicate") from None
        transitions.bump(alliance)
        audit_log(actor=actor, organisation=alliance.organisation, action="cooperation.alliance.member_added",
                  obj=alliance, changes={"member": member.name})
    return member


def alliance_set_host(*, actor, alliance: Alliance, year: int, host: AllianceMember, theme: str = "") -> HostTurn:
    """The host committee of ``year`` (轮值): set, or changed if the year has one."""
    if host.alliance_id != alliance.pk:
        raise DomainError(_("The host must be a member committee of the alliance."))
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."))
    with transaction.atomic():
        alliance = transitions.lock(Alliance, alliance, allowed=lambda row: permissions.can_manage_alliance(actor, row))
        turn, _created = HostTurn.objects.update_or_create(
            alliance=alliance, year=year, defaults={"host": host, "theme": clean_text(theme, max_length=200)})
        transitions.bump(alliance)
        audit_log(actor=actor, organisation=alliance.organisation, action="cooperation.alliance.host_set",
                  obj=alliance, changes={"year": year, "host": host.name})
    return turn


def plan_item_add(*, actor, alliance: Alliance, year: int, title: str, description: str = "",
                  lead: AllianceMember | None = None, due_on: dt.date | None = None) -> PlanItem:
    if lead is not None and lead.alliance_id != alliance.pk:
        raise DomainError(_("The lead must be a member committee of the alliance."))
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."))
    if due_on is not None and due_on.year != year:
        raise DomainError(_("The due date falls in the plan's year."))
    title = clean_text(title, max_length=200, required_message=_("Give the item's title."))
    with transaction.atomic():
        alliance = transitions.lock(Alliance, alliance, allowed=lambda row: permissions.can_manage_alliance(actor, row))
        item = PlanItem.objects.create(alliance=alliance, year=year, title=title, lead=lead, due_on=due_on,
                                       description=clean_text(description, max_length=4000, multiline=True))
        transitions.bump(alliance)
        audit_log(actor=actor, organisation=alliance.organisation, action="cooperation.plan_item.added", obj=item,
                  changes={"year": year, "title": title})
    return item


def plan_item_set_status(*, actor, item: PlanItem, status: str, version: int | None = None) -> PlanItem:
    """Done, dropped, or planned again: one transition of the item's workflow, with its history row."""
    if status not in PlanItemStatus.values:
        raise DomainError(_("Choose the item's state."))
    with transaction.atomic():
        item = transitions.lock(PlanItem, item, version=version,
                                allowed=lambda row: permissions.can_manage_alliance(actor, row.alliance))
        transitions.transition(item, PLAN_ITEM_ACTIONS[status], workflow=PLAN_ITEM_WORKFLOW, actor=actor,
                               history=PlanItemEvent, history_for={"item": item}, audit="cooperation.plan_item.status",
                               organisation=item.alliance.organisation)
    return item
