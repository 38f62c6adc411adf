"""Demo data of the liaison app: information for members in the province, Tianshui and Jiuquan (the government
work report, briefings linked to a meeting, departments' data, required reading with receipts), and members'
questions to departments: answered (some public), waiting, one overdue."""

import datetime as dt

from django.utils import timezone

from zhengxie.core.demo import DemoContext
from zhengxie.core.models import User
from zhengxie.core.registry import demo_generator

from . import demo_data as D
from . import services
from .choices import AccessLevel
from .models import Contact, ContactAssignment, InfoItem, InfoTransition, Inquiry, ReadReceipt

ORGS = ("gs", "ts", "jq")


def _place(org) -> tuple[str, str]:
    place = org.short_name.removesuffix("政协")
    return place, place[-1]  # 天水市, 市


def _unit(ctx, org, suffix):
    return next((u for u in ctx.units[org.pk] if u.name.endswith(suffix)), ctx.units[org.pk][0])


def _briefing_meeting(org):
    from zhengxie.activities.models import Activity

    return Activity.objects.filter(organisation=org, type="meeting").order_by("-starts_at").first()


def _items(ctx, org) -> list[InfoItem]:
    place, level = _place(org)
    office, gov = ctx.account(org, "office"), ctx.account(org, "partygov")
    committee = next((m.committee for m in ctx.members[org.pk] if m.committee_id), None)
    created = []
    for index, (source, kind, topic, title, summary, text, access, required) in enumerate(D.ITEMS):
        unit = None if source in (None, "gov") else _unit(ctx, org, source)
        actor = gov if source == "gov" else office
        department = {None: f"{place}政协办公室", "gov": f"{place}人民政府办公室"}.get(source, "")
        fields = {"kind": kind, "title": title.format(p=place), "summary": summary, "topic": topic,
                  "body": text.format(p=place, l=level), "department": department, "required": required,
                  "access": access if access != "committee" or committee else AccessLevel.ALL_MEMBERS,
                  "committee": committee if access == "committee" else None, "sector": None,
                  "activity": _briefing_meeting(org) if kind == "briefing" else None}
        item = services.info_create(actor=actor, organisation=org, unit=unit, **fields)
        if index < len(D.ITEMS) - 1:  # the last stays a draft
            item = services.info_publish(actor=actor, item=item)
        created.append(item)
    return created


def _age(ctx, items):
    """Spread publication over the last months, newest first."""
    for index, item in enumerate(items):
        when = ctx.now - dt.timedelta(days=3 + index * 9, hours=ctx.rng.randint(0, 6))
        InfoItem.objects.filter(pk=item.pk).update(created_at=when - dt.timedelta(days=1),
                                                   published_at=when if item.published_at else None)
        InfoTransition.objects.filter(item=item).update(created_at=when)


def _receipts(ctx, org, items):
    user_of = dict(User.objects.filter(person__seats__organisation=org).values_list("person_id", "pk"))
    rows = []
    for item in items:
        if not item.required or not item.published_at:
            continue
        from .selectors import audience_of

        for seat in audience_of(item):
            if seat.person_id in user_of and ctx.rng.random() < 0.68:
                rows.append(ReadReceipt(item=item, user_id=user_of[seat.person_id], member=seat,
                                        read_at=ctx.now - dt.timedelta(days=ctx.rng.randint(0, 3))))
    ReadReceipt.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _inquiries(ctx, org, items) -> int:
    seats = [m for m in ctx.members[org.pk][5:40]]
    users = {u.person_id: u for u in User.objects.filter(person__in=[s.person_id for s in seats])}
    seats = [s for s in seats if s.person_id in users]
    count = 0
    for index, (suffix, topic, title, question, answer, public) in enumerate(D.INQUIRIES):
        if not seats:
            break
        asker = users[seats[index % len(seats)].person_id]
        unit = _unit(ctx, org, suffix)
        about = next((i for i in items if i.unit_id == unit.pk and i.published_at), None)
        inquiry = services.inquiry_ask(actor=asker, organisation=org, unit=unit, title=title, question=question,
                                       topic=topic, item=about, may_publish=public or index % 2 == 0)
        asked = ctx.now - dt.timedelta(days=25 - index * 3)
        Inquiry.objects.filter(pk=inquiry.pk).update(asked_at=asked, due_on=(asked + dt.timedelta(days=14)).date())
        inquiry.refresh_from_db()
        if answer:
            responder = User.objects.filter(role_assignments__handling_unit=unit, is_active=True).first()
            if responder is not None:
                services.inquiry_answer(actor=responder, inquiry=inquiry, answer=answer, public=public)
                Inquiry.objects.filter(pk=inquiry.pk).update(answered_at=asked + dt.timedelta(days=8))
        count += 1
    return count


