"""Browser journey of the duty record: a member reads their record and reports a duty on a phone; the office
confirms it, reads the ranking and the overview, and exports the 委员履职报告."""

import shutil
import subprocess

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from zhengxie.core.tests.browser import SCREENSHOTS, login
from zhengxie.core.tests.factories import MemberFactory, PersonFactory
from zhengxie.duties.choices import DutyEventKind as K

from .helpers import make_rule_set, record, source, when

pytestmark = pytest.mark.e2e

NAMES = ["王建国", "李秀兰", "张志强", "刘海燕", "陈立新", "杨春生", "赵永福", "黄晓丹"]


def _photo(path):
    """A small picture of a visit, as a phone would send."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 320), "#9cc3e4")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 200, 480, 320], fill="#6a994e")
    draw.rectangle([40, 110, 220, 230], fill="#ffffff", outline="#333333", width=3)
    draw.ellipse([300, 120, 350, 170], fill="#333333")
    draw.rectangle([308, 170, 342, 250], fill="#333333")
    image.save(path, format="PNG")


def _year_of_duties(world):
    """The city's rules, and a year of duties for its members (what the other apps would have recorded)."""
    with translation.override("zh-hans"):  # the preset's labels in the administrator's language
        make_rule_set(world, preset="hundred")
    member = world.members["city_member"]
    record(member, K.MEETING_ATTENDED, {"meeting_type": "plenary"}, on=when(1, 10), title="市政协十届五次会议")
    record(member, K.MEETING_LATE, {"meeting_type": "committee"}, on=when(3, 5), title="经济委员会全体会议")
    joint = source("关于加强乡村养老服务体系建设的提案")
    record(member, K.PROPOSAL_SUBMITTED, {"role": "first", "signers": 3}, src=joint, on=when(1, 8))
    record(member, K.PROPOSAL_REGISTERED, {"role": "first", "signers": 3}, src=joint, on=when(2, 1))
    record(member, K.PROPOSAL_KEY, {"role": "first", "signers": 3}, src=joint, on=when(3, 1))
    record(member, K.OPINION_SUBMITTED, {}, on=when(4, 15), title="关于规范校外培训收费的建议")
    record(member, K.OPINION_ADOPTED_CITY, {"by": "local"}, on=when(5, 20), title="关于规范校外培训收费的建议")
    record(member, K.SPEECH_DELIVERED, {}, on=when(1, 11), title="大会发言：推动文旅融合发展")
    record(member, K.STUDY_ATTENDED, {"activity_type": "study"}, on=when(4, 2), title="委员读书活动")
    for index, name in enumerate(NAMES):
        seat = MemberFactory(organisation=world.city, person=PersonFactory(name=name))
        for month in range(1, 2 + index % 4):
            record(seat, K.INSPECTION_ATTENDED, on=when(month + 2, 8), title="视察城区供水保障工作")
        if index % 3:
            record(seat, K.MEETING_ATTENDED, {"meeting_type": "plenary"}, on=when(1, 10), title="市政协十届五次会议")
        if index % 2:
            record(seat, K.PROPOSAL_REGISTERED, {"role": "first", "signers": 1}, on=when(2, 3), title="关于优化营商环境的提案")
            record(seat, K.MEETING_ABSENT, {"meeting_type": "standing"}, on=when(6, 3), title="常委会议")


