"""Demo data of the cooperation app, in Jiuquan (the seed): the Hexi five-city think-tank alliance (Jiuquan and its
neighbours 嘉峪关、张掖、金昌、武威 as outside committees) and the 甘新蒙青 four-city mechanism (哈密、阿拉善、海西),
with their rotas and plans; 40 think-tank experts; twelve joint research and consultation rounds with Jiuquan's
counties (one with Tianshui), each organiser with its own activity, members and experts, the outcome reports, the
experts' contributions; an expert's account (jq_expert) with an invitation to answer."""

import datetime as dt

from django.utils import timezone

from zhengxie.activities.attendance import Rules, duty_events_for, evaluate
from zhengxie.activities.choices import ActivityStatus, ActivityType, ConsultationType, Response, SignInMethod
from zhengxie.activities.models import Activity, Participant
from zhengxie.core.choices import Role
from zhengxie.core.demo import DemoAccount, DemoContext
from zhengxie.core.models import RoleAssignment, User
from zhengxie.core.registry import demo_generator
from zhengxie.duties.services import record_duty_events_bulk

from . import demo_data as D
from . import services
from .models import (
    Contribution,
    Expert,
    ExpertInvitation,
    JointActivity,
    JointEvent,
    JointOrganiser,
    PlanItem,
)
from .services.joint import ACTIVITY_TYPES


def _alliance(ctx, org, office, spec, kind, outside, founded, plan):
    alliance = services.alliance_create(actor=office, organisation=org, name=spec[0], kind=kind, purpose=spec[1],
                                        founded_on=founded)
    members = [alliance.members.get()]
    for name, level, region in outside:
        committee = services.outside_committee_save(actor=office, organisation=org, name=name, level=level, region=region)
        members.append(services.alliance_add_member(actor=office, alliance=alliance, outside=committee,
                                                    joined_on=founded))
    year = ctx.now.year
    for offset, host in zip(range(-2, 2), [members[0], *members[1:]], strict=False):
        services.alliance_set_host(actor=office, alliance=alliance, year=year + offset, host=host)
    for index, (title, done) in enumerate(plan):
        item = services.plan_item_add(actor=office, alliance=alliance, year=year, title=title,
                                      lead=members[index % len(members)],
                                      due_on=dt.date(year, min(12, 3 + index * 2), 28))
        if done:
            PlanItem.objects.filter(pk=item.pk).update(status="done")
    return alliance


def _experts(ctx, org, alliances) -> list[Expert]:
    experts = []
    for index, ((field, employer, title), name) in enumerate(zip(D.EXPERTS, D.NAMES, strict=True)):
        expert = Expert.objects.create(organisation=org, name=name, field=field, employer=employer, title=title,
                                       phone=f"139{ctx.rng.randint(10000000, 99999999)}",
                                       created_at=ctx.now - dt.timedelta(days=400 - index))
        expert.alliances.set(alliances if index % 3 == 0 else alliances[:1])
        experts.append(expert)
    return experts


def _expert_account(ctx, org, expert) -> User:
    user = User.objects.create(username=f"{ctx.slug(org)}_expert", password=ctx.password_hash,
                               display_name=f"{expert.name}（智库专家）", default_organisation=org,
                               email=f"{ctx.slug(org)}_expert@example.org")
    RoleAssignment.objects.create(user=user, organisation=org, role=Role.EXPERT)
    Expert.objects.filter(pk=expert.pk).update(user=user)
    ctx.accounts[user.username] = user
    ctx.demo_accounts.append(DemoAccount(Role.EXPERT, org, user.username, user.display_name))
    return user


