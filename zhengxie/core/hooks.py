"""Hooks between apps that must not import each other (a small registry, like the navigation's).

An app that makes a promise announces it after its transaction commits; another app listens::

    # proposals/services/handling.py (the emitter knows nothing of who listens)
    hooks.emit_on_commit("commitment.made", organisation=org, source=reply, ...)

    # worklists/receivers.py (imported by the listening app's AppConfig.ready)
    @hooks.listen("commitment.made")
    def track(**payload): ...

A listener that fails is logged and does not undo the committed write (``robust`` on-commit callbacks).

Panels: an app shows a fragment on another app's page without that page knowing the app::

    hooks.register_panel("proposals.detail", render)      # render(request, obj) -> HTML string or ""
    {% hook_panels "proposals.detail" proposal %}          # in the page's template (core's templatetags)
"""

import logging
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)

_listeners: dict[str, list[Callable]] = defaultdict(list)
_panels: dict[str, list[Callable]] = defaultdict(list)


def listen(event: str):
    """Decorator: call ``fn(**payload)`` for each ``event`` emitted (once per function)."""

    def wrap(fn):
        if fn not in _listeners[event]:
            _listeners[event].append(fn)
        return fn

    return wrap


def emit(event: str, **payload) -> None:
    """Call the listeners now (inside the caller's transaction); a failing listener is logged, the rest go on."""
    for fn in list(_listeners.get(event, ())):
        try:
            fn(**payload)
        except Exception:
            logger.exception("Listener %s of %s failed", getattr(fn, "__qualname__", fn), event)


def emit_on_commit(event: str, **payload) -> None:
    """Call the listeners once the caller's transaction has committed (at once outside a transaction)."""
    if _listeners.get(event):
        transaction.on_commit(lambda: emit(event, **payload))


def register_panel(slot: str, render: Callable) -> None:
    if render not in _panels[slot]:
        _panels[slot].append(render)


def panels(slot: str, request, obj) -> list[str]:
    """The HTML fragments the listening apps give for ``obj`` on the page ``slot`` (empty ones left out)."""
    out = []
    for render in _panels.get(slot, ()):
        html = render(request, obj)
        if html:
            out.append(html)
    return out
