"""A small generated world for the statistics: records of every kind in a city and its counties, with the edge
cases a figure must get right — items on either side of the year's edge, merged, rejected and withdrawn items,
cancelled activities, declined concerns, hidden posts, unrated replies."""

import datetime as dt

from django.utils import timezone

from zhengxie.activities.choices import ActivityStatus, ActivityType, Outcome, ReportStatus
from zhengxie.activities.models import Activity, OutcomeReport, Participant, Post, Speech, Topic
from zhengxie.core.tests.factories import HandlingUnitFactory
from zhengxie.opinions.choices import AdoptionKind, InstructionLevel
from zhengxie.opinions.choices import ReportStatus as OpinionStatus
from zhengxie.opinions.models import Adoption, BulletinIssue, Instruction, Report
from zhengxie.outreach.choices import ActivityStatus as OutreachStatus
from zhengxie.outreach.choices import ConcernStatus, PlaceKind, PlaceLevel
from zhengxie.outreach.models import ActivityParticipant, Concern, OutreachActivity, Place
from zhengxie.proposals.choices import KeyState, ProposalStatus, Satisfaction
from zhengxie.proposals.models import (
    HandlingTask,
    JointProposal,
    JointSigner,
    Proposal,
    ProposalSigner,
    Rating,
    Reply,
)


