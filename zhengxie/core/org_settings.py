"""Per-organisation settings: each app declares its settings here with a default; an organisation may set its
own value, else it inherits its nearest ancestor's, else the default.

    from zhengxie.core.org_settings import OrgSetting, register_setting, get_setting
    register_setting(OrgSetting("proposals.reply_due_months", 3, _("Months to reply"), kind=int, minimum=1))
    get_setting(organisation, "proposals.reply_due_months")  # -> 3
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass
class OrgSetting:
    key: str
    default: Any
    label: Promise | str
    help_text: Promise | str = ""
    kind: type = str  # int, float, bool, str, list (a list of strings)
    minimum: float | None = None
    maximum: float | None = None
    choices: list[tuple[str, Any]] = field(default_factory=list)
    group: Promise | str = ""

    def clean(self, raw):
        """Turn a submitted value into the stored one, or raise ValidationError with a translated message."""
        try:
            if self.kind is bool:
                value = raw if isinstance(raw, bool) else str(raw).strip().lower() in {"1", "true", "on", "yes"}
            elif self.kind is list:
                if isinstance(raw, str):
                    value = [line.strip() for line in raw.splitlines() if line.strip()]
                else:
                    value = [str(v).strip() for v in raw if str(v).strip()]
            else:
                value = self.kind(raw)
        except (TypeError, ValueError) as exc:
            raise ValidationError(gettext("“%(value)s” is not a valid value for %(label)s.") % {"value": raw, "label": self.label}) from exc
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(gettext("%(label)s must be at least %(min)s.") % {"label": self.label, "min": self.minimum})
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(gettext("%(label)s must be at most %(max)s.") % {"label": self.label, "max": self.maximum})
        if self.choices and value not in [c[0] for c in self.choices]:
            raise ValidationError(gettext("Choose one of the listed values for %(label)s.") % {"label": self.label})
        return value


_registry: dict[str, OrgSetting] = {}


def register_setting(setting: OrgSetting) -> OrgSetting:
    _registry[setting.key] = setting
    return setting


def all_settings() -> list[OrgSetting]:
    return sorted(_registry.values(), key=lambda s: s.key)


def setting_definition(key: str) -> OrgSetting:
    return _registry[key]


def get_setting(organisation, key: str):
    definition = _registry[key]
    org = organisation
    while org is not None:
        if key in (org.settings or {}):
            return org.settings[key]
        org = org.parent if org.parent_id else None
    return definition.default


def setting_source(organisation, key: str):
    """The organisation whose value applies (None: the default)."""
    org = organisation
    while org is not None:
        if key in (org.settings or {}):
            return org
        org = org.parent if org.parent_id else None
    return None


# Settings of the core app.
register_setting(
    OrgSetting(
        "core.holidays",
        [],
        _("Public holidays"),
        _("One date per line (YYYY-MM-DD). Time limits counted in working days skip them."),
        kind=list,
        group=_("Calendar"),
    )
)
register_setting(
    OrgSetting(
        "core.extra_workdays",
        [],
        _("Weekend working days"),
        _("One date per line (YYYY-MM-DD): weekend days that are worked in exchange for a holiday."),
        kind=list,
        group=_("Calendar"),
    )
)

TWO_FACTOR_ROLES = "core.two_factor_roles"
register_setting(OrgSetting(
    TWO_FACTOR_ROLES,
    ["administrator", "proposal_office", "information_office", "general_office", "committee_staff"],
    _("Roles that must use two factors"),
    _("One role code per line (administrator, proposal_office, information_office, general_office, "
      "committee_staff, leader, handling_unit, unit_leader, party_gov_office, body_contact, informant, member). "
      "Their holders log in with a password and a code from an authenticator app."),
    kind=list,
    group=_("Security"),
))
