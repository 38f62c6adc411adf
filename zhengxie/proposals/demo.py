"""Demo proposals for every organisation of the demo, in the seed's proportions and in every state.

Tianshui receives about 260 proposals a year (1,050 in a term); in a year like 2021, 288 were received, 258
registered, 14 merged, 16 rejected. Past sessions are all closed (办结率 100%); this year's are spread over every
state, with realistic dates, history, tasks, replies, contacts, ratings, key proposals and awards. Rows are made
here as plans and inserted in bulk by ``demo_rows``: the province scale stays fast."""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from zhengxie.core.choices import BodyKind
from zhengxie.core.demo import office_hours_map
from zhengxie.core.models import User
from zhengxie.core.registry import demo_generator
from zhengxie.duties.services import record_duty_events_bulk

from . import demo_content as C
from .choices import ProposalKind, ProposalStatus
from .demo_rows import RowBuilder

P = ProposalStatus
#: Proposals received per session, by level (the national committee is scaled down to keep the demo quick).
PER_YEAR = {"national": 1500, "province": 600, "city": 230, "county": 100}
#: Tianshui's own figures: 1,050 in the term's first four years, and a year like 2021 (288 received).
TIANSHUI = {2022: 268, 2023: 262, 2024: 259, 2025: 261}
TIANSHUI_CURRENT = 288
#: Outcomes of review in the seed's proportions (Tianshui 2021: 258 registered, 14 merged, 16 rejected of 288).
MERGED, REJECTED, CONVERTED = 14 / 288, 16 / 288, 0.01
#: This year's proposals still under way, and how far the registered ones have come.
PENDING = [(P.SUBMITTED, 0.022), (P.REVIEWING, 0.022), (P.RETURNED, 0.008), (P.CONVERSION_PENDING, 0.005),
           (P.COSIGNING, 0.01)]
THIS_YEAR = [(P.EVALUATING, 0.14), (P.HANDLING, 0.22), (P.REGISTERED, 0.04), (P.CONFIRMING, 0.02)]
#: The demo member account writes one proposal in each of these states.
SHOWCASE = [P.DRAFT, P.RETURNED, P.SUBMITTED, P.HANDLING, P.EVALUATING, P.CLOSED, P.REJECTED]
LISTED = ("gs", "ts", "jq", "qz", "sz", "qg")
#: Steps of a proposal's life, in order, and the days between one and the next (low, high).
STEPS = [("submitted", 0, 0), ("prereviewed", 1, 5), ("decided", 2, 10), ("assigned", 3, 12), ("replied", 35, 85),
         ("accepted", 2, 8), ("closed", 16, 25)]
#: How long ago this year's unfinished proposals reached their last step (days).
ANCHORS = {P.DRAFT: ("submitted", 0, 10), P.COSIGNING: ("submitted", 0.1, 1.5), P.SUBMITTED: ("submitted", 0.5, 6),
           P.REVIEWING: ("prereviewed", 1, 8), P.RETURNED: ("decided", 2, 15), P.CONVERSION_PENDING: ("decided", 3, 12),
           P.REGISTERED: ("decided", 1, 10), P.CONFIRMING: ("assigned", 1, 6), P.HANDLING: ("assigned", 20, 150),
           P.EVALUATING: ("accepted", 1, 12)}


@dataclass
class Plan:
    session: object
    status: str
    topic: dict
    collective: bool
    author: object = None  # the first proposer's Member
    body: object = None  # a collective proposal's Body
    cosigners: list = field(default_factory=list)
    times: dict = field(default_factory=dict)
    kind: str = ""


def plan_timeline(rng, now, session, status, *, current: bool) -> tuple[dict, str]:
    """The moments of each step, consistent with the session's window and with today; and the kind (plenary if
    submitted in the window)."""
    offsets, total = {}, 0.0
    for step, low, high in STEPS:
        total += rng.uniform(low, high)
        offsets[step] = total
    start, end = session.proposal_window_starts, session.proposal_window_ends
    if current and status in ANCHORS:
        step, low, high = ANCHORS[status]
        anchor = now - dt.timedelta(days=rng.uniform(low, high))
        submitted = anchor - dt.timedelta(days=offsets[step])
        if submitted < start:  # early in the year: squeeze the steps between the window and the anchor
            scale = max((anchor - start).total_seconds() / 86400 / max(offsets[step], 1), 0.05)
            offsets = {k: v * scale for k, v in offsets.items()}
            submitted = anchor - dt.timedelta(days=offsets[step])
    else:
        year_end = dt.datetime(session.year, 12, 20, 18, tzinfo=start.tzinfo)
        if rng.random() < 0.7:
            submitted = start + (end - start) * rng.random()
        else:
            submitted = end + (min(year_end, now) - end) * rng.random()
        last = submitted + dt.timedelta(days=offsets["closed"])
        if last > now - dt.timedelta(days=1):
            submitted -= last - (now - dt.timedelta(days=rng.uniform(1, 40)))
            submitted = max(submitted, start)
    times = {step: submitted + dt.timedelta(days=offsets[step]) for step, _low, _high in STEPS}
    times["created"] = submitted - dt.timedelta(days=rng.uniform(0.5, 12))
    kind = ProposalKind.PLENARY if start <= submitted <= end else ProposalKind.INTERIM
    return times, kind


