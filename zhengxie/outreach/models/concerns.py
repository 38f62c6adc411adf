"""Constituents' concerns (群众急难愁盼问题): registered by a member or sent by the person on the public page,
followed with a tracking code, routed, possibly passed to a handling unit, closed, and rated by the person."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.crypto import EncryptedCharField, KeepsDigests, LookupDigestField
from zhengxie.core.models import TransitionRecord

from ..choices import ConcernSource, ConcernStatus, FeedbackChannel
from .activities import OutreachActivity
from .places import CODE_ALPHABET, Place

TRACKING_CODE_LENGTH = 12  # 31^12 ≈ 2^59 codes


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))


def normalise_tracking_code(raw: str) -> str:
    """What the person typed, upper-cased, without spaces or dashes; "" when it cannot be a code."""
    code = "".join(ch for ch in (raw or "")[:40].upper() if ch not in " -–—_")
    if len(code) != TRACKING_CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return ""
    return code


def format_tracking_code(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def tracking_digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


class Concern(KeepsDigests):
    """A constituent's concern. Only a digest of the tracking code is kept: the code is shown once."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("source"), max_length=12, choices=ConcernSource.choices)
    status = models.CharField(_("status"), max_length=12, choices=ConcernStatus.choices, default=ConcernStatus.SUBMITTED)
    category = models.CharField(_("category"), max_length=40)
    description = models.TextField(_("description of the problem"), max_length=2000)
    submitter_name = models.CharField(_("name"), max_length=40)
    # Personal data, encrypted at rest (core.crypto); look a number up by submitter_phone_digest.
    submitter_phone = EncryptedCharField(_("phone"), plain_max_length=20)
    submitter_phone_digest = LookupDigestField(source="submitter_phone", kind="phone", db_index=True)
    place = models.ForeignKey(Place, verbose_name=pgettext_lazy("outreach", "place"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="concerns")
    activity = models.ForeignKey(OutreachActivity, verbose_name=_("raised at activity"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="concerns")
    assigned_member = models.ForeignKey("core.Member", verbose_name=_("member handling it"), null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    handling_unit = models.ForeignKey("core.HandlingUnit", verbose_name=_("handling unit"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    unit_due_on = models.DateField(_("unit due on"), null=True, blank=True)
    passed_at = models.DateTimeField(_("passed to the unit at"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    code_digest = models.CharField(max_length=64, unique=True)
    code_hint = models.CharField(_("code ends with"), max_length=4)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    result = models.TextField(_("result"), max_length=4000, blank=True)
    satisfied = models.BooleanField(_("satisfied"), null=True, blank=True)
    feedback_comment = models.CharField(_("the person's feedback"), max_length=500, blank=True)
    feedback_at = models.DateTimeField(_("feedback at"), null=True, blank=True)
    feedback_channel = models.CharField(max_length=12, choices=FeedbackChannel.choices, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="outreach_concern_status"),
            models.Index(fields=["organisation", "received_at"], name="outreach_concern_received"),
            models.Index(fields=["organisation", "closed_at"], name="outreach_concern_closed"),
            models.Index(fields=["handling_unit", "status"], name="outreach_concern_unit"),
            models.Index(fields=["assigned_member", "status"], name="outreach_concern_member"),
            models.Index(fields=["place", "status"], name="outreach_concern_place"),
        ]

    def __str__(self):
        return f"{self.reference} {self.category}"

    @property
    def reference(self) -> str:
        return f"{timezone.localtime(self.received_at):%Y}-{self.pk or 0:06d}"

    @property
    def summary(self) -> str:
        text = " ".join(self.description.split())
        return text if len(text) <= 40 else text[:40] + "…"

    @property
    def is_overdue(self) -> bool:
        return (self.status == ConcernStatus.AT_UNIT and self.unit_due_on is not None
                and self.unit_due_on < timezone.localdate())

    def set_code(self, code: str) -> None:
        self.code_digest = tracking_digest(code)
        self.code_hint = code[-4:]


class ConcernEvent(TransitionRecord):
    """History of a concern; notes marked public are shown to the person on the tracking page."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    is_public = models.BooleanField(_("shown to the person"), default=False)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("concern history entry")
        verbose_name_plural = _("concern history")
