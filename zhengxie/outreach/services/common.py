"""Helpers shared by the outreach services: cleaning text that may come from anyone, and finding the users to
notify."""

import re
import unicodedata

from django.utils.translation import gettext

from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError
from zhengxie.core.models import User
from zhengxie.core.selectors import users_with_role
from zhengxie.core.validation import is_phone, normalise_phone


def clean_text(value, *, max_length: int, multiline: bool = False) -> str:
    """Normalise text from a form or the API: NFC, no control or format characters (bidi overrides, zero-width
    tricks), no runs of blank lines. HTML is left as typed: templates escape it on output."""
    text = unicodedata.normalize("NFC", str(value or ""))
    kept = []
    for ch in text:
        if ch in "\n\t" and multiline:
            kept.append(ch)
        elif ch in "\r":
            continue
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co"):
            kept.append(" " if ch in "\n\t" else "")
        else:
            kept.append(ch)
    text = "".join(kept)
    if multiline:
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n")))
    else:
        text = " ".join(text.split())
    text = text.strip()
    if len(text) > max_length:
        raise DomainError(gettext("The text is too long: %(n)d characters, at most %(max)d.")
                          % {"n": len(text), "max": max_length}, code="too_long")
    return text


def clean_phone(value) -> str:
    phone = normalise_phone(value)[:20]
    if not is_phone(phone):
        raise DomainError(gettext("Enter an 11-digit mobile number or a landline number with its area code."),
                          errors={"phone": gettext("Not a phone number.")})
    return phone


def users_of_unit(organisation, unit) -> list[User]:
    if unit is None:
        return []
    return users_with_role(organisation, Role.HANDLING_UNIT, Role.UNIT_LEADER, unit=unit)


def outreach_office_users(organisation) -> list[User]:
    """Who routes concerns nobody else has taken: the general office."""
    return users_with_role(organisation, Role.GENERAL_OFFICE)
