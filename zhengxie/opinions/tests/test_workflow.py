"""Every transition of a report and of a bulletin issue: allowed from its states, refused from the others, refused
to the wrong role and to another organisation."""

import pytest
from django.utils import timezone

from zhengxie.core.exceptions import ConcurrentChange, DomainError, InvalidTransition, NotAllowed
from zhengxie.opinions import bulletins, feedback, services, signoff
from zhengxie.opinions.choices import BulletinStatus, ReportStatus
from zhengxie.opinions.models import BulletinIssue, Report
from zhengxie.opinions.workflow import BULLETIN_WORKFLOW, REPORT_WORKFLOW

from .factories import edit, publish, submit

pytestmark = pytest.mark.django_db
S = ReportStatus


def in_state(world, state: str) -> Report:
    """A county member's report brought to ``state`` through the services."""
    office = world.county_info
    report = submit(world)
    if state == S.RECEIVED:
        return report
    if state == S.WITHDRAWN:
        return services.report_withdraw(actor=world.county_member, report=report)
    if state == S.NOT_USED:
        return services.report_not_use(actor=office, report=report, reason="重复")
    if state == S.ACCEPTED:
        return services.report_accept(actor=office, report=report)
    if state == S.EDITED:
        return edit(world, report, "county")
    if state == S.IN_BULLETIN:
        report = edit(world, report, "county")
        issue = bulletins.bulletin_create(actor=office, organisation=world.county)
        bulletins.bulletin_place(actor=office, bulletin=issue, reports=[report])
        return Report.objects.get(pk=report.pk)
    return publish(world, report)


ACTIONS = {
    "amend": lambda w, r: services.report_amend(actor=w.county_member, report=r, title="新标题", text="新正文",
                                                category="教育"),
    "withdraw": lambda w, r: services.report_withdraw(actor=w.county_member, report=r),
    "accept": lambda w, r: services.report_accept(actor=w.county_info, report=r),
    "not_use": lambda w, r: services.report_not_use(actor=w.county_info, report=r, reason="重复"),
    "reopen": lambda w, r: services.report_reopen(actor=w.county_info, report=r),
    "edit": lambda w, r: services.report_edit(actor=w.county_info, report=r, title=r.title, text=r.text + "补充。",
                                              category=r.category),
    "forward": lambda w, r: services.report_forward(actor=w.county_info, report=r),
    "record_feedback": lambda w, r: feedback.instruction_record(actor=w.county_info, report=r, leader_name="李",
                                                                level="county", text="阅",
                                                                instructed_on=timezone.localdate()),
}
STATES = [S.RECEIVED, S.ACCEPTED, S.NOT_USED, S.EDITED, S.IN_BULLETIN, S.PUBLISHED, S.WITHDRAWN]


def _allowed(action: str, state: str) -> bool:
    if action == "edit":  # editing a report in a draft issue is the "revise" transition
        return REPORT_WORKFLOW.can("edit", state) or REPORT_WORKFLOW.can("revise", state)
    return REPORT_WORKFLOW.can(action, state)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_report_transition_allowed_only_from_its_states(world, action, state):
    report = in_state(world, state)
    if _allowed(action, state):
        ACTIONS[action](world, report)
    else:
        with pytest.raises(InvalidTransition):
            ACTIONS[action](world, report)


def test_every_state_is_reachable_and_covered():
    assert set(STATES) == set(ReportStatus.values) == REPORT_WORKFLOW.states() - {""}


OTHERS = ["county_member", "county_member2", "county_proposal", "county_leader", "county_admin", "county_body",
          "county_informant", "city_info", "county2_info", "province_info"]


@pytest.mark.parametrize("action", ["accept", "not_use", "edit", "forward", "record_feedback"])
def test_office_actions_refused_to_everyone_but_the_office(world, action):
    report = in_state(world, {"accept": S.RECEIVED, "not_use": S.RECEIVED, "edit": S.ACCEPTED}.get(action, S.PUBLISHED))
    calls = {"accept": lambda u: services.report_accept(actor=u, report=report),
             "not_use": lambda u: services.report_not_use(actor=u, report=report, reason="x"),
             "edit": lambda u: services.report_edit(actor=u, report=report, title="t", text="x", category="教育"),
             "forward": lambda u: services.report_forward(actor=u, report=report),
             "record_feedback": lambda u: feedback.instruction_record(
                 actor=u, report=report, leader_name="李", level="county", text="阅", instructed_on=timezone.localdate())}
    for who in OTHERS:
        with pytest.raises(NotAllowed):
            calls[action](world.users[who])
    assert Report.objects.get(pk=report.pk).status == report.status
    calls[action](world.county_info)


