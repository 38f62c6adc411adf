"""What the services of the app share: the history call of each model, the item's address, whom to tell."""

from django.urls import reverse

from zhengxie.core import transitions
from zhengxie.core.selectors import users_with_role

from ..models import ItemTransition
from ..permissions import OFFICE_ROLES
from ..workflow import ITEM_WORKFLOW


def item_url(item) -> str:
    return reverse("worklists:item", args=[item.pk])


def move(item, action: str, actor, *, audit: str, fields=(), comment: str = "", data: dict | None = None,
         allowed: bool = True) -> str:
    """The locked item along ``action``: right, table, version, history row, audit entry."""
    return transitions.transition(item, action, workflow=ITEM_WORKFLOW, actor=actor, allowed=allowed,
                                  history=ItemTransition, history_for={"item": item}, audit=audit, fields=fields,
                                  comment=comment, data=data)


def record(item, action: str, actor, *, audit: str | None, comment: str = "", data: dict | None = None):
    """An event that keeps the item's state (a note, a reminder), checked against the table all the same."""
    ITEM_WORKFLOW.target(action, item.status)
    return transitions.record(item, action, actor=actor, history=ItemTransition, history_for={"item": item},
                              from_state=item.status, to_state=item.status, audit=audit, comment=comment, data=data)


def office_users(organisation):
    return users_with_role(organisation, *OFFICE_ROLES)


def item_people(item) -> list:
    """Who works on the item: the person in charge, or else the responsible unit's staff."""
    from zhengxie.core.choices import Role

    if item.person_id:
        return [item.person]
    if item.unit_id:
        return users_with_role(item.organisation, Role.HANDLING_UNIT, Role.UNIT_LEADER, unit=item.unit)
    return list(office_users(item.organisation))
