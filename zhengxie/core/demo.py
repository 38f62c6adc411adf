"""Demo data of the core app: the Gansu committees, their terms, sectors, committees, bodies, handling units,
members with made-up Chinese names, and one account per role and level.

Other apps add theirs with ``@demo_generator(order=…)`` in their own ``demo.py``; ``seed_demo`` runs them in order
with a ``DemoContext`` that holds what the earlier generators made."""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, models
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import demo_data as D
from .choices import BodyKind, MemberPosition, OrganisationLevel, Role
from .models import (
    Body,
    HandlingUnit,
    Member,
    Organisation,
    Person,
    RoleAssignment,
    Sector,
    Session,
    SpecialCommittee,
    Term,
    User,
)
from .org_settings import TWO_FACTOR_ROLES
from .registry import demo_generator

SCALES = ("county", "city", "province", "national")
# Members per organisation level at each scale (the seed: 286 members in 6 committees in Jiuquan).
MEMBER_COUNTS = {
    "county": {"province": 40, "city": 40, "county": 160},
    "city": {"province": 40, "city": 320, "county": 150},
    "province": {"province": 450, "city": 300, "county": 150},
    "national": {"national": 2000, "province": 800, "city": 600, "county": 300},
}
JIUQUAN_MEMBERS = 286


@dataclass
class DemoAccount:
    role: str
    organisation: Organisation
    username: str
    note: str = ""


@dataclass
class DemoContext:
    scale: str
    rng: random.Random
    now: dt.datetime
    stdout: object = None
    orgs: list = field(default_factory=list)
    org_by_slug: dict = field(default_factory=dict)
    terms: dict = field(default_factory=dict)  # org id -> current Term
    sessions: dict = field(default_factory=dict)  # org id -> [Session] of the current term, oldest first
    members: dict = field(default_factory=dict)  # org id -> [Member] (current term)
    units: dict = field(default_factory=dict)  # org id -> [HandlingUnit]
    bodies: dict = field(default_factory=dict)  # org id -> [Body]
    accounts: dict = field(default_factory=dict)  # "gs_proposal" -> User
    demo_accounts: list = field(default_factory=list)  # [DemoAccount], for the docs and `make demo`
    password_hash: str = ""

    def log(self, message: str):
        if self.stdout is not None:
            self.stdout.write(message)

    def slug(self, org) -> str:
        return next(k for k, v in self.org_by_slug.items() if v.pk == org.pk)

    def place(self, org) -> str:
        """The place name used as a prefix: 天水市, 秦州区, 甘肃省."""
        name = org.short_name.removesuffix("政协")
        return name

    def account(self, org, role: str) -> User:
        return self.accounts[f"{self.slug(org)}_{role}"]

    def users_with_role(self, org, role: str) -> list[User]:
        return [u for key, u in self.accounts.items() if key == f"{self.slug(org)}_{role}"]


def office_hours_map(now):
    """The function that moves a moment into office hours: the same day, the time of day squeezed into 08:30–18:00
    local time (nobody registers a proposal or signs a bulletin off at 3 a.m.). It keeps the order of any two
    moments and the length of whole days between them; today's moments are left as they are, so that nothing moves
    past ``now``. Today and the time zone are worked out once."""
    zone = timezone.get_current_timezone()
    today = now.astimezone(zone).date()
    opening, span = dt.timedelta(hours=8.5), 9.5 / 24

    def move(moment):
        local = moment.astimezone(zone)
        if local.date() == today:
            return moment
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return midnight + (local - midnight) * span + opening

    return move


def in_office_hours(model, rows, now) -> None:
    """Move every date-and-time of ``rows`` (instances of ``model``, or dicts of its field names) into office hours,
    before a generator writes them."""
    move = office_hours_map(now)
    names = [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]
    for row in rows:
        for name in names:
            if isinstance(row, dict):
                if row.get(name) is not None:
                    row[name] = move(row[name])
            elif getattr(row, name) is not None:
                setattr(row, name, move(getattr(row, name)))


