"""提: drafts, co-signers, collective proposals, submission, the plenary window, withdrawal."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.exceptions import ConcurrentChange, DomainError, InvalidTransition, NotAllowed
from zhengxie.core.files import bytes_upload
from zhengxie.core.models import Notification
from zhengxie.duties.models import DutyEvent
from zhengxie.proposals import services
from zhengxie.proposals.choices import ProposalKind, ProposalStatus, SignerStatus, SubmitterKind

from .helpers import CONTENT, draft, fresh, submitted

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def test_member_creates_a_draft_as_first_proposer(world):
    proposal = draft(world)
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.first_proposer == world.members["city_member"]
    assert proposal.term == world.city.current_term()
    signer = proposal.signers.get()
    assert (signer.role, signer.status) == ("first", "confirmed")
    assert proposal.events.get().action == "create"


@pytest.mark.parametrize("user", ["city_proposal", "city_unit", "city_leader", "county_member"])
def test_only_members_of_the_organisation_write(world, user):
    with pytest.raises(NotAllowed):
        services.proposal_create(actor=world.users[user], organisation=world.city, data=CONTENT)


def test_collective_proposal_by_the_body_contact(world):
    proposal = draft(world, "city_body", body="city_party")
    assert proposal.submitter_kind == SubmitterKind.COLLECTIVE
    assert proposal.first_proposer is None and proposal.body == world.bodies["city_party"]
    services.proposal_signer_add(actor=world.city_body, proposal=proposal, member=world.members["city_member2"])
    assert proposal.signers.get(member=world.members["city_member2"]).role == "drafter"
    services.proposal_submit(actor=world.city_body, proposal=proposal)
    assert fresh(proposal).status == ProposalStatus.SUBMITTED  # drafting members are not invited
    event = DutyEvent.objects.get(member=world.members["city_member2"], kind="proposal_submitted")
    assert event.attributes == {"role": "collective", "signers": 1}


def test_contact_of_another_body_cannot_submit_for_it(world):
    with pytest.raises(NotAllowed):
        services.proposal_create(actor=world.city_member, organisation=world.city, data=CONTENT,
                                 body=world.bodies["city_party"])
    with pytest.raises(NotAllowed):
        services.proposal_create(actor=world.county_body, organisation=world.county, data=CONTENT,
                                 body=world.bodies["city_party"])


def test_save_changes_text_and_version_only_when_changed(world):
    proposal = draft(world)
    version = proposal.version
    services.proposal_save(actor=world.city_member, proposal=proposal, data={"title": CONTENT["title"]})
    assert fresh(proposal).version == version
    services.proposal_save(actor=world.city_member, proposal=proposal, data={"title": "关于发展县域经济的建议"})
    assert fresh(proposal).title == "关于发展县域经济的建议"
    assert fresh(proposal).version == version + 1


def test_only_the_author_saves_and_the_category_comes_from_the_list(world):
    proposal = draft(world)
    with pytest.raises(NotAllowed):
        services.proposal_save(actor=world.city_member2, proposal=proposal, data={"title": "x"})
    with pytest.raises(DomainError) as error:
        services.proposal_save(actor=world.city_member, proposal=proposal, data={"category": "火星建设"})
    assert "category" in error.value.errors


def test_submitting_an_incomplete_proposal_lists_what_is_missing(world):
    proposal = draft(world, suggestions="", category="")
    with pytest.raises(DomainError) as error:
        services.proposal_submit(actor=world.city_member, proposal=proposal)
    assert set(error.value.errors) == {"category", "suggestions"}
    assert fresh(proposal).status == ProposalStatus.DRAFT


def test_submit_without_cosigners_reaches_the_office(world):
    proposal = draft(world)
    services.proposal_submit(actor=world.city_member, proposal=proposal)
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.SUBMITTED and proposal.submitted_at
    assert proposal.kind == ProposalKind.INTERIM  # the world's session has no plenary window
    assert Notification.objects.filter(recipient=world.city_proposal, code="proposals.submitted").exists()
    event = DutyEvent.objects.get(member=world.members["city_member"], kind="proposal_submitted")
    assert event.attributes == {"role": "first", "signers": 1}


def test_plenary_proposal_in_the_session_window(world):
    session = world.city.current_term().sessions.get()
    now = timezone.now()
    session.proposal_window_starts, session.proposal_window_ends = now - dt.timedelta(days=1), now + dt.timedelta(days=1)
    session.save()
    proposal = submitted(world)
    assert (proposal.kind, proposal.session) == (ProposalKind.PLENARY, session)


def test_cosigners_must_be_current_members_of_the_same_organisation(world):
    proposal = draft(world)
    with pytest.raises(DomainError):
        services.proposal_signer_add(actor=world.city_member, proposal=proposal, member=world.members["county_member"])
    with pytest.raises(DomainError):
        services.proposal_signer_add(actor=world.city_member, proposal=proposal, member=world.members["city_member"])
    services.proposal_signer_add(actor=world.city_member, proposal=proposal, member=world.members["city_member2"])
    with pytest.raises(DomainError):
        services.proposal_signer_add(actor=world.city_member, proposal=proposal, member=world.members["city_member2"])


def test_cosigners_are_invited_on_submission_and_the_last_answer_sends_it_on(world):
    proposal = draft(world, cosigners=["city_member2", "city_member3"])
    services.proposal_submit(actor=world.city_member, proposal=proposal)
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.COSIGNING
    assert Notification.objects.filter(recipient=world.city_member2, code="proposals.cosign_invited").exists()
    services.proposal_cosign(actor=world.city_member2, proposal=proposal, agree=True)
    assert fresh(proposal).status == ProposalStatus.COSIGNING
    services.proposal_cosign(actor=world.city_member3, proposal=proposal, agree=False)
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.SUBMITTED
    statuses = dict(proposal.signers.values_list("member__person__user__username", "status"))
    assert statuses == {"city_member": "confirmed", "city_member2": "confirmed", "city_member3": "declined"}
    credited = DutyEvent.objects.filter(kind="proposal_submitted", source_id=str(proposal.pk))
    assert {e.attributes["role"] for e in credited} == {"first", "cosigner"}
    assert all(e.attributes["signers"] == 2 for e in credited)


def test_cosign_refused_to_a_stranger_and_after_the_deadline(world):
    proposal = draft(world, cosigners=["city_member2"])
    services.proposal_submit(actor=world.city_member, proposal=proposal)
    with pytest.raises(NotAllowed):
        services.proposal_cosign(actor=world.city_member3, proposal=proposal, agree=True)
    proposal.signers.filter(status="invited").update(respond_by=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(DomainError):
        services.proposal_cosign(actor=world.city_member2, proposal=proposal, agree=True)


def test_unanswered_invitations_drop_off_at_the_deadline(world):
    proposal = draft(world, cosigners=["city_member2"])
    services.proposal_submit(actor=world.city_member, proposal=proposal)
    assert services.proposal_close_cosigning(proposal=proposal) is False  # not yet
    proposal.signers.filter(status="invited").update(respond_by=timezone.now() - dt.timedelta(minutes=1))
    assert services.proposal_close_cosigning(proposal=proposal) is True
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.signers.get(member=world.members["city_member2"]).status == SignerStatus.EXPIRED


def test_submit_now_sends_it_on_without_those_who_did_not_answer(world):
    proposal = draft(world, cosigners=["city_member2"])
    services.proposal_submit(actor=world.city_member, proposal=proposal)
    services.proposal_submit(actor=world.city_member, proposal=fresh(proposal))
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.signers.get(member=world.members["city_member2"]).status == SignerStatus.EXPIRED


def test_withdraw_before_review_and_not_after(world):
    proposal = submitted(world)
    services.proposal_withdraw(actor=world.city_member, proposal=proposal)
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.DRAFT and proposal.submitted_at is None
    assert not DutyEvent.objects.live().filter(kind="proposal_submitted", source_id=str(proposal.pk)).exists()
    services.proposal_submit(actor=world.city_member, proposal=proposal)
    services.proposal_prereview(actor=world.city_proposal, proposal=fresh(proposal))
    with pytest.raises(InvalidTransition):
        services.proposal_withdraw(actor=world.city_member, proposal=fresh(proposal))


def test_only_the_author_submits_withdraws_or_deletes(world):
    proposal = draft(world)
    with pytest.raises(NotAllowed):
        services.proposal_submit(actor=world.city_member2, proposal=proposal)
    with pytest.raises(NotAllowed):
        services.proposal_delete(actor=world.city_proposal, proposal=proposal)
    services.proposal_delete(actor=world.city_member, proposal=proposal)
    assert not type(proposal).objects.filter(pk=proposal.pk).exists()


def test_a_submitted_proposal_cannot_be_edited_or_deleted(world):
    proposal = submitted(world)
    with pytest.raises(InvalidTransition):
        services.proposal_save(actor=world.city_member, proposal=proposal, data={"title": "改"})
    with pytest.raises(DomainError):
        services.proposal_delete(actor=world.city_member, proposal=proposal)


def test_stale_version_is_refused_with_the_just_changed_message(world):
    proposal = draft(world)
    seen = proposal.version
    services.proposal_save(actor=world.city_member, proposal=proposal, data={"title": "关于乡村振兴的建议"})
    with pytest.raises(ConcurrentChange) as error:
        services.proposal_submit(actor=world.city_member, proposal=proposal, version=seen)
    assert "刚刚" in str(error.value) or "just changed" in str(error.value)
    assert fresh(proposal).status == ProposalStatus.DRAFT


def test_attachments_checked_by_content_and_size(world):
    proposal = draft(world)
    attachment = services.proposal_attachment_add(actor=world.city_member, proposal=proposal,
                                                  upload=bytes_upload(PDF, "调研报告.pdf"))
    assert attachment.media_type == "application/pdf"
    with pytest.raises(DomainError):
        services.proposal_attachment_add(actor=world.city_member, proposal=proposal,
                                         upload=bytes_upload(b"MZ\x90\x00 not a pdf", "伪装.pdf"))
    world.city.settings["proposals.attachment_max_mb"] = 1
    world.city.save()
    proposal = fresh(proposal)
    with pytest.raises(DomainError):
        services.proposal_attachment_add(actor=world.city_member, proposal=proposal,
                                         upload=bytes_upload(PDF + b"0" * 1048576, "大.pdf"))
    with pytest.raises(NotAllowed):
        services.proposal_attachment_remove(actor=world.city_member2, proposal=proposal, attachment=attachment)
    services.proposal_attachment_remove(actor=world.city_member, proposal=proposal, attachment=attachment)


def test_the_texts_have_a_limit_the_member_sees_while_typing(world, client_as):
    from zhengxie.proposals.choices import TEXT_LIMITS

    proposal = draft(world)
    with pytest.raises(DomainError) as raised:
        services.proposal_save(actor=world.city_member, proposal=proposal,
                               data={"background": "字" * (TEXT_LIMITS["background"] + 1)})
    assert "background" in raised.value.errors
    assert fresh(proposal).background == CONTENT["background"]
    page = client_as(world.city_member).get(f"/proposals/{proposal.pk}/edit/").content.decode()
    for field in ("background", "suggestions"):
        assert f'maxlength="{TEXT_LIMITS[field]}"' in page and "data-counter" in page
    response = client_as(world.city_member).post(f"/proposals/{proposal.pk}/edit/", {
        **CONTENT, "version": fresh(proposal).version, "save": "1", "suggestions": "议" * (TEXT_LIMITS["suggestions"] + 5)})
    body = response.content.decode()
    assert "该变量" not in body and "字符" not in body
    assert f"最多 {TEXT_LIMITS['suggestions']} 个字" in body
