"""Demo data of the outreach app, in the seed's proportions: Tianshui's 123 three-in-one workstations, 82 member
studios and 2,243 grassroots rooms, Jiuquan's 64 studios and 1,263 platforms, spread over the demo's counties
with their real townships; activities over the last fifteen months in which almost every member goes down to
the grassroots; about a thousand concerns solved in each city, in every state of the workflow. Bulk inserts only:
the province scale stays fast."""

import datetime as dt
import hashlib
import io

from django.conf import settings
from django.utils import timezone

from zhengxie.core.demo import DemoContext, move_into_office_hours
from zhengxie.core.files import IMAGE_KINDS, attachment_add, bytes_upload
from zhengxie.core.models import User
from zhengxie.core.registry import demo_generator
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_events_bulk

from . import demo_data as D
from .choices import (
    ActivityKind,
    ActivityStatus,
    ConcernSource,
    ConcernStatus,
    FeedbackChannel,
    Period,
    PlaceKind,
    StudioBasis,
)
from .models import (
    ActivityEvent,
    ActivityParticipant,
    Concern,
    ConcernEvent,
    DutySlot,
    OutreachActivity,
    Place,
    PlaceMember,
    PlaceRating,
)
from .models.places import CODE_ALPHABET

HISTORY_DAYS = 450  # fifteen months of activities and concerns


def split(total: int, weights: list[float]) -> list[int]:
    """``total`` spread over ``weights`` by largest remainder (the parts add up to ``total``)."""
    whole = sum(weights) or 1
    raw = [total * w / whole for w in weights]
    parts = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[: total - sum(parts)]:
        parts[i] += 1
    return parts


