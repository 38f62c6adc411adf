"""Demo data of the duties app (runs after every other app's generator, so it scores what they recorded):

- rule sets for every organisation and every year of its term, from both presets; past years closed (frozen);
- a contact account per organisation for a sector and a special committee (``<org>_sector``);
- self-reported duties in every state, with photos as evidence; confirmed ones become duty events;
- a few manual entries by the office, yearly self-reports (述职), reminders sent;
- then a full recomputation of every score, and the past years frozen.

Until the other apps' generators record their events, the only duty events here are the kinds no other app
records (self-reported, manual).
"""

import datetime as dt
import io
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from zhengxie.core.choices import Role
from zhengxie.core.demo import DemoContext
from zhengxie.core.models import Attachment, RoleAssignment, User
from zhengxie.core.registry import demo_generator

from . import scoring
from .choices import DutyEventKind, ReminderKind, RuleSetStatus, SelfReportStatus, SelfReportType
from .models import (
    DutyStatement,
    ManualEntry,
    Reminder,
    RuleSet,
    RuleSetHistory,
    SelfReport,
    SelfReportHistory,
)
from .presets import PRESETS
from .services.ledger import record_duty_events_bulk
from .services.rules import _from_preset

PLACES = ["东关街道", "中山街道", "南河镇", "北塬乡", "西关社区", "太京镇", "玉泉镇", "石佛镇", "新华路社区", "城关镇",
          "三阳川镇", "皂郊镇", "花牛镇", "杏林社区", "柳园镇"]
TITLES = {
    SelfReportType.RESEARCH: ["走访{p}养老服务中心", "赴{p}调研农田水利建设", "调研{p}中小学课后服务",
                              "走访{p}中小企业了解融资难题", "到{p}卫生院调研基层医疗"],
    SelfReportType.TALK: ["在{p}宣讲全国两会精神", "为{p}村民宣讲乡村振兴政策", "到{p}中学开展法治宣讲"],
    SelfReportType.RECEPTION: ["在委员工作室接待{p}群众来访", "接待{p}个体工商户反映诉求"],
    SelfReportType.CONSULTATION: ["参加{p}基层协商议事会", "组织{p}社区协商议事活动"],
    SelfReportType.SERVICE: ["参加{p}义诊活动", "组织爱心助学捐赠", "参与{p}防汛志愿服务"],
    SelfReportType.OTHER: ["撰写{p}调研报告并报送有关部门", "参加界别委员座谈会"],
}
DESCRIPTIONS = [
    "与当地干部群众座谈，了解实际情况和困难，记录群众意见建议{n}条，已整理形成材料。",
    "实地察看现场，听取有关负责同志情况介绍，与群众面对面交流，收集意见建议{n}条。",
    "结合本界别特点开展活动，参加群众约{n}0人，现场解答政策咨询，反响良好。",
]
REJECTIONS = ["照片无法反映履职内容，请补充活动现场照片后重新提交。", "活动时间与佐证材料不符，请核实后重新提交。",
              "该活动已由委员工作室统一登记，无需重复填报。"]
MANUAL = [("参加全国政协委员培训班（外地）", "2", "在外地参加培训，平台无考勤记录，经办公室核实补录"),
          ("获评市级优秀政协委员", "5", "经主席会议审定"),
          ("无故缺席界别活动且未说明情况", "-2", "界别召集人报告，经办公室核实")]
STATEMENT = ("{year}年，本人认真履行政协委员职责，坚持参加全体会议和专委会活动，围绕{topic}等问题深入调研，"
             "撰写提案和社情民意信息，积极参加视察和协商活动，深入委员工作站联系界别群众，帮助解决群众急难愁盼问题。\n"
             "不足之处是调研的深度还不够，建言的针对性有待提高。今后将进一步加强学习，提高履职能力，"
             "更好地发挥委员作用。")
TOPICS = ["乡村振兴", "营商环境", "养老服务", "教育均衡发展", "生态环境保护", "文旅融合", "基层医疗"]


def _evidence_images() -> list[tuple[str, int]]:
    """A few photos drawn once (a scene with a caption in the vendored Chinese font), shared by the reports."""
    from django.conf import settings
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(settings.PDF_FONT_PATH), 36)
    stored = []
    for index, (sky, ground, caption) in enumerate([("#9cc3e4", "#6a994e", "委员走访现场"), ("#f2e8cf", "#bc4749", "宣讲活动现场"),
                                                    ("#cfe1b9", "#718355", "协商议事会"), ("#e9ecef", "#495057", "调研座谈会")]):
        image = Image.new("RGB", (640, 420), sky)
        draw = ImageDraw.Draw(image)
        draw.rectangle([0, 260, 640, 420], fill=ground)
        draw.rectangle([60, 150, 300, 300], fill="#ffffff", outline="#333333", width=3)
        draw.ellipse([400, 160, 470, 230], fill="#333333")
        draw.rectangle([410, 230, 460, 330], fill="#333333")
        draw.text((40, 40), caption, font=font, fill="#222222")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        data = buffer.getvalue()
        name = default_storage.save(f"attachments/demo/evidence-{index + 1}.png", ContentFile(data))
        stored.append((name, len(data)))
    return stored