def _own_activity(ctx, org, joint, *, past: bool, members, rows) -> Activity:
    kind = ACTIVITY_TYPES[joint.kind]
    zone = timezone.get_current_timezone()
    starts = dt.datetime.combine(joint.starts_on, dt.time(9, 0), tzinfo=zone)
    ends = dt.datetime.combine(joint.ends_on, dt.time(17, 30), tzinfo=zone)
    activity = Activity.objects.create(
        organisation=org, type=kind, consultation_type=ConsultationType.TOPIC if kind == ActivityType.CONSULTATION else "",
        title=joint.title, description=joint.description, location=joint.place, starts_at=starts, ends_at=ends,
        signin_opens_at=starts - dt.timedelta(hours=1), signin_closes_at=ends, attendance_required=False,
        status=ActivityStatus.CLOSED if past else ActivityStatus.PUBLISHED, published_at=starts - dt.timedelta(days=7),
        closed_at=ends + dt.timedelta(days=1) if past else None, created_by=ctx.account(org, "office"))
    rules = Rules.of(org)
    participants = []
    for member in members:
        p = Participant(activity=activity, member=member, notified_at=activity.published_at)
        if past:
            p.response, p.signin_method = Response.ATTENDING, SignInMethod.QR
            p.signed_in_at = starts - dt.timedelta(minutes=ctx.rng.randint(2, 20))
            result = evaluate(p, activity, rules)
            p.outcome, p.is_late, p.left_early, p.minutes_present = (result.outcome, result.is_late, result.left_early,
                                                                     result.minutes_present)
            rows += [{"member": member, "kind": k, "source": activity, "occurred_at": starts, "attributes": a,
                      "title": activity.title} for k, a in duty_events_for(activity, p)]
        participants.append(p)
    Participant.objects.bulk_create(participants)
    JointOrganiser.objects.filter(joint=joint, organisation=org).update(activity=activity)
    return activity


def _shared_deliberation(ctx, jq, office, alliance, ts):
    """The alliance's online deliberation, open to the members of its committees of the platform (酒泉 and 天水)."""
    from zhengxie.activities.services import deliberation

    if ts is not None and not alliance.members.filter(committee=ts).exists():
        services.alliance_add_member(actor=office, alliance=alliance, committee=ts, joined_on=ctx.now.date())
    topic = services.alliance_open_deliberation(actor=office, alliance=alliance, data={
        "title": "河西走廊新能源装备产业协同发展网络议政",
        "description": "围绕新能源装备制造产业链协同、检测认证平台共建和跨市招商，请联盟各市政协委员建言献策。",
        "opens_at": ctx.now - dt.timedelta(days=2), "closes_at": ctx.now + dt.timedelta(days=12)})
    topic = deliberation.topic_publish(actor=office, topic=topic)
    for org, text in ((jq, "建议联盟牵头编制五市新能源装备产业链协作清单，明确各市主攻方向，避免同质化竞争。"),
                      (ts, "天水装备制造基础好，建议在省级层面设立产业链协同专项资金，支持两地企业配套协作。")):
        user = ctx.accounts.get(f"{ctx.slug(org)}_member") if org is not None else None
        if user is not None:  # the demo member accounts of 酒泉 and 天水
            deliberation.post_create(actor=user, topic=topic, text=text)


