"""Word and PDF of a proposal and of a reply letter, the session's compilation, and who may download them."""

import io
import shutil
import subprocess

import pytest
from docx import Document

from .helpers import draft, evaluating, registered

pytestmark = pytest.mark.django_db


def docx_text(response) -> str:
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(response, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "p.pdf"
    path.write_bytes(response.content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_proposal_as_word_and_pdf(world, client_as, tmp_path):
    proposal = registered(world, cosigners=["city_member2"])
    client = client_as(world.city_member2)
    word = client.get(f"/proposals/{proposal.pk}/document.docx")
    assert word.status_code == 200 and word["Content-Type"].startswith("application/vnd.openxmlformats")
    text = docx_text(word)
    assert proposal.title in text and proposal.number_label in text and "案由" in text
    assert world.members["city_member2"].person.name in text  # the co-signer is printed
    pdf = client.get(f"/proposals/{proposal.pk}/document.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf_text(pdf, tmp_path).count(proposal.title[:8]) >= 1  # real Chinese text, in the vendored font


def test_a_draft_prints_only_for_its_author(world, client_as):
    proposal = draft(world)
    assert client_as(world.city_member).get(f"/proposals/{proposal.pk}/document.docx").status_code == 200
    assert client_as(world.city_proposal).get(f"/proposals/{proposal.pk}/document.docx").status_code == 403


def test_reply_letter(world, client_as):
    proposal, task = evaluating(world)
    reply = task.replies.get()
    text = docx_text(client_as(world.city_member).get(f"/proposals/replies/{reply.pk}/letter.docx"))
    assert proposal.number_label in text and reply.text.split("：")[0] in text and "办理结果类别" in text
    pdf = client_as(world.city_unit).get(f"/proposals/replies/{reply.pk}/letter.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert client_as(world.county_member).get(f"/proposals/replies/{reply.pk}/letter.pdf").status_code == 404


def test_compilation_of_a_session(world, client_as):
    first = registered(world)
    second = registered(world, author="city_member2", title="关于加快发展县域经济的建议")
    draft(world, title="未提交的草稿不在汇编中")
    response = client_as(world.city_proposal).get(f"/proposals/compilation/?session={first.session_id}")
    text = docx_text(response)
    assert first.title in text and second.title in text and "未提交的草稿" not in text
    assert text.index(first.number_label) < text.index(second.number_label)
    assert client_as(world.city_member).get(f"/proposals/compilation/?session={first.session_id}").status_code == 403
    assert client_as(world.county_proposal).get(f"/proposals/compilation/?session={first.session_id}").status_code == 404


def test_merged_proposers_are_printed_in_word_and_pdf(world, client_as, tmp_path):
    from zhengxie.proposals import services

    from .helpers import reviewing

    target = reviewing(world)
    merged = reviewing(world, author="city_member2", title="关于推动制造业转型升级的建议")
    services.proposal_merge(actor=world.city_proposal, proposal=merged, target=target, comment="内容相近，并案办理。")
    client = client_as(world.city_proposal)
    name = world.members["city_member2"].person.name
    assert name in docx_text(client.get(f"/proposals/{target.pk}/document.docx"))
    assert name in pdf_text(client.get(f"/proposals/{target.pk}/document.pdf"), tmp_path)


def test_a_huge_legacy_text_prints_in_bounded_time_and_pages(world, client_as, tmp_path):
    import time

    from zhengxie.proposals.models import Proposal

    proposal = draft(world)
    Proposal.objects.filter(pk=proposal.pk).update(background="我市工业基础薄弱，产业链条短。\n" * 14000)  # 210,000 characters
    client = client_as(world.city_member)
    started = time.monotonic()
    pdf = client.get(f"/proposals/{proposal.pk}/document.pdf")
    assert pdf.status_code == 200 and time.monotonic() - started < 10
    text = pdf_text(pdf, tmp_path)
    assert text.count("\f") <= 15  # pages
    assert "全文" in text  # says where the rest is
    word = docx_text(client.get(f"/proposals/{proposal.pk}/document.docx"))
    assert len(word) < 20000 and "全文" in word


def test_the_reply_letter_greets_the_member_as_a_member_once(world, client_as):
    from zhengxie.proposals.documents import _reply_lines

    proposal, task = evaluating(world)
    reply = task.replies.select_related("task__proposal__first_proposer__person", "task__unit").get()
    name = proposal.first_proposer.person.name
    salutation, _opening, _contact = _reply_lines(reply, proposal.signers.all())
    assert salutation == f"{name}委员："
    reply.text = f"{name}委员：\n您提出的提案收悉，现答复如下：\n一、……"
    reply.save(update_fields=["text"])
    text = docx_text(client_as(world.city_member).get(f"/proposals/replies/{reply.pk}/letter.docx"))
    assert text.count(f"{name}委员") == 1
