"""Demo data of the opinions app: reports at every level since the start of each committee's term, in every state,
bulletin issues numbered per year, reports forwarded county → city → province (Tianshui sends 260+ up in a term,
as the seed says), adoptions and leaders' instructions coming back down, and the duty events they earn.

Levels are simulated from the bottom up: a county decides on its reports and forwards some; the city receives them
with the ones its own members wrote; and so on. Rows are inserted in bulk, one level at a time."""

import datetime as dt
from collections import defaultdict

from django.db.models import F
from django.utils import timezone

from zhengxie.core.choices import OrganisationLevel
from zhengxie.core.demo import DemoContext, make_name, move_into_office_hours
from zhengxie.core.models import User
from zhengxie.core.registry import demo_generator
from zhengxie.core.services import notify
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_events_bulk

from . import demo_data as D
from .choices import (
    ADOPTION_DUTY_KIND,
    INSTRUCTION_DUTY_KIND,
    INSTRUCTION_LEVEL_OF,
    INSTRUCTION_RANK,
    AdoptionKind,
    AuthorKind,
    BulletinStatus,
    ReportStatus,
)
from .feedback import feedback_messages
from .models import Adoption, BulletinIssue, BulletinTransition, Instruction, Report, ReportTransition
from .org_settings import categories_of, default_recipients, place_of

# Own reports a year, and the share of published reports forwarded up, per level.
PER_YEAR = {"county": 38, "city": 105, "province": 150, "national": 220}
FORWARD = {"county": 0.34, "city": 0.5, "province": 0.45}
NOT_USED = {"county": 0.28, "city": 0.4, "province": 0.5, "national": 0.55}
INSTRUCTED = {"county": 0.07, "city": 0.08, "province": 0.09, "national": 0.05}
RECENT_DAYS = 40  # reports younger than this are still being handled
EDITS = {
    "county": [("当前存在的主要问题：", "调研发现，主要存在以下问题："), ("为此建议：", "建议：")],
    "city": [("调研发现，主要存在以下问题：", "据反映，当前主要存在以下问题："), ("建议：", "为此，建议：")],
    "province": [("当前主要存在以下问题：", "突出问题是："), ("为此，建议：", "对此建议：")],
    "national": [("突出问题是：", "主要问题是："), ("对此建议：", "建议：")],
}


