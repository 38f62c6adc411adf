"""Demo data of the activities app, in the seed's proportions for 天水市政协 (a term of 70+ study sessions with
110+ speakers, 26 special inspections, 32 research trips, consultations, training classes, 90+ adopted
suggestions, a knowledge contest of the whole city system) and smaller numbers elsewhere: meetings of every
kind, plans, online deliberation, and every state (draft, notice sent, today's sign-in, closed, cancelled)."""

import datetime as dt

from django.utils import timezone

from zhengxie.core.choices import MemberPosition, OrganisationLevel
from zhengxie.core.registry import demo_generator
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.services import record_duty_events_bulk

from . import demo_data as D
from .attendance import Rules, duty_events_for, evaluate
from .choices import (
    ActivityStatus,
    ActivityType,
    ContestStatus,
    MeetingType,
    Outcome,
    PlanKind,
    ReportStatus,
    Response,
    SignInMethod,
    SpeechKind,
    TopicStatus,
)
from .models import (
    Activity,
    Attempt,
    Contest,
    OutcomeReport,
    Participant,
    Plan,
    PlanItem,
    Poll,
    PollOption,
    PollVote,
    Post,
    Question,
    ReportRecipient,
    Speech,
    Topic,
)

SEED_CITY = "ts"
SEED_SUGGESTIONS = 93  # "提出符合市情实际的建议90余条"
LEAVE_REASONS = ["赴外地出差", "单位有重要公务", "身体不适住院治疗", "参加上级组织的培训", "家中有急事"]


class OrgPlan:
    """How much of each kind one organisation gets over the term."""

    def __init__(self, org, slug, years):
        seed = slug == SEED_CITY
        county = org.level == OrganisationLevel.COUNTY
        self.study = 72 if seed else (4 if county else 10)
        self.inspections = 26 if seed else (2 if county else 5)
        self.research = 32 if seed else (3 if county else 6)
        self.consultations_per_year = 5 if seed else (1 if county else 2)
        self.chair_per_year = 10 if seed else (3 if county else 4)
        self.standing_per_year = 4 if seed else 2
        self.committee_per_year = 2 if seed else (0 if county else 1)
        self.trainings_per_year = 1
        self.years = years


class Builder:
    def __init__(self, ctx, org):
        self.ctx, self.org, self.rng = ctx, org, ctx.rng
        self.tz = timezone.get_current_timezone()
        self.now = ctx.now
        self.members = ctx.members[org.pk]
        self.office = ctx.accounts.get(f"{ctx.slug(org)}_office")
        self.activities: list[Activity] = []
        self.invited: dict[int, list] = {}  # position in self.activities -> [members]

    def moment(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz)

    def weekday(self, start: dt.date, end: dt.date) -> dt.date:
        span = max(1, (end - start).days)
        day = start + dt.timedelta(days=self.rng.randrange(span))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return day

    def add(self, *, type, title, starts, hours, members, meeting_type="", consultation_type="", location="",
            required=True, status=None, **extra) -> Activity:
        ends = starts + dt.timedelta(hours=hours)
        if status is None:
            status = ActivityStatus.CLOSED if ends < self.now else ActivityStatus.PUBLISHED
        activity = Activity(
            organisation=self.org, type=type, meeting_type=meeting_type, consultation_type=consultation_type,
            title=title, location=location or self.rng.choice(D.PLACES), starts_at=starts, ends_at=ends,
            signin_opens_at=starts - dt.timedelta(minutes=60), signin_closes_at=ends, attendance_required=required,
            status=status, created_by=self.office, created_at=starts - dt.timedelta(days=7),
            published_at=None if status == ActivityStatus.DRAFT else starts - dt.timedelta(days=5),
            closed_at=ends + dt.timedelta(hours=2) if status == ActivityStatus.CLOSED else None, **extra)
        self.invited[len(self.activities)] = list({m.pk: m for m in members}.values())
        self.activities.append(activity)
        return activity

    def sample(self, population, k):
        return self.rng.sample(population, min(k, len(population)))


