"""Choices that carry their badge colour: one convention for every app (NetBox's choice sets, in Django's enums).

A workflow's states are a ``TextChoices``; the colour of each state's badge is declared once, beside the labels::

    @toned(draft="secondary", handling="danger", closed="success")
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ...

then ``Status.CLOSED.tone`` or ``Status.tone_of(value)`` in Python, and in a template
``{% status_badge proposal %}`` (the ``status`` field) or ``{% status_badge item "stage" %}``, which finds the
choices from the model field. A state without a declared colour is "secondary"; a colour for a value the choices do
not have is an error at import time, so a renamed state cannot keep a stale colour.
"""

from functools import cache

from django.db import models

#: Bootstrap's contextual colours, the only ones a badge may take.
TONES = frozenset({"primary", "secondary", "success", "danger", "warning", "info", "light", "dark"})
DEFAULT_TONE = "secondary"

_toned: list[type[models.Choices]] = []


def toned(default: str = DEFAULT_TONE, **tones: str):
    """Class decorator giving each member of a ``TextChoices`` its colour (keyword = the member's value)."""

    def decorate(cls: type[models.Choices]) -> type[models.Choices]:
        values = {str(member.value) for member in cls}
        unknown = set(tones) - values
        if unknown:
            raise ValueError(f"{cls.__name__}: colours for values it does not have: {sorted(unknown)}")
        bad = {tone for tone in (*tones.values(), default) if tone not in TONES}
        if bad:
            raise ValueError(f"{cls.__name__}: not a badge colour: {sorted(bad)}")
        table = {value: tones.get(value, default) for value in values}
        cls._tones = table
        cls.tone = property(lambda member: table[str(member.value)])
        cls.tone_of = classmethod(lambda _cls, value: table.get(str(value), DEFAULT_TONE))
        _toned.append(cls)
        return cls

    return decorate


@cache
def _choices_of_field(model: type[models.Model], field_name: str):
    """The toned choices a field was declared with: the same values and the same labels (two apps may have
    choices with the same values, e.g. draft/published/closed, and other colours)."""
    field = [(str(value), str(label)) for value, label in model._meta.get_field(field_name).flatchoices]
    found = [cls for cls in _toned if [(str(value), str(label)) for value, label in cls.choices] == field]
    if len({tuple(sorted(cls._tones.items())) for cls in found}) > 1:
        raise ValueError(f"{model.__name__}.{field_name}: several toned choices match: {found}")
    return found[0] if found else None


def tone_of_field(instance: models.Model, field_name: str = "status") -> str:
    """The colour of a model field's current value, from the toned choices the field was declared with."""
    cls = _choices_of_field(type(instance), field_name)
    return cls.tone_of(getattr(instance, field_name)) if cls else DEFAULT_TONE