def move_into_office_hours(queryset, now, batch: int = 5000) -> None:
    """The same for rows already written (a generator whose later rows are derived from its earlier ones): each
    row's moments are read and moved once, at the end, with one ``executemany`` of plain updates."""
    model = queryset.model
    fields = [f for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]
    names = [f.attname for f in fields]
    table, quote = model._meta.db_table, connection.ops.quote_name
    sql = (f"UPDATE {quote(table)} SET {', '.join(f'{quote(f.column)} = %s' for f in fields)} "  # noqa: S608
           f"WHERE {quote(model._meta.pk.column)} = %s")  # (names from the model, values bound)
    move, changed = office_hours_map(now), []
    for row in queryset.values_list("pk", *names).iterator(chunk_size=batch):
        moved = [move(value) if value is not None else None for value in row[1:]]
        if moved != list(row[1:]):
            changed.append([*(f.get_db_prep_save(v, connection) for f, v in zip(fields, moved, strict=True)), row[0]])
    with connection.cursor() as cursor:
        for start in range(0, len(changed), batch):
            cursor.executemany(sql, changed[start:start + batch])


def make_name(rng: random.Random) -> str:
    surname = rng.choice(D.SURNAMES)
    given = rng.choice(D.GIVEN_CHARS) if rng.random() < 0.35 else rng.choice(D.GIVEN_CHARS) + rng.choice(D.GIVEN_CHARS)
    return surname + given


def make_id_number(rng: random.Random, region: str, birth: dt.date, gender: str) -> str:
    seq = rng.randint(0, 99) * 10 + (rng.choice([1, 3, 5, 7, 9]) if gender == "M" else rng.choice([0, 2, 4, 6, 8]))
    body = f"{region[:6]}{birth:%Y%m%d}{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _organisations(ctx: DemoContext):
    def org(slug, name, short, level, code, parent, order):
        o = Organisation.objects.create(name=name, short_name=short, level=level, region_code=code, parent=parent,
                                        sort_order=order)
        ctx.orgs.append(o)
        ctx.org_by_slug[slug] = o
        return o

    top = None
    if ctx.scale == "national":
        top = org(*D.NATIONAL[:3], OrganisationLevel.NATIONAL, D.NATIONAL[3], None, 0)
    province = org(*D.PROVINCE[:3], OrganisationLevel.PROVINCE, D.PROVINCE[3], top, 1)
    cities = D.CITIES if ctx.scale in ("province", "national") else D.CITIES[:1]
    for ci, (slug, name, short, code, counties) in enumerate(cities):
        city = org(slug, name, short, OrganisationLevel.CITY, code, province, 10 + ci)
        if ctx.scale == "county":
            counties = counties[:1]
        city_place = short.removesuffix("政协")
        for ki, (kslug, kname, kcode) in enumerate(counties):
            org(kslug, f"中国人民政治协商会议{city_place}{kname}委员会", f"{kname}政协", OrganisationLevel.COUNTY,
                kcode, city, 100 + ci * 10 + ki)
    # The demo is for trying the platform: its organisations ask no role for a second factor (the others inherit
    # the top one's setting). The platform administrator still has one, with the key in docs/demo-accounts.md.
    root = ctx.orgs[0]
    root.settings = {**(root.settings or {}), TWO_FACTOR_ROLES: []}
    root.save(update_fields=["settings"])


