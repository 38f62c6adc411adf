"""Submitting reports: who may, in whose name, the length cap, attachments; the conversion of a proposal."""

import pytest

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import attachments_of, bytes_upload
from zhengxie.core.models import AuditEntry, Notification
from zhengxie.core.services import organisation_settings_update
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.models import DutyEvent
from zhengxie.opinions import services
from zhengxie.opinions.choices import AuthorKind, ReportStatus
from zhengxie.opinions.models import Report
from zhengxie.opinions.text import count_characters

from .factories import climb, submit

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_a_member_submits_in_their_own_name(world):
    report = submit(world)
    assert report.status == ReportStatus.RECEIVED and report.origin_id == report.pk and report.depth == 0
    assert report.author_kind == AuthorKind.MEMBER and report.author_member == world.members["county_member"]
    assert report.original_text == report.text and report.original_title == report.title
    assert DutyEvent.objects.filter(member=world.members["county_member"], kind=DutyEventKind.OPINION_SUBMITTED).count() == 1
    assert Notification.objects.filter(recipient=world.county_info, code="opinions.report.received").count() == 1
    assert AuditEntry.objects.filter(action="opinions.report.submitted").count() == 1


def test_a_body_contact_submits_in_the_body_name(world):
    report = submit(world, "county_body")
    assert report.author_kind == AuthorKind.BODY and report.author_body == world.county_party
    assert report.author_name == world.county_party.name
    assert not DutyEvent.objects.exists()  # a body has no duty record


def test_a_body_contact_cannot_use_another_body(world):
    with pytest.raises(NotAllowed):
        submit(world, "county_body", body=world.county2_party)
    other = type(world.county_party).objects.create(organisation=world.county, name="九三学社秦州区委员会",
                                                    kind="party")
    with pytest.raises(NotAllowed):
        submit(world, "county_body", body=other)


def test_an_invited_informant_has_no_seat_but_submits(world):
    report = submit(world, "county_informant")
    assert report.author_kind == AuthorKind.INFORMANT and report.author_user == world.county_informant
    assert not DutyEvent.objects.exists()


def test_the_office_registers_a_paper_report_in_any_name(world):
    seat = world.members["county_member2"]
    for kwargs, kind in (({"member": seat}, AuthorKind.MEMBER), ({"body": world.county_party}, AuthorKind.BODY),
                         ({"as_organisation": True}, AuthorKind.ORGANISATION)):
        report = submit(world, "county_info", **kwargs)
        assert report.author_kind == kind and report.submitted_by == world.county_info
    assert Report.objects.get(author_member=seat).author_user == world.county_member2
    with pytest.raises(DomainError):
        submit(world, "county_info")  # the office must say in whose name


@pytest.mark.parametrize("who", ["county_proposal", "county_leader", "county_admin", "county_partygov", "county_unit"])
def test_others_cannot_submit(world, who):
    with pytest.raises(NotAllowed):
        submit(world, who)
    assert not Report.objects.exists()


def test_a_member_cannot_submit_for_another_member_or_organisation(world):
    with pytest.raises(NotAllowed):
        submit(world, member=world.members["county_member2"])
    with pytest.raises(NotAllowed):
        submit(world, member=world.members["county2_member"])
    with pytest.raises(NotAllowed):
        submit(world, as_organisation=True)


def test_the_length_cap_counts_characters_and_names_the_excess(world):
    at_cap = "字" * 1490 + "，2026年 GDP 增长3.5%"  # 1490 + ， + 2026 + 年 + GDP + 增长 (2) + 3.5% = 1497
    assert count_characters(at_cap) == 1497
    submit(world, text=at_cap)
    with pytest.raises(DomainError) as refused:
        submit(world, text="字" * 1501)
    assert refused.value.errors["text"].startswith("正文共1501字")
    assert "删减1字" in str(refused.value)


def test_the_length_cap_is_a_setting_inherited_from_above(world):
    organisation_settings_update(actor=world.city_sysadmin, organisation=world.city, values={"opinions.max_length": 200})
    with pytest.raises(DomainError):
        submit(world, text="字" * 201)
    submit(world, "province_member", text="字" * 201)  # the province keeps the default
    assert Report.objects.count() == 1


def test_title_text_and_category_are_checked_together(world):
    with pytest.raises(DomainError) as refused:
        submit(world, title=" ", text="", category="不存在的类别")
    assert set(refused.value.errors) == {"title", "text", "category"}


def test_attachments_are_checked_before_anything_is_written(world):
    with pytest.raises(DomainError):
        submit(world, uploads=[bytes_upload(PNG, "照片.png"), bytes_upload(b"MZ\x90\x00", "病毒.exe")])
    assert not Report.objects.exists()
    report = submit(world, uploads=[bytes_upload(PNG, "照片.png")])
    assert [a.original_name for a in attachments_of(report)] == ["照片.png"]


def test_attachments_travel_up_with_the_report(world):
    report = submit(world, uploads=[bytes_upload(PNG, "照片.png")])
    city = climb(world, report)
    copied = attachments_of(city).get()
    assert copied.organisation == world.city and copied.file.name == attachments_of(report).get().file.name