@demo_generator(order=20)
def generate(ctx):
    DemoProposals(ctx).run()


class DemoProposals:
    def __init__(self, ctx):
        # A generator of its own, seeded from the shared one without drawing from it: the other apps' demo data
        # stays the same whether the proposals are generated or not.
        self.ctx, self.rng, self.now = ctx, random.Random(f"proposals {ctx.rng.getstate()[1][:4]}"), ctx.now
        self.duty = []
        self.users_by_person = dict(User.objects.filter(person__isnull=False).values_list("person_id", "pk"))

    def run(self):
        totals = defaultdict(int)
        for org in self.ctx.orgs:
            slug = self.ctx.slug(org)
            if slug == "ts":  # Tianshui has assignments confirmed by the Party/government office, and publishes
                org.settings.update({"proposals.assignment_confirmation": True, "proposals.publish_registered": True,
                                     "proposals.publish_replies": True})
                org.save(update_fields=["settings"])
            for status, count in self.organisation(org, slug).items():
                totals[status] += count
        move = office_hours_map(self.now)
        for event in self.duty:
            event["occurred_at"] = move(event["occurred_at"])
        record_duty_events_bulk(self.duty)
        self.ctx.log("proposals: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))

    def organisation(self, org, slug):
        self.org, self.slug = org, slug
        self.members = [m for m in self.ctx.members[org.pk] if not m.member_number.startswith("S")]
        self.demo_seat = self.ctx.members[org.pk][20 if org.level == "province" else 10]
        self.confirm = slug == "ts"
        sessions = self.ctx.sessions[org.pk]
        plans = []
        for session in sessions:
            plans += self.session_plans(session, current=session is sessions[-1])
        plans += [self.plan(sessions[-1], P.DRAFT, current=True) for _ in range(3)]
        self.showcase(plans, sessions[-1])
        RowBuilder(self, org, plans).build()
        counts = defaultdict(int)
        for plan in plans:
            counts[plan.status] += 1
        return counts

    def session_plans(self, session, *, current):
        if self.slug == "ts":
            n = TIANSHUI_CURRENT if current else TIANSHUI.get(session.year, 260)
        else:
            n = max(10, int(PER_YEAR[self.org.level] * self.rng.uniform(0.93, 1.07)))
        statuses = [P.MERGED] * round(n * MERGED) + [P.REJECTED] * round(n * REJECTED)
        statuses += [P.CONVERTED] * max(1, round(n * CONVERTED))
        if current:
            for status, share in PENDING:
                statuses += [status] * max(1, round(n * share))
            rest = n - len(statuses)
            for status, share in THIS_YEAR:
                if status != P.CONFIRMING or self.confirm:
                    statuses += [status] * max(1, round(rest * share))
        statuses += [P.CLOSED] * max(0, n - len(statuses))
        self.rng.shuffle(statuses)
        return [self.plan(session, status, current=current) for status in statuses]

    def plan(self, session, status, *, current):
        topic = self.rng.choice(C.TOPICS)
        collective = status != P.COSIGNING and self.rng.random() < 0.1  # bodies do not invite co-signers
        plan = Plan(session=session, status=status, topic=topic, collective=collective)
        if collective:
            plan.body = self.rng.choice(self.ctx.bodies[self.org.pk])
        else:
            plan.author = self.rng.choice(self.members)
            if status == P.COSIGNING or self.rng.random() < 0.3:
                others = [m for m in self.members if m is not plan.author]
                plan.cosigners = self.rng.sample(others, min(len(others), self.rng.choice([1, 1, 2, 2, 3, 4])))
        plan.times, plan.kind = plan_timeline(self.rng, self.now, session, status, current=current)
        return plan

    def showcase(self, plans, current):
        """The demo accounts find something in each state: the member wrote one proposal per state and is invited to
        co-sign one; the party's contact submitted a few collective ones."""
        if self.slug not in LISTED:
            return
        for status in SHOWCASE:
            plan = next((p for p in reversed(plans) if p.status == status and not p.collective and p.session is current
                         and p.author is not self.demo_seat), None)
            if plan is not None:
                plan.author = self.demo_seat
                plan.cosigners = [m for m in plan.cosigners if m is not self.demo_seat]
        cosigning = next((p for p in plans if p.status == P.COSIGNING and not p.collective
                          and p.author is not self.demo_seat), None)
        if cosigning is not None and self.demo_seat not in cosigning.cosigners:
            cosigning.cosigners = [*cosigning.cosigners[:1], self.demo_seat]
        party = next(b for b in self.ctx.bodies[self.org.pk] if b.kind == BodyKind.PARTY)
        for plan in [p for p in plans if p.collective and p.session is current][:4]:
            plan.body = party


from . import demo_joint  # noqa: E402, F401  (the joint proposals of committees, after the proposals)