class Builder:
    """Collects the rows of one run, then writes them with bulk inserts."""

    def __init__(self, ctx: DemoContext):
        self.ctx, self.rng = ctx, ctx.rng
        self.today = timezone.localdate(ctx.now)
        self.places: list[Place] = []
        self.teams: dict[int, list] = {}  # index in self.places -> [Member]
        self.names: set[tuple[int, str]] = set()

    # --- places ------------------------------------------------------------------------------------------------

    def code(self, length: int) -> str:
        return "".join(self.rng.choice(CODE_ALPHABET) for _ in range(length))

    def add_place(self, org, kind, name, *, city, county, township="", village="", lead=None, team=(), **extra):
        if (org.pk, name) in self.names:
            return None
        self.names.add((org.pk, name))
        rng = self.rng
        complete = rng.random() < (0.9 if kind == PlaceKind.WORKSTATION else 0.7)
        place = Place(
            organisation=org, kind=kind, name=name, public_code=self.code(10), province="甘肃省", city=city,
            county=county, township=township, village=village,
            street_address="党群服务中心" if kind != PlaceKind.STUDIO else "",
            lead_member=lead, contact_name=lead.person.name if lead else "",
            contact_phone=f"0938-{rng.randint(6000000, 8999999)}" if city == "天水市" else f"0937-{rng.randint(2000000, 6999999)}",
            opening_hours=rng.choice(["每周一至周五 9:00—17:00", "每月5日、20日委员接待日 9:00—12:00",
                                      "每周三上午委员值班接待", "工作日 8:30—12:00，14:30—18:00"]),
            has_site=True, has_people=True, has_mechanism=complete or rng.random() < 0.5, has_rules=complete or rng.random() < 0.6,
            has_equipment=complete, established_on=dt.date(rng.randint(2021, 2024), rng.randint(1, 12), rng.randint(1, 28)),
            level=Place.level_for(kind, county=county, township=township, village=village, city=city), **extra,
        )
        self.places.append(place)
        self.teams[len(self.places) - 1] = [m for m in dict.fromkeys(team) if m is not None and m != lead]
        return place

    def members_cycle(self, members):
        """Members in an endless shuffled round, so that every member is on some team."""
        pool = list(members)
        while True:
            self.rng.shuffle(pool)
            yield from pool

    def county_places(self, org, slug, counts: dict, demo_seat=None):
        city, county, _weight, townships = D.TOWNSHIPS[slug]
        members = self.ctx.members[org.pk]
        cycle = self.members_cycle(members)
        take = lambda n: [next(cycle) for _ in range(n)]  # noqa: E731
        rng = self.rng
        stations = counts["workstations"]
        for index in range(stations):
            township = townships[index % len(townships)]
            name = f"{township}政协委员工作站" if index < len(townships) else \
                f"{township}{D.COMMUNITY_NAMES[index % len(D.COMMUNITY_NAMES)]}社区政协委员工作站"
            self.add_place(org, PlaceKind.WORKSTATION, name, city=city, county=county, township=township,
                           lead=next(cycle), team=take(rng.randint(2, 4)), is_three_in_one=True,
                           council_size=rng.randint(9, 21))
        for township, n in zip(townships, split(counts["rooms"], [1.6 if "街道" in t else 1 for t in townships]), strict=True):
            made, tries = 0, 0
            while made < n:
                tries += 1
                if "街道" in township:
                    village = f"{rng.choice(D.COMMUNITY_NAMES)}{rng.choice(D.COMMUNITY_SUFFIXES)}社区"
                else:
                    village = f"{rng.choice(D.VILLAGE_STEMS)}{rng.choice(D.VILLAGE_ENDS)}村"
                if tries > 20 * n:  # the names ran out: number the rest
                    village = f"{township.removesuffix('街道').removesuffix('镇').removesuffix('乡')}第{made + 1}社区"
                if self.add_place(org, PlaceKind.ROOM, f"{township}{village}协商议事室", city=city, county=county,
                                  township=township, village=village, lead=next(cycle), team=take(rng.randint(1, 2))):
                    made += 1
        self.studios(org, counts["studios"], city=city, county_names=[county], townships=townships, cycle=cycle,
                     team_size=(1, 3))
        if demo_seat is not None:
            self.give_demo_member_places(org, demo_seat)

    def studios(self, org, n, *, city, county_names, townships, cycle, team_size):
        rng = self.rng
        sectors = list(org.sectors.all())
        made = index = 0
        while made < n:
            basis = [StudioBasis.SECTOR, StudioBasis.THEME, StudioBasis.MEMBER][index % 3]
            lead = next(cycle)
            county = rng.choice(county_names)
            extra = {"studio_basis": basis}
            if basis == StudioBasis.SECTOR:
                sector = sectors[index % len(sectors)]
                extra["sector"], name = sector, f"{county}{sector.name}界别委员工作室"
            elif basis == StudioBasis.THEME:
                theme = D.STUDIO_THEMES[index % len(D.STUDIO_THEMES)]
                extra["theme"], name = theme, f"{county}“{theme}”委员工作室"
            else:
                name = f"{lead.person.name}委员工作室"
            index += 1
            team = [next(cycle) for _ in range(rng.randint(*team_size))]
            if self.add_place(org, PlaceKind.STUDIO, name, city=city, county=county,
                              township=rng.choice(townships) if townships and rng.random() < 0.5 else "", lead=lead,
                              team=team, **extra):
                made += 1

    def give_demo_member_places(self, org, seat):
        """The organisation's demo member leads its first place and is on duty at two more."""
        own = [i for i, p in enumerate(self.places) if p.organisation_id == org.pk]
        if not own:
            return
        self.places[own[0]].lead_member = seat
        self.places[own[0]].contact_name = seat.person.name
        self.teams[own[0]] = [m for m in self.teams[own[0]] if m.pk != seat.pk]
        for i in own[1:3]:
            if self.places[i].lead_member_id != seat.pk and seat not in self.teams[i]:
                self.teams[i].append(seat)

    def save_places(self):
        created = Place.objects.bulk_create(self.places, batch_size=1000)
        PlaceMember.objects.bulk_create(
            [PlaceMember(place=created[i], member=m) for i, team in self.teams.items() for m in team], batch_size=2000)
        slots = []
        for i, place in enumerate(created):
            people = [place.lead_member, *self.teams[i]][:3]
            for n, member in enumerate(m for m in people if m is not None):
                slots.append(DutySlot(place=place, member=member, weekday=(i + n * 2) % 5 + 1,
                                      period=[Period.MORNING, Period.AFTERNOON, Period.ALL_DAY][(i + n) % 3]))
        DutySlot.objects.bulk_create(slots, batch_size=2000)
        year = self.today.year - 1
        ratings = [PlaceRating(place=p, year=year, stars=self.rng.choices([1, 2, 3, 4, 5], [2, 8, 35, 35, 20])[0],
                               rated_at=timezone.make_aware(dt.datetime(year + 1, 1, 20)))
                   for p in created if p.established_on.year <= year and self.rng.random() < 0.85]
        PlaceRating.objects.bulk_create(ratings, batch_size=2000)
        self.places = created
        self.people = {p.pk: [m for m in [p.lead_member, *self.teams[i]] if m is not None] for i, p in enumerate(created)}
        return created


