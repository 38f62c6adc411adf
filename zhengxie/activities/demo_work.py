"""Demo data of the kinds of work the seed reports for Jiuquan this year — 宣讲 24 场次, 调查研究 32 次, 信访接待
14 人次, 现场办公 18 场次, 帮助解决困难和问题 110 余件, 主席会议成员牵头课题调研形成 8 篇调研报告, 党纪学习教育读书班
3 天、研讨交流 18 人次、党课 8 场次、"三会一课" 集中学习 14 场次, 座谈会近 60 人参加 — and a little of each elsewhere."""

import datetime as dt

from zhengxie.core.choices import MemberPosition, OrganisationLevel
from zhengxie.duties.services import record_duty_events_bulk

from .attendance import duty_events_for
from .choices import (
    ActivityStatus,
    ActivityType,
    MatterStatus,
    Outcome,
    ReportStatus,
    SignInMethod,
    SpeechKind,
)
from .models import Activity, Matter, OutcomeReport, Participant, Speech

JIUQUAN = {"talk": 24, "petition": 7, "onsite_office": 18, "symposium": 1, "reading_class": 3, "party_lecture": 8,
           "three_meetings": 14, "research": 32, "reports": 8, "petitioners": 14, "matters": 121, "solved": 112,
           "symposium_people": 58, "reading_speeches": 18}
OTHER_CITY = {"talk": 8, "petition": 3, "onsite_office": 5, "symposium": 2, "reading_class": 2, "party_lecture": 4,
              "three_meetings": 12, "research": 0, "reports": 3, "petitioners": 6, "matters": 30, "solved": 24,
              "symposium_people": 25, "reading_speeches": 6}
COUNTY = {"talk": 4, "petition": 2, "onsite_office": 3, "symposium": 1, "reading_class": 1, "party_lecture": 2,
          "three_meetings": 6, "research": 0, "reports": 1, "petitioners": 3, "matters": 10, "solved": 8,
          "symposium_people": 12, "reading_speeches": 2}
TITLES = {
    ActivityType.TALK: ["党的二十届四中全会精神宣讲进社区", "惠民政策宣讲进乡村", "民法典宣讲进企业", "乡村振兴政策宣讲进农户"],
    ActivityType.PETITION: ["政协委员信访接待日", "领导包案信访接待"],
    ActivityType.ONSITE_OFFICE: ["戈壁农业园区现场办公", "老旧小区改造现场办公", "文旅项目建设现场办公", "重点项目建设现场办公"],
    ActivityType.SYMPOSIUM: ["民营企业家座谈会", "新型农业经营主体座谈会"],
    ActivityType.READING_CLASS: ["党纪学习教育读书班"],
    ActivityType.PARTY_LECTURE: ["专题党课：以党的创新理论凝心铸魂", "专题党课：严守政治纪律和政治规矩"],
    ActivityType.THREE_MEETINGS: ["机关党支部“三会一课”集中学习"],
    ActivityType.RESEARCH: ["戈壁生态农业发展情况调研", "新能源产业链延链补链调研", "河西走廊文旅融合发展调研"],
}
MATTERS = ["农田灌溉渠道年久失修", "小区加装电梯资金缺口", "农产品销售渠道不畅", "村道路灯损坏", "企业用工招聘难",
           "牧民饮水工程水压不足", "老人就医报销不便", "学生上下学交通不便", "戈壁温室棚膜更换补贴", "个体工商户贷款难"]
RESULTS = ["协调水务部门纳入年度维修计划，已完工", "对接住建部门落实补助资金", "联系电商平台开设专区销售",
           "协调乡镇已修复", "组织专场招聘会解决", "协调相关部门完成整改"]


def _plan(org, slug):
    if slug == "jq":
        return JIUQUAN
    return COUNTY if org.level == OrganisationLevel.COUNTY else OTHER_CITY


def _chairs(members):
    return [m for m in members if m.position in (MemberPosition.CHAIR, MemberPosition.VICE_CHAIR,
                                                  MemberPosition.SECRETARY_GENERAL)] or members[:3]


def _activities(b, plan, start, end):
    """The activities of each new kind this year (a reading class as one sitting a day), and the research trips
    that bring Jiuquan to its 32."""
    made = []
    for type, count, hours in [(ActivityType.TALK, plan["talk"], 2), (ActivityType.PETITION, plan["petition"], 3),
                               (ActivityType.ONSITE_OFFICE, plan["onsite_office"], 3),
                               (ActivityType.SYMPOSIUM, plan["symposium"], 3),
                               (ActivityType.PARTY_LECTURE, plan["party_lecture"], 2),
                               (ActivityType.THREE_MEETINGS, plan["three_meetings"], 2)]:
        for index in range(count):
            day = b.weekday(start, end)
            made.append((b.add(type=type, title=TITLES[type][index % len(TITLES[type])], starts=b.moment(day, 9),
                               hours=hours, members=[], required=False, status=ActivityStatus.CLOSED), type))
    first = b.weekday(start, end - dt.timedelta(days=5))
    for day_number in range(plan["reading_class"]):
        day = first + dt.timedelta(days=day_number)
        made.append((b.add(type=ActivityType.READING_CLASS, title=f"{TITLES[ActivityType.READING_CLASS][0]}（第{day_number + 1}天）",
                           starts=b.moment(day, 8, 30), hours=8, members=[], required=False,
                           status=ActivityStatus.CLOSED), ActivityType.READING_CLASS))
    year_start = dt.datetime.combine(start, dt.time.min, tzinfo=b.tz)
    have = Activity.objects.filter(organisation=b.org, type=ActivityType.RESEARCH, status=ActivityStatus.CLOSED,
                                   starts_at__gte=year_start).count()
    for index in range(max(0, plan["research"] - have)):
        day = b.weekday(start, end)
        made.append((b.add(type=ActivityType.RESEARCH, title=TITLES[ActivityType.RESEARCH][index % 3], starts=b.moment(day, 8, 30),
                           hours=6, members=[], required=False, status=ActivityStatus.CLOSED), ActivityType.RESEARCH))
    return made


