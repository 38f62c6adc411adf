"""Writes on information for members (知情明政): create and edit an item, add files, publish, withdraw, reopen;
a reader's confirmation of required reading; an item linked from a proposal or a report."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import permissions as core_permissions
from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import attachment_add, check_upload
from zhengxie.core.models import HandlingUnit, Sector, SpecialCommittee
from zhengxie.core.services import audit_log, notify

from .. import permissions, selectors
from ..choices import AccessLevel, InfoKind, InfoStatus, PublisherKind
from ..models import InfoItem, InfoLink, InfoTransition, ReadReceipt
from ..org_settings import topics_of
from ..workflow import INFO_WORKFLOW
from .common import move, record

logger = logging.getLogger(__name__)

FIELDS = ("kind", "title", "summary", "body", "topic", "access", "committee", "sector", "required", "activity",
          "department")


def _move(item, action, actor, **kwargs):
    return move(item, action, actor, workflow=INFO_WORKFLOW, history=InfoTransition, history_for={"item": item},
                **kwargs)


def _record(item, action, actor, **kwargs):
    return record(item, action, actor, history=InfoTransition, history_for={"item": item}, **kwargs)


def _publisher(actor, organisation, unit: HandlingUnit | None) -> tuple[str, HandlingUnit | None]:
    """Who publishes, from the actor's roles: the office (for itself or in a department's name), a department, the
    Party/government offices."""
    if unit is not None and unit.organisation_id != organisation.pk:
        raise NotAllowed()
    if permissions.is_office(actor, organisation):
        return (PublisherKind.UNIT, unit) if unit is not None else (PublisherKind.COMMITTEE, None)
    units = permissions.unit_ids(actor, organisation)
    if units:
        if unit is None and len(units) == 1:
            unit = HandlingUnit.objects.get(pk=next(iter(units)))
        if unit is None or unit.pk not in units:
            raise DomainError(_("Choose the department that publishes the item."),
                              errors={"unit": [gettext("Choose one of your departments.")]})
        return PublisherKind.UNIT, unit
    if permissions.is_party_gov(actor, organisation):
        return PublisherKind.PARTY_GOV, None
    raise NotAllowed(_("Only departments, the Party and government offices and the committee's offices publish "
                       "information for members."))


def _clean(organisation, fields: dict, *, unit=None) -> dict:  # noqa: C901 (one check per field, each with its message)
    """The item's fields checked; a DomainError names every bad field (the form keeps what was typed)."""
    data = {k: fields.get(k) for k in FIELDS}
    for key in ("title", "summary", "body", "topic", "department"):
        data[key] = (data[key] or "").strip()
    errors = {}
    if not data["title"]:
        errors["title"] = [gettext("Give the item a title.")]
    elif len(data["title"]) > 200:
        errors["title"] = [gettext("The title is too long: at most 200 characters.")]
    if len(data["summary"]) > 300:
        errors["summary"] = [gettext("The summary is too long: at most 300 characters.")]
    if data["kind"] not in InfoKind.values:
        errors["kind"] = [gettext("Choose a kind from the list.")]
    if data["topic"] not in topics_of(organisation):
        errors["topic"] = [gettext("Choose a topic from the list.")]
    if not data["department"]:
        if unit is not None:
            data["department"] = unit.name
        else:
            errors["department"] = [gettext("Say which department or office publishes it.")]
    access = data["access"] or AccessLevel.ALL_MEMBERS
    data["access"] = access
    if access not in AccessLevel.values:
        errors["access"] = [gettext("Choose who may read it.")]
    committee, sector, activity = data["committee"], data["sector"], data["activity"]
    if access == AccessLevel.COMMITTEE and not (isinstance(committee, SpecialCommittee)
                                                and committee.organisation_id == organisation.pk):
        errors["committee"] = [gettext("Choose the special committee whose members may read it.")]
    if access == AccessLevel.SECTOR and not (isinstance(sector, Sector) and sector.organisation_id == organisation.pk):
        errors["sector"] = [gettext("Choose the sector whose members may read it.")]
    if access != AccessLevel.COMMITTEE:
        data["committee"] = None
    if access != AccessLevel.SECTOR:
        data["sector"] = None
    if activity is not None and activity.organisation_id != organisation.pk:
        errors["activity"] = [gettext("Choose a meeting of this committee.")]
    data["required"] = bool(data["required"])
    if errors:
        raise DomainError(gettext("Please correct the marked fields."), errors=errors, code="invalid_item")
    return data


def info_create(*, actor, organisation, unit: HandlingUnit | None = None, uploads=(), **fields) -> InfoItem:
    """A draft item. ``fields``: kind, title, summary, body, topic, access (with committee or sector), required,
    activity, department."""
    publisher_kind, unit = _publisher(actor, organisation, unit)
    data = _clean(organisation, fields, unit=unit)
    for upload in uploads:  # refuse a bad file before anything is written
        check_upload(upload)
    with transaction.atomic():
        item = InfoItem.objects.create(organisation=organisation, publisher_kind=publisher_kind, unit=unit,
                                       created_by=actor, **data)
        for upload in uploads:
            attachment_add(actor=actor, organisation=organisation, owner=item, upload=upload)
        _record(item, "create", actor, from_state="", audit="liaison.info.created",
                changes={"title": item.title, "department": item.department, "access": item.access})
    return item