def _rule_sets(ctx: DemoContext) -> dict:
    """Rule sets of every year of every organisation's term; returns {(org id, year): RuleSet}."""
    this_year = ctx.now.year
    made = {}
    history = []
    with translation.override("zh-hans"):
        for index, org in enumerate(ctx.orgs):
            preset = PRESETS["hundred" if index % 2 == 0 else "base_bonus"]
            admin = ctx.account(org, "admin")
            for year in range(ctx.terms[org.pk].starts_on.year, this_year + 1):
                rule_set = _from_preset(preset, org, year)
                made[(org.pk, year)] = rule_set
                history.append(RuleSetHistory(rule_set=rule_set, action="create", to_state=RuleSetStatus.OPEN,
                                              actor=admin, data={"preset": preset.key},
                                              created_at=ctx.now.replace(year=year, month=1, day=5)))
    RuleSetHistory.objects.bulk_create(history)
    return made


def _contacts(ctx: DemoContext) -> None:
    """``<org>_sector``: the contact of a sector (教育界) and of a special committee, to show 界别+专委会."""
    users, roles = [], []
    for org in ctx.orgs:
        bodies = ctx.bodies[org.pk]
        sector_body = next((b for b in bodies if b.sector_id and "教育" in b.name), None) \
            or next((b for b in bodies if b.sector_id), None)
        committee_body = next((b for b in bodies if b.committee_id), None)
        if sector_body is None or committee_body is None:
            continue
        user = User(username=f"{ctx.slug(org)}_sector", password=ctx.password_hash, default_organisation=org,
                    display_name=f"{sector_body.name}联络员", email=f"{ctx.slug(org)}_sector@example.org")
        users.append(user)
        roles += [(user, org, sector_body), (user, org, committee_body)]
    User.objects.bulk_create(users)
    RoleAssignment.objects.bulk_create([RoleAssignment(user=u, organisation=o, role=Role.BODY_CONTACT, body=b)
                                        for u, o, b in roles])
    for user in users:
        ctx.accounts[user.username] = user


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def _self_reports(ctx: DemoContext, images) -> None:  # noqa: C901 (demo data: one straight pass that makes every kind of row)
    rng = ctx.rng
    today = ctx.now.date()
    statuses = [SelfReportStatus.CONFIRMED] * 10 + [SelfReportStatus.SUBMITTED] * 5 + [SelfReportStatus.REJECTED] * 3 \
        + [SelfReportStatus.WITHDRAWN] * 2
    reports, decided = [], []
    for org in ctx.orgs:
        office = ctx.account(org, "office")
        seats = ctx.members[org.pk]
        for seat in rng.sample(seats, max(4, len(seats) // 12)):
            for _n in range(rng.choice([1, 1, 2, 3])):
                last_year = rng.random() < 0.3
                year = today.year - 1 if last_year else today.year
                end = dt.date(year, 12, 20) if last_year else today
                start = max(dt.date(year, 1, 5), ctx.terms[org.pk].starts_on)
                if end <= start:
                    continue
                day = start + dt.timedelta(days=rng.randrange((end - start).days))
                report_type = rng.choice(list(TITLES))
                status = SelfReportStatus.CONFIRMED if last_year else rng.choice(statuses)
                submitted = _noon(day) + dt.timedelta(days=rng.randint(0, 5), hours=rng.randint(0, 8))
                report = SelfReport(
                    organisation=org, member=seat, report_type=report_type,
                    title=rng.choice(TITLES[report_type]).format(p=rng.choice(PLACES)),
                    description=rng.choice(DESCRIPTIONS).format(n=rng.randint(2, 9)), occurred_on=day,
                    place=f"{ctx.place(org)}{rng.choice(PLACES)}", status=status,
                    submitted_at=min(submitted, ctx.now),
                )
                if status in (SelfReportStatus.CONFIRMED, SelfReportStatus.REJECTED):
                    report.decided_at = min(report.submitted_at + dt.timedelta(days=rng.randint(1, 6)), ctx.now)
                    report.decided_by = office
                    report.decision_note = rng.choice(REJECTIONS) if status == SelfReportStatus.REJECTED else ""
                reports.append(report)
    SelfReport.objects.bulk_create(reports, batch_size=1000)
    content_type = ContentType.objects.get_for_model(SelfReport)
    user_of = dict(User.objects.filter(person_id__in={r.member.person_id for r in reports}).values_list("person_id", "pk"))
    attachments, history = [], []
    for report in reports:
        for index in range(rng.choice([1, 1, 2, 3])):
            name, size = rng.choice(images)
            attachments.append(Attachment(organisation=report.organisation, content_type=content_type,
                                          object_id=str(report.pk), role="evidence", file=name,
                                          original_name=f"现场照片{index + 1}.png", media_type="image/png", size=size,
                                          uploaded_by_id=user_of.get(report.member.person_id),
                                          uploaded_at=report.submitted_at))
        history.append(SelfReportHistory(report=report, action="submit", to_state=SelfReportStatus.SUBMITTED,
                                         created_at=report.submitted_at))
        if report.decided_at:
            action = "confirm" if report.status == SelfReportStatus.CONFIRMED else "reject"
            history.append(SelfReportHistory(report=report, action=action, from_state=SelfReportStatus.SUBMITTED,
                                             to_state=report.status, actor=report.decided_by,
                                             comment=report.decision_note, created_at=report.decided_at))
            if report.status == SelfReportStatus.CONFIRMED:
                decided.append(report)
        elif report.status == SelfReportStatus.WITHDRAWN:
            history.append(SelfReportHistory(report=report, action="withdraw", from_state=SelfReportStatus.SUBMITTED,
                                             to_state=report.status, created_at=report.submitted_at + dt.timedelta(hours=2)))
    Attachment.objects.bulk_create(attachments, batch_size=2000)
    SelfReportHistory.objects.bulk_create(history, batch_size=2000)
    record_duty_events_bulk(
        dict(member=r.member, kind=DutyEventKind.SELF_REPORTED, source=r, occurred_at=_noon(r.occurred_on),
             attributes={"report_type": r.report_type}, title=r.title) for r in decided
    )
    ctx.log(f"duties: {len(reports)} self-reported duties ({len(decided)} confirmed), {len(attachments)} photos")


def _manual_entries(ctx: DemoContext) -> None:
    rng = ctx.rng
    entries = []
    for org in ctx.orgs:
        office = ctx.account(org, "office")
        for title, points, reason in MANUAL:
            seat = rng.choice(ctx.members[org.pk])
            day = ctx.now.date() - dt.timedelta(days=rng.randint(3, 60))
            entries.append(ManualEntry(organisation=org, member=seat, occurred_on=day, title=title,
                                       points=Decimal(points), reason=reason, created_by=office,
                                       created_at=_noon(day) + dt.timedelta(days=1)))
    ManualEntry.objects.bulk_create(entries)
    record_duty_events_bulk(
        dict(member=e.member, kind=DutyEventKind.MANUAL, source=e, occurred_at=_noon(e.occurred_on),
             attributes={"points": str(e.points), "reason": e.reason}, title=e.title) for e in entries
    )


def _statements_and_reminders(ctx: DemoContext) -> None:
    rng = ctx.rng
    year = ctx.now.year
    statements, reminders = [], []
    for org in ctx.orgs:
        office = ctx.account(org, "office")
        seats = ctx.members[org.pk]
        for seat in rng.sample(seats, len(seats) // 3):
            statements.append(DutyStatement(organisation=org, member=seat, year=year - 1,
                                            text=STATEMENT.format(year=year - 1, topic=rng.choice(TOPICS)),
                                            submitted_at=ctx.now.replace(year=year, month=1, day=rng.randint(2, 12))))
        for seat in rng.sample(seats, max(1, len(seats) // 20)):
            statements.append(DutyStatement(organisation=org, member=seat, year=year,
                                            text=STATEMENT.format(year=year, topic=rng.choice(TOPICS))))
        for seat in rng.sample(seats, max(1, len(seats) // 15)):
            reminders.append(Reminder(organisation=org, member=seat, year=year, kind=ReminderKind.REQUIREMENTS,
                                      details={"missing": ["参加至少一次视察或调研活动"]}, sent_by=office,
                                      sent_at=ctx.now - dt.timedelta(days=rng.randint(8, 40))))
    DutyStatement.objects.bulk_create(statements, batch_size=2000)
    Reminder.objects.bulk_create(reminders)


def _score_and_close(ctx: DemoContext, rule_sets: dict) -> None:
    this_year = ctx.now.year
    by_year: dict[int, list[RuleSet]] = {}
    for (_org_id, year), rule_set in rule_sets.items():
        by_year.setdefault(year, []).append(rule_set)
    written = 0
    for year, sets in sorted(by_year.items()):
        if year == this_year:
            written += scoring.recompute_year(year, [rs.organisation_id for rs in sets])
            continue
        history = []
        for rule_set in sets:
            admin = ctx.account(rule_set.organisation, "admin")
            written += scoring.freeze_year(rule_set)
            closed_at = ctx.now.replace(year=year + 1, month=1, day=20)
            RuleSet.objects.filter(pk=rule_set.pk).update(status=RuleSetStatus.CLOSED, closed_at=closed_at,
                                                          closed_by=admin, version=2)
            history.append(RuleSetHistory(rule_set=rule_set, action="close", from_state=RuleSetStatus.OPEN,
                                          to_state=RuleSetStatus.CLOSED, actor=admin, created_at=closed_at))
        RuleSetHistory.objects.bulk_create(history)
    ctx.log(f"duties: {len(rule_sets)} rule sets, {written} scores")


@demo_generator(order=90)
def generate(ctx: DemoContext):
    rule_sets = _rule_sets(ctx)
    _contacts(ctx)
    _self_reports(ctx, _evidence_images())
    _manual_entries(ctx)
    _statements_and_reminders(ctx)
    _score_and_close(ctx, rule_sets)

