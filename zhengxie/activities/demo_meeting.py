"""Demo data of the meeting tools: today's standing committee meeting with most members signed in, its seating
plan by sector, its agenda and documents, one vote closed, one open and a secret personnel matter waiting; and the
votes of the latest closed plenary session and standing committee meetings with their results."""

import datetime as dt

from zhengxie.core.registry import demo_generator

from .choices import ActivityStatus, MeetingType, Response, SignInMethod
from .models import Activity, MeetingMaterial, Motion, Participant, Seat, VoteCast
from .voting_rules import MotionResult, MotionStatus, Tally, result_of

AGENDA = ("一、传达学习中共中央、省委有关会议精神\n二、听取和讨论市政府关于全市经济社会发展情况的通报\n"
          "三、审议通过关于推进县域经济高质量发展的建议案\n四、协商通过有关人事事项\n五、其他事项")
DOCUMENTS = [
    ("关于全市经济社会发展情况的通报", "今年以来，全市上下坚持稳中求进工作总基调，主要经济指标保持平稳增长……"),
    ("关于推进县域经济高质量发展的建议案（审议稿）",
     "为贯彻落实市委关于县域经济发展的决策部署，市政协组织委员深入七县区开展专题调研，形成如下建议……"),
]
PLENARY_MATTERS = [("resolution", "政协{place}委员会常务委员会工作报告的决议（草案）", False),
                   ("resolution", "政协{place}委员会常务委员会关于提案工作情况报告的决议（草案）", False),
                   ("resolution", "政协{place}委员会第五次会议政治决议（草案）", False)]
STANDING_MATTERS = [("recommendation", "关于加强黄河流域生态保护和高质量发展的建议案", False),
                    ("personnel", "关于增补政协{place}委员会委员的人事事项", True)]
SHARES = {"resolution": (0.93, 0.02), "recommendation": (0.88, 0.04), "personnel": (0.9, 0.03)}


def _votes(ctx, motion, voters) -> list[VoteCast]:
    """Every voter's vote in realistic shares; a secret one keeps no choice on its row."""
    yes_share, no_share = SHARES[motion.kind]
    rows = []
    for member in voters:
        r = ctx.rng.random()
        choice = "yes" if r < yes_share else ("no" if r < yes_share + no_share else "abstain")
        setattr(motion, f"{choice}_count", getattr(motion, f"{choice}_count") + 1)
        rows.append(VoteCast(motion=motion, member=member, choice="" if motion.secret else choice,
                             cast_at=None if motion.secret else motion.opened_at + dt.timedelta(seconds=ctx.rng.randint(5, 80))))
    return rows


def _closed_motion(ctx, activity, kind, title, secret, order, electorate, voters, opened=None) -> tuple[Motion, list]:
    opened = opened or activity.starts_at + dt.timedelta(minutes=40 + 10 * order)
    motion = Motion(organisation=activity.organisation, activity=activity, kind=kind, title=title, secret=secret,
                    sort_order=order, status=MotionStatus.CLOSED, quorum_rule="more_than_half",
                    majority_rule="half_of_all", electorate=electorate, present=len(voters), opened_at=opened,
                    closed_at=opened + dt.timedelta(minutes=3), created_by=activity.created_by,
                    created_at=activity.starts_at - dt.timedelta(days=2))
    motion.save()
    votes = _votes(ctx, motion, voters)
    motion.result = result_of(Tally(electorate, len(voters), motion.yes_count, motion.no_count, motion.abstain_count),
                              quorum_rule=motion.quorum_rule, majority_rule=motion.majority_rule)
    motion.save(update_fields=["yes_count", "no_count", "abstain_count", "result"])
    return motion, votes


def _seat(activity, per_row) -> int:
    rows = (Participant.objects.filter(activity=activity).exclude(response__in=[Response.DECLINED,
                                                                                Response.LEAVE_APPROVED])
            .select_related("member__sector", "member__person"))
    ordered = sorted(rows, key=lambda p: (p.member.sector.sort_order if p.member.sector else 999, p.member.person.name))
    seats, row, number, block = [], 1, 0, None
    for p in ordered:
        name = p.member.sector.name if p.member.sector else ""
        if number >= per_row or (block is not None and name != block):
            row, number = row + 1, 0
        block, number = name, number + 1
        seats.append(Seat(activity=activity, participant=p, block=name, row=row, number=number))
    Seat.objects.bulk_create(seats)
    return len(seats)