def _meetings(b: Builder, plan: OrgPlan, sessions):  # noqa: C901 (demo data: one straight pass that makes every kind of row)
    members = b.members
    standing = [m for m in members if m.is_standing_committee]
    council = [m for m in members if m.position != MemberPosition.MEMBER]
    place = b.ctx.place(b.org)
    for session in sessions:
        b.add(type=ActivityType.MEETING, meeting_type=MeetingType.PLENARY, members=members, hours=(session.closes_on - session.opens_on).days * 24 + 3,
              title=f"政协{place}{b.ctx.terms[b.org.pk].name}委员会{session.name}", starts=b.moment(session.opens_on, 9),
              location="人民会堂", session=session)
    for year in plan.years:
        first, last = dt.date(year, 2, 1), min(dt.date(year, 12, 20), (b.now + dt.timedelta(days=40)).date())
        if last <= first:
            continue
        for n in range(plan.standing_per_year):
            day = b.weekday(first + dt.timedelta(days=n * 80), first + dt.timedelta(days=n * 80 + 60))
            if day <= last:
                b.add(type=ActivityType.MEETING, meeting_type=MeetingType.STANDING, members=standing, hours=3,
                      title=f"{year}年政协{place}常委会第{n + 1}次会议", starts=b.moment(day, 9))
        for n in range(plan.chair_per_year):
            day = b.weekday(first + dt.timedelta(days=n * 30), first + dt.timedelta(days=n * 30 + 25))
            if day <= last:
                b.add(type=ActivityType.MEETING, meeting_type=MeetingType.CHAIR, members=council, hours=2,
                      title=f"{year}年主席会议（第{n + 1}次）", starts=b.moment(day, 15))
        committees = {}
        for m in members:
            if m.committee_id:
                committees.setdefault(m.committee_id, []).append(m)
        for committee_id, seats in committees.items():
            for _n in range(plan.committee_per_year):
                day = b.weekday(first, last)
                b.add(type=ActivityType.MEETING, meeting_type=MeetingType.COMMITTEE, members=seats, hours=2,
                      committee_id=committee_id, title=f"{year}年{b.rng.choice(D.COMMITTEE_MEETINGS)}",
                      starts=b.moment(day, 9, 30))
        for n in range(plan.trainings_per_year):
            day = b.weekday(dt.date(year, 5, 1), dt.date(year, 6, 30))
            if day <= last:
                b.add(type=ActivityType.TRAINING, members=b.sample(members, 40), hours=24 + 8,
                      title=f"{year}年{D.TRAININGS[(year + n) % len(D.TRAININGS)]}", starts=b.moment(day, 8, 30),
                      location="市委党校")


def _spread(b: Builder, count: int, start: dt.date, end: dt.date) -> list[dt.date]:
    return sorted(b.weekday(start, end) for _ in range(count))


def _field_work(b: Builder, plan: OrgPlan, start: dt.date, end: dt.date, plan_items):
    place = b.ctx.place(b.org)
    for index, day in enumerate(_spread(b, plan.study, start, end)):
        b.add(type=ActivityType.STUDY, members=b.sample(b.members, b.rng.randint(20, 40)), hours=3,
              title=D.STUDY_TOPICS[index % len(D.STUDY_TOPICS)], starts=b.moment(day, 9), required=False)
    for kind, count, topics in ((ActivityType.INSPECTION, plan.inspections, D.INSPECTION_TOPICS),
                                (ActivityType.RESEARCH, plan.research, D.RESEARCH_TOPICS)):
        for index, day in enumerate(_spread(b, count, start, end)):
            title = topics[index % len(topics)].replace("全市", f"{place}" if b.org.level != "city" else "全市")
            item = plan_items.get((kind, day.year))
            b.add(type=kind, members=b.sample(b.members, b.rng.randint(8, 15)), hours=6, title=title,
                  starts=b.moment(day, 8, 30), location=b.rng.choice(D.FIELD_PLACES), lead_name=b.members[1 + index % 5].name,
                  itinerary="08:30 集合出发\n09:30 实地察看\n14:30 召开座谈会\n17:00 返回",
                  plan_item=item.pop() if item else None)
    for year in plan.years:
        for n in range(plan.consultations_per_year):
            day = b.weekday(dt.date(year, 3 + n * 2, 1), dt.date(year, 4 + n * 2, 25))
            if day > end:
                continue
            consultation_type, title = D.CONSULTATIONS[(year + n) % len(D.CONSULTATIONS)]
            item = plan_items.get((ActivityType.CONSULTATION, year))
            b.add(type=ActivityType.CONSULTATION, consultation_type=consultation_type, hours=3,
                  members=b.sample(b.members, b.rng.randint(15, 30)), title=title, starts=b.moment(day, 9),
                  plan_item=item.pop() if item else None)