def test_only_the_author_amends_or_withdraws(world):
    report = in_state(world, S.RECEIVED)
    for who in ["county_member2", "county_info", "county2_member", "city_member", "county_body"]:
        with pytest.raises(NotAllowed):
            services.report_withdraw(actor=world.users[who], report=report)
        with pytest.raises(NotAllowed):
            services.report_amend(actor=world.users[who], report=report, title="t", text="x", category="教育")
    assert services.report_withdraw(actor=world.county_member, report=report).status == S.WITHDRAWN


def test_a_stale_version_is_refused(world):
    report = in_state(world, S.RECEIVED)
    services.report_amend(actor=world.county_member, report=report, title="改过", text=report.text, category="教育",
                          version=report.version)
    with pytest.raises(ConcurrentChange):
        services.report_accept(actor=world.county_info, report=report, version=report.version)


def test_not_used_needs_a_reason(world):
    report = in_state(world, S.RECEIVED)
    with pytest.raises(DomainError) as refused:
        services.report_not_use(actor=world.county_info, report=report, reason="  ")
    assert "reason" in refused.value.errors


def test_a_report_in_an_issue_sent_for_sign_off_cannot_be_edited(world):
    report = in_state(world, S.IN_BULLETIN)
    bulletins.bulletin_submit(actor=world.county_info, bulletin=report.bulletin)
    with pytest.raises(DomainError):
        ACTIONS["edit"](world, Report.objects.get(pk=report.pk))


# --- bulletin issues --------------------------------------------------------------------------------------------------


def issue_in(world, status: str) -> BulletinIssue:
    office, leader = world.county_info, world.county_leader
    issue = bulletins.bulletin_create(actor=office, organisation=world.county)
    if status == BulletinStatus.DRAFT:
        return issue
    report = edit(world, submit(world), "county")
    bulletins.bulletin_place(actor=office, bulletin=issue, reports=[report])
    issue = bulletins.bulletin_submit(actor=office, bulletin=issue)
    if status == BulletinStatus.PENDING:
        return issue
    issue = bulletins.bulletin_sign_off(actor=leader, bulletin=issue)
    if status == BulletinStatus.SIGNED_OFF:
        return issue
    return bulletins.bulletin_send(actor=office, bulletin=issue, recipients=["中共秦州区委员会"])


BULLETIN_ACTIONS = {
    "compose": lambda w, b: bulletins.bulletin_place(actor=w.county_info, bulletin=b,
                                                     reports=[edit(w, submit(w), "county")]),
    "submit": lambda w, b: bulletins.bulletin_submit(actor=w.county_info, bulletin=b),
    "return": lambda w, b: bulletins.bulletin_return(actor=w.county_leader, bulletin=b, reason="请补充"),
    # with no review step in the setting, nothing waits for a review (the steps: test_signoff.py)
    "review": lambda w, b: signoff.bulletin_review(actor=w.county_info, bulletin=b),
    "sign_off": lambda w, b: bulletins.bulletin_sign_off(actor=w.county_leader, bulletin=b),
    "send": lambda w, b: bulletins.bulletin_send(actor=w.county_info, bulletin=b, recipients=["区政府"]),
}


@pytest.mark.parametrize("status", BulletinStatus.values)
@pytest.mark.parametrize("action", list(BULLETIN_ACTIONS))
def test_bulletin_transition_allowed_only_from_its_states(world, action, status):
    issue = issue_in(world, status)
    if action == "submit" and status == BulletinStatus.DRAFT:
        BULLETIN_ACTIONS["compose"](world, issue)  # an empty issue cannot go for sign-off
        issue.refresh_from_db()
    if action == "review":
        with pytest.raises(DomainError):
            BULLETIN_ACTIONS[action](world, issue)
    elif BULLETIN_WORKFLOW.can(action, status):
        BULLETIN_ACTIONS[action](world, issue)
    else:
        with pytest.raises(InvalidTransition):
            BULLETIN_ACTIONS[action](world, issue)


def test_only_a_leader_of_the_organisation_signs_off(world):
    issue = issue_in(world, BulletinStatus.PENDING)
    for who in ["county_info", "county_member", "county_proposal", "city_leader", "county2_leader"]:
        with pytest.raises(NotAllowed):
            bulletins.bulletin_sign_off(actor=world.users[who], bulletin=issue)
        with pytest.raises(NotAllowed):
            bulletins.bulletin_return(actor=world.users[who], bulletin=issue, reason="x")
    assert bulletins.bulletin_sign_off(actor=world.county_leader, bulletin=issue).status == BulletinStatus.SIGNED_OFF