def _today(ctx, org, place) -> tuple[int, list]:
    activity = (Activity.objects.filter(organisation=org, meeting_type=MeetingType.STANDING,
                                        status=ActivityStatus.PUBLISHED, title__endswith="（今日）").first())
    if activity is None:
        return 0, []
    demo_member = ctx.members[org.pk][20 if org.parent_id is None else 10]
    coming = list(Participant.objects.filter(activity=activity).exclude(response=Response.LEAVE_APPROVED)
                  .select_related("member"))
    signed = [p for p in coming if p.member_id == demo_member.pk or ctx.rng.random() < 0.8]
    for p in signed:
        p.signed_in_at, p.signin_method = activity.signin_opens_at + dt.timedelta(minutes=ctx.rng.randint(1, 25)), SignInMethod.QR
        if p.response == Response.INVITED:
            p.response = Response.ATTENDING
    Participant.objects.bulk_update(signed, ["signed_in_at", "signin_method", "response"])
    electorate = Participant.objects.filter(activity=activity).count()
    voters = [p.member for p in signed if p.member_id != demo_member.pk]
    closed, votes = _closed_motion(ctx, activity, "recommendation", STANDING_MATTERS[0][1].format(place=place), False,
                                   1, electorate, voters, opened=ctx.now - dt.timedelta(minutes=12))
    open_motion = Motion.objects.create(
        organisation=org, activity=activity, kind="recommendation", sort_order=2, status=MotionStatus.OPEN,
        title="关于推进县域经济高质量发展的建议案", text=DOCUMENTS[1][1], quorum_rule="more_than_half",
        majority_rule="half_of_all", electorate=electorate, present=len(signed), opened_at=ctx.now - dt.timedelta(minutes=2),
        created_by=activity.created_by)
    early = voters[: len(voters) // 2]
    votes += _votes(ctx, open_motion, early)
    open_motion.save(update_fields=["yes_count", "no_count", "abstain_count"])
    Motion.objects.create(organisation=org, activity=activity, kind="personnel", secret=True, sort_order=3,
                          title=STANDING_MATTERS[1][1].format(place=place), created_by=activity.created_by)
    MeetingMaterial.objects.create(organisation=org, activity=activity, kind="agenda", title="会议议程", text=AGENDA,
                                   sort_order=1, created_by=activity.created_by)
    MeetingMaterial.objects.bulk_create([
        MeetingMaterial(organisation=org, activity=activity, kind="document", title=t, text=x, sort_order=i + 2,
                        created_by=activity.created_by) for i, (t, x) in enumerate(DOCUMENTS)])
    _seat(activity, 8)
    return 3, votes


def _past(ctx, org, place) -> tuple[int, list]:
    """The latest closed plenary session and the two latest closed standing committee meetings, with results."""
    meetings = list(Activity.objects.filter(organisation=org, status=ActivityStatus.CLOSED,
                                            meeting_type=MeetingType.PLENARY).order_by("-starts_at")[:1])
    meetings += list(Activity.objects.filter(organisation=org, status=ActivityStatus.CLOSED,
                                             meeting_type=MeetingType.STANDING).order_by("-starts_at")[:2])
    count, votes = 0, []
    for activity in meetings:
        rows = list(Participant.objects.filter(activity=activity).select_related("member"))
        voters = [p.member for p in rows if p.signed_in_at is not None and p.left_at is None]
        matters = PLENARY_MATTERS if activity.meeting_type == MeetingType.PLENARY else STANDING_MATTERS
        for order, (kind, title, secret) in enumerate(matters, start=1):
            _motion, cast = _closed_motion(ctx, activity, kind, title.format(place=place), secret, order, len(rows),
                                           voters)
            votes += cast
            count += 1
    return count, votes


@demo_generator(order=45)
def generate(ctx):
    motions, votes = 0, []
    for org in ctx.orgs:
        place = ctx.place(org)
        made, cast = _today(ctx, org, place)
        motions += made
        votes += cast
        made, cast = _past(ctx, org, place)
        motions += made
        votes += cast
    VoteCast.objects.bulk_create(votes, batch_size=2000)
    adopted = Motion.objects.filter(result=MotionResult.ADOPTED).count()
    ctx.log(f"meeting tools: {motions} matters put to the vote ({adopted} adopted), {len(votes)} votes")