def _plans(b: Builder, year: int) -> dict:
    """This year's consultation plan and inspection/research plan; returns {(type, year): [items]}."""
    place = b.ctx.place(b.org)
    found = {}
    plan = Plan.objects.create(organisation=b.org, year=year, kind=PlanKind.CONSULTATION,
                               title=f"政协{place}{year}年度协商计划", approved_on=dt.date(year, 2, 20))
    items = PlanItem.objects.bulk_create([
        PlanItem(plan=plan, title=title.removesuffix("会"), activity_type=ActivityType.CONSULTATION,
                 consultation_type=kind, planned_month=2 + 2 * i, lead_name=b.members[1 + i % 5].name, sort_order=i)
        for i, (kind, title) in enumerate(D.CONSULTATIONS[:6])])
    found[(ActivityType.CONSULTATION, year)] = list(reversed(items))
    plan = Plan.objects.create(organisation=b.org, year=year, kind=PlanKind.INSPECTION_RESEARCH,
                               title=f"政协{place}{year}年度视察调研计划", approved_on=dt.date(year, 2, 20))
    for kind, topics in ((ActivityType.INSPECTION, D.INSPECTION_TOPICS), (ActivityType.RESEARCH, D.RESEARCH_TOPICS)):
        items = PlanItem.objects.bulk_create([
            PlanItem(plan=plan, title=t, activity_type=kind, planned_month=2 + i * 2, sort_order=i)
            for i, t in enumerate(topics[:5])])
        found[(kind, year)] = list(reversed(items))
    return found


def _today(b: Builder, demo_member):
    """Today's standing committee meeting with sign-in open (for the QR screen), a video consultation, a draft
    and a cancelled activity."""
    standing = [m for m in b.members if m.is_standing_committee]
    if demo_member not in standing:
        standing.append(demo_member)
    start = b.now.replace(second=0, microsecond=0) + dt.timedelta(minutes=30)
    today = b.add(type=ActivityType.MEETING, meeting_type=MeetingType.STANDING, members=standing, hours=3,
                  title=f"政协{b.ctx.place(b.org)}常委会会议（今日）", starts=start, status=ActivityStatus.PUBLISHED)
    today.signin_opens_at = b.now - dt.timedelta(minutes=30)
    b.add(type=ActivityType.CONSULTATION, consultation_type="topic", members=b.sample(b.members, 25) + [demo_member],
          hours=2, title="“泉”程商量：民营经济发展远程协商会", starts=b.moment((b.now + dt.timedelta(days=3)).date(), 15),
          location="政协视频会议系统", video_url="https://video.example.org/zhengxie/room/2026")
    b.add(type=ActivityType.INSPECTION, members=b.sample(b.members, 10), hours=6, title="城乡供水保障工作专项视察（筹备中）",
          starts=b.moment((b.now + dt.timedelta(days=20)).date(), 8, 30), status=ActivityStatus.DRAFT)
    b.add(type=ActivityType.RESEARCH, members=b.sample(b.members, 10), hours=6, title="关于中医药产业发展的调研",
          starts=b.moment((b.now + dt.timedelta(days=12)).date(), 8, 30), status=ActivityStatus.CANCELLED,
          cancel_reason="与市委重要会议时间冲突，另行安排", cancelled_at=b.now - dt.timedelta(days=1))


