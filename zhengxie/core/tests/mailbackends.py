"""Mail backends for tests (imported by their dotted path in EMAIL_BACKEND, so they live in a module of their own)."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

FAILING = set()
IN_TRANSACTION = []


class FlakyBackend(EmailBackend):
    """The local-memory backend, refusing the addresses in FAILING (as an SMTP server would) and noting whether a
    transaction was open while it was called."""

    def send_messages(self, messages):
        IN_TRANSACTION.append(connection.in_atomic_block)
        for message in messages:
            if set(message.to) & FAILING:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"mailbox unavailable")})
        return super().send_messages(messages)
