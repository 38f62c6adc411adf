"""Joint proposals of committees (联合提案): 酒泉 drafts, 天水 co-signs, the province receives and handles it as any
proposal; each committee's office sees what it made, co-signs or received, and nothing else."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.exceptions import ConcurrentChange, DomainError, InvalidTransition, NotAllowed
from zhengxie.core.models import AuditEntry
from zhengxie.core.tests.visibility import check_details_follow_lists
from zhengxie.proposals import selectors, services
from zhengxie.proposals.choices import JointSignerStatus, JointStatus, ProposalStatus, SubmitterKind
from zhengxie.proposals.models import JointProposal

from .helpers import fresh

pytestmark = pytest.mark.django_db

CONTENT = {"title": "关于共建河西走廊新能源装备产业集群的建议", "category": "经济建设",
           "background": "河西五市风光资源富集，装备制造配套分散。", "suggestions": "一是统筹规划；二是共建园区；三是协同招商。"}


def joint_draft(world, *, cosigners=("city",), outside=("嘉峪关市政协",), target="province", target_name=""):
    return services.joint_create(actor=world.city2_proposal, organisation=world.city2, data=CONTENT,
                                 target=world.orgs[target] if target else None, target_name=target_name,
                                 cosigners=[world.orgs[c] for c in cosigners], outside=list(outside))


def joint_sent(world, **kwargs):
    joint = joint_draft(world, **kwargs)
    services.joint_send(actor=world.city2_proposal, joint=joint)
    joint = JointProposal.objects.get(pk=joint.pk)
    if joint.status == JointStatus.COSIGNING:
        services.joint_cosign(actor=world.city_proposal, joint=joint, organisation=world.city, agree=True)
    return JointProposal.objects.get(pk=joint.pk)


def joint_received(world, **kwargs):
    joint = joint_sent(world, **kwargs)
    services.joint_receive(actor=world.province_proposal, joint=joint)
    return JointProposal.objects.get(pk=joint.pk)


def test_the_cycle_from_draft_to_the_provinces_registration(world):
    joint = joint_draft(world)
    assert [(s.name, s.status) for s in joint.signers.all()] == [
        ("天水市政协", JointSignerStatus.SELECTED), ("嘉峪关市政协", JointSignerStatus.RECORDED)]
    services.joint_send(actor=world.city2_proposal, joint=joint)
    joint.refresh_from_db()
    assert joint.status == JointStatus.COSIGNING
    assert list(selectors.joints_to_cosign(world.city_proposal, world.city)) == [joint]
    assert not selectors.joints_to_receive(world.province_proposal, world.province).exists()  # not sent yet
    services.joint_cosign(actor=world.city_proposal, joint=joint, organisation=world.city, agree=True,
                          comment="同意联名")
    joint.refresh_from_db()
    assert joint.status == JointStatus.SENT and joint.proposers_label == "酒泉市政协、天水市政协、嘉峪关市政协"
    assert not selectors.joints_to_cosign(world.city_proposal, world.city).exists()
    assert list(selectors.joints_to_receive(world.province_proposal, world.province)) == [joint]
    services.joint_receive(actor=world.province_proposal, joint=joint)
    joint.refresh_from_db()
    proposal = joint.proposal
    assert joint.status == JointStatus.RECEIVED and proposal.organisation == world.province
    assert proposal.status == ProposalStatus.SUBMITTED and proposal.submitter_kind == SubmitterKind.COMMITTEE
    assert proposal.proposer_label == "酒泉市政协、天水市政协、嘉峪关市政协" and proposal.session_id
    # the province's own 立: the ordinary services, and the joint proposal learns its number
    services.proposal_prereview(actor=world.province_proposal, proposal=proposal)
    services.proposal_register(actor=world.province_proposal, proposal=fresh(proposal))
    joint.refresh_from_db()
    assert joint.registered_at == fresh(proposal).registered_at is not None
    actions = list(joint.events.values_list("action", flat=True))
    assert actions == ["create", "invite", "cosign", "close_cosigning", "receive", "registered_above"]
    audits = set(AuditEntry.objects.filter(action__startswith="proposals.joint.").values_list("action", "organisation"))
    assert ("proposals.joint.receive", world.province.pk) in audits
    assert ("proposals.joint.cosign", world.city.pk) in audits
    # the province's offices see it in their lists like any other proposal; so do its members once registered
    assert selectors.proposals_visible_to(world.province_proposal, world.province).filter(pk=proposal.pk).exists()
    assert selectors.proposals_visible_to(world.province_member, world.province).filter(pk=proposal.pk).exists()
    # progress for the co-proposing committees
    progress = selectors.joint_progress(joint)
    assert progress["proposal"].number_label and "register" in [e.action for e in progress["events"]]


def test_a_declined_signature_drops_off_and_the_office_may_send_without_the_silent(world):
    joint = joint_draft(world, cosigners=("city", "county"), outside=())
    services.joint_send(actor=world.city2_proposal, joint=joint)
    services.joint_cosign(actor=world.county_proposal, joint=joint, organisation=world.county, agree=False)
    joint.refresh_from_db()
    assert joint.status == JointStatus.COSIGNING  # 天水 has not answered yet
    with pytest.raises(NotAllowed):  # 天水's answer is its own office's, not 酒泉's
        services.joint_close_cosigning(actor=world.city_proposal, joint=joint)
    services.joint_close_cosigning(actor=world.city2_proposal, joint=joint, version=joint.version)
    joint.refresh_from_db()
    assert joint.status == JointStatus.SENT and joint.proposers_label == "酒泉市政协"
    assert set(joint.signers.values_list("status", flat=True)) == {JointSignerStatus.DECLINED}


def test_only_the_invited_committees_office_answers_and_only_the_office_drafts(world):
    joint = joint_draft(world)
    services.joint_send(actor=world.city2_proposal, joint=joint)
    for who, org in (("city_member", "city"), ("city_leader", "city"), ("city_unit", "city"),
                     ("county_proposal", "county"), ("city2_proposal", "city2")):
        with pytest.raises(NotAllowed):
            services.joint_cosign(actor=world.users[who], joint=joint, organisation=world.orgs[org], agree=True)
    for who in ("city2_member", "city2_leader", "city2_unit", "city2_body", "city2_sysadmin", "city_proposal",
                "province_proposal"):
        with pytest.raises(NotAllowed):
            services.joint_create(actor=world.users[who], organisation=world.city2, data=CONTENT, target=world.province)
    assert JointProposal.objects.count() == 1


def test_the_drafting_office_may_edit_and_send_others_may_not(world):
    joint = joint_draft(world)
    for who in ("city2_leader", "city2_member", "city_proposal", "province_proposal"):
        with pytest.raises(NotAllowed):
            services.joint_save(actor=world.users[who], joint=joint, data=CONTENT, target=world.province)
        with pytest.raises(NotAllowed):
            services.joint_send(actor=world.users[who], joint=joint)
    services.joint_save(actor=world.city2_proposal, joint=joint, data={**CONTENT, "title": "改后的标题"},
                        target=world.province, cosigners=[], outside=["张掖市政协", "武威市政协"], version=joint.version)
    joint.refresh_from_db()
    assert joint.title == "改后的标题" and list(joint.signers.values_list("name", flat=True)) == ["张掖市政协", "武威市政协"]
    with pytest.raises(ConcurrentChange):
        services.joint_save(actor=world.city2_proposal, joint=joint, data=CONTENT, target=world.province, version=1)


def test_bad_input_is_refused_with_its_reasons(world):
    with pytest.raises(DomainError) as error:  # 天水 is no higher committee of 酒泉, nor is 酒泉 its own co-signer
        services.joint_create(actor=world.city2_proposal, organisation=world.city2, data={**CONTENT, "title": " "},
                              target=world.city, cosigners=[world.city2])
    assert set(error.value.errors) == {"title", "target", "cosigners"}
    with pytest.raises(DomainError):  # neither a committee of the deployment nor a name
        services.joint_create(actor=world.city2_proposal, organisation=world.city2, data=CONTENT)
    incomplete = services.joint_create(actor=world.city2_proposal, organisation=world.city2,
                                       data={"title": "只有标题"}, target=world.province)
    with pytest.raises(DomainError) as error:
        services.joint_send(actor=world.city2_proposal, joint=incomplete)
    assert set(error.value.errors) == {"background", "suggestions", "category"}
    assert JointProposal.objects.get(pk=incomplete.pk).status == JointStatus.DRAFT


def test_only_the_higher_committees_office_receives(world):
    joint = joint_sent(world)
    for who in ("province_leader", "province_member", "province_unit", "city2_proposal", "city_proposal"):
        with pytest.raises(NotAllowed):
            services.joint_receive(actor=world.users[who], joint=joint)
    services.joint_receive(actor=world.province_proposal, joint=joint)
    with pytest.raises(InvalidTransition):
        services.joint_receive(actor=world.province_proposal, joint=JointProposal.objects.get(pk=joint.pk))


def test_an_outcome_from_outside_the_deployment_is_recorded_by_the_drafting_office(world):
    joint = joint_sent(world, target=None, target_name="全国政协", cosigners=("city",), outside=())
    assert joint.status == JointStatus.SENT and joint.target is None
    assert not selectors.joints_to_receive(world.province_proposal, world.province).exists()
    with pytest.raises(NotAllowed):  # the co-signer follows, the drafter records
        services.joint_record_outcome(actor=world.city_proposal, joint=joint, registered=True, number="0123")
    with pytest.raises(DomainError):  # registered needs its number
        services.joint_record_outcome(actor=world.city2_proposal, joint=joint, registered=True)
    with pytest.raises(DomainError):
        services.joint_record_outcome(actor=world.city2_proposal, joint=joint, registered=False,
                                      reply_on=timezone.localdate() + dt.timedelta(days=3))
    day = timezone.localdate() - dt.timedelta(days=10)
    services.joint_record_outcome(actor=world.city2_proposal, joint=joint, registered=True, number="第0321号",
                                  reply_text="已转国家发展改革委研究办理。", reply_on=day, registered_on=day)
    joint.refresh_from_db()
    assert joint.status == JointStatus.REGISTERED and joint.outside_number == "第0321号"
    assert timezone.localdate(joint.registered_at) == day
    services.joint_record_outcome(actor=world.city2_proposal, joint=joint, registered=False, version=joint.version)
    joint.refresh_from_db()
    assert joint.status == JointStatus.NOT_REGISTERED and joint.registered_at is None


def test_each_committee_sees_what_it_made_cosigns_or_received(world):
    draft_only = joint_draft(world, cosigners=("county",))
    received = joint_received(world)
    visible = {key: set(selectors.joint_proposals_visible_to(world.users[f"{key}_proposal"], world.orgs[key])
                        .values_list("pk", flat=True)) for key in ("city2", "city", "province", "county", "county2")}
    assert visible["city2"] == {draft_only.pk, received.pk}
    assert visible["city"] == {received.pk}  # co-signs it; the draft is not yet 天水's to see
    assert visible["province"] == {received.pk}
    assert visible["county"] == set()  # chosen for the draft, not invited yet
    assert visible["county2"] == set()  # never a co-proposer
    for who, org in (("city2_member", "city2"), ("city2_unit", "city2"), ("city_member", "city"),
                     ("city2_sysadmin", "city2")):
        assert not selectors.joint_proposals_visible_to(world.users[who], world.orgs[org]).exists()
    assert selectors.joint_proposals_visible_to(world.city2_leader, world.city2).count() == 2
    # the proposal itself belongs to the province: 天水 and 酒泉 never list it among their own
    for key in ("city", "city2", "county2"):
        assert not selectors.proposals_visible_to(world.users[f"{key}_proposal"], world.orgs[key]).filter(
            pk=received.proposal_id).exists()
    # the province's units see it once it is assigned to them, as any proposal
    proposal = received.proposal
    assert not selectors.proposals_visible_to(world.province_unit, world.province).filter(pk=proposal.pk).exists()
    services.proposal_prereview(actor=world.province_proposal, proposal=proposal)
    services.proposal_register(actor=world.province_proposal, proposal=fresh(proposal))
    services.proposal_assign(actor=world.province_proposal, proposal=fresh(proposal), mode="sole",
                             lead_units=[world.province_unit0])
    assert selectors.proposals_visible_to(world.province_unit, world.province).filter(pk=proposal.pk).exists()
    assert not selectors.proposals_visible_to(world.province_unit2, world.province).filter(pk=proposal.pk).exists()


def test_the_pages_follow_the_lists(world, client_as):
    objects = [joint_draft(world, cosigners=("county",)), joint_received(world),
               joint_sent(world, target=None, target_name="全国政协", cosigners=(), outside=())]
    users = [world.users[u] for u in ("city2_proposal", "city2_leader", "city2_member", "city_proposal",
                                      "province_proposal", "province_member", "county_proposal", "county2_proposal")]
    check_details_follow_lists(client_as, users=users, objects=objects, visible=selectors.joint_proposals_visible_to,
                               url=lambda j: reverse("proposals:joint_detail", args=[j.pk]))


def test_a_co_signer_sees_the_progress_read_only_and_a_stranger_does_not(world, client_as):
    joint = joint_received(world)
    services.proposal_prereview(actor=world.province_proposal, proposal=joint.proposal)
    services.proposal_register(actor=world.province_proposal, proposal=fresh(joint.proposal))
    url = reverse("proposals:joint_detail", args=[joint.pk])
    page = client_as(world.city_proposal).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert fresh(joint.proposal).number_label in text and "甘肃省政协" in text
    assert reverse("proposals:detail", args=[joint.proposal_id]) not in text  # the province's page is not theirs
    assert client_as(world.county2_proposal).get(url).status_code == 404
    assert client_as(world.city_proposal).post(url, {"action": "receive"}).status_code in (403, 404)
    assert client_as(world.province_member).get(reverse("proposals:detail", args=[joint.proposal_id])).status_code == 200


def test_the_journey_through_the_pages(world, client_as):
    office = client_as(world.city2_proposal)
    assert office.get(reverse("proposals:joint_new")).status_code == 200
    response = office.post(reverse("proposals:joint_new"), {
        **CONTENT, "target": world.province.pk, "cosigners": [world.city.pk], "outside": "嘉峪关市政协\n张掖市政协"})
    assert response.status_code == 302
    joint = JointProposal.objects.get(organisation=world.city2)
    bad = office.post(reverse("proposals:joint_edit", args=[joint.pk]), {**CONTENT, "title": "", "version": joint.version,
                                                                         "target": world.province.pk})
    assert bad.status_code == 400 and JointProposal.objects.get(pk=joint.pk).title == CONTENT["title"]
    url = reverse("proposals:joint_detail", args=[joint.pk])
    assert office.post(url, {"action": "send", "version": joint.version}).status_code == 302
    cosigner = client_as(world.city_proposal)
    assert cosigner.post(url, {"action": "cosign", "agree": "1"}).status_code == 302
    joint.refresh_from_db()
    assert joint.status == JointStatus.SENT
    province = client_as(world.province_proposal)
    listing = province.get(reverse("proposals:joint_list") + "?tab=receive")
    assert [j.pk for j in listing.context["page"]] == [joint.pk]
    assert province.post(url, {"action": "receive", "version": joint.version}).status_code == 302
    joint.refresh_from_db()
    assert joint.status == JointStatus.RECEIVED and joint.proposal.organisation == world.province


def test_the_api_walks_the_same_cycle_and_refuses_the_others(world, client):
    from zhengxie.core import services as core_services

    def call(user, method, path, payload=None):
        _token, secret = core_services.api_token_create(user=user, name="phone")
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        if method == "get":
            return client.get(f"/api/v1/proposals{path}", payload or {}, **kwargs)
        return client.post(f"/api/v1/proposals{path}", payload or {}, content_type="application/json", **kwargs)

    payload = {**CONTENT, "target_id": world.province.pk, "cosigner_ids": [world.city.pk],
               "outside_cosigners": ["张掖市政协"]}
    assert call(world.city2_member, "post", "/joint", payload).status_code == 403
    assert call(world.city2_proposal, "post", "/joint", {**payload, "cosigner_ids": [987654]}).status_code == 400
    created = call(world.city2_proposal, "post", "/joint", payload)
    assert created.status_code == 201, created.content
    joint = created.json()
    assert [s["status"] for s in joint["signers"]] == ["selected", "recorded"]
    path = f"/joint/{joint['id']}"
    assert call(world.city_proposal, "get", path).status_code == 404  # a draft is the drafter's alone
    assert call(world.city2_proposal, "post", f"{path}/send", {"version": joint["version"]}).json()["status"] == "cosigning"
    assert call(world.county2_proposal, "post", f"{path}/cosign", {"agree": True}).status_code == 404
    assert call(world.city_proposal, "get", "/joint", {"tab": "cosign"}).json()["count"] == 1
    assert call(world.city_proposal, "post", f"{path}/cosign", {"agree": True}).json()["status"] == "sent"
    assert call(world.province_member, "post", f"{path}/receive", {}).status_code == 403
    stale = call(world.province_proposal, "post", f"{path}/receive", {"version": 1})
    assert stale.status_code == 409
    received = call(world.province_proposal, "post", f"{path}/receive", {}).json()
    assert received["status"] == "received" and received["progress"]["proposal_status"] == "submitted"
    assert call(world.city_proposal, "get", path).json()["progress"]["number"] == ""
    assert call(world.city2_proposal, "post", f"{path}/outcome", {"registered": True, "number": "1"}).status_code == 403