def test_the_author_adds_a_file_until_the_office_takes_the_report_up(world):
    report = submit(world)
    services.report_attach(actor=world.county_member, report=report, upload=bytes_upload(PNG, "a.png"))
    report = services.report_accept(actor=world.county_info, report=report)
    with pytest.raises(DomainError):
        services.report_attach(actor=world.county_member, report=report, upload=bytes_upload(PNG, "b.png"))
    services.report_attach(actor=world.county_info, report=report, upload=bytes_upload(PNG, "c.png"))
    with pytest.raises(NotAllowed):
        services.report_attach(actor=world.county_member2, report=report, upload=bytes_upload(PNG, "d.png"))
    assert attachments_of(report).count() == 2


def test_withdrawing_retracts_the_submission_duty_event(world):
    report = submit(world)
    services.report_withdraw(actor=world.county_member, report=report)
    assert not DutyEvent.objects.live().exists()


def test_editing_keeps_the_text_as_received(world):
    report = services.report_accept(actor=world.county_info, report=submit(world))
    edited = services.report_edit(actor=world.county_info, report=report, title="新标题", text="新的正文。",
                                  category="教育", note="压缩篇幅")
    edited.refresh_from_db()
    assert (edited.title, edited.text, edited.category) == ("新标题", "新的正文。", "教育")
    assert edited.original_title == report.original_title and edited.original_text == report.original_text
    assert edited.transitions.last().comment == "压缩篇幅"


def test_not_used_tells_the_author_why(world):
    report = submit(world)
    services.report_not_use(actor=world.county_info, report=report, reason="与第3期内容重复")
    note = Notification.objects.get(recipient=world.county_member, code="opinions.report.not_used")
    assert "与第3期内容重复" in note.body


def test_not_used_above_tells_the_office_below(world):
    city = climb(world, submit(world))
    services.report_not_use(actor=world.city_info, report=city, reason="已有同类信息")
    assert Notification.objects.filter(recipient=world.county_info, code="opinions.report.not_used").exists()
    assert not Notification.objects.filter(recipient=world.county_member, code="opinions.report.not_used").exists()


# --- conversion of a proposal (the proposals app calls this) ---------------------------------------------------------


def stand_in(world, *, body=None, **content):
    """A county proposal as the proposals app makes it: a member's, or a party's collective one."""
    from zhengxie.proposals.tests.helpers import draft

    content = {"title": "关于加快老旧小区改造的提案", "background": "老旧小区设施陈旧。",
               "suggestions": "一是加大投入；二是引入社会资本。", **content}
    return draft(world, "county_body" if body else "county_member", org="county", body=body, **content)


def test_a_proposal_becomes_a_received_report_linked_back(world):
    proposal = stand_in(world)
    report = services.report_create_from_proposal(actor=world.county_proposal, proposal=proposal)
    assert report.status == ReportStatus.RECEIVED and report.organisation == world.county
    assert report.title == "关于加快老旧小区改造的建议"  # a report is no proposal
    assert report.category == "城乡建设"  # the category the text is about, not 其他
    assert "老旧小区设施陈旧。" in report.text and "二是引入社会资本。" in report.text
    assert report.author_member == world.members["county_member"] and report.author_user == world.county_member
    assert report.converted_from == proposal
    assert "字数上限" in report.transitions.get().comment or "length cap" in report.transitions.get().comment


def test_the_report_page_links_back_to_the_proposal(world, client_as):
    proposal = stand_in(world)
    report = services.report_create_from_proposal(actor=world.county_proposal, proposal=proposal)
    page = client_as(world.county_info).get(f"/opinions/{report.pk}/").content.decode()
    assert "转自提案" in page and proposal.title in page
    assert not DutyEvent.objects.filter(kind=DutyEventKind.OPINION_SUBMITTED).exists()


def test_a_converted_proposal_is_not_held_to_the_length_cap(world):
    report = services.report_create_from_proposal(actor=world.county_proposal,
                                                  proposal=stand_in(world, suggestions="字" * 3000))
    assert count_characters(report.text) > 3000


def test_converting_twice_gives_the_same_report(world):
    proposal = stand_in(world)
    first = services.report_create_from_proposal(actor=world.county_proposal, proposal=proposal)
    again = services.report_create_from_proposal(actor=world.county_info, proposal=proposal)
    assert first.pk == again.pk and Report.objects.count() == 1


def test_a_collective_proposal_keeps_its_body(world):
    report = services.report_create_from_proposal(
        actor=world.county_proposal, proposal=stand_in(world, body="county_party"))
    assert report.author_kind == AuthorKind.BODY and report.author_body == world.county_party


@pytest.mark.parametrize("who", ["county_member", "county_leader", "city_proposal", "county2_proposal"])
def test_only_the_offices_of_the_organisation_convert(world, who):
    with pytest.raises(NotAllowed):
        services.report_create_from_proposal(actor=world.users[who], proposal=stand_in(world))