class Simulation:
    def __init__(self, ctx: DemoContext):
        self.ctx, self.rng, self.now = ctx, ctx.rng, ctx.now
        self.incoming = defaultdict(list)  # org pk -> items forwarded to it
        self.transitions, self.bulletin_transitions = [], []
        self.adoptions, self.instructions = [], []
        self.user_of_person = dict(User.objects.filter(person__isnull=False).values_list("person_id", "pk"))
        self.report_count = 0
        self._accounts = dict(ctx.accounts)

    def account(self, org, role: str) -> User:
        """The demo account ``<slug>_<role>`` (read from the database when the context does not hold it)."""
        username = f"{self.ctx.slug(org)}_{role}"
        if username not in self._accounts:
            self._accounts[username] = User.objects.filter(username=username).first()
        return self._accounts[username]

    # --- content ---------------------------------------------------------------------------------------------------

    def _content(self, org) -> tuple[str, str, str]:
        category, title, situation, problems, suggestions = self.rng.choice(D.TOPICS)
        place = place_of(org).split("市")[-1] or place_of(org)
        if self.rng.random() < 0.3:
            title = title.replace("关于", f"关于{place}", 1)
        n = self.rng.randint(12, 68)
        text = (f"{situation.format(p=place, n=n)}\n当前存在的主要问题：一是{problems[0]}；二是{problems[1]}；"
                f"三是{problems[2]}。\n为此建议：一是{suggestions[0]}；二是{suggestions[1]}；三是{suggestions[2]}。")
        if category not in categories_of(org):
            category = categories_of(org)[-1]
        return title, text, category

    @staticmethod
    def _edited(title: str, text: str, level: str, rng) -> tuple[str, str]:
        """Each level's office rewrites a little, as editors do."""
        for old, new in EDITS[level]:
            text = text.replace(old, new)
        if rng.random() < 0.5 and title.startswith("关于") and title.endswith("的建议"):
            title = "委员建议" + title.removeprefix("关于").removesuffix("的建议")
        return title, text

    def _author(self, org) -> dict:
        roll = self.rng.random()
        if roll < 0.75:
            seats = self.ctx.members[org.pk]
            seat = seats[int(len(seats) * self.rng.random() ** 2)]  # a few members write most reports
            return {"author_kind": AuthorKind.MEMBER, "author_member": seat, "author_name": seat.person.name,
                    "author_user_id": self.user_of_person.get(seat.person_id)}
        if roll < 0.86:
            body = self.rng.choice(self.ctx.bodies[org.pk][:12])
            contact = self.account(org, "body")
            first_party = self.ctx.bodies[org.pk][0]
            return {"author_kind": AuthorKind.BODY, "author_body": body, "author_name": body.name,
                    "author_user_id": contact.pk if body.pk == first_party.pk else None}
        if roll < 0.94:
            informant = self.account(org, "informant")
            return {"author_kind": AuthorKind.INFORMANT, "author_name": informant.label, "author_user_id": informant.pk}
        return {"author_kind": AuthorKind.ORGANISATION, "author_name": org.short_name}

    def _own_items(self, org) -> list[dict]:
        term = self.ctx.terms[org.pk]
        start = dt.datetime.combine(term.starts_on, dt.time(9), tzinfo=self.now.tzinfo)
        days = (self.now - start).days
        count = int(PER_YEAR[org.level] * days / 365)
        items = []
        for _ in range(count):
            when = start + dt.timedelta(days=self.rng.random() * days, hours=self.rng.randint(0, 8))
            title, text, category = self._content(org)
            items.append({"received_at": when, "title": title, "text": text, "category": category, "depth": 0,
                          "origin_organisation": org, **self._author(org)})
        items += self._showcase_items(org)
        return items

    def _showcase_items(self, org) -> list[dict]:
        """The demo member of each committee has a report that climbs to the province and comes back with a
        provincial leader's instruction, and one still waiting at its own level."""
        account = self.account(org, "member")
        seat = next((s for s in self.ctx.members[org.pk] if account and s.person_id == account.person_id), None)
        if seat is None or org.level == OrganisationLevel.NATIONAL:
            return []
        author = {"author_kind": AuthorKind.MEMBER, "author_member": seat, "author_name": seat.person.name,
                  "author_user_id": account.pk, "origin_organisation": org, "depth": 0}
        climbs = OrganisationLevel.rank(org.level) - OrganisationLevel.rank(OrganisationLevel.PROVINCE)
        title, text, category = self._content(org)
        showcase = {**author, "received_at": self.now - dt.timedelta(days=30 + 25 * climbs), "title": title,
                    "text": text, "category": category,
                    "plan": {"forward_until": OrganisationLevel.PROVINCE, "instruct": OrganisationLevel.PROVINCE}}
        title, text, category = self._content(org)
        waiting = {**author, "received_at": self.now - dt.timedelta(days=2), "title": title, "text": text,
                   "category": category, "plan": {"state": ReportStatus.RECEIVED}}
        return [showcase, waiting]

    # --- one organisation --------------------------------------------------------------------------------------------

    def _after(self, moment, low, high):
        return min(moment + dt.timedelta(days=self.rng.uniform(low, high)), self.now - dt.timedelta(hours=1))

    def _decide(self, org, item) -> str:
        plan = item.get("plan")
        if plan:
            return plan.get("state", ReportStatus.PUBLISHED)
        age = (self.now - item["received_at"]).days
        if age > RECENT_DAYS:
            roll = self.rng.random()
            if item["depth"] == 0 and roll < 0.03:
                return ReportStatus.WITHDRAWN
            return ReportStatus.NOT_USED if roll < NOT_USED[org.level] else ReportStatus.PUBLISHED
        return self.rng.choices(
            [ReportStatus.RECEIVED, ReportStatus.ACCEPTED, ReportStatus.EDITED, ReportStatus.IN_BULLETIN,
             ReportStatus.NOT_USED, ReportStatus.PUBLISHED], weights=[30, 12, 16, 18, 10, 14])[0]

    def run(self, org):
        office = self.account(org, "info")
        leader = self.account(org, "leader")
        items = sorted(self._own_items(org) + self.incoming.pop(org.pk, []), key=lambda i: i["received_at"])
        reports = []
        for item in items:
            state = self._decide(org, item)
            plan = item.get("plan") or {}
            received = item["received_at"]
            report = Report(
                organisation=org, origin_id=item.get("origin_id"), source=item.get("source"), depth=item["depth"],
                origin_organisation=item["origin_organisation"], author_kind=item["author_kind"],
                author_member=item.get("author_member"), author_body=item.get("author_body"),
                author_user_id=item.get("author_user_id"), author_name=item["author_name"],
                submitted_by_id=item.get("submitted_by_id") or item.get("author_user_id") or office.pk,
                original_title=item["title"], title=item["title"], original_text=item["text"], text=item["text"],
                category=item["category"], status=state, received_at=received,
            )
            history = [("submit", "", ReportStatus.RECEIVED, item.get("submitted_by_id") or item.get("author_user_id"),
                        received, "")]
            if state == ReportStatus.WITHDRAWN:
                history.append(("withdraw", ReportStatus.RECEIVED, state, item.get("author_user_id"),
                                self._after(received, 0.1, 2), ""))
            if state in (ReportStatus.ACCEPTED, ReportStatus.EDITED, ReportStatus.IN_BULLETIN, ReportStatus.PUBLISHED) \
                    or state == ReportStatus.NOT_USED and self.rng.random() < 0.3:
                report.accepted_at = self._after(received, 0.3, 4 if not plan else 1)
                history.append(("accept", ReportStatus.RECEIVED, ReportStatus.ACCEPTED, office.pk, report.accepted_at, ""))
            if state in (ReportStatus.EDITED, ReportStatus.IN_BULLETIN, ReportStatus.PUBLISHED):
                report.edited_at = self._after(report.accepted_at, 0.5, 5 if not plan else 1)
                report.edited_by_id = office.pk
                report.title, report.text = self._edited(report.title, report.text, org.level, self.rng)
                history.append(("edit", ReportStatus.ACCEPTED, ReportStatus.EDITED, office.pk, report.edited_at, ""))
            if state == ReportStatus.NOT_USED:
                report.not_used_at = self._after(report.accepted_at or received, 0.5, 6)
                report.not_used_reason = self.rng.choice(D.NOT_USED_REASONS)
                history.append(("not_use", ReportStatus.ACCEPTED if report.accepted_at else ReportStatus.RECEIVED,
                                state, office.pk, report.not_used_at, report.not_used_reason))
            report._plan, report._history = plan, history
            reports.append(report)
        self._bulletins(org, reports, office, leader)
        Report.objects.bulk_create(reports, batch_size=1000)
        Report.objects.filter(organisation=org, origin__isnull=True).update(origin=F("id"))
        forwarded = []
        for report in reports:
            if report.origin_id is None:
                report.origin_id = report.pk
            if report.status == ReportStatus.PUBLISHED and self._feedback(org, report, office):
                forwarded.append(report)
            self.transitions += [ReportTransition(report_id=report.pk, action=a, from_state=f, to_state=t, actor_id=u,
                                                  created_at=at, comment=c) for a, f, t, u, at, c in report._history]
        Report.objects.bulk_update(forwarded, ["forwarded_at"], batch_size=1000)
        self.report_count += len(reports)

    def _bulletins(self, org, reports, office, leader):  # noqa: C901 (demo data: one straight pass that makes every kind of row)
        """Group the published reports into issues (1–4 each), number them per year, and put the reports still
        being compiled in a draft and an issue awaiting sign-off."""
        published = sorted((r for r in reports if r.status == ReportStatus.PUBLISHED), key=lambda r: r.edited_at)
        groups, current = [], []
        for report in published:
            current.append(report)
            if len(current) >= self.rng.randint(1, 4) or report._plan:
                groups.append(current)
                current = []
        if current:
            groups.append(current)
        issues = []
        for group in groups:
            signed = self._after(max(r.edited_at for r in group), 0.5, 3)
            issue = BulletinIssue(organisation=org, year=timezone.localtime(signed).year, number=0, serial=0,
                                  status=BulletinStatus.SENT, created_by_id=office.pk,
                                  created_at=min(r.edited_at for r in group), signed_off_by_id=leader.pk,
                                  signed_off_at=signed, sent_at=self._after(signed, 0.2, 2),
                                  recipients=default_recipients(org))
            issue._reports = group
            issues.append(issue)
        issues.sort(key=lambda i: i.signed_off_at)
        if issues:  # the latest issue is signed off, not sent yet
            issues[-1].status, issues[-1].sent_at, issues[-1].recipients = BulletinStatus.SIGNED_OFF, None, []
        placed = [r for r in reports if r.status == ReportStatus.IN_BULLETIN]
        half = (len(placed) + 1) // 2
        for status, group in ((BulletinStatus.PENDING, placed[:half]), (BulletinStatus.DRAFT, placed[half:])):
            if group:
                issue = BulletinIssue(organisation=org, year=timezone.localtime(self.now).year, number=0, serial=0, status=status,
                                      created_by_id=office.pk, created_at=max(r.edited_at for r in group))
                issue._reports = group
                issues.append(issue)
        per_year = defaultdict(int)
        for serial, issue in enumerate(issues, start=1):
            per_year[issue.year] += 1
            issue.number, issue.serial = per_year[issue.year], serial
        BulletinIssue.objects.bulk_create(issues)
        for issue in issues:
            at = issue.created_at
            self.bulletin_transitions.append(BulletinTransition(bulletin_id=issue.pk, action="create", to_state="draft",
                                                                actor_id=office.pk, created_at=at))
            for position, report in enumerate(issue._reports, start=1):
                report.bulletin, report.bulletin_position = issue, position
                report._history.append(("place", ReportStatus.EDITED, ReportStatus.IN_BULLETIN, office.pk,
                                        max(report.edited_at, at), ""))
                if issue.signed_off_at:
                    report.published_at = issue.signed_off_at
                    report._history.append(("publish", ReportStatus.IN_BULLETIN, ReportStatus.PUBLISHED, leader.pk,
                                            issue.signed_off_at, ""))
            if issue.status != BulletinStatus.DRAFT:
                self.bulletin_transitions.append(BulletinTransition(
                    bulletin_id=issue.pk, action="submit", from_state="draft", to_state="pending", actor_id=office.pk,
                    created_at=at))
            if issue.signed_off_at:
                self.bulletin_transitions.append(BulletinTransition(
                    bulletin_id=issue.pk, action="sign_off", from_state="pending", to_state="signed_off",
                    actor_id=leader.pk, created_at=issue.signed_off_at))
            if issue.sent_at:
                self.bulletin_transitions.append(BulletinTransition(
                    bulletin_id=issue.pk, action="send", from_state="signed_off", to_state="sent", actor_id=office.pk,
                    created_at=issue.sent_at, data={"recipients": issue.recipients}))

    def _feedback(self, org, report, office) -> bool:
        """Adoption here, perhaps an instruction or the media, and perhaps forwarding up (then True)."""
        plan, rng = report._plan, self.rng
        published = report.published_at
        self.adoptions.append(Adoption(
            origin_id=report.origin_id, report_id=report.pk, organisation=org, kind=AdoptionKind.LOCAL,
            level=org.level, adopted_by=f"{org.short_name}《社情民意》{report.bulletin.label}",
            adopted_on=timezone.localtime(published).date(), bulletin=report.bulletin, recorded_by_id=self.account(org, "leader").pk,
            recorded_at=published, delivered_at=published))
        wanted = plan.get("instruct") == org.level or not plan and rng.random() < INSTRUCTED[org.level]
        if wanted:
            level = INSTRUCTION_LEVEL_OF[org.level]
            if org.level == OrganisationLevel.PROVINCE and not plan and rng.random() < 0.2:
                level = "central"
            self._instruction(org, report, office, level, published)
        if not plan and rng.random() < 0.03:
            day = timezone.localtime(self._after(published, 3, 20)).date()
            self.adoptions.append(Adoption(
                origin_id=report.origin_id, report_id=report.pk, organisation=org, kind=AdoptionKind.MEDIA,
                adopted_by=rng.choice(D.MEDIA), adopted_on=day, recorded_by_id=office.pk, delivered_at=self.now))
        parent = org.parent if org.parent_id else None
        forward = (plan and OrganisationLevel.rank(plan.get("forward_until", org.level)) < org.level_rank) or \
            (not plan and rng.random() < FORWARD.get(org.level, 0))
        if forward and parent is not None:
            when = self._after(published, 0.5, 6 if not plan else 1)
            report.forwarded_at = when
            report._history.append(("forward", ReportStatus.PUBLISHED, ReportStatus.PUBLISHED, office.pk, when, ""))
            self.incoming[parent.pk].append({
                "received_at": when, "title": report.title, "text": report.text, "category": report.category,
                "depth": report.depth + 1, "origin_id": report.origin_id, "source": report,
                "origin_organisation": report.origin_organisation, "author_kind": report.author_kind,
                "author_member": report.author_member, "author_body": report.author_body,
                "author_user_id": report.author_user_id, "author_name": report.author_name,
                "submitted_by_id": office.pk, "plan": plan})
            return True
        if org.level == OrganisationLevel.PROVINCE and parent is None and not plan and rng.random() < 0.12:
            day = timezone.localtime(self._after(published, 15, 60)).date()
            self.adoptions.append(Adoption(
                origin_id=report.origin_id, report_id=report.pk, organisation=org, kind=AdoptionKind.UPPER,
                level=OrganisationLevel.NATIONAL, adopted_by="全国政协办公厅《社情民意信息》", adopted_on=day,
                recorded_by_id=office.pk, delivered_at=self.now))
        return False

    def _instruction(self, org, report, office, level, published):
        rng = self.rng
        day = timezone.localtime(self._after(published, 3, 25)).date()
        if level == "central":
            name, title = "中央领导同志", ""
        else:
            titles = D.LEADER_TITLES.get(level) or [t.format(s=org.short_name.removesuffix("政协")[-1])
                                                    for t in D.LEADER_TITLES["county"]]
            name, title = make_name(rng), rng.choice(titles)
        units = self.ctx.units[org.pk]
        text = rng.choice(D.INSTRUCTION_TEXTS).format(unit=rng.choice(units[:20]).short_name)
        self.instructions.append(Instruction(
            origin_id=report.origin_id, report_id=report.pk, organisation=org, leader_name=name, leader_title=title,
            level=level, text=text, instructed_on=day, recorded_by_id=office.pk, delivered_at=self.now))

    # --- the end ------------------------------------------------------------------------------------------------------

    def save(self):
        ReportTransition.objects.bulk_create(self.transitions, batch_size=2000)
        BulletinTransition.objects.bulk_create(self.bulletin_transitions, batch_size=2000)
        Adoption.objects.bulk_create(self.adoptions, batch_size=2000)
        Instruction.objects.bulk_create(self.instructions, batch_size=2000)
        self._duty_events()
        self._notifications()

    def _duty_events(self):
        origins = {r.pk: r for r in Report.objects.filter(depth=0, author_member__isnull=False)
                   .select_related("organisation", "author_member")}
        rows = [{"member": r.author_member, "kind": DutyEventKind.OPINION_SUBMITTED, "source": r,
                 "occurred_at": r.received_at, "title": r.title}
                for r in origins.values() if r.status != ReportStatus.WITHDRAWN]
        for row in self.adoptions + self.instructions:
            origin = origins.get(row.origin_id)
            if origin is None:
                continue
            own = origin.organisation.level
            if isinstance(row, Adoption):
                if row.kind == AdoptionKind.MEDIA:
                    kind, by = DutyEventKind.OPINION_ADOPTED_MEDIA, "media"
                else:
                    kind, by = ADOPTION_DUTY_KIND[row.level], "local" if row.level == own else "upper"
                day = row.adopted_on
            else:
                kind = INSTRUCTION_DUTY_KIND[row.level]
                by = "local" if INSTRUCTION_RANK[row.level] == INSTRUCTION_RANK[INSTRUCTION_LEVEL_OF[own]] else "upper"
                day = row.instructed_on
            rows.append({"member": origin.author_member, "kind": kind, "source": row, "title": origin.title,
                         "occurred_at": dt.datetime.combine(day, dt.time(12), tzinfo=self.now.tzinfo),
                         "attributes": {"by": by}})
        record_duty_events_bulk(rows)

    def _notifications(self):
        """The inbox of each demo member account: what came back on their reports that climbed."""
        users = {u.pk: u for u in self.ctx.accounts.values() if u.person_id}
        origins = Report.objects.filter(depth=0, author_user_id__in=users).select_related("organisation").in_bulk()
        for row in sorted(self.adoptions + self.instructions, key=lambda r: r.recorded_at):
            origin = origins.get(row.origin_id)
            if origin is not None:
                title, body, params = feedback_messages(row, origin)
                notify(recipients=[users[origin.author_user_id]], organisation=origin.organisation,
                       code=f"opinions.report.{'adoption' if isinstance(row, Adoption) else 'instruction'}",
                       title=title, body=body, params=params, url=f"/opinions/{origin.pk}/", obj=origin, email=False)


@demo_generator(order=40)
def generate(ctx: DemoContext):
    sim = Simulation(ctx)
    for org in sorted(ctx.orgs, key=lambda o: -o.level_rank):
        sim.run(org)
    sim.save()
    for model in (Report, ReportTransition, BulletinIssue, BulletinTransition, Adoption, Instruction):
        move_into_office_hours(model.objects.all(), ctx.now)
    forwarded = Report.objects.filter(forwarded_at__isnull=False).values("organisation__short_name")
    ctx.log(f"opinions: {sim.report_count} report records, {BulletinIssue.objects.count()} bulletin issues, "
            f"{len(sim.adoptions)} adoptions, {len(sim.instructions)} instructions; forwarded up: "
            + ", ".join(f"{o.short_name} {forwarded.filter(organisation=o).count()}" for o in ctx.orgs
                        if o.level != OrganisationLevel.COUNTY))


from . import demo_signoff  # noqa: E402,F401  (the multi-step sign-off and the red-head templates)
