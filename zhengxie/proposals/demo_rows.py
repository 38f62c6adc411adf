"""Turns the demo's plans (``demo.Plan``: a proposal's state, topic, proposers and dates) into rows — proposals,
proposers, tasks, replies, contacts, ratings, history, supervision, awards, letters, duty events — inserted in
bulk, consistent with what the services would have written."""

import datetime as dt
from collections import defaultdict

from django.db import connection

from zhengxie.core.choices import BodyKind
from zhengxie.core.dates import add_months, add_working_days
from zhengxie.core.demo import in_office_hours
from zhengxie.duties.choices import DutyEventKind

from . import demo_content as C
from .choices import (
    AssignmentMode,
    AwardKind,
    ContactWay,
    ConversionTarget,
    KeyState,
    LetterStatus,
    ProposalStatus,
    RejectionGround,
    ReplyCategory,
    Satisfaction,
    SignerRole,
    SignerStatus,
    SubmitterKind,
    SupervisionKind,
    TaskRole,
    TaskStatus,
)
from .models import (
    Award,
    ContactRecord,
    HandlingTask,
    MemberLetter,
    NumberCounter,
    Proposal,
    ProposalEvent,
    ProposalSigner,
    Rating,
    Reply,
    SupervisionRecord,
)
from .services.common import DUTY_ROLE, format_number

P = ProposalStatus
T = TaskStatus
NUMERALS = "一二三四五六七八九十"
REVIEWED = {P.REVIEWING, P.REJECTED, P.MERGED, P.CONVERTED, P.CONVERSION_PENDING, P.REGISTERED, P.CONFIRMING,
            P.HANDLING, P.EVALUATING, P.CLOSED}
ASSIGNED = {P.CONFIRMING, P.HANDLING, P.EVALUATING, P.CLOSED}
ANSWERED = {P.EVALUATING, P.CLOSED}


def days(n: float) -> dt.timedelta:
    return dt.timedelta(days=n)


