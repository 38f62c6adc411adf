"""One transition mechanism for every app (healthchecks' ``create_flip``, pretix's ``log_action``).

A service locks its row, then makes one call::

    with transaction.atomic():
        report = lock(Report, report, version=version)
        transition(report, "adopt", workflow=REPORT_WORKFLOW, actor=actor, allowed=permissions.can_adopt(actor, report),
                   history=ReportTransition, history_for={"report": report}, audit="opinions.report.adopted",
                   comment=comment, data={"level": ...}, fields=["adopted_at"])

``transition`` checks the state against the app's workflow table (``InvalidTransition``), checks the actor's right
(``NotAllowed``: the app's permission predicate, decided by the caller), moves the state, bumps the version and saves
the named fields, and writes the history row and the audit entry together. ``record`` writes the history row and the
audit entry of an event that keeps the state (a note, a reminder); ``bump`` saves a change that is not a transition
with a new version.

Who acts is said once, in the app's ``permissions.py``: the workflow tables name the states and the transitions
only (they no longer carry a list of roles that nothing read).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .context import actor_or_none
from .exceptions import ConcurrentChange, NotAllowed
from .services import audit_log
from .workflow import Workflow, lock_for_update


def lock(model_or_queryset, obj_or_pk, *, version: int | None = None, message=None, allowed=None, refused=None):
    """The row, locked for the caller's transaction (alone: no join, so its neighbours stay free).

    ``allowed``: the actor's right over the locked row (``lambda row: permissions.can_x(actor, row)``), checked
    before the version, so that someone who may not act is refused (``NotAllowed``, ``refused`` its message) and
    never told the row changed. ``version``: what the user saw; a row changed since is refused
    (``ConcurrentChange``, with ``message`` if the app words it its own way). The order is always: the right,
    the version, then the state (``transition``)."""
    queryset = model_or_queryset.objects.all() if isinstance(model_or_queryset, type) else model_or_queryset
    try:
        return lock_for_update(queryset, getattr(obj_or_pk, "pk", obj_or_pk), version=version, allowed=allowed,
                               refused=refused)
    except ConcurrentChange:
        if message is None:
            raise
        raise ConcurrentChange(message) from None


def bump(obj, *fields) -> None:
    """Save ``fields`` of a locked row with a new version (a change that forms and the API check against)."""
    obj.version += 1
    obj.save(update_fields=[*fields, "version"])


def record(obj, action: str, *, actor, history: type[models.Model], history_for: dict, from_state: str,
           to_state: str, audit: str | None, comment: str = "", data: dict | None = None, organisation=None,
           audit_obj=None, audit_changes: dict | None = None):
    """One history row and one audit entry, together. Returns the history row.

    ``history``: the app's ``TransitionRecord`` subclass; ``history_for``: its links (``{"report": report}``);
    ``audit``: the namespaced code (``"opinions.report.adopted"``), or None for a row moved as part of a batch
    whose one audit entry the caller writes (the reports placed in a bulletin); ``audit_changes``: what the audit
    entry records (default: from, to, the comment and ``data``)."""
    data = json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))  # dates and decimals as the JSON column keeps them
    row = history.objects.create(**history_for, action=action, from_state=from_state, to_state=to_state,
                                 actor=actor_or_none(actor), comment=comment or "", data=data)
    if audit is None:
        return row
    changes = audit_changes if audit_changes is not None else {"from": from_state, "to": to_state,
                                                               "comment": comment, **data}
    audit_log(actor=actor, organisation=organisation or obj.organisation, action=audit, obj=audit_obj or obj,
              changes=changes)
    return row


def transition(obj, action: str, *, workflow: Workflow, actor, history: type[models.Model], history_for: dict,
               audit: str | None, allowed: bool = True, refused=None, comment: str = "", data: dict | None = None,
               fields=(), state_field: str = "status", organisation=None, audit_obj=None,
               audit_changes: dict | None = None) -> str:
    """Move the locked ``obj`` along ``action``: the right, the table, the version, the history row and the audit
    entry. Returns the state it came from.

    ``allowed``: the app's permission predicate for this actor and row (``refused``: the message of the
    ``NotAllowed``); ``fields``: the other fields the service set on ``obj`` before the call."""
    if not allowed:
        raise NotAllowed(refused) if refused else NotAllowed()
    from_state = getattr(obj, state_field)
    setattr(obj, state_field, workflow.target(action, from_state))
    bump(obj, state_field, *fields)
    record(obj, action, actor=actor, history=history, history_for=history_for, from_state=from_state,
           to_state=getattr(obj, state_field), audit=audit, comment=comment, data=data, organisation=organisation,
           audit_obj=audit_obj, audit_changes=audit_changes)
    return from_state
