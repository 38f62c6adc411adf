"""E-mail: the platform's mail backend (the path core used before the channels, now one channel among others)."""

from django.conf import settings
from django.core.mail import send_mail

from .base import Message, Provider, ProviderError


class EmailProvider(Provider):
    channel = "email"

    def send(self, config, message: Message) -> str:
        try:
            send_mail(subject=message.title, message=f"{message.text}\n\n{message.url}".strip(),
                      from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[message.to])
        except Exception as exc:  # any failure of the mail backend
            raise ProviderError(f"{type(exc).__name__}: {exc}") from exc
        return ""
