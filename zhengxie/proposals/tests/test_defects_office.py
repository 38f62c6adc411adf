"""Defects found walking the journeys (issue: the daily work done properly): each test failed before its fix."""

from zhengxie.proposals import services
from zhengxie.proposals.choices import ProposalStatus
from zhengxie.proposals.models import Proposal, ProposalEvent

from .helpers import CONTENT, draft, fresh


def test_a_draft_can_be_deleted_from_its_page(world, client_as):
    proposal = draft(world)
    client = client_as(world.city_member)
    page = client.get(f"/proposals/{proposal.pk}/edit/").content.decode()
    assert f'action="/proposals/{proposal.pk}/delete/"' in page and "data-confirm" in page
    detail = client.get(f"/proposals/{proposal.pk}/").content.decode()
    assert f'/proposals/{proposal.pk}/delete/' in detail
    response = client.post(f"/proposals/{proposal.pk}/delete/")
    assert response.status_code == 302 and not Proposal.objects.filter(pk=proposal.pk).exists()


def test_an_empty_submit_creates_no_draft_and_marks_each_missing_field_once(world, client_as):
    client = client_as(world.city_member)
    before = Proposal.objects.count()
    response = client.post("/proposals/new/", {"draft_key": "k1", "submit": "1", "title": "", "category": "",
                                               "background": "", "suggestions": ""})
    assert response.status_code == 400 and Proposal.objects.count() == before
    body = response.content.decode()
    assert "（无标题草稿）" not in body
    assert body.count("请填写提案标题") == 1  # beside the field, not again in a banner and a message
    assert 'id="id_title"' in body and 'aria-invalid="true"' in body


def test_an_incomplete_submit_keeps_the_text_and_highlights_the_fields(world, client_as):
    proposal = draft(world, suggestions="")
    client = client_as(world.city_member)
    response = client.post(f"/proposals/{proposal.pk}/edit/", {
        **CONTENT, "suggestions": "", "background": "新的案由文字", "version": proposal.version, "submit": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "新的案由文字" in body and body.count("请填写建议") == 1 and 'aria-invalid="true"' in body
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.DRAFT and proposal.background == "新的案由文字"


def test_the_end_of_cosigning_is_not_credited_to_a_cosigner_who_declined(world):
    proposal = draft(world, cosigners=["city_member2"])
    services.proposal_submit(actor=world.city_member, proposal=proposal)
    services.proposal_cosign(actor=world.city_member2, proposal=fresh(proposal), agree=False)
    event = ProposalEvent.objects.get(proposal=proposal, action="close_cosigning")
    assert event.actor_id is None
    assert fresh(proposal).status == ProposalStatus.SUBMITTED


def test_a_converted_proposal_links_to_its_report_titled_and_filed_as_a_report(world, client_as):
    from .helpers import reviewing

    proposal = reviewing(world, title="关于加强农村中小学教师队伍建设的提案", category="社会建设",
                         background="我市农村学校教师流失严重，教育质量不高。", suggestions="提高农村教师待遇，改善教育条件。")
    services.proposal_propose_conversion(actor=world.city_proposal, proposal=proposal, target="opinion", comment="宜作社情民意。")
    report = services.proposal_answer_conversion(actor=world.city_member, proposal=fresh(proposal), agree=True)
    assert report.title == "关于加强农村中小学教师队伍建设的建议"
    assert report.category == "教育"
    page = client_as(world.city_member).get(f"/proposals/{proposal.pk}/").content.decode()
    assert f'href="/opinions/{report.pk}/"' in page
