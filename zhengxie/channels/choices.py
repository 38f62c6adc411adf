"""The channels a notice travels by, the providers that carry them and what became of each delivery."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.tones import toned


class Channel(models.TextChoices):
    INBOX = "inbox", _("Inbox")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WECOM = "wecom", _("WeCom")
    DINGTALK = "dingtalk", _("DingTalk")


#: The channels that go out of the platform (the inbox is the notification itself, always written).
OUTBOUND = (Channel.EMAIL, Channel.SMS, Channel.WECOM, Channel.DINGTALK)
#: The channels an administrator configures with a provider's credentials.
CONFIGURED = (Channel.SMS, Channel.WECOM, Channel.DINGTALK)


class SmsProvider(models.TextChoices):
    GATEWAY = "gateway", _("Government SMS gateway (generic HTTP)")
    ALIYUN = "aliyun", _("Alibaba Cloud SMS")
    TENCENT = "tencent", _("Tencent Cloud SMS")


@toned(pending="info", held="warning", digest="primary", sent="success", failed="danger", gave_up="dark",
       skipped="secondary")
class DeliveryStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("delivery", "Waiting to be sent")
    HELD = "held", pgettext_lazy("delivery", "Held for quiet hours")
    DIGEST = "digest", pgettext_lazy("delivery", "Kept for the daily digest")
    SENT = "sent", pgettext_lazy("delivery", "Sent")
    FAILED = "failed", pgettext_lazy("delivery", "Failed, will be retried")
    GAVE_UP = "gave_up", pgettext_lazy("delivery", "Gave up")
    SKIPPED = "skipped", pgettext_lazy("delivery", "Not sent")


#: States in which the row still waits for a worker.
OPEN_STATES = (DeliveryStatus.PENDING, DeliveryStatus.HELD, DeliveryStatus.FAILED)


class SkipReason(models.TextChoices):
    """Why a channel did not carry a notice: shown to staff who ask why someone was not reached."""

    DECLINED = "declined", _("The person does not want this kind of notice by this channel")
    NO_ADDRESS = "no_address", _("The person has no address for this channel")
    DISABLED = "disabled", _("The channel is switched off for the organisation")
    CALLER = "caller", _("The notice was sent to the inbox only")
    IN_DIGEST = "in_digest", _("Sent within the daily digest")
