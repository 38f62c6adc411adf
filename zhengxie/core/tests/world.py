"""A small world for tests: a province with two cities; the first city has two counties.

Every organisation has a current term with this year's session, sectors, committees, a party body and
handling units. Accounts, named ``<org>_<role>``:

- in every organisation: admin, proposal, info, office, committee, leader, partygov, unit (unit 0), unitlead
  (unit 0), unit2 (unit 1), body (the party body), informant, the three administrators (三员) sysadmin, secadmin
  and auditadmin, and members member, member2, member3;
- ``multi``: a person with a seat in the province and one in the city.
"""

from dataclasses import dataclass, field

from zhengxie.core.choices import OrganisationLevel, Role

from .factories import (
    BodyFactory,
    CommitteeFactory,
    HandlingUnitFactory,
    MemberFactory,
    OrganisationFactory,
    SectorFactory,
    SessionFactory,
    TermFactory,
    member_with_user,
    staff_user,
)

ORGS = [
    ("province", "甘肃省政协", OrganisationLevel.PROVINCE, None),
    ("city", "天水市政协", OrganisationLevel.CITY, "province"),
    ("city2", "酒泉市政协", OrganisationLevel.CITY, "province"),
    ("county", "秦州区政协", OrganisationLevel.COUNTY, "city"),
    ("county2", "麦积区政协", OrganisationLevel.COUNTY, "city"),
]
STAFF = [
    ("admin", Role.ADMINISTRATOR), ("proposal", Role.PROPOSAL_OFFICE), ("info", Role.INFORMATION_OFFICE),
    ("office", Role.GENERAL_OFFICE), ("committee", Role.COMMITTEE_STAFF), ("leader", Role.LEADER),
    ("partygov", Role.PARTY_GOV_OFFICE), ("informant", Role.INFORMANT),
    ("sysadmin", Role.SYSTEM_ADMIN), ("secadmin", Role.SECURITY_ADMIN), ("auditadmin", Role.AUDIT_ADMIN),
]


@dataclass
class World:
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    members: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    bodies: dict = field(default_factory=dict)

    def __getattr__(self, name):
        for table in ("orgs", "users", "members", "units", "bodies"):
            values = self.__dict__.get(table, {})
            if name in values:
                return values[name]
        raise AttributeError(name)


def build_world() -> World:
    w = World()
    for key, short, level, parent in ORGS:
        org = OrganisationFactory(short_name=short, name=f"中国人民政治协商会议{short.removesuffix('政协')}委员会",
                                  level=level, parent=w.orgs.get(parent))
        w.orgs[key] = org
        term = TermFactory(organisation=org)
        SessionFactory(term=term, number=5)
        SectorFactory(organisation=org, name="中国民主同盟", kind="party")
        SectorFactory(organisation=org, name="教育界")
        SectorFactory(organisation=org, name="经济界")
        CommitteeFactory(organisation=org, name="提案委员会")
        CommitteeFactory(organisation=org, name="经济委员会")
        body = BodyFactory(organisation=org, name=f"民盟{short}委员会")
        w.bodies[f"{key}_party"] = body
        units = [HandlingUnitFactory(organisation=org, name=f"{short}教育局"),
                 HandlingUnitFactory(organisation=org, name=f"{short}交通运输局"),
                 HandlingUnitFactory(organisation=org, name=f"{short}生态环境局")]
        for index, unit in enumerate(units):
            w.units[f"{key}_unit{index}"] = unit
        for suffix, role in STAFF:
            w.users[f"{key}_{suffix}"] = staff_user(org, role, f"{key}_{suffix}")
        w.users[f"{key}_unit"] = staff_user(org, Role.HANDLING_UNIT, f"{key}_unit", handling_unit=units[0])
        w.users[f"{key}_unitlead"] = staff_user(org, Role.UNIT_LEADER, f"{key}_unitlead", handling_unit=units[0])
        w.users[f"{key}_unit2"] = staff_user(org, Role.HANDLING_UNIT, f"{key}_unit2", handling_unit=units[1])
        w.users[f"{key}_body"] = staff_user(org, Role.BODY_CONTACT, f"{key}_body", body=body)
        for suffix in ("member", "member2", "member3"):
            seat = member_with_user(org, f"{key}_{suffix}", name=f"{short[:2]}{suffix}")
            w.members[f"{key}_{suffix}"] = seat
            w.users[f"{key}_{suffix}"] = seat.person.user
    multi = member_with_user(w.orgs["province"], "multi", name="两地委员")
    MemberFactory(person=multi.person, organisation=w.orgs["city"])
    w.members["multi"] = multi
    w.users["multi"] = multi.person.user
    return w