def insert_rows(model, rows, batch: int = 5000):
    """``bulk_create`` without the ORM's per-object work, for the tables nothing else points to (history, replies,
    contacts, ratings …): each value is prepared by its field for the database in use, and the rows go in with
    ``executemany``. ``rows``: model instances or dicts of field names (a related object or its id)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (names from the model, values bound)

    def value(row, field):
        if isinstance(row, dict):
            raw = row.get(field.name, row.get(field.attname))
            if raw is None and not field.null:
                raw = field.get_default()
        elif field.is_relation:
            raw = field.get_cached_value(row, None) or getattr(row, field.attname)
        else:
            raw = getattr(row, field.attname)
        if field.is_relation:
            return getattr(raw, "pk", raw)
        return field.get_db_prep_save(raw, connection)

    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, [[value(row, f) for f in fields] for row in rows[start:start + batch]])


class RowBuilder:
    def __init__(self, generator, org, plans):
        ctx = generator.ctx
        self.gen, self.org, self.plans, self.rng, self.now = generator, org, plans, generator.rng, generator.now
        self.place = ctx.place(org)
        self.units = ctx.units[org.pk]
        self.unit_by_name = {u.short_name: u for u in self.units}
        self.office = ctx.account(org, "proposal").pk
        self.leader = ctx.account(org, "leader").pk
        self.partygov = ctx.account(org, "partygov").pk
        self.unit_staff = {self.units[1].pk: ctx.account(org, "unit").pk}
        self.unit_leaders = {self.units[1].pk: ctx.account(org, "unitlead").pk}
        party = next(b for b in ctx.bodies[org.pk] if b.kind == BodyKind.PARTY)
        self.body_contacts = {party.pk: ctx.account(org, "body").pk}
        self.members = generator.members
        self.user_of = generator.users_by_person
        self.events, self.signers, self.tasks, self.replies, self.contacts = [], [], [], [], []
        self.ratings, self.supervision, self.letters, self.links, self.awards_rows = [], [], [], [], []
        self.merge_links = []
        self.duty = generator.duty

    # --- helpers ------------------------------------------------------------------------------------------------------

    def user(self, member):
        return self.user_of.get(member.person_id) if member is not None else None

    def event(self, plan, action, frm, to, at, actor=None, comment="", data=None, task=None):
        """A history row, kept as a plain dict until the insert (the history is the demo's largest table)."""
        self.events.append({"proposal": plan.proposal, "task": task, "action": action, "from_state": frm,
                            "to_state": to, "actor": actor, "comment": comment, "data": data or {},
                            "created_at": min(at, self.now)})

    def text(self, plan):
        topic, rng = plan.topic, self.rng
        subject = rng.choice(topic["subjects"]).format(p=self.place)
        title = f"关于{subject}{'的提案' if rng.random() < 0.15 else '的建议'}"
        sentences = rng.sample(topic["background"], min(len(topic["background"]), rng.choice([2, 3])))
        background = "\n".join(s.format(p=self.place) for s in sentences) + "\n" + C.CLOSING
        items = rng.sample(topic["suggestions"], min(len(topic["suggestions"]), rng.choice([3, 3, 4])))
        suggestions = "\n".join(f"{NUMERALS[i]}是{s}" for i, s in enumerate(items))
        return title, background, suggestions

    def topic_units(self, plan, k):
        named = [self.unit_by_name[n] for n in plan.topic["units"] if n in self.unit_by_name]
        pool = named + [u for u in self.rng.sample(self.units, 6) if u not in named]
        return pool[:k]

    # --- the build ------------------------------------------------------------------------------------------------------

    def build(self):
        """Everything is planned in memory first, then inserted: no row is written twice."""
        for plan in self.plans:
            self.proposal(plan)
        self.number()
        registered = defaultdict(list)
        for plan in self.plans:
            self.people(plan)
            if plan.status in (P.REGISTERED, *ASSIGNED):
                registered[plan.session.pk].append(plan)
        for plan in self.plans:
            self.history(plan, registered)
        self.handle()
        self.key_and_awards(registered)
        self.write()

    def proposal(self, plan):
        rng, t = self.rng, plan.times
        title, background, suggestions = self.text(plan)
        status = plan.status
        author_user = self.user(plan.author) if plan.author else self.body_contacts.get(getattr(plan.body, "pk", None))
        proposal = Proposal(
            organisation=self.org, term=plan.session.term, session=None if status == P.DRAFT else plan.session,
            kind="" if status == P.DRAFT else plan.kind,
            submitter_kind=SubmitterKind.COLLECTIVE if plan.collective else SubmitterKind.MEMBER,
            first_proposer=plan.author, body=plan.body, created_by_id=author_user, title=title,
            category=plan.topic["category"], background=background, suggestions=suggestions, status=status,
            created_at=t["created"], updated_at=t["submitted"] if status != P.DRAFT else t["created"],
            submitted_at=None if status in (P.DRAFT, P.COSIGNING) else t["submitted"],
        )
        if status in (P.REGISTERED, *ASSIGNED):
            proposal.registered_at = t["decided"]
        if status == P.REJECTED:
            proposal.rejection_ground = rng.choice(list(C.REJECT_COMMENTS))
        if status in (P.CONVERTED, P.CONVERSION_PENDING):
            proposal.conversion_target = ConversionTarget.LETTER
        plan.proposal = proposal
        for unit in self.topic_units(plan, rng.choice([1, 1, 2])):
            self.links.append((plan, unit))

    def number(self):
        by_session = defaultdict(list)
        for plan in self.plans:
            if plan.proposal.registered_at:
                by_session[plan.session.pk].append(plan)
        counters = []
        for plans in by_session.values():
            plans.sort(key=lambda p: p.proposal.registered_at)
            for n, plan in enumerate(plans, start=1):
                plan.proposal.number = n
                plan.proposal.number_label = format_number(self.org, plan.session, n)
            counters.append(NumberCounter(organisation=self.org, session=plans[0].session, last=len(plans)))
        NumberCounter.objects.bulk_create(counters)

    def people(self, plan):
        """The proposers: first proposer and co-signers, or the body and a drafting member."""
        proposal, t, rng = plan.proposal, plan.times, self.rng
        plan.rows, plan.merged_rows = [], []
        if plan.collective:
            plan.rows.append(ProposalSigner(proposal=proposal, body=plan.body, role=SignerRole.BODY,
                                            status=SignerStatus.CONFIRMED))
            drafter = rng.choice(self.members)
            plan.rows.append(ProposalSigner(proposal=proposal, member=drafter, role=SignerRole.DRAFTER,
                                            status=SignerStatus.CONFIRMED, position=1))
        else:
            plan.rows.append(ProposalSigner(proposal=proposal, member=plan.author, role=SignerRole.FIRST,
                                            status=SignerStatus.CONFIRMED))
            for i, member in enumerate(plan.cosigners, start=1):
                signer = ProposalSigner(proposal=proposal, member=member, role=SignerRole.COSIGNER, position=i)
                if plan.status == P.DRAFT:
                    signer.status = SignerStatus.SELECTED
                else:
                    signer.invited_at, signer.respond_by = t["submitted"], t["submitted"] + days(3)
                    if plan.status == P.COSIGNING:
                        signer.status = SignerStatus.INVITED
                    else:
                        signer.status = rng.choices([SignerStatus.CONFIRMED, SignerStatus.DECLINED, SignerStatus.EXPIRED],
                                                    [0.88, 0.06, 0.06])[0]
                        if signer.status != SignerStatus.EXPIRED:
                            signer.responded_at = t["submitted"] + days(rng.uniform(0.1, 2.5))
                plan.rows.append(signer)
        self.signers += plan.rows

    def credited(self, plan):
        return [s for s in plan.rows if s.member_id and s.status == SignerStatus.CONFIRMED and s.role in DUTY_ROLE]

    def credit(self, plan, kind, at, source=None):
        credited = self.credited(plan)
        counted = len([s for s in credited if s.role != SignerRole.DRAFTER]) or len(credited)
        for signer in credited:
            self.duty.append({"member": signer.member, "kind": kind, "source": source or plan.proposal,
                              "occurred_at": min(at, self.now), "title": plan.proposal.title,
                              "attributes": {"role": DUTY_ROLE[signer.role], "signers": counted}})

    # --- history of 提 and 立 ------------------------------------------------------------------------------------------------

    def history(self, plan, registered):  # noqa: C901 (demo data: one straight pass that makes every kind of row)
        t, status, rng = plan.times, plan.status, self.rng
        author = self.user(plan.author) if plan.author else self.body_contacts.get(plan.body.pk)
        self.event(plan, "create", "", P.DRAFT, t["created"], author)
        if status == P.DRAFT:
            return
        invited = [s for s in plan.rows if s.role == SignerRole.COSIGNER]
        if invited:
            self.event(plan, "invite", P.DRAFT, P.COSIGNING, t["submitted"] - days(0.05), author,
                       data={"invited": [s.member.person.name for s in invited]})
            for s in invited:
                if s.responded_at:
                    self.event(plan, "cosign", P.COSIGNING, P.COSIGNING, s.responded_at, self.user(s.member),
                               data={"member": s.member.person.name, "agree": s.status == SignerStatus.CONFIRMED})
            if status == P.COSIGNING:
                return
            self.event(plan, "close_cosigning", P.COSIGNING, P.SUBMITTED, t["submitted"] + days(3) if any(
                s.status == SignerStatus.EXPIRED for s in invited) else max(s.responded_at for s in invited), None)
        else:
            self.event(plan, "submit", P.DRAFT, P.SUBMITTED, t["submitted"], author)
        self.credit(plan, DutyEventKind.PROPOSAL_SUBMITTED, t["submitted"])
        if status == P.SUBMITTED:
            return
        if status == P.RETURNED:
            self.event(plan, "return", P.SUBMITTED, P.RETURNED, t["decided"], self.office, rng.choice(C.RETURN_REASONS))
            return
        self.event(plan, "prereview", P.SUBMITTED, P.REVIEWING, t["prereviewed"], self.office)
        decided = t["decided"]
        if status == P.REJECTED:
            ground = plan.proposal.rejection_ground
            self.event(plan, "reject", P.REVIEWING, P.REJECTED, decided, self.office, C.REJECT_COMMENTS[ground],
                       data={"ground": ground})
        elif status == P.MERGED:
            targets = [p for p in registered.get(plan.session.pk, []) if p.times["decided"] > plan.times["prereviewed"]]
            target = rng.choice(targets or registered.get(plan.session.pk) or [None])
            if target is None:
                plan.status = plan.proposal.status = P.REJECTED
                plan.proposal.rejection_ground = RejectionGround.EMPTY
                self.event(plan, "reject", P.REVIEWING, P.REJECTED, decided, self.office, C.REJECT_COMMENTS["empty"],
                           data={"ground": "empty"})
                return
            plan.proposal.merged_into = target.proposal
            self.event(plan, "merge", P.REVIEWING, P.MERGED, decided, self.office, "内容相近，并案办理。",
                       data={"into_title": target.proposal.title})
            self.merge_links.append((self.events[-1], target.proposal))
            self.event(target, "absorb", target.status, target.status, decided, self.office,
                       data={"from_title": plan.proposal.title})
            present = {s.member_id for s in target.rows + target.merged_rows if s.member_id}
            for s in plan.rows:
                if s.status == SignerStatus.CONFIRMED and (s.member_id is None or s.member_id not in present):
                    joined = ProposalSigner(proposal=target.proposal, member=s.member, body=s.body, role=s.role,
                                            status=SignerStatus.CONFIRMED, position=20, merged_from=plan.proposal)
                    target.merged_rows.append(joined)
                    self.signers.append(joined)
            self.credit(plan, DutyEventKind.PROPOSAL_REGISTERED, max(decided, target.times["decided"]))
        elif status in (P.CONVERTED, P.CONVERSION_PENDING):
            self.event(plan, "propose_conversion", P.REVIEWING, P.CONVERSION_PENDING, decided, self.office,
                       "所提问题较为具体，建议作为委员来信转有关部门办理。", data={"target": "letter"})
            if status == P.CONVERTED:
                self.event(plan, "accept_conversion", P.CONVERSION_PENDING, P.CONVERTED, decided + days(2), author,
                           data={"target": "letter"})
                self.letter(plan, decided + days(2))
        elif status != P.REVIEWING:
            self.event(plan, "register", P.REVIEWING, P.REGISTERED, decided, self.office,
                       data={"number": plan.proposal.number_label})
            self.credit(plan, DutyEventKind.PROPOSAL_REGISTERED, decided)

    def letter(self, plan, at):
        rng = self.rng
        status = rng.choice([LetterStatus.ANSWERED, LetterStatus.ANSWERED, LetterStatus.FORWARDED, LetterStatus.RECEIVED])
        unit = self.topic_units(plan, 1)[0] if status != LetterStatus.RECEIVED else None
        proposal = plan.proposal
        letter = MemberLetter(organisation=self.org, proposal=proposal, title=proposal.title, status=status, unit=unit,
                              content=f"案由\n{proposal.background}\n\n建议\n{proposal.suggestions}", created_at=at)
        if unit is not None:
            letter.forwarded_at, letter.forward_note = at + days(3), "请研究办理，并将办理情况告知委员。"
        if status == LetterStatus.ANSWERED:
            letter.answered_at = min(at + days(rng.uniform(15, 40)), self.now)
            letter.answer = rng.choice(plan.topic["replies"])
            letter.answered_by_id = self.unit_staff.get(unit.pk, self.office)
        self.letters.append(letter)

    # --- 办 and 评 ----------------------------------------------------------------------------------------------------

    def handle(self):
        for plan in self.plans:
            if plan.status in ASSIGNED:
                self.assign(plan)

    def assign(self, plan):
        rng, t, proposal = self.rng, plan.times, plan.proposal
        mode = rng.choices([AssignmentMode.SOLE, AssignmentMode.SPLIT, AssignmentMode.JOINT], [0.65, 0.15, 0.2])[0]
        units = self.topic_units(plan, 3)
        if plan.status in (P.HANDLING, P.EVALUATING) and rng.random() < 0.3 and self.units[1] not in units[:1]:
            units = [self.units[1]] + [u for u in units if u != self.units[1]]
        leads = units[:2] if mode == AssignmentMode.SPLIT else units[:1]
        cos = units[1:1 + rng.choice([1, 1, 2])] if mode == AssignmentMode.JOINT else []
        role = {AssignmentMode.SOLE: TaskRole.SOLE, AssignmentMode.SPLIT: TaskRole.SPLIT, AssignmentMode.JOINT: TaskRole.LEAD}[mode]
        proposal.mode = mode
        labels = [f"{u.name}（{TaskRole(role if u in leads else TaskRole.CO).label}）" for u in leads + cos]
        pending = plan.status == P.CONFIRMING
        confirmed = self.gen.confirm and not pending
        assigned = t["assigned"] + (days(2) if confirmed else days(0))
        if pending or confirmed:
            self.event(plan, "assign_for_confirmation", P.REGISTERED, P.CONFIRMING, t["assigned"], self.office,
                       data={"mode": mode, "units": labels})
        if confirmed:
            self.event(plan, "confirm_assignment", P.CONFIRMING, P.HANDLING, assigned, self.partygov)
        elif not pending:
            self.event(plan, "assign", P.REGISTERED, P.HANDLING, assigned, self.office, data={"mode": mode, "units": labels})
        plan.tasks = []
        for unit in leads + cos:
            task = HandlingTask(proposal=proposal, organisation=self.org, unit=unit, role=role if unit in leads else TaskRole.CO,
                                status=TaskStatus.PENDING)
            if not pending:
                task.assigned_at, task.due_on = assigned, add_months(assigned.date(), 3)
                if task.role == TaskRole.CO:
                    task.input_due_on = add_months(assigned.date(), 1)
            plan.tasks.append(task)
            self.tasks.append(task)
        if pending:
            return
        proposal.assigned_at = assigned
        if plan.status == P.HANDLING:
            self.under_way(plan, assigned)
        else:
            self.answered(plan, assigned)
        proposal.due_on = max(task.due_on for task in plan.tasks if task.role != TaskRole.CO)

    def actor(self, task, *, leader=False):
        return (self.unit_leaders if leader else self.unit_staff).get(task.unit_id)

    def task_event(self, plan, task, action, frm, to, at, actor=None, comment="", data=None):
        self.event(plan, action, frm, to, at, actor if actor is not None else self.actor(task), comment,
                   {"unit": task.unit.name, **(data or {})}, task=task)

    def work(self, plan, task, replied, *, upto):
        """The unit's steps up to ``upto`` (signoff, countersigning, replied or accepted), ending at ``replied``."""
        rng, assigned = self.rng, task.assigned_at
        contact_at = min(assigned + days(rng.uniform(5, 25)), replied - days(3))
        self.contacts.append(ContactRecord(task=task, contacted_on=contact_at.date(), way=rng.choice(ContactWay.values),
                                           notes=rng.choice(C.CONTACT_NOTES), created_by_id=self.actor(task),
                                           created_at=contact_at))
        self.task_event(plan, task, "contact", T.HANDLING, T.HANDLING, contact_at, comment=self.contacts[-1].notes)
        cos = [c for c in plan.tasks if c.role == TaskRole.CO]
        for co in cos:
            co.input_text, co.input_sent_at = "我单位对该提案无不同意见，相关工作将积极配合主办单位推进。", min(
                assigned + days(rng.uniform(7, 28)), replied - days(5))
            co.status = T.INPUT_SENT
            self.task_event(plan, co, "send_input", T.HANDLING, T.INPUT_SENT, co.input_sent_at, comment=co.input_text)
        text = "\n".join([C.REPLY_OPENING, *rng.sample(plan.topic["replies"], len(plan.topic["replies"])), C.REPLY_CLOSING])
        category = rng.choices([ReplyCategory.A, ReplyCategory.B, ReplyCategory.C], [0.7, 0.22, 0.08])[0]
        reply = Reply(task=task, round=task.round, text=text, category=category, unit_category=category,
                      contact_name=task.unit.contact_name, contact_phone=task.unit.contact_phone,
                      drafted_by_id=self.actor(task), updated_at=replied - days(4))
        self.replies.append(reply)
        if task.role == TaskRole.LEAD and cos:
            self.task_event(plan, task, "request_countersign", T.HANDLING, T.COUNTERSIGNING, replied - days(4))
            if upto == "countersigning":
                task.status = T.COUNTERSIGNING
                return reply
            for co in cos:
                co.status, co.countersigned_at = T.COUNTERSIGNED, replied - days(rng.uniform(2, 3.5))
                self.task_event(plan, co, "countersign", T.INPUT_SENT, T.COUNTERSIGNED, co.countersigned_at)
            self.task_event(plan, task, "countersigned", T.COUNTERSIGNING, T.SIGNOFF, replied - days(2))
        else:
            self.task_event(plan, task, "request_signoff", T.HANDLING, T.SIGNOFF, replied - days(1.5))
        if upto == "signoff":
            task.status = T.SIGNOFF
            return reply
        reply.signed_off_by_id, reply.signed_off_at, reply.submitted_at = self.actor(task, leader=True), replied, replied
        task.replied_at, task.status = replied, T.REPLIED
        self.task_event(plan, task, "sign_off", T.SIGNOFF, T.REPLIED, replied, self.actor(task, leader=True),
                        data={"category": category, "round": task.round})
        return reply

    def accept(self, plan, task, reply, at):
        reply.accepted_at, reply.reviewed_by_id = at, self.office
        if at < self.now - days(20) and self.rng.random() < 0.6:
            reply.quality = self.rng.choices(["excellent", "good", "fair", "poor"], [0.3, 0.5, 0.18, 0.02])[0]
        task.status = T.ACCEPTED
        self.task_event(plan, task, "accept_reply", T.REPLIED, T.ACCEPTED, at, self.office, data={"round": task.round})

    def under_way(self, plan, assigned):
        """This year's proposals being handled: each replying unit somewhere on its way."""
        rng = self.rng
        replying = [task for task in plan.tasks if task.role != TaskRole.CO]
        for task in plan.tasks:
            task.status = T.HANDLING
        for index, task in enumerate(replying):
            stage = rng.choices(["handling", "objected", "countersigning", "signoff", "replied", "accepted"],
                                [0.5, 0.04, 0.08, 0.12, 0.18, 0.08 if index else 0])[0]
            if stage == "countersigning" and not any(c.role == TaskRole.CO for c in plan.tasks):
                stage = "signoff"
            if stage == "objected":
                task.status, task.objected_at = T.OBJECTED, assigned + days(2)
                task.objection_reason = "经研究，该提案所提事项主要属其他部门职责，建议改由相关部门主办。"
                self.task_event(plan, task, "object", T.HANDLING, T.OBJECTED, task.objected_at, comment=task.objection_reason)
                continue
            if stage == "handling":
                if rng.random() < 0.5:
                    at = min(assigned + days(rng.uniform(5, 30)), self.now - days(1))
                    self.contacts.append(ContactRecord(task=task, contacted_on=at.date(), way=ContactWay.PHONE,
                                                       notes=C.CONTACT_NOTES[1], created_by_id=self.actor(task), created_at=at))
                    self.task_event(plan, task, "contact", T.HANDLING, T.HANDLING, at, comment=C.CONTACT_NOTES[1])
                self.extension(plan, task)
                continue
            replied = max(min(assigned + days(rng.uniform(30, 80)), self.now - days(rng.uniform(0.5, 4))), assigned + days(8))
            reply = self.work(plan, task, replied, upto=stage if stage in ("countersigning", "signoff") else "replied")
            if stage == "accepted":
                self.accept(plan, task, reply, min(replied + days(3), self.now))

    def extension(self, plan, task):
        roll = self.rng.random()
        if roll < 0.06:
            task.extension_months = self.rng.choice([1, 2, 3])
            at = task.assigned_at + days(40)
            self.task_event(plan, task, "request_extension", T.HANDLING, T.HANDLING, at,
                            comment="涉及多部门协调和资金落实，需要延长办理时间。", data={"months": task.extension_months})
            self.task_event(plan, task, "decide_extension", T.HANDLING, T.HANDLING, at + days(2), self.office,
                            data={"months": task.extension_months, "approved": True})
            task.due_on = add_months(task.due_on, task.extension_months)
        elif roll < 0.09:
            task.extension_requested, task.extension_reason = 2, "项目需纳入明年预算统筹解决，申请延期办理。"
            self.task_event(plan, task, "request_extension", T.HANDLING, T.HANDLING, self.now - days(2),
                            comment=task.extension_reason, data={"months": 2})

    def answered(self, plan, assigned):
        """Replies accepted: rated (all of them once closed), sometimes redone after a dissatisfied rating."""
        rng, t, proposal = self.rng, plan.times, plan.proposal
        replying = [task for task in plan.tasks if task.role != TaskRole.CO]
        for task in replying:
            reply = self.work(plan, task, t["accepted"] - days(rng.uniform(2, 8)), upto="replied")
            self.accept(plan, task, reply, t["accepted"])
        accepted = t["accepted"]
        self.event(plan, "replies_accepted", P.HANDLING, P.EVALUATING, accepted, self.office)
        raters = [s for s in plan.rows + plan.merged_rows if s.status == SignerStatus.CONFIRMED
                  and s.role in (SignerRole.FIRST, SignerRole.COSIGNER, SignerRole.BODY)]
        closed = plan.status == P.CLOSED
        redo = closed and rng.random() < 0.03
        for task in replying:
            for signer in raters:
                if not closed and (rng.random() < 0.5 or signer.member is self.gen.demo_seat):
                    continue
                value = Satisfaction.DISSATISFIED if redo and signer is raters[0] and task is replying[0] else rng.choices(
                    [Satisfaction.SATISFIED, Satisfaction.BASICALLY], [0.87, 0.13])[0]
                self.rate(plan, task, signer, value, accepted + days(rng.uniform(1, 12)))
        if redo:
            accepted = self.redo(plan, replying[0], raters, accepted)
        proposal.rating_due_on = add_working_days(accepted.date(), 15, self.org)
        if closed:
            proposal.closed_at = max(t["closed"], accepted + days(14))
            if proposal.closed_at > self.now:
                proposal.closed_at = self.now - days(0.5)
            self.event(plan, "close", P.EVALUATING, P.CLOSED, proposal.closed_at, self.office)

    def rate(self, plan, task, signer, value, at):
        at = min(at, self.now)
        comment = self.rng.choice(C.DISSATISFIED_COMMENTS if value == Satisfaction.DISSATISFIED else C.RATING_COMMENTS)
        on_paper = self.rng.random() < 0.08
        self.ratings.append(Rating(task=task, signer=signer, round=task.round, value=value, comment=comment,
                                   on_paper=on_paper, rated_at=at,
                                   recorded_by_id=self.office if on_paper else self.user(signer.member)))
        name = signer.member.person.name if signer.member else signer.body.name
        self.event(plan, "rate_on_paper" if on_paper else "rate", P.EVALUATING, P.EVALUATING, at,
                   self.office if on_paper else self.user(signer.member) or self.body_contacts.get(signer.body_id),
                   comment, {"unit": task.unit.name, "signer": name, "value": value, "round": task.round}, task=task)
        if signer.member_id and signer.role != SignerRole.BODY:
            self.duty.append({"member": signer.member, "kind": DutyEventKind.PROPOSAL_RATED, "source": plan.proposal,
                              "occurred_at": at, "title": plan.proposal.title, "attributes": {"role": signer.role, "value": value}})

    def redo(self, plan, task, raters, accepted):
        """重新办理 after a dissatisfied rating: a supplementary reply, accepted and rated again."""
        at = accepted + days(13)
        self.event(plan, "redo", P.EVALUATING, P.HANDLING, at, self.office, "请针对提案人意见重新办理，补充答复。",
                   {"unit": task.unit.name})
        task.round = 2
        self.task_event(plan, task, "redo", T.ACCEPTED, T.HANDLING, at, self.office, data={"round": 2})
        reply = self.work(plan, task, at + days(20), upto="replied")
        reply.text = "补充答复：" + reply.text
        again = at + days(24)
        self.accept(plan, task, reply, again)
        self.event(plan, "replies_accepted", P.HANDLING, P.EVALUATING, again, self.office)
        for signer in raters:
            self.rate(plan, task, signer, Satisfaction.SATISFIED, again + days(3))
        return again

    # --- 督 and the year's selection -------------------------------------------------------------------------------------

    def key_and_awards(self, registered):
        rng = self.rng
        current = max(registered, key=lambda pk: next(p.session.year for p in registered[pk])) if registered else None
        for session_pk, plans in registered.items():
            active = [p for p in plans if p.status != P.CONFIRMING]
            for plan in rng.sample(active, max(1, round(len(active) * 0.06))):
                self.key(plan)
            if session_pk == current:
                for plan in [p for p in active if p.status in (P.HANDLING, P.REGISTERED)
                             and p.proposal.key_state == KeyState.NONE][:2]:
                    plan.proposal.key_state = KeyState.NOMINATED
                    self.event(plan, "key_nominate", "", KeyState.NOMINATED, plan.times["decided"] + days(1), self.office,
                               "所提问题涉及全市重点工作，建议列为重点提案。")
                continue
            self.awards(plans)

    def key(self, plan):
        proposal, t = plan.proposal, plan.times
        proposal.key_state, proposal.key_leader_id = KeyState.APPROVED, self.leader
        self.event(plan, "key_nominate", "", KeyState.NOMINATED, t["decided"] + days(3), self.office)
        self.event(plan, "key_approve", KeyState.NOMINATED, KeyState.APPROVED, t["decided"] + days(8), self.leader)
        self.credit(plan, DutyEventKind.PROPOSAL_KEY, t["decided"] + days(8))
        start = t["assigned"] + days(10)
        end = min(proposal.closed_at or self.now, self.now)
        for i in range(self.rng.choice([1, 2, 3])):
            at = start + (end - start) * ((i + 1) / 4) if end > start else start
            if at > self.now:
                break
            kind = [SupervisionKind.VISIT, SupervisionKind.MEETING, SupervisionKind.INSTRUCTION][i]
            self.supervision.append(SupervisionRecord(proposal=proposal, kind=kind, happened_on=at.date(),
                                                      notes=C.SUPERVISION_NOTES[i], created_by_id=self.leader, created_at=at))
            self.event(plan, "supervise", plan.status, plan.status, at, self.leader, C.SUPERVISION_NOTES[i],
                       {"kind": kind, "date": at.date().isoformat()})

    def awards(self, plans):
        rng = self.rng
        year = plans[0].session.year
        dissatisfied = {id(r.task.proposal) for r in self.ratings if r.value == Satisfaction.DISSATISFIED}
        closed = [p for p in plans if p.status == P.CLOSED and id(p.proposal) not in dissatisfied]
        at = self.gen.ctx.now.replace(year=year + 1, month=1, day=5) if year < self.now.year else self.now
        for plan in rng.sample(closed, min(len(closed), 10 if self.org.level != "county" else 5)):
            self.awards_rows.append(Award(organisation=self.org, year=year, kind=AwardKind.EXCELLENT_PROPOSAL,
                                          proposal=plan.proposal, citation="调研深入，建议具体可行，办理成效明显。",
                                          created_by_id=self.office, created_at=at))
            self.event(plan, "award", P.CLOSED, P.CLOSED, at, self.office, data={"year": year})
            self.credit(plan, DutyEventKind.PROPOSAL_EXCELLENT, at)
        units = {task.unit for plan in plans for task in getattr(plan, "tasks", [])}
        for unit in rng.sample(sorted(units, key=lambda u: u.pk), min(len(units), 5)):
            self.awards_rows.append(Award(organisation=self.org, year=year, kind=AwardKind.ADVANCED_UNIT, unit=unit,
                                          citation="办理态度端正，沟通充分，答复质量高。", created_by_id=self.office,
                                          created_at=at))

    # --- writing ----------------------------------------------------------------------------------------------------------

    def in_office_hours(self):
        """Every moment of every row about to be written, moved into office hours."""
        for model, rows in ((Proposal, [p.proposal for p in self.plans]), (ProposalSigner, self.signers),
                            (HandlingTask, self.tasks), (Reply, self.replies), (ContactRecord, self.contacts),
                            (Rating, self.ratings), (ProposalEvent, self.events), (SupervisionRecord, self.supervision),
                            (Award, self.awards_rows), (MemberLetter, self.letters)):
            in_office_hours(model, rows, self.now)

    def write(self):
        self.in_office_hours()
        counts = defaultdict(int)
        for event in self.events:
            counts[id(event["proposal"])] += 1
        for plan in self.plans:
            plan.proposal.version = max(1, counts[id(plan.proposal)])
        # Merged proposals point at their target: the targets go in first.
        first = [p.proposal for p in self.plans if p.proposal.merged_into is None]
        Proposal.objects.bulk_create(first, batch_size=1000)
        Proposal.objects.bulk_create([p.proposal for p in self.plans if p.proposal.merged_into is not None], batch_size=1000)
        for event, target in self.merge_links:
            event["data"]["into"] = target.pk
        insert_rows(Proposal.suggested_units.through,
                    [{"proposal": plan.proposal.pk, "handlingunit": unit.pk} for plan, unit in self.links])
        ProposalSigner.objects.bulk_create(self.signers, batch_size=2000)
        HandlingTask.objects.bulk_create(self.tasks, batch_size=2000)
        for model, rows in ((Reply, self.replies), (ContactRecord, self.contacts), (Rating, self.ratings),
                            (ProposalEvent, self.events), (SupervisionRecord, self.supervision), (Award, self.awards_rows),
                            (MemberLetter, self.letters)):
            insert_rows(model, rows)
