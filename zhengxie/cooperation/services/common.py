"""What the cooperation app's services share: the one transition call for joint activities, text cleaning."""

import unicodedata

from django.utils.translation import gettext

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError

from ..models import JointEvent
from ..workflow import JOINT_WORKFLOW


def move(joint, action: str, actor, *, audit: str, allowed: bool, fields=(), comment: str = "",
         data: dict | None = None) -> str:
    return transitions.transition(joint, action, workflow=JOINT_WORKFLOW, actor=actor, allowed=allowed,
                                  history=JointEvent, history_for={"joint": joint}, audit=audit, fields=fields,
                                  comment=comment, data=data)


def clean_text(value, *, max_length: int, multiline: bool = False, required_message=None) -> str:
    """Typed text, NFC, without control characters (a newline kept where ``multiline``), trimmed and bounded."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = "".join(ch for ch in text if ch.isprintable() or (multiline and ch in "\n\t"))
    text = text.strip()
    if not text and required_message is not None:
        raise DomainError(required_message)
    if len(text) > max_length:
        raise DomainError(gettext("At most %(n)d characters.") % {"n": max_length})
    return text
