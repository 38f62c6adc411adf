"""Helpers that walk experts, alliances and joint activities through the services, as the users would."""

import datetime as dt

from django.utils import timezone

from zhengxie.activities.choices import ActivityType
from zhengxie.activities.tests.factories import make_activity
from zhengxie.cooperation import services
from zhengxie.core.choices import Role
from zhengxie.core.tests.factories import staff_user


def expert(world, org: str = "city", *, name: str = "李建华", field: str = "新能源", phone: str = "13893712345",
           **data):
    office = world.users[f"{org}_office"]
    return services.expert_create(actor=office, organisation=world.orgs[org],
                                  data={"name": name, "field": field, "employer": "兰州理工大学", "title": "教授",
                                        "phone": phone, **data})


def expert_account(world, record, username: str = "city_expert"):
    """An account opened for the expert, given the expert role, and linked by the office."""
    user = staff_user(record.organisation, Role.EXPERT, username)
    services.expert_link_account(actor=world.users[f"{world_key(world, record.organisation)}_office"], expert=record,
                                 user=user)
    return user


def world_key(world, organisation) -> str:
    return next(k for k, v in world.orgs.items() if v.pk == organisation.pk)


def research(world, org: str = "city", **fields):
    return make_activity(world.orgs[org], type=ActivityType.RESEARCH, meeting_type="", title=fields.pop(
        "title", "新能源装备制造产业链调研"), starts_in=fields.pop("starts_in", dt.timedelta(days=3)), **fields)


def joint(world, lead: str = "city", co=("city2",), *, title: str = "河西走廊新能源装备制造业联合调研", **kwargs):
    today = timezone.localdate()
    return services.joint_create(actor=world.users[f"{lead}_office"], organisation=world.orgs[lead], kind="research",
                                 title=title, starts_on=kwargs.pop("starts_on", today),
                                 ends_on=kwargs.pop("ends_on", today + dt.timedelta(days=2)), place="酒泉市",
                                 co_organisers=[world.orgs[c] for c in co], **kwargs)


def alliance(world, org: str = "city2", *, members=("city",), outside=("嘉峪关市政协",)):
    office = world.users[f"{org}_office"]
    created = services.alliance_create(actor=office, organisation=world.orgs[org], name="共建河西走廊经济带智库联盟",
                                       founded_on=dt.date(2024, 5, 1))
    for key in members:
        services.alliance_add_member(actor=office, alliance=created, committee=world.orgs[key])
    for name in outside:
        committee = services.outside_committee_save(actor=office, organisation=world.orgs[org], name=name, region="甘肃省")
        services.alliance_add_member(actor=office, alliance=created, outside=committee)
    return created