def _unit_accounts(ctx, org):
    """The demo unit account works for the second unit; the departments that publish get one account each."""
    from zhengxie.core.choices import Role
    from zhengxie.core.models import RoleAssignment

    wanted = list(dict.fromkeys(s for s, *_rest in D.INQUIRIES))
    for number, suffix in enumerate(wanted, start=1):
        unit = _unit(ctx, org, suffix)
        if RoleAssignment.objects.filter(handling_unit=unit, role=Role.HANDLING_UNIT).exists():
            continue
        # <organisation>dept<n>, n in the order of demo_data.INQUIRIES (docs/demo-accounts.md lists them).
        user = User.objects.create(username=f"{ctx.slug(org)}dept{number}", password=ctx.password_hash,
                                   display_name=f"{unit.short_name}经办人", default_organisation=org)
        RoleAssignment.objects.create(user=user, organisation=org, role=Role.HANDLING_UNIT, handling_unit=unit)


@demo_generator(order=45)
def generate(ctx: DemoContext):
    totals = {"items": 0, "receipts": 0, "questions": 0}
    for slug in ORGS:
        org = ctx.org_by_slug.get(slug)
        if org is None:
            continue
        _unit_accounts(ctx, org)
        items = _items(ctx, org)
        _age(ctx, items)
        totals["items"] += len(items)
        totals["receipts"] += _receipts(ctx, org, items)
        totals["questions"] += _inquiries(ctx, org, items)
    ctx.log(f"liaison: {totals['items']} items of information, {totals['receipts']} read receipts, "
            f"{totals['questions']} questions to departments ({timezone.localdate():%Y-%m-%d})")


# --- proposal topics and contact duties ---------------------------------------------------------------------------------
# After the proposals (a proposal answers a topic), the deliberation topics and the concerns (a topic's source record).

TOPIC_ORGS = ("ts", "jq")


def _source_records(org):
    from zhengxie.activities.models import Topic as DeliberationTopic
    from zhengxie.outreach.models import Concern

    return {"deliberation": list(DeliberationTopic.objects.filter(organisation=org).order_by("pk")[:10]),
            "constituents": list(Concern.objects.filter(organisation=org).order_by("pk")[:10])}


def _topics(ctx, org) -> list:
    from .demo_topics import DECLINED, SUGGESTIONS, TOPICS

    place, _level = _place(org)
    office = ctx.account(org, "office")
    year = timezone.localdate().year
    sources = _source_records(org)
    listed = []
    for index, (subject, source, note, title) in enumerate(TOPICS):
        unit = None
        if source.startswith("department:"):
            unit = _unit(ctx, org, source.split(":", 1)[1])
            source, note = "department", f"{unit.name}：{note}"
        records = sources.get(source) or []
        record = records[index % len(records)] if records else None
        fields = {"year": year, "title": title, "subject": subject, "source": source, "source_note": note,
                  "description": f"围绕{place}{title.removeprefix('关于').removesuffix('的建议')}，深入调研，"
                                 f"提出有针对性、可操作的对策建议。"}
        listed.append(services.topic_create(actor=office, organisation=org, fields=fields, source_record=record,
                                            unit=unit))
    for suffix, name, subject, title in SUGGESTIONS:
        fields = {"year": year, "title": title, "subject": subject, "description": ""}
        user = _unit_user(ctx, org, suffix) if suffix else None
        if user is not None:
            services.topic_suggest(actor=user, organisation=org, fields=fields)
        else:
            services.topic_suggest_public(organisation=org, fields=fields, name=name or "市民")
    for suffix, name, subject, title, reason in DECLINED:
        fields = {"year": year, "title": title, "subject": subject, "description": ""}
        user = _unit_user(ctx, org, suffix) if suffix else None
        topic = (services.topic_suggest(actor=user, organisation=org, fields=fields) if user
                 else services.topic_suggest_public(organisation=org, fields=fields, name=name))
        services.topic_decline(actor=office, topic=topic, reason=reason)
    services.topic_close(actor=office, topic=listed[-1], comment="已列入年度协商计划。")
    return listed


def _unit_user(ctx, org, suffix):
    unit = _unit(ctx, org, suffix)
    return User.objects.filter(role_assignments__handling_unit=unit, is_active=True).order_by("pk").first()


