"""立: pre-review, registration and its numbers, batch registration, rejection, merging, returns, conversions, and
member letters."""


import pytest

from zhengxie.core.exceptions import DomainError, InvalidTransition, NotAllowed
from zhengxie.core.models import Notification
from zhengxie.duties.models import DutyEvent
from zhengxie.proposals import services
from zhengxie.proposals.choices import LetterStatus, ProposalStatus, RejectionGround
from zhengxie.proposals.models import MemberLetter, Proposal
from zhengxie.proposals.services.common import chinese_numeral

from .helpers import draft, fresh, registered, reviewing, submitted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n, text", [(1, "一"), (8, "八"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")])
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


def test_prereview_then_register_gives_the_session_number(world):
    proposal = submitted(world)
    services.proposal_prereview(actor=world.city_proposal, proposal=proposal)
    assert fresh(proposal).status == ProposalStatus.REVIEWING
    services.proposal_register(actor=world.city_proposal, proposal=fresh(proposal))
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.REGISTERED
    assert (proposal.number, proposal.number_label) == (1, "八届五次第0001号")
    assert Notification.objects.filter(recipient=world.city_member, code="proposals.registered").exists()
    assert DutyEvent.objects.get(kind="proposal_registered", member=world.members["city_member"]).attributes["role"] == "first"
    second = registered(world, author="city_member2")
    assert second.number_label == "八届五次第0002号"


def test_the_number_format_is_a_setting(world):
    world.city.settings["proposals.number_format"] = "{year}年第{number:03d}号（{term_no}-{session_no}）"
    world.city.save()
    proposal = registered(world)
    assert proposal.number_label == f"{proposal.session.year}年第001号（8-5）"


def test_an_invalid_number_format_is_refused_and_nothing_is_numbered(world):
    world.city.settings["proposals.number_format"] = "第{numero}号"
    world.city.save()
    proposal = reviewing(world)
    with pytest.raises(DomainError):
        services.proposal_register(actor=world.city_proposal, proposal=proposal)
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.REVIEWING and proposal.number is None


def test_register_only_after_prereview(world):
    proposal = submitted(world)
    with pytest.raises(InvalidTransition):
        services.proposal_register(actor=world.city_proposal, proposal=proposal)


@pytest.mark.parametrize("user", ["city_member", "city_unit", "city_leader", "city_admin", "county_proposal", "province_proposal"])
def test_only_the_organisations_proposal_office_reviews(world, user):
    proposal = submitted(world)
    with pytest.raises(NotAllowed):
        services.proposal_prereview(actor=world.users[user], proposal=proposal)
    services.proposal_prereview(actor=world.city_proposal, proposal=proposal)
    with pytest.raises(NotAllowed):
        services.proposal_register(actor=world.users[user], proposal=fresh(proposal))


def test_batch_register_numbers_in_submission_order_and_reports_failures(world):
    proposals = [reviewing(world, title=f"关于县域经济发展的第{i}条建议") for i in range(5)]
    stale = submitted(world, author="city_member2")  # still waiting for pre-review
    other_org = reviewing(world, author="county_member", org="county")
    result = services.proposals_register_batch(actor=world.city_proposal, organisation=world.city,
                                               ids=[p.pk for p in proposals] + [stale.pk, other_org.pk])
    assert [p.pk for p in result.done] == [p.pk for p in proposals]
    assert [p.pk for p, _message in result.failed] == [stale.pk]
    assert [fresh(p).number for p in proposals] == [1, 2, 3, 4, 5]
    assert fresh(other_org).status == ProposalStatus.REVIEWING


def test_batch_prereview(world):
    proposals = [submitted(world) for _ in range(3)]
    result = services.proposals_prereview_batch(actor=world.city_proposal, organisation=world.city,
                                                ids=[p.pk for p in proposals])
    assert len(result.done) == 3
    with pytest.raises(NotAllowed):
        services.proposals_prereview_batch(actor=world.city_member, organisation=world.city, ids=[])


def test_reject_needs_a_listed_ground_and_an_explanation(world):
    proposal = reviewing(world)
    with pytest.raises(DomainError):
        services.proposal_reject(actor=world.city_proposal, proposal=proposal, ground="dislike", comment="不好")
    with pytest.raises(DomainError):
        services.proposal_reject(actor=world.city_proposal, proposal=proposal, ground=RejectionGround.PERSONAL, comment=" ")
    services.proposal_reject(actor=world.city_proposal, proposal=proposal, ground=RejectionGround.PERSONAL,
                             comment="所提事项属个人事务，建议通过信访渠道反映。")
    proposal = fresh(proposal)
    assert (proposal.status, proposal.rejection_ground) == (ProposalStatus.REJECTED, "personal")
    assert Notification.objects.filter(recipient=world.city_member, code="proposals.rejected").exists()
    with pytest.raises(InvalidTransition):
        services.proposal_register(actor=world.city_proposal, proposal=proposal)


def test_return_for_revision_and_resubmit(world):
    proposal = submitted(world)
    with pytest.raises(DomainError):
        services.proposal_return(actor=world.city_proposal, proposal=proposal, comment="")
    services.proposal_return(actor=world.city_proposal, proposal=proposal, comment="请补充具体建议。")
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.RETURNED
    services.proposal_save(actor=world.city_member, proposal=proposal, data={"suggestions": "一是……；二是……；三是……。"})
    services.proposal_submit(actor=world.city_member, proposal=fresh(proposal))
    assert fresh(proposal).status == ProposalStatus.SUBMITTED