def test_member_record_self_report_ranking_and_export(live_world, phone, desktop, shot, tmp_path):
    _year_of_duties(live_world)

    # A member on a phone: the record explains the score; the minimum shows what is missing.
    login(phone, "city_member")
    phone.goto("/duties/")
    expect(phone.locator("h1")).to_contain_text("我的履职档案")
    # meetings 50 − 1 (late) + proposals 2.5 + 2.5 (joint, first of 3; key) + reports 1 + 3 + speech 3 + study 1
    expect(phone.get_by_test_id("score-total")).to_have_text("62")
    assert "至少参加一次视察或调研活动" in phone.locator("text=尚缺").locator("..").inner_text()
    shot(phone, "duties", "01-member-record-phone")

    # … and reports a visit with a photo.
    phone.get_by_role("link", name="自报履职").first.click()
    phone.select_option("select[name=report_type]", "research")
    phone.fill("input[name=title]", "走访南河镇养老服务中心")
    phone.fill("input[name=occurred_on]", timezone.localdate().isoformat())
    phone.fill("input[name=place]", "秦州区南河镇")
    phone.fill("textarea[name=description]", "与入住老人和工作人员座谈，了解护理人员短缺等问题，收集意见建议5条。")
    photo = tmp_path / "现场照片.png"
    _photo(photo)
    phone.set_input_files("input[name=files]", str(photo))
    shot(phone, "duties", "02-self-report-form-phone")
    phone.get_by_role("button", name="提交办公室确认").click()
    expect(phone.get_by_test_id("report-status")).to_have_text("待确认")
    shot(phone, "duties", "03-self-report-submitted-phone")

    # The office confirms it on a desktop: it counts at once.
    login(desktop, "city_office")
    desktop.goto("/duties/self-reports/")
    desktop.get_by_role("link", name="走访南河镇养老服务中心").click()
    desktop.get_by_role("button", name="确认").click()
    expect(desktop.get_by_test_id("report-status")).to_have_text("已确认")

    # The ranking, filtered by sector with htmx; then the overview with its charts.
    desktop.goto("/duties/ranking/")
    ranking = desktop.get_by_test_id("ranking")
    expect(ranking.locator("tbody tr").first).to_contain_text(live_world.members["city_member"].person.name)
    expect(ranking.locator("tbody tr").first).to_contain_text("63")  # + 1 for the confirmed visit
    shot(desktop, "duties", "04-ranking-desktop")
    desktop.select_option("select[name=band]", label="不称职")
    expect(ranking.locator("tbody tr").first).not_to_contain_text(live_world.members["city_member"].person.name)
    desktop.goto("/duties/overview/")
    expect(desktop.locator("[data-chart=histogram] svg")).to_be_visible()
    shot(desktop, "duties", "05-overview-desktop")
    desktop.goto("/duties/minimum/")
    shot(desktop, "duties", "06-minimum-desktop")

    # The 委员履职报告, as Word and PDF.
    desktop.goto("/duties/ranking/")
    desktop.get_by_role("link", name=live_world.members["city_member"].person.name, exact=True).first.click()
    shot(desktop, "duties", "07-member-record-desktop")
    with desktop.expect_download() as word:
        desktop.get_by_role("link", name="Word").click()
    assert word.value.suggested_filename == f"{live_world.members['city_member'].person.name}{timezone.localdate().year}年度履职报告.docx"
    with desktop.expect_download() as pdf:
        desktop.get_by_role("link", name="PDF").click()
    path = tmp_path / "report.pdf"
    pdf.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):  # a picture of the report's first page, for the documentation
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(path),
                        str(SCREENSHOTS / "duties" / "08-report-pdf")], check=True)


def test_administrator_edits_a_rule_and_the_score_follows(live_world, desktop, shot):
    _year_of_duties(live_world)
    login(desktop, "city_admin")
    desktop.goto("/duties/rules/")
    desktop.get_by_role("link", name=str(timezone.localdate().year)).first.click()
    shot(desktop, "duties", "09-rules-desktop")
    desktop.locator("tr", has_text="会议发言").get_by_role("link", name="编辑").click()
    desktop.fill("input[name=points]", "5")
    desktop.get_by_role("button", name="保存并重新计分").click()
    expect(desktop.locator(".alert-success")).to_contain_text("正在重新计分")
    desktop.goto(f"/duties/members/{live_world.members['city_member'].pk}/")
    expect(desktop.get_by_test_id("score-total")).to_have_text("64")  # the speech now earns 5, not 3