def _terms_and_sessions(ctx: DemoContext):
    today = ctx.now.date()
    for o in ctx.orgs:
        if o.level == OrganisationLevel.NATIONAL:
            number, start_year = 14, 2023
        elif o.level == OrganisationLevel.PROVINCE:
            number, start_year = 13, 2023
        elif o.level == OrganisationLevel.CITY:
            number, start_year = 8, 2022
        else:
            number, start_year = 10, 2022
        cn = "零一二三四五六七八九十"
        term_cn = cn[number] if number <= 10 else "十" + cn[number - 10]
        Term.objects.create(organisation=o, number=number - 1, name=f"第{cn[number - 1] if number - 1 <= 10 else '十' + cn[number - 11]}届",
                            starts_on=dt.date(start_year - 5, 1, 10), ends_on=dt.date(start_year, 1, 9), is_current=False)
        term = Term.objects.create(organisation=o, number=number, name=f"第{term_cn}届", starts_on=dt.date(start_year, 1, 10),
                                   ends_on=dt.date(start_year + 5, 1, 9), is_current=True)
        ctx.terms[o.pk] = term
        sessions = []
        tz = timezone.get_current_timezone()
        for index, year in enumerate(range(start_year, today.year + 1), start=1):
            opens = dt.date(year, 1, 8 + o.level_rank * 3)
            sessions.append(Session.objects.create(
                term=term, number=index, name=f"第{cn[index]}次会议", year=year, opens_on=opens,
                closes_on=opens + dt.timedelta(days=4),
                proposal_window_starts=dt.datetime.combine(opens - dt.timedelta(days=20), dt.time(8), tzinfo=tz),
                proposal_window_ends=dt.datetime.combine(opens + dt.timedelta(days=2), dt.time(18), tzinfo=tz),
            ))
        ctx.sessions[o.pk] = sessions


def _reference(ctx: DemoContext):
    for o in ctx.orgs:
        sector_list = {"national": D.NATIONAL_SECTORS, "province": D.NATIONAL_SECTORS, "city": D.LOCAL_SECTORS,
                       "county": D.COUNTY_SECTORS}[o.level]
        Sector.objects.bulk_create([Sector(organisation=o, name=n, kind=k, sort_order=i) for i, (n, k) in enumerate(sector_list)])
        committees = {"national": D.PROVINCE_COMMITTEES, "province": D.PROVINCE_COMMITTEES, "city": D.CITY_COMMITTEES,
                      "county": D.COUNTY_COMMITTEES}[o.level]
        SpecialCommittee.objects.bulk_create([SpecialCommittee(organisation=o, name=n, sort_order=i) for i, n in enumerate(committees)])
        place = ctx.place(o)
        bodies = [Body(organisation=o, name=f"{party}{place}委员会", kind=BodyKind.PARTY)
                  for party in (D.PARTY_BODIES if o.level != "county" else D.PARTY_BODIES[:3])]
        bodies += [Body(organisation=o, name=f"{place}{po}", kind=BodyKind.PEOPLE_ORG) for po in D.PEOPLE_ORG_BODIES]
        bodies += [Body(organisation=o, name=f"{s.name}界别", kind=BodyKind.SECTOR, sector=s)
                   for s in Sector.objects.filter(organisation=o, kind="field")]
        bodies += [Body(organisation=o, name=c.name, kind=BodyKind.COMMITTEE, committee=c)
                   for c in SpecialCommittee.objects.filter(organisation=o)]
        ctx.bodies[o.pk] = Body.objects.bulk_create(bodies)
        unit_count = {"national": 45, "province": 45, "city": 45, "county": 28}[o.level]
        prefix = place if o.level != "county" else place
        units = [HandlingUnit(organisation=o, name=f"{prefix}{name}", short_name=name[:40], kind=kind, sort_order=i,
                              contact_name=make_name(ctx.rng), contact_phone=f"0938-{ctx.rng.randint(6000000, 8999999)}")
                 for i, (name, kind) in enumerate(D.UNIT_NAMES[:unit_count])]
        ctx.units[o.pk] = HandlingUnit.objects.bulk_create(units)


