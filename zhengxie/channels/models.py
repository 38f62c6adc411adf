"""Tables of the channels app: each organisation's channel configuration (credentials encrypted), the delivery of
each notice by each channel, people's choices, the texts per kind and channel, and short links."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.crypto import EncryptedCharField
from zhengxie.core.models import Notification, Organisation

from .choices import Channel, DeliveryStatus, SkipReason


class ChannelConfig(models.Model):
    """One channel of one organisation: its provider, the settings anyone may read (addresses, the agent id, the
    sign name) and the secret ones, stored encrypted and never shown again (a form only replaces them)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    enabled = models.BooleanField(_("enabled"), default=False)
    provider = models.CharField(_("provider"), max_length=20, blank=True)
    options = models.JSONField(_("settings"), default=dict, blank=True)
    secrets = EncryptedCharField(_("credentials"), max_length=4000, plain_max_length=2000, blank=True)
    rate_per_minute = models.PositiveIntegerField(_("messages per minute"), default=60)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("channel configuration")
        verbose_name_plural = _("channel configurations")
        constraints = [models.UniqueConstraint(fields=["organisation", "channel"], name="channel_config_once")]

    def __str__(self):
        return f"{self.organisation_id}:{self.channel}"


class Delivery(models.Model):
    """One notice by one channel (one row per notification × channel: a retried task never sends twice)."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=30)
    status = models.CharField(_("status"), max_length=20, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    reason = models.CharField(_("reason"), max_length=20, choices=SkipReason.choices, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_id = models.CharField(_("provider's message id"), max_length=100, blank=True)
    error = models.CharField(_("provider's answer"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        return f"{self.notification_id}:{self.channel}:{self.status}"


class PersonChannels(models.Model):
    """A person's addresses in the messaging apps and how they like to be told."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="channel_settings")
    wecom_userid = models.CharField(_("WeCom account (UserID)"), max_length=64, blank=True)
    dingtalk_userid = models.CharField(_("DingTalk account (userid)"), max_length=64, blank=True)
    digest = models.BooleanField(_("one daily digest instead of single messages"), default=False)
    choices = models.JSONField(default=dict, blank=True)  # {group key: [channel, ...]}; a missing group: defaults
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notice preferences")
        verbose_name_plural = _("notice preferences")

    def __str__(self):
        return str(self.user_id)


class NoticeText(models.Model):
    """An organisation's own wording of a kind of notice for one channel and language (else the built-in one)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=8)
    text = models.CharField(_("text"), max_length=300)
    template_code = models.CharField(_("provider's template code"), max_length=60, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notice text")
        verbose_name_plural = _("notice texts")
        constraints = [models.UniqueConstraint(fields=["organisation", "kind", "channel", "language"],
                                               name="notice_text_once")]

    def __str__(self):
        return f"{self.kind}:{self.channel}:{self.language}"


def new_code() -> str:
    return secrets.token_urlsafe(6)[:8]


class ShortLink(models.Model):
    """``/s/<code>``: a short address for a page of the platform, for texts where every character counts."""

    code = models.CharField(max_length=12, unique=True, default=new_code)
    path = models.CharField(max_length=300, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.code
