"""Promises made in other apps followed to their end: a B reply to a proposal, an adopted consultation outcome or
建议案 becomes an item of the year's list of promises, owned by the unit that promised, once (idempotent: the
source row is unique among items). The other apps know nothing of this one: they emit ``commitment.made``
through ``core.hooks`` and ``receivers.py`` calls ``commitment_track``."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhengxie.core.dates import add_months
from zhengxie.core.org_settings import get_setting

from ..choices import Cadence, SourceKind
from ..models import Item, ListKind, WorkList
from ..org_settings import PROMISE_MONTHS
from .items import item_create, kinds_ensure

logger = logging.getLogger(__name__)


def promises_list(organisation, year: int) -> WorkList:
    """The year's list of promises (created on first use)."""
    kinds_ensure(organisation)
    kind = ListKind.objects.get(organisation=organisation, key="commitments")
    work_list, _created = WorkList.objects.get_or_create(
        organisation=organisation, kind=kind, year=year,
        defaults={"title": f"{year}年{kind.name}"})
    return work_list


def commitment_track(*, organisation, source, title: str, kind: str, unit=None, text: str = "", due_on=None,
                     origin=None, origin_url: str = "", source_label: str = "", followers=(), actor=None,
                     part: int | None = None) -> Item:
    """The tracked item of ``source`` (created the first time; later calls return it unchanged). ``part``: the
    number of one of several promises of the same source (the measures of one reply), each its own item with its
    own date; without a date, the setting's number of months from today."""
    source_type = ContentType.objects.get_for_model(source)
    source_id = str(source.pk) if part is None else f"{source.pk}.{part}"
    existing = Item.objects.filter(source_type=source_type, source_id=source_id).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    due_on = due_on or add_months(today, get_setting(organisation, PROMISE_MONTHS))
    data = {"title": title[:200], "description": (text or "").strip(), "unit": unit, "due_on": due_on,
            "cadence": Cadence.QUARTERLY, "body_name": "" if unit else organisation.short_name}
    extra = {"is_commitment": True, "source_kind": kind if kind in SourceKind.values else "",
             "source_type": source_type, "source_id": source_id, "source_label": source_label[:200],
             "source_url": origin_url[:200]}
    if origin is not None:
        extra.update(origin_type=ContentType.objects.get_for_model(origin), origin_id=str(origin.pk))
    try:
        with transaction.atomic():
            item = item_create(actor=actor, work_list=promises_list(organisation, today.year), data=data,
                               check=False, **extra)
            if followers:
                item.followers.set(list(followers))
    except IntegrityError:  # the same promise tracked by a concurrent call: theirs stands
        return Item.objects.get(source_type=source_type, source_id=source_id)
    logger.info("Promise %s %s tracked as work item %s", source_type.model, source_id, item.pk)
    return item