def info_update(*, actor, item: InfoItem, version: int | None = None, **fields) -> InfoItem:
    if not permissions.can_edit_item(actor, item):
        raise NotAllowed()
    data = _clean(item.organisation, fields, unit=item.unit)
    with transaction.atomic():
        item = transitions.lock(InfoItem, item, version=version)
        before = {k: str(getattr(item, k) or "") for k in data}
        for key, value in data.items():
            setattr(item, key, value)
        changed = {k: str(getattr(item, k) or "") for k in data if str(getattr(item, k) or "") != before[k]}
        _move(item, "edit", actor, fields=list(data), audit="liaison.info.edited", changes={"changed": sorted(changed)})
    return item


def info_attach(*, actor, item: InfoItem, upload):
    if not permissions.can_edit_item(actor, item):
        raise NotAllowed()
    INFO_WORKFLOW.target("attach", item.status)
    check_upload(upload)
    with transaction.atomic():
        attachment = attachment_add(actor=actor, organisation=item.organisation, owner=item, upload=upload)
        _record(item, "attach", actor, audit=None, data={"file": attachment.original_name})
    return attachment


def info_publish(*, actor, item: InfoItem, version: int | None = None) -> InfoItem:
    """Publish to the item's readers; required reading is announced to each of them."""
    with transaction.atomic():
        item = transitions.lock(InfoItem, item, version=version)
        item.published_at = timezone.now()
        _move(item, "publish", actor, allowed=permissions.can_edit_item(actor, item), fields=["published_at"],
              audit="liaison.info.published", changes={"access": item.access, "required": item.required})
        if item.required:
            notify(recipients=selectors.audience_users(item), organisation=item.organisation,
                   code="liaison.info.required", title=_("Required reading: %(title)s"),
                   body=_("Published by %(department)s. Please read it and confirm."),
                   params={"title": item.title, "department": item.department}, url=item.get_absolute_url(),
                   obj=item)
    return item


def info_withdraw(*, actor, item: InfoItem, reason: str = "", version: int | None = None) -> InfoItem:
    with transaction.atomic():
        item = transitions.lock(InfoItem, item, version=version)
        item.withdrawn_at = timezone.now()
        _move(item, "withdraw", actor, allowed=permissions.can_edit_item(actor, item), fields=["withdrawn_at"],
              comment=(reason or "").strip(), audit="liaison.info.withdrawn")
    return item


def info_reopen(*, actor, item: InfoItem, version: int | None = None) -> InfoItem:
    with transaction.atomic():
        item = transitions.lock(InfoItem, item, version=version)
        _move(item, "reopen", actor, allowed=permissions.can_edit_item(actor, item), audit="liaison.info.reopened")
    return item


def info_mark_read(*, actor, item: InfoItem) -> ReadReceipt:
    """The reader confirms reading (已阅); a second confirmation changes nothing."""
    if item.status != InfoStatus.PUBLISHED:
        raise DomainError(_("Only a published item can be confirmed as read."), code="invalid_transition")
    if not selectors.info_items_visible_to(actor, item.organisation).filter(pk=item.pk).exists():
        raise NotAllowed()
    existing = ReadReceipt.objects.filter(item=item, user=actor).first()
    if existing is not None:
        return existing
    seat = core_permissions.current_member(actor, item.organisation)
    try:
        with transaction.atomic():
            receipt = ReadReceipt.objects.create(item=item, user=actor, member=seat)
            audit_log(actor=actor, organisation=item.organisation, action="liaison.info.read", obj=item, changes={})
    except IntegrityError:  # confirmed twice at once: the first stands
        return ReadReceipt.objects.get(item=item, user=actor)
    return receipt


def link_targets(user, organisation) -> list:
    """The proposals and reports the user may link an item from: their own (as proposer, co-signer or author)."""
    from zhengxie.opinions.selectors import my_reports
    from zhengxie.proposals.selectors import mine

    proposals = list(mine(user, organisation).order_by("-pk")[:30])
    reports = list(my_reports(user, organisation)[:30])
    return [*proposals, *reports]


def _may_link(user, target) -> bool:
    from zhengxie.opinions.models import Report
    from zhengxie.opinions.permissions import is_author as is_report_author
    from zhengxie.proposals.models import Proposal
    from zhengxie.proposals.permissions import is_author, signer_of

    if isinstance(target, Proposal):
        return is_author(user, target) or signer_of(user, target) is not None
    if isinstance(target, Report):
        return is_report_author(user, target)
    return False


def info_link(*, actor, item: InfoItem, target) -> InfoLink:
    """The proposal or report ``target`` uses the item (its proposer or author says so)."""
    if target.organisation_id != item.organisation_id or not _may_link(actor, target):
        raise NotAllowed(_("Only the proposer or author links an item from a proposal or a report."))
    if not selectors.info_items_visible_to(actor, item.organisation).filter(pk=item.pk).exists():
        raise NotAllowed()
    content_type = ContentType.objects.get_for_model(target)
    with transaction.atomic():
        link, created = InfoLink.objects.get_or_create(item=item, target_type=content_type, target_id=str(target.pk),
                                                       defaults={"organisation": item.organisation,
                                                                 "created_by": actor})
        if created:
            _record(item, "link", actor, audit="liaison.info.linked",
                    data={"target": str(target), "kind": content_type.model})
    return link


def info_unlink(*, actor, link: InfoLink) -> None:
    if link.created_by_id != actor.pk and not _may_link(actor, link.target):
        raise NotAllowed()
    with transaction.atomic():
        item = link.item
        _record(item, "unlink", actor, audit="liaison.info.unlinked", data={"target": str(link.target)})
        link.delete()
