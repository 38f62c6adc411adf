"""The demo data: every state of the workflow, reports that climbed two levels and came back with instructions,
numbering per year, and the duty events the feedback earned."""

import pytest

from zhengxie.core.models import Notification, Organisation, User
from zhengxie.duties.models import DutyEvent
from zhengxie.opinions.choices import BulletinStatus, ReportStatus
from zhengxie.opinions.models import BulletinIssue, Instruction, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(county_demo):
    """The county demo, seeded once for every app's demo tests (conftest.py)."""


def test_every_state_is_in_the_demo(demo):
    assert set(Report.objects.values_list("status", flat=True)) == set(ReportStatus.values)
    assert set(BulletinIssue.objects.values_list("status", flat=True)) == set(BulletinStatus.values)


def test_reports_climbed_two_levels_and_came_back_with_instructions(demo):
    top = Report.objects.filter(depth=2, status=ReportStatus.PUBLISHED)
    assert top.exists()
    instructed = Instruction.objects.filter(origin__in=top.values("origin_id"), report__depth=2)
    assert instructed.exists()
    member = User.objects.get(username="qz_member")
    origin = Report.objects.get(pk=instructed.filter(origin__author_user=member).first().origin_id)
    assert origin.organisation.short_name == "秦州区政协"
    assert Notification.objects.filter(recipient=member, code="opinions.report.instruction").exists()
    assert DutyEvent.objects.filter(member=origin.author_member, kind="opinion_instructed_province").exists()


def test_issues_are_numbered_per_year_without_gaps(demo):
    for org in Organisation.objects.all():
        for year in BulletinIssue.objects.filter(organisation=org).values_list("year", flat=True).distinct():
            numbers = sorted(BulletinIssue.objects.filter(organisation=org, year=year).values_list("number", flat=True))
            assert numbers == list(range(1, len(numbers) + 1))


def test_every_chain_is_consistent(demo):
    for report in Report.objects.filter(depth__gt=0).select_related("source", "organisation", "source__organisation"):
        assert report.source.organisation.parent == report.organisation
        assert report.origin_id == report.source.origin_id
        assert report.source.forwarded_at is not None and report.source.status == ReportStatus.PUBLISHED