def _attendance(b: Builder, activity, members, rules, rows, participants, demo_member):  # noqa: C901 (demo data: one straight pass that makes every kind of row)
    """Answers and sign-ins in realistic proportions; the outcome and the duty events follow the real rules."""
    rng = b.rng
    closed = activity.status == ActivityStatus.CLOSED
    for member in members:
        p = Participant(activity=activity, member=member, notified_at=activity.published_at)
        if activity.status == ActivityStatus.DRAFT:
            participants.append(p)
            continue
        r = rng.random()
        if activity.status in (ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED):
            if r < 0.05:
                p.response, p.leave_reason = Response.LEAVE_REQUESTED, rng.choice(LEAVE_REASONS)
            elif r < 0.08:
                p.response, p.leave_reason = Response.LEAVE_APPROVED, rng.choice(LEAVE_REASONS)
            elif r < 0.6:
                p.response = Response.ATTENDING
            if member.pk == demo_member.pk:  # the demo account has notices to answer
                p.response, p.leave_reason = Response.INVITED, ""
            p.responded_at = activity.published_at + dt.timedelta(hours=rng.randint(1, 60)) if p.response != Response.INVITED else None
            participants.append(p)
            continue
        if closed and r < 0.07:
            p.response, p.leave_reason = Response.LEAVE_APPROVED, rng.choice(LEAVE_REASONS)
            p.leave_decided_by = b.office
        elif closed and r < 0.11 and activity.attendance_required:
            p.response = Response.INVITED
        else:
            p.response = Response.ATTENDING
            late = rng.random() < 0.06
            p.signed_in_at = activity.starts_at + (dt.timedelta(minutes=rng.randint(12, 35)) if late
                                                   else -dt.timedelta(minutes=rng.randint(1, 25)))
            p.signin_method = SignInMethod.REMOTE if activity.video_url else (
                SignInMethod.QR if rng.random() < 0.85 else SignInMethod.MANUAL)
            if rng.random() < 0.04:
                p.left_at = activity.starts_at + (activity.ends_at - activity.starts_at) * rng.choice([0.5, 0.8])
        if closed:
            result = evaluate(p, activity, rules)
            p.outcome, p.is_late, p.left_early, p.minutes_present = (
                result.outcome, result.is_late, result.left_early, result.minutes_present)
            rows += [{"member": member, "kind": kind, "source": activity, "occurred_at": activity.starts_at,
                      "attributes": attributes, "title": activity.title}
                     for kind, attributes in duty_events_for(activity, p)]
        participants.append(p)