def _when(rng, today, days_back: int) -> dt.date:
    return today - dt.timedelta(days=rng.randint(0, days_back))


def _activities(b: Builder):
    """Activities at every place; almost every member of a committee takes part in one (下沉)."""
    rng, today = b.rng, b.today
    rows, teams = [], []
    per_place = {PlaceKind.WORKSTATION: (4, 8), PlaceKind.STUDIO: (3, 6), PlaceKind.ROOM: (1, 1)}
    kinds = list(ActivityKind.values)
    for i, place in enumerate(b.places):
        team = b.people[place.pk]
        if not team:
            continue
        count = rng.randint(*per_place[place.kind]) + (place.kind == PlaceKind.ROOM and rng.random() < 0.3)
        for n in range(count):
            kind = kinds[(i + n) % 4] if place.kind != PlaceKind.ROOM else rng.choice(["consultation", "talk", "reception"])
            held_on = _when(rng, today, HISTORY_DAYS)
            status = ActivityStatus.HELD
            if n == 0 and rng.random() < 0.05:
                held_on, status = today + dt.timedelta(days=rng.randint(1, 30)), ActivityStatus.PLANNED
            elif rng.random() < 0.01:
                status = ActivityStatus.CANCELLED
            # The whole team goes to the first one; later ones, some of it.
            members = team if n == 0 or len(team) <= 2 else rng.sample(team, rng.randint(2, min(4, len(team))))
            rows.append(OutreachActivity(
                organisation_id=place.organisation_id, place=place, kind=kind, status=status, held_on=held_on,
                topic=rng.choice(D.ACTIVITY_TOPICS[kind]),
                constituents_count=rng.randint(8, 80) if status == ActivityStatus.HELD else 0,
                outcome=rng.choice(D.OUTCOMES) if status == ActivityStatus.HELD else "",
                created_at=timezone.make_aware(dt.datetime.combine(min(held_on, today), dt.time(10))),
            ))
            teams.append(members)
    created = OutreachActivity.objects.bulk_create(rows, batch_size=2000)
    ActivityParticipant.objects.bulk_create(
        [ActivityParticipant(activity=a, member=m) for a, members in zip(created, teams, strict=True) for m in members],
        batch_size=5000)
    ActivityEvent.objects.bulk_create(
        [ActivityEvent(activity=a, action="record" if a.status == ActivityStatus.HELD else "plan",
                       to_state=a.status if a.status != ActivityStatus.CANCELLED else ActivityStatus.HELD,
                       created_at=a.created_at) for a in created], batch_size=5000)
    labels = {kind.value: str(kind.label) for kind in ActivityKind}
    record_duty_events_bulk(
        {"member": m, "kind": DutyEventKind.OUTREACH_ACTIVITY, "source": a, "occurred_at": a.occurred_at,
         "attributes": {"activity_type": a.kind}, "title": f"{labels[a.kind]}：{a.topic}"}
        for a, members in zip(created, teams, strict=True) if a.status == ActivityStatus.HELD for m in members)
    return created


