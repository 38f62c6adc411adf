"""Template helpers of the duties app: points as people write them (12.5, not 12.50)."""

from decimal import Decimal

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..record import join_labels as _join

register = template.Library()


def _plain(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')).normalize():f}"
    return "0" if text in ("-0", "") else text


@register.filter
def points(value):
    """Points (Decimal or number) without trailing zeros: 12.50 → 12.5, 70.00 → 70."""
    if value is None or value == "":
        return ""
    return _plain(Decimal(str(value)))


@register.filter
def signed(value):
    """Points with their sign: +2.5, −3, 0."""
    if value is None:
        return ""
    value = Decimal(str(value))
    text = _plain(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "0")


@register.filter
def section_points(score, category):
    """A score's points in one category (kept in hundredths)."""
    return _plain(Decimal(score.sections.get(category, 0)) / 100)


@register.simple_tag
def section_cells(score, columns):
    """A ranking row's cells, one per section column (``columns``: (category, label) pairs), written in one go: a
    template loop per row and column was most of the ranking page's time. The points are digits; the labels are
    escaped."""
    return mark_safe("".join(  # noqa: S308 - the labels are escaped, the points are numbers
        f'<td data-label="{escape(label)}" class="text-end">{section_points(score, value)}</td>'
        for value, label in columns))


@register.filter
def magnitude(value):
    """Points without their sign (a deduction shown after a minus already written)."""
    if value is None:
        return ""
    return _plain(abs(Decimal(str(value))))


@register.filter
def join_labels(labels):
    """Labels joined the way the language lists them (“、” in Chinese)."""
    return _join(labels)
