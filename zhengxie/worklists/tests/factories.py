"""Work lists, items and projects for tests, made through the services (so their history is real)."""

import datetime as dt

from django.utils import timezone

from zhengxie.worklists import services
from zhengxie.worklists.models import ListKind


def make_list(world, org="city", kind="key_tasks", *, year=None, title="2026年重点工作任务清单"):
    organisation = world.orgs[org]
    services.kinds_ensure(organisation)
    return services.list_create(actor=world.users[f"{org}_office"], organisation=organisation,
                                kind=ListKind.objects.get(organisation=organisation, key=kind),
                                year=year or timezone.localdate().year, title=title)


def make_item(world, org="city", *, work_list=None, title="推进国家级农业科技园区建设", due_in=60, unit=0,
              leader=True, person=None, milestones=(), **data):
    work_list = work_list or make_list(world, org)
    fields = {"title": title, "due_on": timezone.localdate() + dt.timedelta(days=due_in),
              "unit": world.units[f"{org}_unit{unit}"] if unit is not None else None,
              "leader": world.users[f"{org}_leader"] if leader else None, "person": person,
              "body_name": "" if unit is not None else "办公室", **data}
    return services.item_create(actor=world.users[f"{org}_office"], work_list=work_list, data=fields,
                                milestones=milestones)
