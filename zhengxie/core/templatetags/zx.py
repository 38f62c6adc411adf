"""Template helpers available in every template (registered as a builtin)."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from .. import masking, permissions

register = template.Library()


@register.filter
def mask_id(value):
    return masking.mask_id_number(value)


@register.filter
def mask_phone(value):
    return masking.mask_phone(value)


@register.simple_tag(takes_context=True)
def id_number(context, person):
    """The ID number, unmasked only for administrators of the active organisation."""
    request = context.get("request")
    if request and permissions.can_see_sensitive(request.user, getattr(request, "organisation", None)):
        return person.id_number
    return masking.mask_id_number(person.id_number)


@register.simple_tag(takes_context=True)
def has_role(context, *roles):
    request = context.get("request")
    if not request:
        return False
    return permissions.has_role(request.user, getattr(request, "organisation", None), *roles)


@register.simple_tag
def badge(label, tone="secondary"):
    return format_html('<span class="badge text-bg-{}">{}</span>', tone, label)


@register.filter
def localtime_short(value):
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