def _people(b, made, plan):
    """Participants (attended), and the duty events they make; the symposium's people and the reading class's
    exchanges in the seed's numbers."""
    participants, rows, speeches = [], [], []
    symposium_people = plan["symposium_people"]
    symposia = [a for a, t in made if t == ActivityType.SYMPOSIUM]
    for activity, type in made:
        if type == ActivityType.SYMPOSIUM:
            share = symposium_people // len(symposia) + (1 if activity is symposia[0] else 0) * (symposium_people % len(symposia))
            members = b.sample(b.members, share)
        else:
            members = b.sample(b.members, b.rng.randint(3, 8))
        for member in members:
            p = Participant(activity=activity, member=member, outcome=Outcome.ATTENDED, response="attending",
                            signed_in_at=activity.starts_at - dt.timedelta(minutes=5), signin_method=SignInMethod.QR,
                            minutes_present=activity.duration_minutes)
            participants.append(p)
            rows += [{"member": member, "kind": kind, "source": activity, "occurred_at": activity.starts_at,
                      "attributes": attributes, "title": activity.title} for kind, attributes in duty_events_for(activity, p)]
    sittings = [(a, [p.member for p in participants if p.activity is a]) for a, t in made if t == ActivityType.READING_CLASS]
    for index in range(plan["reading_speeches"] if sittings else 0):
        activity, present = sittings[index % len(sittings)]
        member = present[index // len(sittings) % len(present)]
        speeches.append(Speech(activity=activity, member=member, kind=SpeechKind.DELIVERED, title="研讨交流发言",
                               text="结合工作实际谈学习体会。", created_by=b.office, created_at=activity.ends_at))
    return participants, rows, speeches


def _matters(b, made, plan, rows):
    where = [a for a, t in made if t in (ActivityType.TALK, ActivityType.ONSITE_OFFICE, ActivityType.RESEARCH)]
    receptions = [a for a, t in made if t == ActivityType.PETITION]
    hosts = [receptions[i % len(receptions)] for i in range(plan["petitioners"])] if receptions else []
    hosts += [where[i % len(where)] for i in range(max(0, plan["matters"] - len(hosts)))]
    matters = []
    for index, activity in enumerate(hosts):
        solved = index < plan["solved"]
        matters.append(Matter(
            organisation=b.org, activity=activity, description=MATTERS[index % len(MATTERS)],
            raised_by=b.rng.choice(["村民", "社区居民", "企业代表", "牧民", "个体工商户"]), member=b.rng.choice(b.members),
            status=MatterStatus.SOLVED if solved else MatterStatus.OPEN,
            result=b.rng.choice(RESULTS) if solved else "", created_by=b.office, created_at=activity.ends_at,
            solved_at=min(activity.ends_at + dt.timedelta(days=b.rng.randint(3, 40)), b.now) if solved else None))
    Matter.objects.bulk_create(matters, batch_size=1000)
    rows += [{"member": m.member, "kind": "concern_handled", "source": m, "occurred_at": m.solved_at, "title": m.description,
              "attributes": {"activity_type": m.activity.type, "matter": True}} for m in matters if m.solved_at]


def _reports(b, made, plan, rows):
    research = [a for a, t in made if t == ActivityType.RESEARCH] or [a for a, _t in made]
    chairs = _chairs(b.members)
    reports = []
    for index in range(plan["reports"]):
        activity = research[index % len(research)]
        sent = min(activity.ends_at + dt.timedelta(days=15), b.now)
        reports.append(OutcomeReport(
            organisation=b.org, activity=activity, kind="research", lead=chairs[index % len(chairs)],
            title=f"关于{activity.title.removesuffix('调研').removesuffix('情况')}的调研报告", body="调研报告正文。",
            suggestion_count=b.rng.randint(3, 6), status=ReportStatus.SENT, sent_at=sent, created_by=b.office,
            created_at=sent - dt.timedelta(days=3)))
    OutcomeReport.objects.bulk_create(reports)
    rows += [{"member": r.lead, "kind": "research_attended", "source": r, "occurred_at": r.sent_at, "title": r.title,
              "attributes": {"activity_type": "research", "research_report": "lead"}} for r in reports]


def generate_work(ctx, builder_class):
    today = ctx.now.date()
    start, end = dt.date(today.year, 1, 6), today - dt.timedelta(days=2)
    rows = []
    total = 0
    for org in ctx.orgs:
        if org.level == OrganisationLevel.PROVINCE or end <= start:
            continue
        b = builder_class(ctx, org)
        plan = _plan(org, ctx.slug(org))
        made = _activities(b, plan, start, end)
        Activity.objects.bulk_create(b.activities, batch_size=1000)
        participants, event_rows, speeches = _people(b, made, plan)
        Participant.objects.bulk_create(participants, batch_size=2000)
        Speech.objects.bulk_create(speeches)
        rows += event_rows
        rows += [{"member": s.member, "kind": "speech_delivered", "source": s, "occurred_at": s.activity.starts_at,
                  "title": s.title, "attributes": {"meeting_type": "other", "activity_type": s.activity.type}}
                 for s in speeches]
        _matters(b, made, plan, rows)
        _reports(b, made, plan, rows)
        total += len(b.activities)
    record_duty_events_bulk(rows)
    ctx.log(f"activities (work among the people, Party study): {total} activities, {len(rows)} duty events")
