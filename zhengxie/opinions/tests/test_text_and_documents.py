"""Counting characters the way offices count them, the comparison of two versions, and the bulletin documents."""

import io
import shutil
import subprocess

import pytest
from docx import Document

from zhengxie.opinions import bulletins, documents
from zhengxie.opinions.models import Report
from zhengxie.opinions.text import count_characters, text_diff

from .factories import climb, edit, submit


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0), ("社情民意", 4), ("一、农村养老。\n二、医疗。", 12), ("GDP 增长 3.5%", 4), ("2026年", 2),
    ("  \n\t ", 0), ("“乡村振兴”", 6), ("ＡＢＣ", 3),
])
def test_count_characters(text, expected):
    assert count_characters(text) == expected


def test_the_comparison_marks_what_changed_and_folds_confetti():
    diff = text_diff("近年来我区农村养老服务设施不足。", "近年来，全区农村养老服务设施严重不足。")
    assert "".join(s.text for s in diff.before) == "近年来我区农村养老服务设施不足。"
    assert "".join(s.text for s in diff.after) == "近年来，全区农村养老服务设施严重不足。"
    assert [s.text for s in diff.after if s.kind == "insert"] == ["，全", "严重"]
    assert diff.changes == 2 and not diff.unchanged
    assert text_diff("同一段话。", "同一段话。").unchanged


def test_a_rewritten_sentence_is_one_change_not_many():
    diff = text_diff("建议加大财政投入力度。", "建议由市财政设立专项资金。")
    assert diff.changes == 1


@pytest.fixture
def issue(world):
    """A city issue with two reports: one forwarded from the county, one of a city member."""
    city = climb(world, submit(world, title="关于加强农村互助养老服务的建议"))
    edit(world, city, "city")
    own = edit(world, submit(world, "city_member2", title="关于优化中小微企业融资环境的建议"), "city")
    bulletin = bulletins.bulletin_create(actor=world.city_info, organisation=world.city)
    bulletins.bulletin_place(actor=world.city_info, bulletin=bulletin, reports=[Report.objects.get(pk=city.pk), own])
    return bulletin


@pytest.mark.django_db
def test_word_has_the_standard_layout(world, issue):
    reports = list(issue.reports.order_by("bulletin_position").select_related("source__organisation",
                                                                               "origin_organisation"))
    doc = Document(io.BytesIO(documents.bulletin_docx(issue, reports)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "社情民意"
    assert 'w:color w:val="C00000"' in doc.paragraphs[0].runs[0]._element.xml
    assert texts[1] == f"{issue.label}（总第{issue.serial}期）　送审稿"
    assert texts[2].startswith("天水市政协办公室　编\t")
    assert "本期要目" in texts and "1. 关于加强农村互助养老服务的建议" in texts
    assert any("秦州区政协委员" in t and "秦州区政协报送" in t for t in texts)
    assert texts[-1].startswith("报：中共") and "人民政府" in texts[-1]


@pytest.mark.django_db
def test_pdf_embeds_the_chinese_font(world, issue):
    reports = list(issue.reports.order_by("bulletin_position"))
    data = documents.bulletin_pdf(issue, reports)
    assert data.startswith(b"%PDF") and b"+WenQuanYiMicroHei" in data  # the vendored font, embedded


@pytest.mark.django_db
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_pdf_text_is_real_chinese(world, issue, tmp_path):
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(documents.bulletin_pdf(issue, list(issue.reports.order_by("bulletin_position"))))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "社情民意" in text and "关于优化中小微企业融资环境的建议" in text and "本期要目" in text