def _speeches_and_reports(b: Builder, attended: dict, rows, *, seed: bool):  # noqa: C901 (demo data: one straight pass that makes every kind of row)
    """Speeches and outcome reports. The seed city gets its reported figures: 110+ speakers at its study sessions
    and 90+ adopted suggestions."""
    rng = b.rng
    speeches, reports, report_authors = [], [], []
    studies, adopted_total = 0, 0
    for activity in b.activities:
        if activity.status != ActivityStatus.CLOSED:
            continue
        present = attended.get(activity.pk, [])
        if not present:
            continue
        count = 0
        if activity.type == ActivityType.STUDY:
            studies += 1
            count = (2 if studies <= 42 else 1) if seed else rng.choice([1, 2])
        elif activity.meeting_type == MeetingType.PLENARY:
            count = 10
        for member in b.sample(present, count):
            kind = SpeechKind.WRITTEN if activity.meeting_type == MeetingType.PLENARY and rng.random() < 0.4 else SpeechKind.DELIVERED
            speeches.append(Speech(activity=activity, member=member, kind=kind, title=rng.choice(D.SPEECH_TITLES),
                                   text="\n".join(rng.sample(D.REPORT_PARAGRAPHS, 2)), created_by=b.office,
                                   created_at=activity.ends_at))
        if activity.type in (ActivityType.INSPECTION, ActivityType.RESEARCH, ActivityType.CONSULTATION) and rng.random() < 0.75:
            kind = {"inspection": "inspection", "research": "research"}.get(activity.type, "suggestion")
            suggestions = rng.randint(1, 3)
            if seed:
                adopted = adopted_total < SEED_SUGGESTIONS
                suggestions = min(suggestions, SEED_SUGGESTIONS - adopted_total) if adopted else suggestions
            else:
                adopted = rng.random() < 0.8
            adopted_total += suggestions if adopted else 0
            report = OutcomeReport(
                organisation=b.org, activity=activity, kind=kind, title=f"{activity.title.removesuffix('会')}的报告",
                body="\n".join(D.REPORT_PARAGRAPHS), suggestion_count=suggestions,
                status=ReportStatus.ADOPTED if adopted else ReportStatus.SENT, sent_at=activity.ends_at + dt.timedelta(days=10),
                adopted_at=activity.ends_at + dt.timedelta(days=30) if adopted else None, created_by=b.office,
                created_at=activity.ends_at + dt.timedelta(days=7))
            reports.append(report)
            report_authors.append(b.sample(present, 3))
    Speech.objects.bulk_create(speeches, batch_size=2000)
    for s in speeches:
        rows.append({"member": s.member, "kind": K.SPEECH_DELIVERED if s.kind == SpeechKind.DELIVERED else K.SPEECH_SUBMITTED,
                     "source": s, "occurred_at": s.activity.starts_at, "title": s.title,
                     "attributes": {"meeting_type": s.activity.duty_meeting_type,
                                    **({"activity_type": s.activity.type} if s.activity.type != "meeting" else {})}})
    OutcomeReport.objects.bulk_create(reports, batch_size=1000)
    place = b.ctx.place(b.org)
    recipients, links = [], []
    for report, authors in zip(reports, report_authors, strict=True):
        links += [OutcomeReport.authors.through(outcomereport_id=report.pk, member_id=m.pk) for m in authors]
        instructed = report.status == ReportStatus.ADOPTED and rng.random() < 0.4
        for name in (f"中共{place}委", f"{place}人民政府"):
            recipients.append(ReportRecipient(
                report=report, name=name, sent_at=report.sent_at,
                feedback=rng.choice(D.FEEDBACK) if report.status == ReportStatus.ADOPTED else "",
                feedback_at=report.adopted_at, adopted=report.status == ReportStatus.ADOPTED,
                instruction_leader=f"{rng.choice('王李张刘陈杨')}书记" if instructed and "中共" in name else "",
                instruction_level=b.org.level if instructed and "中共" in name else "",
                instruction_text=rng.choice(D.INSTRUCTIONS) if instructed and "中共" in name else ""))
            instructed = instructed and "中共" not in name
        if report.status == ReportStatus.ADOPTED:
            rows += [{"member": m, "kind": K.SUGGESTION_ADOPTED, "source": report, "occurred_at": report.adopted_at,
                      "title": report.title, "attributes": {"suggestions": report.suggestion_count, "report_kind": report.kind}}
                     for m in authors]
    OutcomeReport.authors.through.objects.bulk_create(links, batch_size=2000)
    ReportRecipient.objects.bulk_create(recipients, batch_size=2000)
    return len(speeches), sum(r.suggestion_count for r in reports if r.status == ReportStatus.ADOPTED)