def test_only_the_office_compiles_and_sends(world):
    draft = issue_in(world, BulletinStatus.DRAFT)
    signed = issue_in(world, BulletinStatus.SIGNED_OFF)
    report = edit(world, submit(world), "county")
    for who in ["county_leader", "county_member", "county_proposal", "city_info", "county2_info"]:
        user = world.users[who]
        with pytest.raises(NotAllowed):
            bulletins.bulletin_create(actor=user, organisation=world.county)
        with pytest.raises(NotAllowed):
            bulletins.bulletin_place(actor=user, bulletin=draft, reports=[report])
        with pytest.raises(NotAllowed):
            bulletins.bulletin_submit(actor=user, bulletin=draft)
        with pytest.raises(NotAllowed):
            bulletins.bulletin_send(actor=user, bulletin=signed, recipients=["区政府"])
    assert bulletins.bulletin_send(actor=world.county_info, bulletin=signed, recipients=["区政府"]).recipients == ["区政府"]


def test_sign_off_publishes_and_adopts_each_report(world, django_capture_on_commit_callbacks):
    office = world.county_info
    reports = [edit(world, submit(world, title=f"标题{i}"), "county") for i in range(3)]
    issue = bulletins.bulletin_create(actor=office, organisation=world.county)
    bulletins.bulletin_place(actor=office, bulletin=issue, reports=reports)
    bulletins.bulletin_submit(actor=office, bulletin=issue)
    with django_capture_on_commit_callbacks(execute=True):
        bulletins.bulletin_sign_off(actor=world.county_leader, bulletin=issue)
    published = Report.objects.filter(bulletin=issue)
    assert {r.status for r in published} == {S.PUBLISHED}
    assert [r.bulletin_position for r in published.order_by("bulletin_position")] == [1, 2, 3]
    assert all(r.adoptions.filter(kind="local", level="county").exists() for r in published)


def test_returned_issue_goes_back_to_draft_with_the_reason(world):
    issue = issue_in(world, BulletinStatus.PENDING)
    bulletins.bulletin_return(actor=world.county_leader, bulletin=issue, reason="第二篇需压缩")
    issue.refresh_from_db()
    assert issue.status == BulletinStatus.DRAFT
    assert issue.transitions.last().comment == "第二篇需压缩"


def test_placing_a_report_of_another_organisation_is_refused(world):
    issue = bulletins.bulletin_create(actor=world.county_info, organisation=world.county)
    other = edit(world, submit(world, "county2_member"), "county2")
    with pytest.raises(NotAllowed):
        bulletins.bulletin_place(actor=world.county_info, bulletin=issue, reports=[other])
    assert Report.objects.get(pk=other.pk).bulletin_id is None


def test_numbers_run_per_year_and_in_total(world):
    office = world.county_info
    first = bulletins.bulletin_create(actor=office, organisation=world.county)
    second = bulletins.bulletin_create(actor=office, organisation=world.county)
    other = bulletins.bulletin_create(actor=world.county2_info, organisation=world.county2)
    year = timezone.localdate().year
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert second.label == f"{year}年第2期" and second.serial == 2
    BulletinIssue.objects.filter(pk__in=[first.pk, second.pk]).update(year=year - 1)
    third = bulletins.bulletin_create(actor=office, organisation=world.county)
    assert (third.number, third.serial) == (1, 3)


def test_only_the_latest_empty_draft_can_be_deleted(world):
    office = world.county_info
    first = bulletins.bulletin_create(actor=office, organisation=world.county)
    second = bulletins.bulletin_create(actor=office, organisation=world.county)
    with pytest.raises(DomainError):
        bulletins.bulletin_delete(actor=office, bulletin=first)
    bulletins.bulletin_place(actor=office, bulletin=second, reports=[edit(world, submit(world), "county")])
    with pytest.raises(DomainError):
        bulletins.bulletin_delete(actor=office, bulletin=second)
    report = second.reports.get()
    bulletins.bulletin_unplace(actor=office, bulletin=second, report=report)
    bulletins.bulletin_delete(actor=office, bulletin=second)
    assert not BulletinIssue.objects.filter(pk=second.pk).exists()
    assert Report.objects.get(pk=report.pk).status == S.EDITED


def test_move_reorders_the_contents(world):
    office = world.county_info
    reports = [edit(world, submit(world, title=f"标题{i}"), "county") for i in range(3)]
    issue = bulletins.bulletin_create(actor=office, organisation=world.county)
    bulletins.bulletin_place(actor=office, bulletin=issue, reports=reports)
    bulletins.bulletin_move(actor=office, bulletin=issue, report=reports[2], offset=-1)
    order = list(issue.reports.order_by("bulletin_position").values_list("title", flat=True))
    assert order == ["标题0", "标题2", "标题1"]
