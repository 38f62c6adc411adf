"""Who may do what with public-opinion reports, as small predicates reused by views, the API and templates.

Reports are internal: the author sees their own; the information office (and the leaders who sign off) see their
organisation's records; a parent organisation sees only the records forwarded to it, which are its own rows.
Nobody else sees any."""

from zhengxie.core import permissions as core
from zhengxie.core.choices import Role


def is_information_office(user, organisation) -> bool:
    return core.has_role(user, organisation, Role.INFORMATION_OFFICE)


def is_leader(user, organisation) -> bool:
    return core.has_role(user, organisation, Role.LEADER)


def sees_all_reports(user, organisation) -> bool:
    """The information office handles the organisation's reports; its leaders sign them off."""
    return core.has_role(user, organisation, Role.INFORMATION_OFFICE, Role.LEADER)


def can_submit(user, organisation) -> bool:
    """Members, contacts of bodies, invited informants; the office registers reports received on paper."""
    return core.has_role(user, organisation, Role.MEMBER, Role.BODY_CONTACT, Role.INFORMANT, Role.INFORMATION_OFFICE)


def can_use_reports(user, organisation) -> bool:
    """Whether the opinions section is shown at all."""
    return can_submit(user, organisation) or sees_all_reports(user, organisation)


def is_author(user, report) -> bool:
    """The author of the report's first record: the member, a contact of the body, the informant."""
    if report.depth != 0 or not getattr(user, "is_authenticated", False):
        return False
    if report.author_user_id == user.pk:
        return True
    if report.author_member_id and user.person_id and report.author_member.person_id == user.person_id:
        return True
    if report.author_body_id:
        return report.author_body_id in core.body_ids_of(user, report.organisation)
    return False


def can_handle_report(user, report) -> bool:
    return is_information_office(user, report.organisation)


def can_view_bulletins(user, organisation) -> bool:
    return sees_all_reports(user, organisation)


def can_compile_bulletin(user, bulletin) -> bool:
    return is_information_office(user, bulletin.organisation)


def can_sign_off(user, bulletin) -> bool:
    return is_leader(user, bulletin.organisation)


def current_review_step(bulletin) -> dict | None:
    """The review step (名称, role) the pending issue waits for, or None when only 签发 is left."""
    steps = bulletin.review_steps or []
    if bulletin.status != "pending" or bulletin.review_step >= len(steps):
        return None
    return steps[bulletin.review_step]


def submitter_of(bulletin):
    """Who submitted the issue (拟稿) in its current round."""
    row = bulletin.transitions.filter(action="submit").order_by("-created_at", "-pk").first()
    return row.actor_id if row else None


def can_review_bulletin(user, bulletin) -> bool:
    """The reviewer of the step the issue waits for: the step's role, never the one who submitted it."""
    step = current_review_step(bulletin)
    if step is None or not core.has_role(user, bulletin.organisation, step["role"]):
        return False
    return submitter_of(bulletin) != user.pk


def can_edit_bulletin_template(user, organisation) -> bool:
    """The 红头 template: the information office edits its own."""
    return is_information_office(user, organisation)


def can_view_figures(user, organisation) -> bool:
    return sees_all_reports(user, organisation)


def can_convert_proposal(user, organisation) -> bool:
    """The proposal office converts a proposal (with the proposer's consent); the information office may too."""
    return core.has_role(user, organisation, Role.PROPOSAL_OFFICE, Role.INFORMATION_OFFICE)
