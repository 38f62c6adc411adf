"""Who may do what with duty records, as small predicates reused by views, the API, templates and tests.

- staff of the organisation (office, committees, leaders, administrators) see every record and score;
- the record keepers (general office, special committee staff, administrators) confirm self-reported duties,
  add manual entries and send reminders; administrators edit the rules and close a year;
- a member sees their own record (any of their seats) and reports their own duties;
- the contact of a body tied to a sector or a special committee (界别+专委会) sees that sector's or
  committee's members and their records.
"""

from zhengxie.core import permissions as core
from zhengxie.core.choices import MemberStatus, Role
from zhengxie.core.models import Body
from zhengxie.core.org_settings import get_setting

RECORD_KEEPERS = (Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF, Role.ADMINISTRATOR)


def can_view_scores(user, organisation) -> bool:
    return core.is_staff_of(user, organisation)


def can_keep_records(user, organisation) -> bool:
    return core.has_role(user, organisation, *RECORD_KEEPERS)


def can_manage_rules(user, organisation) -> bool:
    return core.is_admin_of(user, organisation)


def _groups(user, organisation) -> tuple[frozenset, frozenset]:
    """(sector ids, committee ids) the user is a contact for in the organisation; cached per request."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return frozenset(), frozenset()

    def compute():
        body_ids = core.body_ids_of(user, organisation)
        rows = list(Body.objects.filter(pk__in=body_ids, organisation=organisation, is_active=True)
                    .values_list("sector_id", "committee_id")) if body_ids else []
        return frozenset(s for s, _c in rows if s), frozenset(c for _s, c in rows if c)

    return core.request_cached(user, "duties.groups", organisation.pk, compute)


def sector_ids_of(user, organisation) -> frozenset:
    return _groups(user, organisation)[0]


def committee_ids_of(user, organisation) -> frozenset:
    return _groups(user, organisation)[1]


def can_view_groups(user, organisation) -> bool:
    """The sector and committee pages: staff, or the contact of a sector or committee body."""
    return can_view_scores(user, organisation) or any(_groups(user, organisation))


def can_view_sector(user, organisation, sector_id: int) -> bool:
    return can_view_scores(user, organisation) or sector_id in sector_ids_of(user, organisation)


def can_view_committee(user, organisation, committee_id: int) -> bool:
    return can_view_scores(user, organisation) or committee_id in committee_ids_of(user, organisation)


def is_own_seat(user, member) -> bool:
    return bool(getattr(user, "person_id", None)) and member.person_id == user.person_id


def can_view_record(user, member) -> bool:
    organisation = member.organisation
    if is_own_seat(user, member) or can_view_scores(user, organisation):
        return True
    sectors, committees = _groups(user, organisation)
    return member.sector_id in sectors or (member.committee_id is not None and member.committee_id in committees)


def can_report(user, member) -> bool:
    """Report one's own duties and write one's own yearly self-report (an active seat)."""
    return is_own_seat(user, member) and member.status == MemberStatus.ACTIVE


def can_see_rank(user, member) -> bool:
    if can_view_scores(user, member.organisation):
        return True
    return is_own_seat(user, member) and get_setting(member.organisation, "duties.show_rank_to_members")
