"""The providers behind the channels: one small interface, ``send(config, message) -> provider's message id``.

A provider raises ``ProviderError`` with the provider's own reason; ``retry`` says whether trying later may help
(a timeout, a server error, a rate limit) or not (a wrong credential, an unknown recipient).
"""

from .base import Message, Provider, ProviderError
from .dingtalk import DingTalkProvider
from .email import EmailProvider
from .sms import AliyunSms, GatewaySms, TencentSms
from .wecom import WeComProvider

PROVIDERS: dict[tuple[str, str], Provider] = {
    ("email", ""): EmailProvider(),
    ("sms", "gateway"): GatewaySms(),
    ("sms", "aliyun"): AliyunSms(),
    ("sms", "tencent"): TencentSms(),
    ("wecom", ""): WeComProvider(),
    ("dingtalk", ""): DingTalkProvider(),
}


def provider_for(channel: str, provider: str = "") -> Provider:
    return PROVIDERS.get((channel, provider)) or PROVIDERS[(channel, "")]


__all__ = ["Message", "Provider", "ProviderError", "provider_for", "PROVIDERS"]
