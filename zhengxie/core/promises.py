"""Promised measures, each with the date it is to be done by: what a handling unit promises in a proposal's reply,
or a recipient in its feedback on an adopted consultation outcome. One rule for both; each measure becomes a tracked
item of the work lists (``commitment.made``, ``part`` numbering the measures of one source).

    class ReplyForm(PromiseRowsMixin, forms.Form): ...
    form.cleaned_data["promises"]  # [{"measure": ..., "due_on": "2027-06-30"}, ...]
"""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .exceptions import DomainError

MAX_PROMISES = 10
MEASURE_MAX_LENGTH = 200


def clean_promises(promises) -> list[dict]:
    """The promised measures of a reply, each a measure and the date it is to be done by (pairs or dicts with
    ``measure`` and ``due_on``); empty pairs are left out, a measure without its date (or the reverse) is refused."""
    cleaned, errors = [], {}
    for n, promise in enumerate(promises or (), start=1):
        measure, due_on = (promise.get("measure"), promise.get("due_on")) if isinstance(promise, dict) else promise
        measure = " ".join((measure or "").split())
        if isinstance(due_on, str):
            try:
                due_on = dt.date.fromisoformat(due_on) if due_on.strip() else None
            except ValueError:
                due_on = "bad"
        if not measure and due_on is None:
            continue
        if not measure:
            errors[f"measure_{n}"] = gettext("Say what is promised by that date.")
        elif not isinstance(due_on, dt.date):
            errors[f"due_{n}"] = gettext("Give the date the measure is to be done by.")
        elif due_on < timezone.localdate():
            errors[f"due_{n}"] = gettext("The date of a promise cannot be in the past.")
        else:
            cleaned.append({"measure": measure[:MEASURE_MAX_LENGTH], "due_on": due_on.isoformat()})
    if len(cleaned) > MAX_PROMISES:
        errors["promises"] = gettext("At most %(n)s promises at once.") % {"n": MAX_PROMISES}
    if errors:
        raise DomainError(gettext("Please correct the promised measures."), errors=errors)
    return cleaned


class PromiseRowsMixin:
    """A form's rows of promised measures: ``measure_N`` and ``due_N``, those already written and two more (three at
    least); ``clean`` puts the checked list in ``cleaned_data["promises"]`` and marks the row at fault."""

    def add_promise_rows(self):
        written = sum(1 for key in (self.initial or {}) if key.startswith("measure_"))
        self.promise_rows = max(3, written + 2)
        for n in range(1, self.promise_rows + 1):
            self.fields[f"measure_{n}"] = forms.CharField(
                label=_("Promised measure %(n)s") % {"n": n}, max_length=MEASURE_MAX_LENGTH, required=False,
                help_text=self.promise_help if n == 1 else "")
            self.fields[f"due_{n}"] = forms.DateField(label=_("To be done by"), required=False,
                                                      widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    promise_help = _("What your unit promises to do (e.g. 完成城区 12 所学校改造), with its date.")

    def clean_promise_rows(self, data):
        try:
            data["promises"] = clean_promises(
                [(data.get(f"measure_{n}"), data.get(f"due_{n}")) for n in range(1, self.promise_rows + 1)])
        except DomainError as error:
            for field, message in error.errors.items():
                self.add_error(field if field in self.fields else None, message)
        return data

    def promise_fields(self):
        """(measure, date) bound fields, row by row, for the template."""
        return [(self[f"measure_{n}"], self[f"due_{n}"]) for n in range(1, self.promise_rows + 1)]
