"""A workflow as data: states and transitions in a table, and the checks every transition service makes.

An app declares its table in its own ``workflow.py``::

    PROPOSAL_WORKFLOW = Workflow("proposal", [
        Transition("submit", sources=[DRAFT], target=SUBMITTED, label=_("Submit")),
        ...
    ])

and each service calls ``PROPOSAL_WORKFLOW.target(action, obj.status)`` after locking the row with
``lock_for_update``; the server refuses any transition that is not in the table.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .exceptions import ConcurrentChange, InvalidTransition, NotAllowed


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str | None  # None: an event that keeps the state (a note, a reminder)
    label: Promise | str = ""
    # Who may act is not in the table: the app's permissions.py says it, and the service passes its answer to
    # core.transitions.transition(allowed=...). (A list of roles here was filled but never read.)

    def __init__(self, action, *, sources: Iterable[str], target: str | None, label=""):
        object.__setattr__(self, "action", action)
        object.__setattr__(self, "sources", tuple(sources))
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "label", label or action)


class Workflow:
    def __init__(self, name: str, transitions: Iterable[Transition], *, states: type[models.TextChoices] | None = None):
        self.name = name
        self.transitions = {t.action: t for t in transitions}
        self.state_choices = states

    def state_label(self, state: str) -> str:
        if self.state_choices is not None:
            try:
                return str(self.state_choices(state).label)
            except ValueError:
                pass
        return state

    def __getitem__(self, action: str) -> Transition:
        return self.transitions[action]

    def can(self, action: str, state: str) -> bool:
        t = self.transitions.get(action)
        return t is not None and state in t.sources

    def target(self, action: str, state: str) -> str:
        """The state that ``action`` leads to from ``state``; raises InvalidTransition if not allowed."""
        t = self.transitions.get(action)
        if t is None or state not in t.sources:
            raise InvalidTransition(
                _("“%(action)s” is not possible while the item is “%(state)s”.")
                % {"action": t.label if t else action, "state": self.state_label(state)}
            )
        return state if t.target is None else t.target

    def actions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]

    def states(self) -> set[str]:
        found = set()
        for t in self.transitions.values():
            found.update(t.sources)
            if t.target:
                found.add(t.target)
        return found


def lock_for_update(queryset: models.QuerySet, pk, *, version: int | None = None, allowed=None, refused=None):
    """Fetch one row with a row lock, inside the caller's transaction.

    ``allowed``: the actor's right over the locked row (``lambda row: permissions.can_x(actor, row)``), checked
    first: someone who may not act at all is told so (403), never that the row changed (409). ``version``: the
    version the user saw (from the form or the API call). If the row changed since, the caller's action was
    decided on stale data, so it is refused with a clear message."""
    obj = queryset.select_for_update().get(pk=pk)
    if allowed is not None and not allowed(obj):
        raise NotAllowed(refused) if refused else NotAllowed()
    if version is not None and getattr(obj, "version", None) is not None and obj.version != version:
        raise ConcurrentChange()
    return obj
