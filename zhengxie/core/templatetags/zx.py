"""Template helpers available in every template (registered as a builtin)."""

import importlib
from functools import cache

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


@cache
def _predicate(name: str):
    """``"proposals.can_supervise"`` → ``zhengxie.proposals.permissions.can_supervise`` (a mistyped name fails the
    page, so a test catches it)."""
    app, _dot, function = name.partition(".")
    module = importlib.import_module(f"zhengxie.{app}.permissions")
    return getattr(module, function)


@register.simple_tag(takes_context=True)
def may(context, predicate: str, obj=None):
    """The one way a template asks "may this user …": the app's permission predicate, the same the views, the API
    and the services use. ``{% may "proposals.can_supervise" as supervises %}`` asks it of the request's user and
    organisation; ``{% may "proposals.can_edit" proposal as editable %}`` of an object. No role list in a
    template."""
    request = context.get("request")
    if not request:
        return False
    target = obj if obj is not None else getattr(request, "organisation", None)
    return bool(_predicate(predicate)(request.user, target))


@register.simple_tag
def badge(label, tone="secondary"):
    return format_html('<span class="badge text-bg-{}">{}</span>', tone, label)


@register.filter
def localtime_short(value):
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
