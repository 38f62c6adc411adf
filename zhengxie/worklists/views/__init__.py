"""Pages of the work lists app: lists and items (``items``), promises, recommendations, coordination groups and
investment projects (``others``)."""

from django.utils.translation import gettext_lazy as _

from ..workflow import ITEM_WORKFLOW


def history_rows(entries, workflow=ITEM_WORKFLOW) -> list[dict]:
    """History entries with the label of their action and of the state they led to (the item's timeline)."""
    rows = []
    for entry in entries:
        label = workflow[entry.action].label if entry.action in workflow.transitions else _("Other change")
        to = workflow.state_label(entry.to_state) if entry.to_state and entry.to_state != entry.from_state else ""
        rows.append({"entry": entry, "label": label, "to": to})
    return rows
