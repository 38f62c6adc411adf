"""Pages of the opinions app: reports, bulletin issues, figures."""

from django.utils.translation import gettext_lazy as _

#: History actions that are not transitions of a workflow table.
EXTRA_ACTIONS = {"adoption": _("Adoption recorded"), "instruction": _("Instruction recorded"),
                 "attach": _("File added")}


def history_rows(entries, workflow) -> list[dict]:
    """History entries with the label of their action and of the state they led to."""
    rows = []
    for entry in entries:
        label = EXTRA_ACTIONS.get(entry.action) or (
            workflow[entry.action].label if entry.action in workflow.transitions else entry.action)
        to = workflow.state_label(entry.to_state) if entry.to_state and entry.to_state != entry.from_state else ""
        rows.append({"entry": entry, "label": label, "to": to})
    return rows