def _deliberation(b: Builder, rows):
    rng, now = b.rng, b.now
    states = [(TopicStatus.CLOSED, -120, -100), (TopicStatus.PUBLISHED, -3, 10), (TopicStatus.DRAFT, 5, 20)]
    for (title, description), (status, opens, closes) in zip(D.TOPICS, states, strict=True):
        topic = Topic.objects.create(
            organisation=b.org, title=title, description=description, opens_at=now + dt.timedelta(days=opens),
            closes_at=now + dt.timedelta(days=closes), status=status, created_by=b.office,
            summary="委员们围绕议题提出了多方面建议，主要集中在线路打造、配套设施、资金扶持和人才培养等方面。"
            if status == TopicStatus.CLOSED else "", summary_at=now + dt.timedelta(days=closes) if status == TopicStatus.CLOSED else None)
        if status == TopicStatus.DRAFT:
            continue
        authors = b.sample(b.members, rng.randint(8, 16))
        posts = [Post(topic=topic, author=m, user_id=None, text=rng.choice(D.VIEWS), like_count=rng.randint(0, 12),
                      created_at=topic.opens_at + dt.timedelta(hours=rng.randint(1, 60)), in_summary=rng.random() < 0.4
                      if status == TopicStatus.CLOSED else False) for m in authors]
        users = {u.person_id: u.pk for u in _users_of(authors)}
        posts = [p for p in posts if users.get(p.author.person_id)]
        for p in posts:
            p.user_id = users[p.author.person_id]
        if posts:
            posts[-1].hidden_at, posts[-1].hidden_by, posts[-1].hidden_reason = now, b.office, "内容与议题无关"
            posts[-1].in_summary = False
        Post.objects.bulk_create(posts)
        replies = [Post(topic=topic, parent=parent, author=reply.author, user_id=reply.user_id, text=rng.choice(D.REPLIES),
                        created_at=parent.created_at + dt.timedelta(hours=3)) for parent, reply in zip(posts[:3], posts[3:6], strict=False)]
        Post.objects.bulk_create(replies)
        rows += [{"member": p.author, "kind": K.DELIBERATION_POSTED, "source": topic, "occurred_at": p.created_at,
                  "title": topic.title} for p in posts[:-1]]
        if status == TopicStatus.PUBLISHED:
            poll = Poll.objects.create(topic=topic, question="您认为最需要优先解决的问题是？")
            options = PollOption.objects.bulk_create([PollOption(poll=poll, text=t, sort_order=i)
                                                      for i, t in enumerate(["政策扶持", "配套设施", "人才培养", "宣传推介"])])
            PollVote.objects.bulk_create([PollVote(poll=poll, option=rng.choice(options), member=m) for m in authors])


def _users_of(members):
    from zhengxie.core.models import User

    return User.objects.filter(person_id__in=[m.person_id for m in members]).only("pk", "person_id")


def _contests(ctx, rows):
    org = ctx.org_by_slug[SEED_CITY]
    office = ctx.accounts.get(f"{SEED_CITY}_office")
    questions = []
    for kind, text, options, answer, category in D.QUESTIONS:
        if kind == "true_false":
            indices = [0 if answer == "对" else 1]
        else:
            indices = sorted("ABCDEF".index(c) for c in answer)
        questions.append(Question(organisation=org, kind=kind, text=text, options=options, answer=indices, category=category))
    Question.objects.bulk_create(questions)
    now = ctx.now
    seed = Contest.objects.create(
        organisation=org, title="全市政协系统“抓学习促提升”知识大奖赛", status=ContestStatus.PUBLISHED,
        description="深入开展“三抓三促”行动，全面提升政协系统理论水平。", opens_at=now - dt.timedelta(days=200),
        closes_at=now - dt.timedelta(days=190), time_limit_minutes=20, question_count=10, include_lower_levels=True,
        created_by=office)
    Contest.objects.create(
        organisation=org, title="政协知识线上竞答（第二季）", status=ContestStatus.PUBLISHED,
        description="委员可在手机上作答，限时15分钟。", opens_at=now - dt.timedelta(days=2), closes_at=now + dt.timedelta(days=12),
        time_limit_minutes=15, question_count=8, include_lower_levels=True, created_by=office)
    rng = ctx.rng
    takers = []
    for o in ctx.orgs:
        if o.pk == org.pk or (o.parent_id == org.pk):
            takers += rng.sample(ctx.members[o.pk], min(len(ctx.members[o.pk]), 60 if o.pk == org.pk else 15))
    users = {u.person_id: u.pk for u in _users_of(takers)}
    attempts = []
    for member in takers:
        if member.person_id not in users or any(a.member.person_id == member.person_id for a in attempts[-5:]):
            continue
        drawn = rng.sample(questions, 10)
        answers, correct = {}, 0
        for q in drawn:
            right = rng.random() < 0.78
            answers[str(q.pk)] = q.answer if right else [(q.answer[0] + 1) % max(2, len(q.options) or 2)]
            correct += answers[str(q.pk)] == q.answer
        started = seed.opens_at + dt.timedelta(hours=rng.randint(1, 200))
        used = rng.randint(240, 1150)
        attempts.append(Attempt(contest=seed, member=member, user_id=users[member.person_id], started_at=started,
                                deadline=started + dt.timedelta(minutes=20), submitted_at=started + dt.timedelta(seconds=used),
                                questions=[q.pk for q in drawn], answers=answers, correct_count=correct,
                                score=correct * 10, seconds_used=used))
    Attempt.objects.bulk_create(attempts, ignore_conflicts=True)
    rows += [{"member": a.member, "kind": K.CONTEST_TAKEN, "source": seed, "occurred_at": a.submitted_at,
              "title": seed.title, "attributes": {"score": a.score}} for a in attempts]
    return len(attempts)


