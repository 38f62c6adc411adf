"""The bulletin's multi-step sign-off (拟稿 → 审核 → 签发, steps from the organisation's setting) and the 红头
template the information office edits, used by the Word and PDF."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.org_settings import setting_definition
from zhengxie.core.tests.factories import Role, staff_user
from zhengxie.opinions import bulletins, documents, signoff
from zhengxie.opinions.choices import BulletinStatus
from zhengxie.opinions.models import BulletinTransition

from .factories import edit, submit

pytestmark = pytest.mark.django_db
STEPS = ["研究室审核=研究室", "秘书长审核=领导"]


@pytest.fixture
def issue(world):
    world.county.settings = {**world.county.settings, "opinions.bulletin_review_steps": STEPS}
    world.county.save(update_fields=["settings"])
    office = world.county_info
    issue = bulletins.bulletin_create(actor=office, organisation=world.county)
    bulletins.bulletin_place(actor=office, bulletin=issue, reports=[edit(world, submit(world), "county")])
    return bulletins.bulletin_submit(actor=office, bulletin=issue)


def test_the_steps_are_taken_in_order_by_their_reviewers_never_by_the_drafter(world, issue):
    reviewer = staff_user(world.county, Role.INFORMATION_OFFICE, "county_info_chief")
    secretary = staff_user(world.county, Role.LEADER, "county_secretary")
    assert [s["name"] for s in issue.review_steps] == ["研究室审核", "秘书长审核"]
    with pytest.raises(DomainError) as early:
        bulletins.bulletin_sign_off(actor=world.county_leader, bulletin=issue)
    assert early.value.code == "review_pending"
    for who in (world.county_info, world.county_leader, world.county_member, world.city_info):
        with pytest.raises(NotAllowed):  # the drafter, the wrong role, another organisation
            signoff.bulletin_review(actor=who, bulletin=issue)
    issue = signoff.bulletin_review(actor=reviewer, bulletin=issue, comment="同意")
    with pytest.raises(NotAllowed):
        signoff.bulletin_review(actor=reviewer, bulletin=issue)  # the next step is a leader's
    issue = signoff.bulletin_review(actor=secretary, bulletin=issue, comment="同意报送")
    issue = bulletins.bulletin_sign_off(actor=world.county_leader, bulletin=issue)
    assert issue.status == BulletinStatus.SIGNED_OFF
    sheet = signoff.signoff_sheet(issue)
    assert [r["name"] for r in sheet] == ["拟稿", "研究室审核", "秘书长审核", "签发"]
    assert [r["entry"].actor for r in sheet] == [world.county_info, reviewer, secretary, world.county_leader]
    closing = documents._closing(issue)
    assert "研究室审核：county_info_chief" in closing[-1] and "签发：" in closing[-1]


def test_a_return_starts_the_review_again(world, issue, client_as):
    reviewer = staff_user(world.county, Role.INFORMATION_OFFICE, "county_info_chief")
    issue = signoff.bulletin_review(actor=reviewer, bulletin=issue)
    issue = bulletins.bulletin_return(actor=world.county_leader, bulletin=issue, reason="第二篇数据需核实")
    assert (issue.status, issue.review_step) == (BulletinStatus.DRAFT, 0)
    issue = bulletins.bulletin_submit(actor=world.county_info, bulletin=issue)
    page = client_as(reviewer, world.county).get(reverse("opinions:bulletin_detail", args=[issue.pk])).content.decode()
    assert reverse("opinions:bulletin_review", args=[issue.pk]) in page
    leader_page = client_as(world.county_leader).get(reverse("opinions:bulletin_detail", args=[issue.pk])).content.decode()
    assert reverse("opinions:bulletin_sign_off", args=[issue.pk]) not in leader_page
    client_as(reviewer, world.county).post(reverse("opinions:bulletin_review", args=[issue.pk]),
                                           {"version": issue.version, "comment": "同意"})
    assert BulletinTransition.objects.filter(bulletin=issue, action="review").count() == 2


def test_the_setting_refuses_an_unknown_reviewer():
    definition = setting_definition("opinions.bulletin_review_steps")
    assert definition.clean("审核=研究室\n签批=领导") == ["审核=研究室", "签批=领导"]
    with pytest.raises(ValidationError):
        definition.clean("审核=门卫")


def test_the_office_edits_the_red_head_and_the_documents_use_it(world, client_as, issue):
    url = reverse("opinions:bulletin_template")
    assert client_as(world.county_member).get(url).status_code == 403
    assert client_as(world.county_leader).get(url).status_code == 403
    office = client_as(world.county_info)
    assert office.get(url).status_code == 200
    bad = office.post(url, {"masthead": "社情民意", "masthead_colour": "red", "rule_colour": "#C00000",
                            "numbering": "{year}年第{nr}期"})
    assert bad.status_code == 200 and "#RRGGBB" in bad.content.decode()
    office.post(url, {"masthead": "秦州社情", "issuer": "秦州区政协研究室", "masthead_colour": "#a00000",
                      "rule_colour": "#0000aa", "numbering": "第{number}期（总第{serial}期）", "secrecy_mark": "内部参阅"})
    template = signoff.template_of(world.county)
    assert (template.masthead, template.masthead_colour) == ("秦州社情", "#A00000")
    assert signoff.template_of(world.city).pk is None  # the parent keeps the default
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(documents.bulletin_docx(issue, []))).paragraphs)
    assert "秦州社情" in text and f"第{issue.number}期（总第{issue.serial}期）" in text and "内部参阅" in text
    assert "秦州区政协研究室" in text
    assert documents.bulletin_pdf(issue, []).startswith(b"%PDF")
    assert "秦州社情" in documents.filename(issue, "pdf")
