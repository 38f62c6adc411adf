"""After the higher committee received a joint proposal: each co-proposing committee's proposal office rates the
replies for its committee and follows every step; the files go up with the text; a joint proposal can be made in
the name of an alliance its drafter belongs to."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhengxie.cooperation import services as cooperation
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import attachments_of, bytes_upload
from zhengxie.core.models import Notification
from zhengxie.proposals import selectors, services
from zhengxie.proposals.choices import ProposalStatus, SignerRole
from zhengxie.proposals.models import HandlingTask, JointProposal, Rating

from .helpers import fresh, reply
from .test_joint import CONTENT, joint_draft, joint_received

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def evaluating_at_the_province(world, joint):
    """The province registers, assigns to its unit 0, which replies; the office accepts the reply."""
    proposal = joint.proposal
    services.proposal_prereview(actor=world.province_proposal, proposal=proposal)
    services.proposal_register(actor=world.province_proposal, proposal=fresh(proposal))
    services.proposal_assign(actor=world.province_proposal, proposal=fresh(proposal), mode="sole",
                             lead_units=[world.province_unit0])
    task = reply(world, fresh(proposal).tasks.get(), staff="province_unit", leader="province_unitlead")
    services.reply_accept(actor=world.province_proposal, task=task)
    return fresh(proposal), HandlingTask.objects.get(pk=task.pk)


def test_each_co_proposing_committee_rates_the_reply_through_its_office(world):
    joint = joint_received(world)  # 酒泉 drafts, 天水 confirmed, 嘉峪关 signed outside the platform
    committees = [(s.committee.short_name, s.role) for s in joint.proposal.signers.order_by("position")]
    assert committees == [("酒泉市政协", SignerRole.COMMITTEE), ("天水市政协", SignerRole.COMMITTEE)]
    proposal, task = evaluating_at_the_province(world, joint)
    assert proposal.status == ProposalStatus.EVALUATING
    # both offices are told in their own organisation, and it is on their list to rate
    told = Notification.objects.filter(code="proposals.joint_rate_reply")
    assert set(told.values_list("organisation", flat=True)) == {world.city2.pk, world.city.pk}
    assert list(selectors.joints_to_rate(world.city_proposal, world.city)) == [joint]
    for who, org in (("city_member", "city"), ("city_leader", "city"), ("county2_proposal", "county2"),
                     ("province_member", "province"), ("city_proposal", "county")):
        with pytest.raises(NotAllowed):
            services.proposal_rate_for_committee(actor=world.users[who], proposal=proposal, task=task,
                                                 committee=world.orgs[org], value="satisfied")
    with pytest.raises(DomainError):  # dissatisfied needs its reason
        services.proposal_rate_for_committee(actor=world.city_proposal, proposal=proposal, task=task,
                                             committee=world.city, value="dissatisfied")
    services.proposal_rate_for_committee(actor=world.city_proposal, proposal=proposal, task=task,
                                         committee=world.city, value="satisfied", comment="办理认真")
    assert not selectors.joints_to_rate(world.city_proposal, world.city).exists()
    assert selectors.joints_to_rate(world.city2_proposal, world.city2).exists()  # 酒泉 still to rate
    services.proposal_rate_for_committee(actor=world.city2_proposal, proposal=fresh(proposal), task=task,
                                         committee=world.city2, value="dissatisfied", comment="未回应第三条建议")
    ratings = Rating.objects.filter(task=task).order_by("signer__position")
    assert [(r.signer.committee.short_name, r.value) for r in ratings] == [("酒泉市政协", "dissatisfied"),
                                                                          ("天水市政协", "satisfied")]
    # the province's office sees the dissatisfied committee and may order a redo, of which the committees hear
    services.task_redo(actor=world.province_proposal, task=task, comment="请补充答复第三条建议。")
    assert Notification.objects.filter(code="proposals.joint_redo_ordered", organisation=world.city).exists()
    events = [e.action for e in selectors.joint_progress(JointProposal.objects.get(pk=joint.pk))["events"]]
    assert events.count("rate") == 2 and "redo" in events


def test_the_committee_rates_on_the_joint_page_and_follows_each_step(world, client_as):
    joint = joint_received(world)
    url = reverse("proposals:joint_detail", args=[joint.pk])
    proposal, task = evaluating_at_the_province(world, joint)
    office = client_as(world.city_proposal)
    page = office.get(url).content.decode()
    assert f'id="rate-{task.pk}"' in page and proposal.number_label in page
    listing = office.get(reverse("proposals:joint_list") + "?tab=rate")
    assert [j.pk for j in listing.context["page"]] == [joint.pk]
    assert reverse("proposals:joint_list") + "?tab=rate" in office.get("/").content.decode()  # the workbench's to-do
    bad = office.post(url, {"action": "rate", "task": task.pk, f"rating-{task.pk}-value": "dissatisfied"})
    assert bad.status_code == 400 and not Rating.objects.exists()
    done = office.post(url, {"action": "rate", "task": task.pk, f"rating-{task.pk}-value": "basically",
                             f"rating-{task.pk}-comment": "基本满意"})
    assert done.status_code == 302
    assert Rating.objects.get().signer.committee == world.city
    after = office.get(url).content.decode()
    assert f'id="rate-{task.pk}"' not in after and "基本满意" in after
    # a stranger's office neither sees nor rates; the leader sees, without the form
    assert client_as(world.county2_proposal).post(url, {"action": "rate", "task": task.pk}).status_code == 404
    assert f'id="rate-{task.pk}"' not in client_as(world.city2_leader).get(url).content.decode()


def test_the_api_rates_for_the_committee(world, client_as):
    joint = joint_received(world)
    _proposal, task = evaluating_at_the_province(world, joint)
    path = f"/api/v1/proposals/joint/{joint.pk}"
    answer = client_as(world.city_proposal).get(path).json()
    assert answer["progress"]["to_rate"] == [task.pk]
    assert client_as(world.city_leader).post(f"{path}/rate", {"task_id": task.pk, "value": "satisfied"},
                                             content_type="application/json").status_code == 403
    rated = client_as(world.city_proposal).post(f"{path}/rate", {"task_id": task.pk, "value": "satisfied"},
                                                content_type="application/json")
    assert rated.status_code == 200, rated.content
    body = rated.json()["progress"]
    assert body["to_rate"] == [] and body["ratings"] == [
        {"committee": "天水市政协", "unit": task.unit.name, "round": 1, "value": "satisfied", "comment": ""}]
    again = client_as(world.city_proposal).get(f"{path}").json()["progress"]
    assert again["ratings"][0]["value"] == "satisfied"


def test_the_files_go_up_with_the_text(world, client_as):
    joint = joint_draft(world)
    url = reverse("proposals:joint_detail", args=[joint.pk])
    page = client_as(world.city2_proposal)
    assert page.post(url, {"action": "attach", "file": bytes_upload(PDF, "草稿附件.pdf")}).status_code == 302
    draft_file = attachments_of(joint).get()
    assert draft_file.original_name in page.get(url).content.decode()
    assert client_as(world.city2_leader).post(url, {"action": "detach", "attachment": draft_file.pk}).status_code == 403
    assert page.post(url, {"action": "detach", "attachment": draft_file.pk}).status_code == 302
    assert not attachments_of(joint).exists()
    for who in ("city_proposal", "city2_leader", "province_proposal"):
        with pytest.raises(NotAllowed):
            services.joint_attachment_add(actor=world.users[who], joint=joint, upload=bytes_upload(PDF, "调研报告.pdf"))
    services.joint_attachment_add(actor=world.city2_proposal, joint=joint, upload=bytes_upload(PDF, "调研报告.pdf"))
    with pytest.raises(DomainError):
        services.joint_attachment_add(actor=world.city2_proposal, joint=joint, upload=bytes_upload(b"MZ\x90", "x.exe"))
    services.joint_send(actor=world.city2_proposal, joint=joint)
    with pytest.raises(NotAllowed):  # no longer a draft
        services.joint_attachment_add(actor=world.city2_proposal, joint=JointProposal.objects.get(pk=joint.pk),
                                      upload=bytes_upload(PDF, "迟到的.pdf"))
    services.joint_cosign(actor=world.city_proposal, joint=JointProposal.objects.get(pk=joint.pk),
                          organisation=world.city, agree=True)
    services.joint_receive(actor=world.province_proposal, joint=JointProposal.objects.get(pk=joint.pk))
    joint = JointProposal.objects.get(pk=joint.pk)
    carried = list(attachments_of(joint.proposal))
    assert [(a.original_name, a.organisation_id, a.role) for a in carried] == [
        ("调研报告.pdf", world.province.pk, "proposal")]
    with carried[0].file.open("rb") as stored:
        assert stored.read() == PDF
    # the province's members see it with the proposal; the co-signer downloads it from the joint page
    own = attachments_of(joint).get()
    assert client_as(world.city_proposal).get(
        reverse("proposals:joint_attachment", args=[joint.pk, own.pk])).status_code == 200
    assert client_as(world.county2_proposal).get(
        reverse("proposals:joint_attachment", args=[joint.pk, own.pk])).status_code == 404
    assert client_as(world.city_proposal).get(
        reverse("proposals:joint_attachment", args=[joint.pk, carried[0].pk])).status_code == 404


def test_a_joint_proposal_made_in_the_name_of_an_alliance(world, client_as):
    alliance = cooperation.alliance_create(actor=world.city2_office, organisation=world.city2, name="河西走廊智库联盟")
    cooperation.alliance_add_member(actor=world.city2_office, alliance=alliance, committee=world.city)
    foreign = cooperation.alliance_create(actor=world.county2_office, organisation=world.county2, name="别处的联盟")
    with pytest.raises(DomainError) as refused:
        services.joint_create(actor=world.city2_proposal, organisation=world.city2, data=CONTENT,
                              target=world.province, alliance=foreign)
    assert "alliance" in refused.value.errors
    joint = services.joint_create(actor=world.city2_proposal, organisation=world.city2, data=CONTENT,
                                  target=world.province, cosigners=[world.city], alliance=alliance)
    assert joint.alliance == alliance
    form = client_as(world.city2_proposal).get(reverse("proposals:joint_edit", args=[joint.pk])).content.decode()
    assert "河西走廊智库联盟" in form and "别处的联盟" not in form
    api = client_as(world.city2_proposal).post("/api/v1/proposals/joint", {
        **CONTENT, "target_id": world.province.pk, "alliance_id": foreign.pk}, content_type="application/json")
    assert api.status_code == 400 and "alliance_id" in api.json()["errors"]


def test_the_api_list_of_joint_proposals_costs_the_same_for_2_rows_or_20(world, client_as):
    def count_queries():
        client = client_as(world.city2_proposal)
        client.get("/api/v1/proposals/joint")  # the session and the token warm up
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/proposals/joint").status_code == 200
        return len(queries)

    joint_received(world)
    joint_draft(world, outside=())
    few = count_queries()
    for _ in range(9):
        joint_received(world)
        joint_draft(world, outside=())
    assert JointProposal.objects.count() == 20
    assert count_queries() == few