def test_merge_keeps_every_proposer_and_links_both_ways(world):
    target = reviewing(world, author="city_member")
    merged = reviewing(world, author="city_member2", cosigners=["city_member3"])
    services.proposal_merge(actor=world.city_proposal, proposal=merged, target=target, comment="内容相近，并案办理。")
    merged, target = fresh(merged), fresh(target)
    assert merged.status == ProposalStatus.MERGED and merged.merged_into == target
    assert set(target.signers.values_list("member__person__user__username", flat=True)) == {
        "city_member", "city_member2", "city_member3"}
    assert target.events.filter(action="absorb").exists()
    # the merged proposers see the target once it is registered, and are credited with their own proposal
    services.proposal_register(actor=world.city_proposal, proposal=target)
    from zhengxie.proposals.selectors import mine

    assert fresh(target) in mine(world.city_member3, world.city)
    credited = DutyEvent.objects.filter(kind="proposal_registered", source_id=str(merged.pk))
    assert {e.member.person.user.username for e in credited} == {"city_member2", "city_member3"}


def test_merge_refuses_an_unsuitable_target(world):
    proposal = reviewing(world)
    rejected = reviewing(world, author="city_member2")
    services.proposal_reject(actor=world.city_proposal, proposal=rejected, ground="empty", comment="内容空泛。")
    with pytest.raises(DomainError):
        services.proposal_merge(actor=world.city_proposal, proposal=proposal, target=fresh(rejected))
    with pytest.raises(DomainError):
        services.proposal_merge(actor=world.city_proposal, proposal=proposal, target=proposal)
    county = reviewing(world, author="county_member", org="county")
    with pytest.raises(NotAllowed):
        services.proposal_merge(actor=world.city_proposal, proposal=proposal, target=county)


def test_conversion_to_a_member_letter_needs_the_proposers_consent(world):
    proposal = reviewing(world)
    services.proposal_propose_conversion(actor=world.city_proposal, proposal=proposal, target="letter",
                                         comment="所提问题具体，宜作为委员来信转有关部门办理。")
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.CONVERSION_PENDING
    with pytest.raises(NotAllowed):
        services.proposal_answer_conversion(actor=world.city_member2, proposal=proposal, agree=True)
    letter = services.proposal_answer_conversion(actor=world.city_member, proposal=proposal, agree=True)
    assert isinstance(letter, MemberLetter) and fresh(proposal).status == ProposalStatus.CONVERTED
    assert letter.title == proposal.title and proposal.suggestions in letter.content


def test_refusing_the_conversion_returns_it_to_review(world):
    proposal = reviewing(world)
    services.proposal_propose_conversion(actor=world.city_proposal, proposal=proposal, target="letter", comment="宜转来信。")
    services.proposal_answer_conversion(actor=world.city_member, proposal=fresh(proposal), agree=False)
    assert fresh(proposal).status == ProposalStatus.REVIEWING


def test_conversion_to_an_opinion_report(world):
    proposal = reviewing(world)
    services.proposal_propose_conversion(actor=world.city_proposal, proposal=proposal, target="opinion", comment="宜作社情民意。")
    report = services.proposal_answer_conversion(actor=world.city_member, proposal=fresh(proposal), agree=True)
    assert fresh(proposal).status == ProposalStatus.CONVERTED
    assert report.pk is not None and report.organisation == world.city
    assert report.title == proposal.title.replace("的提案", "的建议") and report.author_member == proposal.first_proposer


def test_member_letter_forwarded_and_answered(world):
    proposal = reviewing(world)
    services.proposal_propose_conversion(actor=world.city_proposal, proposal=proposal, target="letter", comment="宜转来信。")
    letter = services.proposal_answer_conversion(actor=world.city_member, proposal=fresh(proposal), agree=True)
    with pytest.raises(NotAllowed):
        services.letter_forward(actor=world.city_unit, letter=letter, unit=world.city_unit0)
    services.letter_forward(actor=world.city_proposal, letter=letter, unit=world.city_unit0, note="请研究答复。")
    letter = MemberLetter.objects.get(pk=letter.pk)
    with pytest.raises(NotAllowed):
        services.letter_answer(actor=world.city_unit2, letter=letter, answer="答复")  # another unit
    services.letter_answer(actor=world.city_unit, letter=letter, answer="已安排专项资金解决。")
    letter = MemberLetter.objects.get(pk=letter.pk)
    assert letter.status == LetterStatus.ANSWERED
    assert Notification.objects.filter(recipient=world.city_member, code="proposals.letter_answered").exists()


def test_drafts_numbers_never_repeat_across_sessions(world):
    first = registered(world)
    session = first.session
    from zhengxie.core.tests.factories import SessionFactory

    later = SessionFactory(term=session.term, number=6)
    proposal = reviewing(world, author="city_member2")
    Proposal.objects.filter(pk=proposal.pk).update(session=later)
    services.proposal_register(actor=world.city_proposal, proposal=fresh(proposal))
    assert fresh(proposal).number_label == "八届六次第0001号"


def test_collective_proposal_registered_credits_drafting_members(world):
    proposal = draft(world, "city_body", body="city_party")
    services.proposal_signer_add(actor=world.city_body, proposal=proposal, member=world.members["city_member3"])
    services.proposal_submit(actor=world.city_body, proposal=fresh(proposal))
    services.proposal_prereview(actor=world.city_proposal, proposal=fresh(proposal))
    services.proposal_register(actor=world.city_proposal, proposal=fresh(proposal))
    event = DutyEvent.objects.get(kind="proposal_registered", member=world.members["city_member3"])
    assert event.attributes == {"role": "collective", "signers": 1}
    assert Notification.objects.filter(recipient=world.city_body, code="proposals.registered").exists()