def _claims_and_answers(ctx, org, topics) -> tuple[int, int]:
    """Members follow and claim about a third of the topics; this year's proposals answer some of them."""
    from zhengxie.proposals.models import Proposal

    from .models import TopicAnswer

    seats = [m for m in ctx.members[org.pk] if m.position == "member"]
    users = {u.person_id: u for u in User.objects.filter(person__in=[s.person_id for s in seats[:80]])}
    seats = [s for s in seats[:80] if s.person_id in users]
    claims = 0
    for index, topic in enumerate(topics[:-1]):
        if not seats or ctx.rng.random() > 0.55:
            continue
        for seat in ctx.rng.sample(seats, k=min(len(seats), ctx.rng.randint(1, 3))):
            services.topic_follow(actor=users[seat.person_id], topic=topic)
            if index % 3 != 2:
                services.topic_claim(actor=users[seat.person_id], topic=topic)
                claims += 1
    year = timezone.localdate().year
    proposals = list(Proposal.objects.filter(organisation=org, submitted_at__year=year).exclude(status="draft")
                     .order_by("pk")[: len(topics) // 2])
    rows = [TopicAnswer(topic=topics[(i * 7) % (len(topics) - 1)], proposal=p, organisation=org,
                        created_by=None, created_at=p.submitted_at or ctx.now) for i, p in enumerate(proposals)]
    TopicAnswer.objects.bulk_create(rows, ignore_conflicts=True)
    return claims, len(rows)


def _contacts(ctx, org) -> tuple[int, int]:  # noqa: C901 (four kinds of duty, then their visits)
    """天水's scheme: Party-group members contact sectors, Party members contact non-Party members, the special
    committees contact sectors, members visit their sector's constituents; visits over the last months, some contacts
    left unvisited (reminders)."""
    from zhengxie.core.models import Sector, SpecialCommittee

    from .demo_topics import VISIT_NOTES, VISIT_WAYS

    place, _level = _place(org)
    office = ctx.account(org, "office")
    seats = ctx.members[org.pk]
    sectors = list(Sector.objects.filter(organisation=org).order_by("sort_order", "pk"))
    assignments = []
    for index, leader in enumerate([s for s in seats if s.position != "member"][:7]):
        chosen = [sectors[(index * 3 + k) % len(sectors)] for k in range(3)]
        assignments.append(services.assignment_create(
            actor=office, organisation=org, kind="party_group_sector", member=leader, sectors=chosen,
            note="党组成员联系界别：每季度至少走访一次，每年召开一次界别座谈会。"))
    party = [s for s in seats if s.position == "member" and s.person.affiliation == "cpc"][:8]
    others = [s for s in seats if s.person.affiliation != "cpc" and s.position == "member"]
    for index, seat in enumerate(party):
        contacted = others[index * 3:index * 3 + 3]
        if contacted:
            assignments.append(services.assignment_create(
                actor=office, organisation=org, kind="party_non_party", member=seat, members=contacted,
                note="党员委员联系党外委员：经常谈心谈话，听取意见建议。"))
    for index, committee in enumerate(SpecialCommittee.objects.filter(organisation=org).order_by("sort_order", "pk")):
        chosen = [sectors[(index * 2 + k + 1) % len(sectors)] for k in range(2)]
        assignments.append(services.assignment_create(actor=office, organisation=org, kind="committee_sector",
                                                      committee=committee, sectors=chosen))
    for seat in [s for s in seats if s.position == "member"][20:32]:
        names = [f"{seat.sector.name}群众代表（{place}城区）", f"{seat.sector.name}基层工作者"]
        assignments.append(services.assignment_create(actor=office, organisation=org, kind="member_constituents",
                                                      member=seat, names=names))
    ContactAssignment.objects.filter(pk__in=[a.pk for a in assignments]).update(
        created_at=ctx.now - dt.timedelta(days=240))
    Contact.objects.filter(assignment__in=assignments).update(added_at=ctx.now - dt.timedelta(days=240))
    user_of = {u.person_id: u for u in User.objects.filter(
        person__in=[a.member.person_id for a in assignments if a.member_id])}
    visits = 0
    for index, assignment in enumerate(assignments):
        assignment.refresh_from_db()
        actor = user_of.get(assignment.member.person_id, office) if assignment.member_id else office
        for number, contact in enumerate(assignment.contacts.all()):
            if (index + number) % 5 == 4:
                continue  # never visited: due a visit, reminded
            for k in range(ctx.rng.randint(1, 3)):
                raised, count, follow_up, solved = VISIT_NOTES[(index + number + k) % len(VISIT_NOTES)]
                if (index + k) % 4 == 0:
                    solved, follow_up = 0, ""  # still being followed up
                services.visit_log(actor=actor, assignment=assignment, fields={
                    "contact": contact, "way": VISIT_WAYS[(index + k) % len(VISIT_WAYS)],
                    "visited_on": (ctx.now - dt.timedelta(days=ctx.rng.randint(5, 230))).date(),
                    "participants": f"{assignment.contactor_name}、{contact.label}代表{ctx.rng.randint(2, 8)}人",
                    "raised": raised, "matters_raised": count, "follow_up": follow_up, "matters_solved": solved})
                visits += 1
    return len(assignments), visits


@demo_generator(order=56)
def generate_topics_and_contacts(ctx: DemoContext):
    totals = {"topics": 0, "claims": 0, "answers": 0, "assignments": 0, "visits": 0}
    for slug in TOPIC_ORGS:
        org = ctx.org_by_slug.get(slug)
        if org is None:
            continue
        topics = _topics(ctx, org)
        claims, answers = _claims_and_answers(ctx, org, topics)
        assignments, visits = _contacts(ctx, org)
        totals = {"topics": totals["topics"] + len(topics), "claims": totals["claims"] + claims,
                  "answers": totals["answers"] + answers, "assignments": totals["assignments"] + assignments,
                  "visits": totals["visits"] + visits}
    ctx.log(f"liaison: {totals['topics']} proposal topics, {totals['claims']} claims, {totals['answers']} proposals "
            f"answering a topic, {totals['assignments']} contact duties, {totals['visits']} visits")