@demo_generator(order=40)
def generate(ctx):
    totals = {"activities": 0, "participants": 0, "speeches": 0, "suggestions": 0}
    rows = []
    today = ctx.now.date()
    for org in ctx.orgs:
        slug = ctx.slug(org)
        term = ctx.terms[org.pk]
        # The seed city gets the whole term (its figures are per term); elsewhere the recent years are enough.
        kept = None if slug == SEED_CITY else (2 if org.level == OrganisationLevel.COUNTY else 3)
        years = list(range(term.starts_on.year, today.year + 1))[-kept if kept else 0:]
        plan = OrgPlan(org, slug, years)
        history_from = max(term.starts_on + dt.timedelta(days=30), dt.date(years[0], 1, 1))
        b = Builder(ctx, org)
        plan_items = _plans(b, today.year) if org.level != OrganisationLevel.COUNTY else {}
        _meetings(b, plan, [s for s in ctx.sessions[org.pk] if s.year in years])
        # The seed city's figures count what was done: its field work lies in the past.
        field_until = today - dt.timedelta(days=1) if slug == SEED_CITY else today + dt.timedelta(days=40)
        _field_work(b, plan, history_from, field_until, plan_items)
        demo_member = ctx.members[org.pk][20 if org.level == OrganisationLevel.PROVINCE else 10]
        _today(b, demo_member)
        Activity.objects.bulk_create(b.activities, batch_size=1000)
        rules = Rules.of(org)
        participants = []
        for index, activity in enumerate(b.activities):
            _attendance(b, activity, b.invited[index], rules, rows, participants, demo_member)
        Participant.objects.bulk_create(participants, batch_size=2000)
        attended = {}
        for p in participants:
            if p.outcome == Outcome.ATTENDED:
                attended.setdefault(p.activity_id, []).append(p.member)
        speeches, suggestions = _speeches_and_reports(b, attended, rows, seed=slug == SEED_CITY)
        _deliberation(b, rows)
        totals["activities"] += len(b.activities)
        totals["participants"] += len(participants)
        totals["speeches"] += speeches
        totals["suggestions"] += suggestions
    attempts = _contests(ctx, rows) if SEED_CITY in ctx.org_by_slug else 0
    record_duty_events_bulk(rows)
    ctx.log(f"activities: {totals['activities']} activities, {totals['participants']} participants, "
            f"{totals['speeches']} speeches, {totals['suggestions']} adopted suggestions, {attempts} contest attempts, "
            f"{len(rows)} duty events")


@demo_generator(order=41)
def generate_work(ctx):
    """宣讲, 信访接待, 现场办公, 座谈会, Party study, matters solved and research reports (see demo_work.py)."""
    from .demo_work import generate_work as generate

    generate(ctx, Builder)


from . import demo_meeting  # noqa: E402,F401  (the meeting tools: votes, seats, materials)
