"""Template helpers available in every template (registered as a builtin)."""

import importlib
from functools import cache

from django import template
from django.utils import timezone
from django.utils.html import format_html

from .. import masking, permissions, tones

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
def badge(label, tone="secondary", classes="", icon=""):
    """A badge in one of Bootstrap's colours (a light one gets a border, or it vanishes on white), with an optional
    Bootstrap icon before the label."""
    extra = " border" if tone == "light" else ""
    if classes:
        extra += f" {classes}"
    if icon:
        return format_html('<span class="badge text-bg-{}{}"><i class="bi bi-{}" aria-hidden="true"></i> {}</span>',
                           tone, extra, icon, label)
    return format_html('<span class="badge text-bg-{}{}">{}</span>', tone, extra, label)


@register.simple_tag
def status_badge(obj, field="status", classes="", icon=""):
    """The badge of a model field whose choices are ``@toned`` (core/tones.py): its label in its colour.
    Nothing for an empty value (an outcome not yet recorded). ``classes="fs-6"`` adds classes to the badge,
    ``icon="lock"`` an icon before the label."""
    if getattr(obj, field) in ("", None):
        return ""
    label = getattr(obj, f"get_{field}_display")()
    return badge(label, tones.tone_of_field(obj, field), classes, icon)


@register.filter
def localtime_short(value):
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@register.simple_tag(takes_context=True)
def hook_panels(context, slot: str, obj):
    """The fragments other apps give for ``obj`` on this page (``core.hooks.register_panel``), already escaped by
    the templates that drew them."""
    from django.utils.safestring import mark_safe

    from .. import hooks

    request = context.get("request")
    if request is None:
        return ""
    return mark_safe("".join(hooks.panels(slot, request, obj)))  # noqa: S308 (rendered by templates, escaped there)