def _members(ctx: DemoContext):  # noqa: C901 (demo data: one straight pass that makes every kind of row)
    rng = ctx.rng
    counts = MEMBER_COUNTS[ctx.scale]
    for org_index, o in enumerate(ctx.orgs):
        count = counts.get(o.level, 100)
        if ctx.org_by_slug.get("jq") and o.pk == ctx.org_by_slug["jq"].pk:
            count = JIUQUAN_MEMBERS
        sectors = list(Sector.objects.filter(organisation=o))
        committees = list(SpecialCommittee.objects.filter(organisation=o))
        place = ctx.place(o)
        people, seats, person_sectors = [], [], []
        for i in range(count):
            # every sector has a member; the rest are spread at random
            sector = sectors[i] if i < len(sectors) else rng.choice(sectors)
            person_sectors.append(sector)
            gender = "F" if rng.random() < 0.3 else "M"
            birth = dt.date(rng.randint(1958, 1990), rng.randint(1, 12), rng.randint(1, 28))
            affiliation = D.SECTOR_AFFILIATION.get(sector.name) or rng.choice(["cpc", "non_party", "non_party", "masses"])
            units = D.WORK_UNITS.get(sector.kind, D.WORK_UNITS["field"])
            people.append(Person(
                name=make_name(rng), gender=gender,
                ethnicity="回族" if "回族" in place and rng.random() < 0.4 else rng.choice(["汉族"] * 12 + ["回族", "藏族", "蒙古族", "东乡族", "裕固族"]),
                birth_date=birth, phone=f"1{rng.choice('35789')}{org_index:02d}{i:07d}",
                id_number=make_id_number(rng, o.region_code, birth, gender), affiliation=affiliation,
                work_unit=rng.choice(units).format(p=place), job_title=rng.choice(D.JOB_TITLES), home_organisation=o,
            ))
        Person.objects.bulk_create(people)
        term = ctx.terms[o.pk]
        for i, person in enumerate(people):
            position = MemberPosition.MEMBER
            if i == 0:
                position = MemberPosition.CHAIR
            elif i <= 5:
                position = MemberPosition.VICE_CHAIR
            elif i == 6:
                position = MemberPosition.SECRETARY_GENERAL
            seats.append(Member(
                person=person, organisation=o, term=term, sector=person_sectors[i],
                committee=committees[i % len(committees)], is_standing_committee=i < max(7, count // 6),
                position=position, member_number=f"{i + 1:04d}", joined_on=term.starts_on,
            ))
        ctx.members[o.pk] = Member.objects.bulk_create(seats)
        # bulk_create does not set the reverse caches: keep the objects usable by later generators
        for seat, person in zip(ctx.members[o.pk], people, strict=True):
            seat.person = person
    # A few provincial members also sit in a city committee (one person, two seats).
    province = ctx.org_by_slug["gs"]
    for city_slug in ("ts", "jq"):
        city = ctx.org_by_slug.get(city_slug)
        if not city:
            continue
        sectors = list(Sector.objects.filter(organisation=city, kind="field"))
        committees = list(SpecialCommittee.objects.filter(organisation=city))
        extra = []
        for seat in ctx.members[province.pk][20:32] if city_slug == "ts" else ctx.members[province.pk][40:48]:
            extra.append(Member(person=seat.person, organisation=city, term=ctx.terms[city.pk], sector=rng.choice(sectors),
                                committee=rng.choice(committees), member_number=f"S{seat.member_number}",
                                joined_on=ctx.terms[city.pk].starts_on))
        created = Member.objects.bulk_create(extra)
        for m, source in zip(created, extra, strict=True):
            m.person = source.person
        ctx.members[city.pk].extend(created)


# Roles with a demo account in every organisation (member accounts come from seats).
ACCOUNT_ROLES = [
    (Role.ADMINISTRATOR, "admin"), (Role.PROPOSAL_OFFICE, "proposal"), (Role.INFORMATION_OFFICE, "info"),
    (Role.GENERAL_OFFICE, "office"), (Role.COMMITTEE_STAFF, "committee"), (Role.LEADER, "leader"),
    (Role.PARTY_GOV_OFFICE, "partygov"), (Role.HANDLING_UNIT, "unit"), (Role.UNIT_LEADER, "unitlead"),
    (Role.BODY_CONTACT, "body"), (Role.INFORMANT, "informant"),
    (Role.SYSTEM_ADMIN, "sysadmin"), (Role.SECURITY_ADMIN, "secadmin"), (Role.AUDIT_ADMIN, "auditadmin"),
]
STAFF_NAMES = {"admin": "业务管理员", "sysadmin": "系统管理员", "secadmin": "安全管理员", "auditadmin": "审计管理员", "proposal": "提案委工作人员", "info": "信息科工作人员", "office": "办公室工作人员",
               "committee": "专委会工作人员", "leader": "主席", "partygov": "政府办工作人员", "unit": "承办单位经办人",
               "unitlead": "承办单位负责人", "body": "民盟联络员", "informant": "特邀信息员"}


def _accounts(ctx: DemoContext):
    ctx.password_hash = make_password(D.PASSWORD)
    users, roles = [], []
    for o in ctx.orgs:
        slug = ctx.slug(o)
        units = ctx.units[o.pk]
        party_body = next(b for b in ctx.bodies[o.pk] if b.kind == BodyKind.PARTY)
        for role, suffix in ACCOUNT_ROLES:
            username = f"{slug}_{suffix}"
            name = STAFF_NAMES[suffix]
            if suffix == "leader":
                name = f"{ctx.members[o.pk][0].person.name}（{name}）"
            if suffix in ("unit", "unitlead"):
                name = f"{units[1].short_name}{name[4:]}"
            if suffix == "body":
                name = f"{party_body.name}联络员"
            user = User(username=username, password=ctx.password_hash, display_name=name, default_organisation=o,
                        email=f"{username}@example.org")
            users.append(user)
            roles.append((user, o, role, units[1] if role in (Role.HANDLING_UNIT, Role.UNIT_LEADER) else None,
                          party_body if role == Role.BODY_CONTACT else None))
            ctx.demo_accounts.append(DemoAccount(role, o, username, name))
        # Every member gets an account: username m<org><number>, phone as an alternative login.
        for seat in ctx.members[o.pk]:
            if seat.member_number.startswith("S"):
                continue  # the provincial seat-holder already has an account
            users.append(User(username=f"m{slug}{seat.member_number}", password=ctx.password_hash, person=seat.person,
                              phone=seat.person.phone, default_organisation=o))
    created = User.objects.bulk_create(users, batch_size=1000)
    by_username = {u.username: u for u in created}
    RoleAssignment.objects.bulk_create([
        RoleAssignment(user=by_username[u.username], organisation=o, role=r, handling_unit=hu, body=b)
        for u, o, r, hu, b in roles
    ])
    ctx.accounts = {u.username: u for u in created if "_" in u.username}  # not the members (m<org><number>)
    # The member demo account of each organisation: an ordinary member (not a chair). The province's one also
    # sits in the Tianshui committee, to show switching organisations.
    for o in ctx.orgs:
        slug = ctx.slug(o)
        seat = ctx.members[o.pk][20 if o.level == OrganisationLevel.PROVINCE else 10]
        member_user = by_username[f"m{slug}{seat.member_number}"]
        member_user.username = f"{slug}_member"
        member_user.save(update_fields=["username"])
        ctx.accounts[f"{slug}_member"] = member_user
        ctx.demo_accounts.append(DemoAccount(Role.MEMBER, o, member_user.username, seat.person.name))
    superuser = User.objects.create(username="admin", password=ctx.password_hash, is_staff=True, is_superuser=True,
                                    display_name="平台管理员", default_organisation=ctx.orgs[0])
    ctx.accounts["admin"] = superuser
    TOTPDevice.objects.create(user=superuser, name="authenticator", confirmed=True, key=D.SUPERUSER_TOTP_KEY)
    ctx.demo_accounts.insert(0, DemoAccount("superuser", ctx.orgs[0], "admin", "平台管理员"))


@demo_generator(order=0)
def generate(ctx: DemoContext):
    _organisations(ctx)
    _terms_and_sessions(ctx)
    _reference(ctx)
    _members(ctx)
    _accounts(ctx)
    ctx.log(f"core: {len(ctx.orgs)} organisations, {sum(len(v) for v in ctx.members.values())} seats, "
            f"{User.objects.count()} accounts")
