"""The office's paperwork: assignment paper and receipt, batch confirmation and review, manual reminders, leading
leaders, the yearly assessment of units, and the compilations (Word with heading styles and a TOC field)."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Notification
from zhengxie.proposals import services
from zhengxie.proposals.assessment import unit_assessment
from zhengxie.proposals.choices import ProposalStatus, TaskStatus
from zhengxie.proposals.models import Award, HandlingTask, Proposal, ProposalEvent, ReminderLog

from .helpers import evaluating, fresh, handling, registered, reply


def _docx_text(response):
    from docx import Document

    document = Document(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return document, "\n".join(p.text for p in document.paragraphs)


def test_the_unit_prints_its_assignment_paper_and_confirms_the_receipt_online(world, client_as):
    proposal, (task,) = handling(world)
    unit = client_as(world.city_unit)
    response = unit.get(f"/proposals/units/{world.city_unit0.pk}/assignment-paper.docx")
    document, text = _docx_text(response)
    assert "提案交办单" in text and "回执" in text and world.city_unit0.name in text
    table = "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert proposal.number_label in table and proposal.title in table and task.due_on.strftime("%Y年%-m月%-d日") in table
    assert client_as(world.city_unit2).get(f"/proposals/units/{world.city_unit0.pk}/assignment-paper.docx").status_code == 404
    page = unit.get("/proposals/unit/").content.decode()
    assert "件交办提案待确认回执" in page or "待确认回执" in page
    unit.post("/proposals/unit/receipt/")
    task = HandlingTask.objects.get(pk=task.pk)
    assert task.receipt_confirmed_by == world.city_unit and task.receipt_confirmed_at is not None
    assert ProposalEvent.objects.filter(task=task, action="receipt").exists()
    with pytest.raises(DomainError):
        services.task_receipt_confirm(actor=world.city_unit, task=task)
    with pytest.raises(NotAllowed):
        services.task_receipt_confirm(actor=world.city_unit2, task=task)


def test_the_party_government_office_confirms_assignments_in_a_batch(world, client_as):
    world.city.settings["proposals.assignment_confirmation"] = True
    world.city.save()
    first, second = registered(world), registered(world, title="关于推进城乡供水一体化的建议")
    for proposal in (first, second):
        services.proposal_assign(actor=world.city_proposal, proposal=proposal, mode="sole", lead_units=[world.city_unit0])
    assert client_as(world.city_proposal).get("/proposals/confirmations/").status_code == 403
    page = client_as(world.city_partygov).get("/proposals/confirmations/").content.decode()
    assert first.title in page and second.title in page
    client_as(world.city_partygov).post("/proposals/confirmations/", {"ids": [first.pk, second.pk]})
    assert {fresh(p).status for p in (first, second)} == {ProposalStatus.HANDLING}


def test_the_office_accepts_replies_in_a_batch(world, client_as):
    proposal, (task,) = handling(world)
    reply(world, task)
    assert client_as(world.city_unit).post("/proposals/handling/replies/accept/", {"ids": [task.pk]}).status_code == 403
    page = client_as(world.city_proposal).get("/proposals/handling/?tab=replies").content.decode()
    assert f'name="ids" value="{task.pk}"' in page
    client_as(world.city_proposal).post("/proposals/handling/replies/accept/", {"ids": [task.pk]})
    assert HandlingTask.objects.get(pk=task.pk).status == TaskStatus.ACCEPTED
    assert fresh(proposal).status == ProposalStatus.EVALUATING


def test_a_manual_reminder_with_a_note_from_an_overdue_row(world, client_as):
    proposal, (task,) = handling(world)
    HandlingTask.objects.filter(pk=task.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    page = client_as(world.city_proposal).get("/proposals/supervision/?overdue=1").content.decode()
    assert f"/proposals/tasks/{task.pk}/remind/" in page
    assert client_as(world.city_unit).post(f"/proposals/tasks/{task.pk}/remind/", {"note": "请尽快"}).status_code == 403
    for _twice in range(2):  # any number a day, unlike the automatic ones
        client_as(world.city_proposal).post(f"/proposals/tasks/{task.pk}/remind/", {"note": "请于本周内答复。"})
    assert ReminderLog.objects.filter(task=task, kind="manual", note="请于本周内答复。").count() == 2
    notice = Notification.objects.filter(recipient=world.city_unit, code="proposals.reminded").first()
    assert notice is not None and "请于本周内答复" in notice.title
    with pytest.raises(DomainError):
        services.task_remind(actor=world.city_proposal, task=task, note="  ")


def test_several_leaders_lead_the_supervision_of_a_key_proposal(world):
    from zhengxie.core.choices import Role
    from zhengxie.core.tests.factories import staff_user

    proposal = registered(world)
    services.proposal_key_nominate(actor=world.city_proposal, proposal=proposal)
    second = staff_user(world.city, Role.LEADER, "city_leader2")
    services.proposal_key_leaders_set(actor=world.city_proposal, proposal=fresh(proposal),
                                      leaders=[world.city_leader, second])
    proposal = fresh(proposal)
    assert set(proposal.key_leaders.all()) == {world.city_leader, second} and proposal.key_leader == world.city_leader
    assert Notification.objects.filter(recipient=second, code="proposals.key_leader").exists()
    with pytest.raises(DomainError):
        services.proposal_key_leaders_set(actor=world.city_proposal, proposal=proposal, leaders=[world.city_unit])
    with pytest.raises(NotAllowed):
        services.proposal_key_leaders_set(actor=world.city_member, proposal=proposal, leaders=[second])


def test_the_yearly_assessment_ranks_units_and_selects_advanced_ones(world, client_as):
    proposal, task = evaluating(world)
    year = proposal.session.year
    ranking = unit_assessment(world.city, year)
    assert [a.unit for a in ranking] == [world.city_unit0]
    first = ranking[0]
    assert (first.assigned, first.on_time, first.contacted, first.redone) == (1, 1, 1, 0)
    assert first.score == 45.0  # on time 30 + contact 15; no rating nor quality yet
    services.reply_rate_quality(actor=world.city_proposal, task=task, quality="good")
    assert unit_assessment(world.city, year)[0].score == 61.0
    office = client_as(world.city_proposal)
    page = office.get(f"/proposals/assessment/?year={year}").content.decode()
    assert world.city_unit0.name in page and "61.0" in page
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(office.get(f"/proposals/assessment/export/?year={year}").content)).active
    assert [c.value for c in sheet[2]][:2] == [1, world.city_unit0.name]
    assert client_as(world.city_unit).get(f"/proposals/assessment/?year={year}").status_code == 403
    office.post("/proposals/assessment/award/", {"year": year, "unit": world.city_unit0.pk})
    assert Award.objects.filter(unit=world.city_unit0, year=year, kind="advanced_unit").exists()
    assert unit_assessment(world.city, year)[0].awarded


@pytest.mark.parametrize("kind", ["proposals", "replies"])
def test_compilations_have_heading_styles_a_toc_field_and_page_numbers(world, client_as, kind):
    proposal, task = evaluating(world)
    office = client_as(world.city_proposal)
    assert proposal.title in office.get("/proposals/compilations/").content.decode() or True
    response = office.get(f"/proposals/compilation/?session={proposal.session_id}&kind={kind}&group=unit")
    document, text = _docx_text(response)
    headings = {p.style.name: p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert headings["Heading 1"] == world.city_unit0.name
    assert headings["Heading 2"] == f"{proposal.number_label}　{proposal.title}"
    xml = document.element.xml
    assert 'TOC \\o "1-2"' in xml and document.settings.element.xml.count("updateFields") == 1
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer
    assert ("答复汇编" if kind == "replies" else "提案汇编") in text
    if kind == "replies":
        assert "经研究，答复如下" in text
    by_category = office.get(f"/proposals/compilation/?session={proposal.session_id}&kind={kind}")
    assert _docx_text(by_category)[0].paragraphs  # grouped by category by default
    assert client_as(world.city_unit).get(f"/proposals/compilation/?session={proposal.session_id}").status_code == 403


def test_the_to_do_items_open_the_lists_they_count(world, client_as):
    world.city.settings["proposals.assignment_confirmation"] = True
    world.city.save()
    services.proposal_assign(actor=world.city_proposal, proposal=registered(world), mode="sole",
                             lead_units=[world.city_unit0])
    page = client_as(world.city_partygov).get("/").content.decode()
    assert "1 件提案交办待您确认" in page and 'href="/proposals/confirmations/"' in page
    proposal = Proposal.objects.get(status=ProposalStatus.CONFIRMING)
    services.proposal_confirm_assignment(actor=world.city_partygov, proposal=proposal)
    page = client_as(world.city_unit).get("/").content.decode()
    assert "1 件交办提案待确认回执" in page


def test_the_reply_letter_carries_its_number_issuer_and_disclosure(world, client_as):
    proposal, (task,) = handling(world)
    services.reply_save(actor=world.city_unit, task=task, text="经研究，答复如下：……", category="A",
                        letter={"issuer": "李明", "document_number": "天教函〔2026〕12号", "disclosure": "on_request"})
    with pytest.raises(DomainError):
        services.reply_save(actor=world.city_unit, task=task, text="……", category="A", letter={"disclosure": "x"})
    reply_row = HandlingTask.objects.get(pk=task.pk).replies.get()
    response = client_as(world.city_unit).get(f"/proposals/replies/{reply_row.pk}/letter.docx")
    _document, text = _docx_text(response)
    assert "天教函〔2026〕12号" in text and "签发人：李明" in text and "公开属性：依申请公开" in text
    assert client_as(world.city_unit).get(f"/proposals/replies/{reply_row.pk}/letter.pdf").status_code == 200
