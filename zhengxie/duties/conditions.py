"""Conditions of a scoring rule on the attributes of a duty event (see the conventions in ``choices.py``).

A rule's conditions are a dict ``{attribute: [allowed values]}``: the event matches when, for every attribute
named, its value is one of those listed. An empty dict matches every event of the rule's kind.

    matches({"role": ["first"]}, {"role": "first", "signers": 3})  # True
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from .choices import AdoptedBy, DutyEventKind, MeetingType, ProposerRole, SelfReportType

ACTIVITY_KINDS = frozenset({
    DutyEventKind.CONSULTATION_ATTENDED, DutyEventKind.INSPECTION_ATTENDED, DutyEventKind.RESEARCH_ATTENDED,
    DutyEventKind.STUDY_ATTENDED, DutyEventKind.TRAINING_ATTENDED, DutyEventKind.SUGGESTION_ADOPTED,
    DutyEventKind.DELIBERATION_POSTED, DutyEventKind.CONTEST_TAKEN, DutyEventKind.SPEECH_DELIVERED,
    DutyEventKind.SPEECH_SUBMITTED, DutyEventKind.OUTREACH_ACTIVITY,
})
SLUG = re.compile(r"^[a-z0-9_\-]{1,40}$")


@dataclass(frozen=True)
class Attribute:
    key: str
    label: Promise
    kinds: frozenset[str]
    choices: tuple = ()  # (value, label); empty: any short code (the activities app decides them)

    def value_label(self, value: str) -> str:
        return str(dict(self.choices).get(value, value))


def _kinds(prefixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(k.value for k in DutyEventKind if k.value.startswith(prefixes))


ATTRIBUTES = {
    a.key: a
    for a in (
        Attribute("role", _("Proposer's role"), _kinds(("proposal_",)), tuple(ProposerRole.choices)),
        Attribute("meeting_type", _("Meeting type"), _kinds(("meeting_",)), tuple(MeetingType.choices)),
        Attribute("by", _("Adopted by"), _kinds(("opinion_adopted_", "opinion_instructed_")), tuple(AdoptedBy.choices)),
        Attribute("activity_type", _("Activity type"), ACTIVITY_KINDS),
        Attribute("report_type", _("Kind of self-reported duty"), frozenset({DutyEventKind.SELF_REPORTED.value}),
                  tuple(SelfReportType.choices)),
    )
}


def attributes_for(kind: str) -> list[Attribute]:
    """The attributes a rule on ``kind`` may set conditions on."""
    return [a for a in ATTRIBUTES.values() if kind in a.kinds]


def clean_conditions(kind: str, conditions) -> dict[str, list[str]]:
    """Validate and normalise conditions for a rule on ``kind``; raise ValidationError with a clear message."""
    if not conditions:
        return {}
    if not isinstance(conditions, dict):
        raise ValidationError(gettext("Conditions must map an attribute to the values allowed."))
    cleaned = {}
    kind_label = DutyEventKind(kind).label if kind in DutyEventKind.values else kind
    for key, values in conditions.items():
        attribute = ATTRIBUTES.get(key)
        if attribute is None:
            raise ValidationError(gettext("“%(key)s” is not an attribute a rule can test.") % {"key": key})
        if kind not in attribute.kinds:
            raise ValidationError(
                gettext("The condition “%(attribute)s” does not apply to “%(kind)s”.")
                % {"attribute": attribute.label, "kind": kind_label}
            )
        values = [values] if isinstance(values, str) else list(values or [])
        values = sorted({str(v).strip() for v in values if str(v).strip()})
        if not values:
            continue
        allowed = {value for value, _label in attribute.choices}
        for value in values:
            if (allowed and value not in allowed) or (not allowed and not SLUG.match(value)):
                raise ValidationError(
                    gettext("“%(value)s” is not a valid value of “%(attribute)s”.")
                    % {"value": value, "attribute": attribute.label}
                )
        cleaned[key] = values
    return cleaned


def matches(conditions: dict, attributes: dict) -> bool:
    for key, values in conditions.items():
        value = attributes.get(key)
        if value is None or str(value) not in values:
            return False
    return True


def covers(broad: dict, narrow: dict) -> bool:
    """True when every event matching ``narrow`` also matches ``broad`` (so a rule after ``broad`` on the
    same kind with conditions ``narrow`` could never apply)."""
    for key, values in broad.items():
        if key not in narrow or not set(narrow[key]) <= set(values):
            return False
    return True


def describe(conditions: dict) -> str:
    """“Proposer's role: First proposer, Co-signer; Meeting type: Plenary session”."""
    parts = []
    for key, values in conditions.items():
        attribute = ATTRIBUTES.get(key)
        if attribute is None:
            continue
        joined = pgettext("list separator", ", ").join(attribute.value_label(v) for v in values)
        colon = pgettext("label separator", ": ")
        parts.append(f"{attribute.label}{colon}{joined}")
    return pgettext("conditions separator", "; ").join(parts)