@demo_generator(order=47)
def generate(ctx: DemoContext):
    jq = ctx.org_by_slug.get("jq")
    if jq is None:
        return  # the smaller scales have no Jiuquan
    office = ctx.account(jq, "office")
    alliance = _alliance(ctx, jq, office, D.ALLIANCE, "think_tank", D.HEXI, dt.date(ctx.now.year - 3, 4, 18),
                         D.ALLIANCE_PLAN)
    mechanism = _alliance(ctx, jq, office, D.MECHANISM, "mechanism", D.FOUR_PROVINCES, dt.date(ctx.now.year - 2, 7, 6),
                          D.MECHANISM_PLAN)
    experts = _experts(ctx, jq, [alliance, mechanism])
    account = _expert_account(ctx, jq, experts[0])
    jq_members = list(ctx.members[jq.pk])
    ts = ctx.org_by_slug.get("ts")
    rows, invitations, contributions = [], [], []
    today = ctx.now.date()
    for index, (kind, title, place, months, counties, with_ts, outside, which, report) in enumerate(D.ROUNDS):
        starts = today - dt.timedelta(days=int(months * 30.4) + ctx.rng.randint(0, 6)) if months > 0 else (
            today + dt.timedelta(days=12))
        co = [ctx.org_by_slug[c] for c in counties if c in ctx.org_by_slug] + ([ts] if with_ts and ts else [])
        joint = services.joint_create(
            actor=office, organisation=jq, kind=kind, title=title, place=place, starts_on=starts,
            ends_on=starts + dt.timedelta(days=1 if kind != "research" else 3), co_organisers=co,
            alliance=alliance if which == "alliance" else mechanism if which == "mechanism" else None,
            outside_partners=outside,
            description=f"{title}：酒泉市政协牵头，{('、'.join(o.short_name for o in co) + '共同组织，') if co else ''}"
                        f"{outside + '参加，' if outside else ''}政协委员和政协智库专家深入一线，形成成果报告。")
        past = months > 0
        made = [dt.datetime.combine(starts, dt.time(10), tzinfo=timezone.get_current_timezone())]
        JointActivity.objects.filter(pk=joint.pk).update(created_at=made[0] - dt.timedelta(days=20))
        JointEvent.objects.filter(joint=joint).update(created_at=made[0] - dt.timedelta(days=20))
        own = _own_activity(ctx, jq, joint, past=past, members=ctx.rng.sample(jq_members, min(8, len(jq_members))),
                            rows=rows)
        for org in co:
            _own_activity(ctx, org, joint, past=past, members=ctx.rng.sample(ctx.members[org.pk],
                                                                             min(4, len(ctx.members[org.pk]))), rows=rows)
        chosen = ctx.rng.sample(experts[1:], 4) + ([experts[0]] if index % 3 == 0 or not past else [])
        for expert in chosen:
            answered = past or expert is not experts[0]
            invitations.append(ExpertInvitation(
                expert=expert, activity=own, invited_by=office, invited_at=own.published_at,
                response="accepted" if answered else "invited", responded_at=own.published_at if answered else None,
                attended=past))
            if past:
                kind_of = ctx.rng.choice(["report", "speech", "suggestion", "suggestion"])
                adopted = kind_of != "speech" and ctx.rng.random() < 0.45
                contributions.append(Contribution(
                    organisation=jq, expert=expert, kind=kind_of, activity=own, made_on=starts + dt.timedelta(days=2),
                    title={"report": f"{title}专题报告", "speech": f"在{title}上的发言",
                           "suggestion": f"关于{title.strip('“”')}的建议"}[kind_of],
                    adopted_at=made[0] + dt.timedelta(days=30) if adopted else None,
                    adopted_by=ctx.rng.choice(D.ADOPTERS) if adopted else "", recorded_by=office))
        if past and report:
            services.joint_report(actor=office, joint=joint, title=report,
                                  text=f"一、基本情况\n{joint.description}\n二、存在的问题\n区域协同机制有待健全，"
                                       f"要素保障和政策衔接不够。\n三、对策建议\n建立常态化联席会议制度，共建共享项目库和"
                                       f"智库专家库，联合争取国家和省级政策支持。")
            reported = made[0] + dt.timedelta(days=18)
            JointActivity.objects.filter(pk=joint.pk).update(reported_at=min(reported, ctx.now))
            JointEvent.objects.filter(joint=joint, action="report").update(created_at=min(reported, ctx.now))
    _shared_deliberation(ctx, jq, office, alliance, ts)
    ExpertInvitation.objects.bulk_create(invitations)
    Contribution.objects.bulk_create(contributions)
    record_duty_events_bulk(rows)
    ctx.log(f"  cooperation: 2 alliances, {len(experts)} experts ({account.username}), {len(D.ROUNDS)} joint "
            f"activities, {len(contributions)} contributions")
