"""Who may do what with work lists, as small predicates reused by views, the API, templates and tests.

The general office, the special committees' staff and the proposal office keep the lists and supervise (督办);
leaders see everything and grasp their own items; a handling unit sees and reports on its unit's items; the person
in charge and the leader who grasps an item see it; the proposers of a promise follow it. Investment projects and
recommendations are the office's and the leaders' (and the member who brought a project sees it)."""

from zhengxie.core import permissions as core
from zhengxie.core.choices import Role

OFFICE_ROLES = (Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF, Role.PROPOSAL_OFFICE)


def is_office(user, organisation) -> bool:
    return core.has_role(user, organisation, *OFFICE_ROLES)


def is_leader(user, organisation) -> bool:
    return core.has_role(user, organisation, Role.LEADER)


def sees_all(user, organisation) -> bool:
    return core.has_role(user, organisation, *OFFICE_ROLES, Role.LEADER)


def unit_ids(user, organisation) -> set[int]:
    return set(core.unit_ids_of(user, organisation)) if organisation is not None else set()


def can_use(user, organisation) -> bool:
    """Whether the section is shown: staff who keep or grasp lists, and the units that report."""
    return sees_all(user, organisation) or core.has_role(user, organisation, Role.HANDLING_UNIT, Role.UNIT_LEADER)


def can_manage(user, organisation) -> bool:
    """Create lists and items, import, edit, supervise, close."""
    return is_office(user, organisation)


def can_edit_item(user, item) -> bool:
    return item.is_open and is_office(user, item.organisation)


def can_report(user, item) -> bool:
    """The person in charge, the responsible unit's staff, and the office (for a report received on paper)."""
    if not item.is_open or not getattr(user, "is_authenticated", False):
        return False
    if item.person_id == user.pk or is_office(user, item.organisation):
        return True
    return bool(item.unit_id and item.unit_id in unit_ids(user, item.organisation))


def can_supervise(user, item) -> bool:
    """督办意见, asking for a report: the office and the leader who grasps the item (or any leader)."""
    return is_office(user, item.organisation) or is_leader(user, item.organisation)


def can_close(user, item) -> bool:
    """Closing records the outcome and who confirmed it: the office or the leader who grasps it."""
    return item.is_open and (is_office(user, item.organisation) or item.leader_id == user.pk)


def can_reopen(user, item) -> bool:
    return not item.is_open and is_office(user, item.organisation)


def can_attach(user, item) -> bool:
    return can_report(user, item) or (item.status == "done" and is_office(user, item.organisation))


def can_view_projects(user, organisation) -> bool:
    return sees_all(user, organisation)


def can_manage_projects(user, organisation) -> bool:
    return is_office(user, organisation)


def can_move_project(user, project) -> bool:
    return is_office(user, project.organisation)


def can_view_recommendations(user, organisation) -> bool:
    return sees_all(user, organisation)


def can_manage_recommendations(user, organisation) -> bool:
    return is_office(user, organisation)


def can_move_recommendation(user, recommendation) -> bool:
    return is_office(user, recommendation.organisation)


def can_manage_groups(user, organisation) -> bool:
    return is_office(user, organisation)


def can_view_figures(user, organisation) -> bool:
    return sees_all(user, organisation)
