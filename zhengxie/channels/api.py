"""The channels API for the mobile app: a person's own notice choices, and the delivery log for staff."""

import datetime as dt

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from zhengxie.api.common import Id, PageNumbers, Rows, active_organisation, errors, require
from zhengxie.core.permissions import current_member

from . import permissions, selectors, services
from .choices import OUTBOUND, Channel, DeliveryStatus
from .kinds import GROUPS
from .routing import chosen_channels, enabled_channels

router = Router(tags=["channels"])


class GroupChoice(Schema):
    kind: str = Field(description="The kind of notice: meeting, reply, rating, proposal, opinion, duty, outreach, other")
    label: str
    channels: list[Channel] = Field(description="The channels that carry this kind besides the inbox")


class PreferencesOut(Schema):
    available: list[Channel] = Field(description="The channels the organisation runs")
    kinds: list[GroupChoice]
    digest: bool
    wecom_userid: str
    dingtalk_userid: str


class PreferencesIn(Schema):
    kinds: dict[str, list[Channel]] = Field(description="{kind: [channel, …]}; a kind left out keeps its default")
    digest: bool = False
    wecom_userid: str = Field("", max_length=64)
    dingtalk_userid: str = Field("", max_length=64)


def _preferences(request) -> dict:
    org = active_organisation(request)
    person = getattr(request.user, "channel_settings", None)
    outbound = enabled_channels(org) & set(OUTBOUND)
    is_member = current_member(request.user, org) is not None
    kinds = [{"kind": g.key, "label": str(g.label),
              "channels": sorted(chosen_channels(request.user, g, person=person, is_member=is_member,
                                                 outbound=outbound))} for g in GROUPS]
    return {"available": sorted(outbound), "kinds": kinds, "digest": bool(person and person.digest),
            "wecom_userid": person.wecom_userid if person else "",
            "dingtalk_userid": person.dingtalk_userid if person else ""}


@router.get("/preferences", response={200: PreferencesOut, **errors()}, summary="My notice choices")
def preferences_get(request):
    return _preferences(request)


@router.put("/preferences", response={200: PreferencesOut, **errors(422)}, summary="Change my notice choices")
def preferences_put(request, payload: PreferencesIn):
    active_organisation(request)
    person = getattr(request.user, "channel_settings", None)
    choices = dict((person.choices if person else {}) or {})
    choices.update({k: [str(c) for c in v] for k, v in payload.kinds.items()})
    services.preferences_save(actor=request.user, choices=choices, digest=payload.digest,
                              wecom_userid=payload.wecom_userid, dingtalk_userid=payload.dingtalk_userid)
    request.user.refresh_from_db()
    return _preferences(request)


class DeliveryOut(Schema):
    id: Id
    notification_id: Id
    title: str
    recipient_id: Id
    channel: Channel
    status: DeliveryStatus
    reason: str = Field(description="Why it was not sent (declined, no_address, disabled, caller, in_digest)")
    error: str = Field(description="The provider's answer to the last attempt")
    attempts: int
    created_at: dt.datetime
    sent_at: dt.datetime | None


class DeliveryFilter(Schema):
    status: DeliveryStatus | None = None
    channel: Channel | None = None
    notification: Id | None = None


@router.get("/deliveries", response={200: list[DeliveryOut], **errors()}, summary="The delivery log")
@paginate(PageNumbers)
def deliveries_list(request, filters: Query[DeliveryFilter]):
    org = require(request, permissions.can_view_deliveries)
    qs = selectors.filtered_deliveries(selectors.deliveries_visible_to(request.user, org),
                                       status=filters.status or "", channel=filters.channel or "",
                                       notification=filters.notification)
    return Rows(qs, serialise=lambda page: [
        {"id": d.pk, "notification_id": d.notification_id, "title": d.notification.title,
         "recipient_id": d.recipient_id, "channel": d.channel, "status": d.status, "reason": d.reason,
         "error": d.error, "attempts": d.attempts, "created_at": d.created_at, "sent_at": d.sent_at}
        for d in page])
