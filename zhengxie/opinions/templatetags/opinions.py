"""Template filters of the opinions app."""

from django import template

register = template.Library()


@register.filter
def paragraphs(text: str) -> list[str]:
    """The paragraphs of a report (one per line), for a layout with the first line of each indented."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