def _concerns(b: Builder, city_slug: str, places: list[Place], users_by_person: dict):
    """About the seed's thousand solved concerns per city, in every state of the workflow."""
    rng, ctx = b.rng, b.ctx
    numbers = D.CITY_PLATFORMS[city_slug]
    total = round(numbers["concerns"] * len(places) / max(1, numbers["workstations"] + numbers["studios"] + numbers["rooms"]))
    solved = round(total * numbers["solved"] / numbers["concerns"])
    weights = [6 if p.kind == PlaceKind.WORKSTATION else 3 if p.kind == PlaceKind.STUDIO else 1 for p in places]
    now = ctx.now
    rows, events = [], []
    slug_of = {org.pk: slug for slug, org in ctx.org_by_slug.items()}
    demo_seats = {seat.pk for seat in (_demo_seat(ctx, org) for org in ctx.orgs) if seat is not None}
    states = [ConcernStatus.CLOSED] * solved + [ConcernStatus.DECLINED] * round(total * 0.02)
    rest = total - len(states)
    states += [ConcernStatus.AT_UNIT] * (rest * 35 // 100) + [ConcernStatus.HANDLING] * (rest * 35 // 100)
    states += [ConcernStatus.SUBMITTED] * (total - len(states))
    for state in states:
        place = rng.choices(places, weights)[0]
        team = b.people[place.pk]
        category = rng.choice(list(D.CONCERNS))
        recent = state in (ConcernStatus.SUBMITTED, ConcernStatus.HANDLING, ConcernStatus.AT_UNIT)
        received = now - dt.timedelta(days=rng.randint(1, 20) if recent else rng.randint(5, HISTORY_DAYS),
                                      hours=rng.randint(0, 23))
        source = rng.choices([ConcernSource.PUBLIC, ConcernSource.MEMBER, ConcernSource.OFFICE], [35, 60, 5])[0]
        member = rng.choice(team) if team and state != ConcernStatus.SUBMITTED else None
        if state == ConcernStatus.HANDLING:  # the demo members have concerns to handle
            member = next((m for m in team if m.pk in demo_seats), member)
        code = b.code(12)
        c = Concern(
            organisation_id=place.organisation_id, source=source, status=state, category=category,
            description=rng.choice(D.CONCERNS[category]), submitter_name=_person_name(rng),
            submitter_phone=f"1{rng.choice('35789')}{rng.randint(0, 999999999):09d}", place=place,
            assigned_member=member, received_at=received, code_hint=code[-4:],
            code_digest=hashlib.sha256(code.encode()).hexdigest(),
            registered_by=users_by_person.get(member.person_id) if member and source == ConcernSource.MEMBER else None,
        )
        handler = users_by_person.get(member.person_id) if member else None
        office = ctx.accounts.get(f"{slug_of[place.organisation_id]}_office")
        # (action, from, to, when, text, shown to the person, actor, data)
        history = [("submit", "", ConcernStatus.SUBMITTED, received, "", True, c.registered_by, {})]
        if member:
            history.append(("assign", ConcernStatus.SUBMITTED, ConcernStatus.HANDLING, received + dt.timedelta(hours=6),
                            "", True, c.registered_by or office, {"member": member.pk, "member_name": member.person.name}))
        units = ctx.units[place.organisation_id]
        via_unit = state == ConcernStatus.AT_UNIT or (state == ConcernStatus.CLOSED and rng.random() < 0.4)
        if via_unit:
            # the demo unit accounts work for units[1]: give them a good share
            share = 0.6 if state == ConcernStatus.AT_UNIT else 0.3
            c.handling_unit = units[1] if rng.random() < share else rng.choice(units)
            c.passed_at = received + dt.timedelta(days=1)
            c.unit_due_on = timezone.localdate(c.passed_at) + dt.timedelta(days=21)
            if state == ConcernStatus.AT_UNIT and rng.random() < 0.3:
                c.unit_due_on = b.today - dt.timedelta(days=rng.randint(1, 10))  # overdue
            unit = {"unit": c.handling_unit.pk, "unit_name": c.handling_unit.name}
            history.append(("pass_to_unit", ConcernStatus.HANDLING, ConcernStatus.AT_UNIT, c.passed_at, "", True, handler,
                            {**unit, "due_on": c.unit_due_on.isoformat()}))
            if state == ConcernStatus.CLOSED:
                history.append(("unit_reply", ConcernStatus.AT_UNIT, ConcernStatus.HANDLING,
                                c.passed_at + dt.timedelta(days=7), rng.choice(D.UNIT_REPLIES), False, None, unit))
        if state in (ConcernStatus.CLOSED, ConcernStatus.DECLINED):
            closed = min(now, received + dt.timedelta(days=rng.randint(3, 40)))
            c.closed_at = closed
            c.result = rng.choice(D.RESULTS if state == ConcernStatus.CLOSED else D.DECLINE_REASONS)
            history.append(("close" if state == ConcernStatus.CLOSED else "decline", ConcernStatus.HANDLING, state,
                            closed, c.result, True, handler, {}))
            if state == ConcernStatus.CLOSED and rng.random() < 0.8 and closed < now - dt.timedelta(hours=1):
                c.satisfied = rng.random() < 0.95
                c.feedback_at = min(now, closed + dt.timedelta(days=rng.randint(0, 5)))
                online = source == ConcernSource.PUBLIC
                c.feedback_channel = FeedbackChannel.ONLINE if online else FeedbackChannel.ON_BEHALF
                history.append(("feedback", state, state, c.feedback_at, "", True, None if online else handler,
                                {"satisfied": c.satisfied, "channel": c.feedback_channel}))
        rows.append(c)
        events.append(history)
    created = Concern.objects.bulk_create(rows, batch_size=2000)
    ConcernEvent.objects.bulk_create(
        [ConcernEvent(concern=c, action=a, from_state=f, to_state=t, created_at=at, comment=text, is_public=public,
                      actor=actor, data=data)
         for c, history in zip(created, events, strict=True) for a, f, t, at, text, public, actor, data in history],
        batch_size=5000)
    handled = [{"member": c.assigned_member, "kind": DutyEventKind.CONCERN_HANDLED, "source": c,
                "occurred_at": c.closed_at, "title": f"{c.category}：{c.summary}"}
               for c in created if c.status == ConcernStatus.CLOSED and c.assigned_member_id]
    record_duty_events_bulk(handled)
    return created


def _person_name(rng) -> str:
    from zhengxie.core.demo import make_name

    return make_name(rng)


def _photo(text: str, colour: tuple[int, int, int]) -> bytes:
    """A small picture standing in for a photo of the place's sign."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (640, 400), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([40, 120, 600, 280], fill=(255, 255, 255))
    font = ImageFont.truetype(str(settings.PDF_FONT_PATH), 30, index=0)
    draw.text((320, 200), text[:18], fill=(164, 22, 26), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _demo_seat(ctx: DemoContext, org):
    account = ctx.accounts.get(f"{ctx.slug(org)}_member")
    if account is None:
        return None
    return next((m for m in ctx.members[org.pk] if m.person_id == account.person_id), None)


@demo_generator(order=50)
def generate(ctx: DemoContext):
    b = Builder(ctx)
    by_city: dict[str, list[int]] = {}
    province = ctx.org_by_slug.get("gs")
    if province is not None:
        start = len(b.places)
        b.studios(province, D.PROVINCE_STUDIOS, city="兰州市", county_names=["城关区", "七里河区", "安宁区"], townships=[],
                  cycle=b.members_cycle(ctx.members[province.pk]), team_size=(3, 6))
        b.give_demo_member_places(province, _demo_seat(ctx, province))
        by_city["gs"] = list(range(start, len(b.places)))
    for city_slug, numbers in D.CITY_PLATFORMS.items():
        city = ctx.org_by_slug.get(city_slug)
        if city is None:
            continue
        start = len(b.places)
        city_name = city.short_name.removesuffix("政协")
        county_slugs = [slug for slug, row in D.TOWNSHIPS.items() if row[0] == city_name]
        weights = [D.TOWNSHIPS[s][2] for s in county_slugs]
        stations = split(numbers["workstations"], [len(D.TOWNSHIPS[s][3]) for s in county_slugs])
        rooms = split(numbers["rooms"], weights)
        studios = split(numbers["studios"] - numbers["city_studios"], weights)
        all_townships = [t for s in county_slugs for t in D.TOWNSHIPS[s][3]]
        b.studios(city, numbers["city_studios"], city=city_name, county_names=[D.TOWNSHIPS[s][1] for s in county_slugs],
                  townships=all_townships, cycle=b.members_cycle(ctx.members[city.pk]), team_size=(9, 15))
        b.give_demo_member_places(city, _demo_seat(ctx, city))
        for index, slug in enumerate(county_slugs):
            county = ctx.org_by_slug.get(slug)
            if county is not None:
                b.county_places(county, slug, {"workstations": stations[index], "rooms": rooms[index],
                                               "studios": studios[index]}, demo_seat=_demo_seat(ctx, county))
        by_city[city_slug] = list(range(start, len(b.places)))
    places = b.save_places()
    activities = _activities(b)
    person_ids = {m.person_id for team in b.people.values() for m in team}
    users_by_person = {u.person_id: u for u in User.objects.filter(person_id__in=person_ids)}
    concerns = []
    for city_slug in ("ts", "jq"):
        if city_slug in by_city:
            concerns += _concerns(b, city_slug, [places[i] for i in by_city[city_slug]], users_by_person)
    for place in places[:1] + [p for p in places if p.lead_member_id and p.lead_member == _demo_seat(ctx, p.organisation)][:6]:
        attachment_add(actor=None, organisation=place.organisation, owner=place, role="photo", allowed=IMAGE_KINDS,
                       upload=bytes_upload(_photo(place.name, (164, 22, 26)), f"{place.name}.jpg"))
    for model in (Concern, ConcernEvent, PlaceRating):
        move_into_office_hours(model.objects.all(), ctx.now)
    ctx.log(f"outreach: {len(places)} places, {len(activities)} activities, {len(concerns)} concerns")

