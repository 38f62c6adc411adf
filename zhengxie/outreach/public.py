"""The public page's three acts — send a concern, look it up with the tracking code, give feedback — with the
page's protections applied in one place, for the HTML views and the API alike (see guard.py)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from zhengxie.core.exceptions import NotFound
from zhengxie.core.files import IMAGE_KINDS, check_upload
from zhengxie.core.masking import mask_name
from zhengxie.core.org_settings import get_setting

from . import guard, selectors, services
from .choices import ConcernStatus
from .services.concerns import clean_concern


def begin(request) -> None:
    """First of all, on every write through the public page (before its body is looked at): refuse oversize
    requests and addresses that flood."""
    guard.check_request_size(request)
    guard.count_attempt(request)


def submit(request, *, organisation, data: dict, upload, token: str, answer, honeypot: str):
    """After ``begin``: check the challenge and the content, count the address, keep the concern.
    Returns (concern, code)."""
    guard.challenge_check(token=token, answer=answer, honeypot=honeypot,
                          min_seconds=get_setting(organisation, "outreach.public_min_seconds"))
    clean_concern(organisation, data)
    if upload is not None:
        check_upload(upload, allowed=IMAGE_KINDS, max_bytes=guard.PHOTO_MAX_BYTES)
    guard.count_submission(request, organisation)
    return services.concern_submit_public(organisation=organisation, data=data, upload=upload)


def find(request, code: str):
    """After ``begin``: the concern a tracking code opens. Codes that open nothing are counted, so that guessing
    is refused long before it could succeed."""
    guard.check_lookup_allowed(request)
    concern = selectors.concern_by_code(code)
    if concern is None:
        guard.count_failed_lookup(request)
        raise NotFound(gettext("No concern has this tracking code. Check the code and try again."))
    return concern


def can_give_feedback(concern) -> bool:
    if concern.status != ConcernStatus.CLOSED or concern.feedback_at is not None or concern.closed_at is None:
        return False
    days = get_setting(concern.organisation, "outreach.feedback_days")
    return timezone.now() <= concern.closed_at + dt.timedelta(days=days)


def progress(concern) -> dict:
    """What the person may read about the concern: no phone number, the name masked, no internal notes."""
    notes = [{"at": e.created_at, "action": e.action, "label": PUBLIC_LABELS.get(e.action, ""),
              "text": e.comment if e.action in PUBLIC_TEXT_ACTIONS else "", "unit": e.data.get("unit_name", "")}
             for e in selectors.public_history(concern)]
    return {
        "reference": concern.reference,
        "status": concern.status,
        "status_label": concern.get_status_display(),
        "category": concern.category,
        "place": concern.place.name if concern.place_id else "",
        "name": mask_name(concern.submitter_name),
        "description": concern.description,
        "received_at": concern.received_at,
        "unit": concern.handling_unit.name if concern.handling_unit_id else "",
        "unit_due_on": concern.unit_due_on if concern.status == ConcernStatus.AT_UNIT else None,
        "result": concern.result if concern.status in (ConcernStatus.CLOSED, ConcernStatus.DECLINED) else "",
        "closed_at": concern.closed_at,
        "satisfied": concern.satisfied,
        "feedback_at": concern.feedback_at,
        "can_give_feedback": can_give_feedback(concern),
        "history": notes,
    }


#: Public history entries whose text the person reads (the others show only what happened).
PUBLIC_TEXT_ACTIONS = {"note", "close", "decline"}
PUBLIC_LABELS = {
    "submit": pgettext_lazy("outreach", "Received"),
    "assign": _("Taken up by a member"),
    "pass_to_unit": _("Passed to a handling unit"),
    "note": pgettext_lazy("outreach", "Progress"),
    "close": _("Closed with the result"),
    "decline": _("Not taken up"),
    "feedback": _("Your feedback was recorded"),
    "reopen": _("Reopened to be handled again"),
}
