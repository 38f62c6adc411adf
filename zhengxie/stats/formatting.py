"""How a figure's value is written: thousands separated, a rate with one decimal and its sign, nothing to divide
as "—" (with the reason beside it)."""

from django.utils.translation import gettext as _

DASH = "—"


def shown(value, figure) -> str:
    if value is None:
        return DASH
    if figure.percent:
        return f"{value:.1f}%"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def with_unit(value, figure) -> str:
    """The value and its unit ("258 件"); a rate carries its own sign, "—" no unit."""
    text = shown(value, figure)
    if value is None or figure.percent or not figure.unit:
        return text
    return f"{text} {figure.unit}"


def why_empty(figure) -> str:
    return str(figure.empty_reason or _("There is nothing to divide in the period."))


def change(value, before, figure) -> str:
    """The change from the previous period ("+3", "-1.5"); "—" when either side has no value."""
    if value is None or before is None:
        return DASH
    delta = value - before
    if isinstance(delta, float) and not delta.is_integer() or figure.percent:
        return f"{delta:+,.1f}"
    return f"{int(delta):+,}"