def at(year, month, day, hour=10, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def _proposals(w, org, seat, year):
    unit = HandlingUnitFactory(organisation=org)
    common = {"organisation": org, "term": org.current_term(), "first_proposer": seat}
    edge = at(year - 1, 12, 31, 23, 30)  # submitted on the last evening of last year, registered this year
    made = [
        Proposal.objects.create(title="跨年提案", status=ProposalStatus.CLOSED, submitted_at=edge,
                                registered_at=at(year, 1, 2), key_state=KeyState.APPROVED, **common),
        Proposal.objects.create(title="办理中", status=ProposalStatus.HANDLING, submitted_at=at(year, 3, 1),
                                registered_at=at(year, 3, 9), **common),
        Proposal.objects.create(title="已并案", status=ProposalStatus.MERGED, submitted_at=at(year, 3, 2), **common),
        Proposal.objects.create(title="不予立案", status=ProposalStatus.REJECTED, submitted_at=at(year, 4, 2), **common),
        Proposal.objects.create(title="已撤回", status="withdrawn", submitted_at=at(year, 5, 2), **common),
        Proposal.objects.create(title="去年的", status=ProposalStatus.CLOSED, submitted_at=at(year - 1, 3, 1),
                                registered_at=at(year - 1, 3, 5), **common),
    ]
    for proposal, category, rated in [(made[0], "A", Satisfaction.SATISFIED), (made[1], "B", None),
                                      (made[5], "C", Satisfaction.DISSATISFIED)]:
        task = HandlingTask.objects.create(proposal=proposal, organisation=org, unit=unit, role="sole",
                                           assigned_at=proposal.registered_at + dt.timedelta(days=1))
        Reply.objects.create(task=task, text="答复", category=category,
                             accepted_at=proposal.registered_at + dt.timedelta(days=30))
        if rated:
            signer = ProposalSigner.objects.create(proposal=proposal, member=seat)
            Rating.objects.create(task=task, signer=signer, value=rated,
                                  rated_at=proposal.registered_at + dt.timedelta(days=40))


def _joint(w, year):
    """Joint proposals of committees: the city's to the province, one co-signed for 全国政协, one the city
    declined, a county's sent on the last evening of last year and received by the city this year, a draft."""
    city2 = w.orgs["city2"]

    def joint(title, org, status, **fields):
        return JointProposal.objects.create(title=title, organisation=org, status=status, **fields)

    joint("市联合提案", w.city, "received", target=w.province, sent_at=at(year, 2, 1), received_at=at(year, 2, 3),
          registered_at=at(year, 3, 1))
    outside = joint("报全国政协的", city2, "registered", target_name="全国政协", sent_at=at(year, 4, 1),
                    registered_at=at(year, 6, 1), outside_number="0321")
    JointSigner.objects.create(joint=outside, organisation=w.city, name=w.city.short_name, status="confirmed")
    declined = joint("未联名的", city2, "sent", target=w.province, sent_at=at(year, 5, 1))
    JointSigner.objects.create(joint=declined, organisation=w.city, name=w.city.short_name, status="declined")
    joint("县里的", w.county, "received", target=w.city, sent_at=at(year - 1, 12, 31, 23, 30),
          received_at=at(year, 1, 3))
    joint("草稿", w.city, "draft", target=w.province)


def _opinions(w, org, seat, year):
    def report(title, received, status=OpinionStatus.RECEIVED):
        r = Report.objects.create(organisation=org, origin_organisation=org, author_kind="member",
                                  author_member=seat, author_name=seat.person.name, original_title=title,
                                  original_text="正文", title=title, text="正文", category="社会", received_at=received,
                                  status=status)
        r.origin = r
        r.save(update_fields=["origin"])
        return r

    adopted = report("已采用", at(year, 2, 1), OpinionStatus.PUBLISHED)
    report("已撤回", at(year, 2, 3), OpinionStatus.WITHDRAWN)
    report("去年底收到", at(year - 1, 12, 31, 23, 50))
    Adoption.objects.create(origin=adopted, report=adopted, organisation=org, kind=AdoptionKind.LOCAL,
                            level=org.level, adopted_by=org.short_name, adopted_on=dt.date(year, 2, 10))
    Adoption.objects.create(origin=adopted, report=adopted, organisation=org, kind=AdoptionKind.UPPER, level="province",
                            adopted_by="省政协", adopted_on=dt.date(year, 3, 10))
    Instruction.objects.create(origin=adopted, report=adopted, organisation=org, leader_name="王某",
                               level=InstructionLevel.PROVINCE, text="请研究", instructed_on=dt.date(year, 3, 12))
    BulletinIssue.objects.create(organisation=org, year=year, number=1, serial=1, signed_off_at=at(year, 2, 9))


def _activities(w, org, seats, year):
    def activity(type, starts, status=ActivityStatus.CLOSED, **fields):
        return Activity.objects.create(organisation=org, type=type, title=f"{type}活动", starts_at=starts,
                                       ends_at=starts + dt.timedelta(hours=2), signin_opens_at=starts,
                                       signin_closes_at=starts + dt.timedelta(hours=2), status=status, **fields)

    meeting = activity(ActivityType.MEETING, at(year, 1, 5), meeting_type="standing")
    Participant.objects.bulk_create([Participant(activity=meeting, member=seats[0], outcome=Outcome.ATTENDED),
                                     Participant(activity=meeting, member=seats[1], outcome=Outcome.ABSENT)])
    activity(ActivityType.MEETING, at(year - 1, 12, 31, 21), meeting_type="standing")  # last year, by two hours
    activity(ActivityType.INSPECTION, at(year, 4, 5), status=ActivityStatus.CANCELLED)
    inspection = activity(ActivityType.INSPECTION, at(year, 4, 6))
    study = activity(ActivityType.STUDY, at(year, 5, 6))
    Speech.objects.create(activity=study, member=seats[0], title="交流发言")
    OutcomeReport.objects.create(organisation=org, activity=inspection, kind="inspection", title="视察报告", body="…",
                                 suggestion_count=3, status=ReportStatus.ADOPTED, adopted_at=at(year, 6, 1))
    topic = Topic.objects.create(organisation=org, title="网络议政", description="…", opens_at=at(year, 1, 1),
                                 closes_at=at(year, 12, 1))
    user = seats[0].person.user if hasattr(seats[0].person, "user") else None
    if user is not None:
        Post.objects.create(topic=topic, user=user, text="意见")
        Post.objects.create(topic=topic, user=user, text="隐藏", hidden_at=timezone.now())


def _outreach(w, org, seats, year):
    place = Place.objects.create(organisation=org, kind=PlaceKind.WORKSTATION, level=PlaceLevel.CITY, name="工作站",
                                 is_three_in_one=True)
    Place.objects.create(organisation=org, kind=PlaceKind.STUDIO, level=PlaceLevel.CITY, name="明年的工作室",
                         established_on=dt.date(year + 1, 1, 1))
    held = OutreachActivity.objects.create(organisation=org, place=place, kind="talk", topic="宣讲",
                                           held_on=dt.date(year, 6, 1), status=OutreachStatus.HELD, constituents_count=40)
    OutreachActivity.objects.create(organisation=org, place=place, kind="talk", topic="取消", held_on=dt.date(year, 6, 2),
                                    status=OutreachStatus.CANCELLED, constituents_count=10)
    ActivityParticipant.objects.create(activity=held, member=seats[0])
    for index, (status, closed, satisfied) in enumerate([(ConcernStatus.CLOSED, at(year, 7, 1), True),
                                      (ConcernStatus.CLOSED, at(year, 7, 2), None),
                                      (ConcernStatus.DECLINED, at(year, 7, 3), None),
                                      (ConcernStatus.HANDLING, None, None)]):
        Concern.objects.create(organisation=org, source="member", category="民生", description="…",
                               submitter_name="群众", submitter_phone="13800000000", code_digest=f"{org.pk}-{index}", code_hint="0000",
                               status=status, received_at=at(year, 6, 20), closed_at=closed, satisfied=satisfied)


def _cooperation(w, year):
    """An expert with contributions (one adopted, one the year before), an invitation attended, an alliance, and
    joint activities of the city with the county: one reported, one cancelled, one the year before."""
    from zhengxie.cooperation.models import (
        Alliance,
        AllianceMember,
        Contribution,
        Expert,
        ExpertInvitation,
        JointActivity,
        JointOrganiser,
    )

    expert = Expert.objects.create(organisation=w.city, name="专家", field="新能源", created_at=at(year, 1, 2))
    Contribution.objects.create(organisation=w.city, expert=expert, kind="report", title="报告", made_on=dt.date(year, 1, 2),
                                adopted_at=at(year, 3, 1), adopted_by="市政府")
    Contribution.objects.create(organisation=w.city, expert=expert, kind="speech", title="去年的发言",
                                made_on=dt.date(year - 1, 12, 31))
    activity = Activity.objects.filter(organisation=w.city, starts_at__year=year).first()
    ExpertInvitation.objects.create(expert=expert, activity=activity, response="accepted", attended=True)
    alliance = Alliance.objects.create(organisation=w.city, name="联盟", created_at=at(year, 1, 2))
    AllianceMember.objects.create(alliance=alliance, committee=w.city)
    AllianceMember.objects.create(alliance=alliance, committee=w.county)
    for title, starts, status, reported in [("联合调研", dt.date(year, 1, 2), "reported", at(year, 2, 1)),
                                            ("取消的", dt.date(year, 5, 1), "cancelled", None),
                                            ("去年的", dt.date(year - 1, 12, 31), "planned", None)]:
        joint = JointActivity.objects.create(organisation=w.city, kind="research", title=title, starts_on=starts,
                                             ends_on=starts, status=status, reported_at=reported)
        JointOrganiser.objects.create(joint=joint, organisation=w.city, is_lead=True)
        JointOrganiser.objects.create(joint=joint, organisation=w.county)


def _liaison(w, org, seats, year):
    """Topics listed on the edges of the year, one suggestion never listed, a proposal answering one; contact duties
    and their visits on the last day of the year before and the second of this one."""
    from zhengxie.liaison.models import Contact, ContactAssignment, ContactVisit, Topic, TopicAnswer

    common = {"organisation": org, "year": year, "subject": "经济发展"}
    edge = Topic.objects.create(title="去年最后一晚列入", status="listed", listed_at=at(year - 1, 12, 31, 23, 30),
                                number=1, **common)
    inside = Topic.objects.create(title="年内列入", status="listed", listed_at=at(year, 1, 2), number=2, **common)
    Topic.objects.create(title="待审定的建议", status="suggested", **common)
    proposal = Proposal.objects.filter(organisation=org).order_by("pk").first()
    if proposal is not None:
        TopicAnswer.objects.create(topic=inside, proposal=proposal, organisation=org, created_at=at(year, 1, 2))
    TopicAnswer.objects.filter(topic=edge).delete()
    duty = ContactAssignment.objects.create(organisation=org, kind="party_group_sector", member=seats[0],
                                            created_at=at(year, 1, 2))
    old = ContactAssignment.objects.create(organisation=org, kind="member_constituents", member=seats[-1],
                                           created_at=at(year - 1, 12, 31, 23, 30), status="ended",
                                           ended_at=at(year, 1, 2))
    contact = Contact.objects.create(assignment=duty, sector=seats[0].sector)
    other = Contact.objects.create(assignment=old, name="界别群众代表")
    for assignment, who, day, raised, solved in [(duty, contact, dt.date(year, 1, 2), 3, 2),
                                                 (old, other, dt.date(year - 1, 12, 31), 2, 2),
                                                 (duty, contact, dt.date(year, 12, 31), 1, 0)]:
        ContactVisit.objects.create(organisation=org, assignment=assignment, contact=who, visited_on=day,
                                    participants="委员", raised="问题", matters_raised=raised, matters_solved=solved,
                                    status="done" if solved >= raised else "open")


def generate(w, year: int):
    for org, prefix in [(w.city, "city"), (w.county, "county")]:
        seats = [w.members[f"{prefix}_member"], w.members.get(f"{prefix}_member2") or w.members[f"{prefix}_member"]]
        _proposals(w, org, seats[0], year)
        _opinions(w, org, seats[0], year)
        _activities(w, org, seats, year)
        _outreach(w, org, seats, year)
        _liaison(w, org, seats, year)
    _cooperation(w, year)
    _joint(w, year)
