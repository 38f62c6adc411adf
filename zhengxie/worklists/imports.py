"""Work items in Excel: the template, and an all-or-nothing import with the errors by row (core.importing)."""

import json

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from zhengxie.core.choices import Role
from zhengxie.core.documents import excel_bytes
from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.importing import INVALID, labels_of, parse_date, read_rows, refuse_rows
from zhengxie.core.models import HandlingUnit, SpecialCommittee
from zhengxie.core.selectors import users_with_role
from zhengxie.core.services import audit_log

from . import permissions
from .choices import Cadence, ItemStatus
from .models import Item, ItemTransition, Milestone
from .services.items import next_report_on

COLUMNS = [
    ("title", _("Task"), 40, True),
    ("description", pgettext_lazy("work item", "Description"), 40, False),
    ("leader", _("Leader who grasps it"), 12, False),
    ("body", _("Responsible body"), 24, True),
    ("person", _("Person in charge"), 12, False),
    ("starts_on", _("Starts on"), 12, False),
    ("due_on", _("Deadline"), 12, True),
    ("cadence", _("Reporting"), 10, False),
    ("milestones", _("Milestones"), 40, False),
]
MAX_ROWS = 5000


def headers():
    return [(label, width) for _key, label, width, _required in COLUMNS]


def template_bytes() -> bytes:
    example = ["推进天水国家级农业科技园区建设", "协调解决园区用地、融资问题", "王副主席", "天水市农业农村局", "李科长",
               "2026-02-01", "2026-11-30", "按季度", "2026-06-30 完成规划评审；2026-09-30 首批企业入驻"]
    if translation.get_language() != "zh-hans":
        example[7] = "Quarterly"
    return excel_bytes(headers(), [example], title=gettext("Work items"))


def _lookups(organisation):
    units = {}
    for unit in HandlingUnit.objects.filter(organisation=organisation, is_active=True):
        units[unit.name] = unit
        if unit.short_name:
            units.setdefault(unit.short_name, unit)
    committees = {c.name: c for c in SpecialCommittee.objects.filter(organisation=organisation)}
    leaders = {}
    for user in users_with_role(organisation, Role.LEADER):
        leaders.setdefault(user.label, []).append(user)
    # Read once, not per row: each label in both languages (core.importing.labels_of), and the short forms.
    cadences = {text: key for key, label in Cadence.choices for text in (key, *labels_of(label))}
    cadences.update({"月": Cadence.MONTHLY, "季度": Cadence.QUARTERLY, "季": Cadence.QUARTERLY})
    return units, committees, leaders, cadences


def _milestones(text, problems) -> list:
    rows = []
    for part in str(text or "").replace("；", ";").replace("\n", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        date_text, _sep, title = part.partition(" ")
        on = parse_date(date_text)
        if on in (None, INVALID):
            problems.append(gettext("a milestone must start with its date: “%(text)s”") % {"text": part[:30]})
        else:
            rows.append((title.strip()[:120] or date_text, on))
    return rows


def _row(values, lookups, problems) -> dict:  # noqa: C901 (one check per column, each with its own message)
    units, committees, leaders, _cadences = lookups
    data = {"title": str(values.get("title") or "").strip(), "description": str(values.get("description") or "").strip()}
    if not data["title"]:
        problems.append(gettext("the task is empty"))
    elif len(data["title"]) > 200:
        problems.append(gettext("the task is longer than 200 characters"))
    body = str(values.get("body") or "").strip()
    data["unit"], data["committee"], data["body_name"] = units.get(body), committees.get(body), ""
    if not body:
        problems.append(gettext("the responsible body is empty"))
    elif data["unit"] is None and data["committee"] is None:
        data["body_name"] = body[:100]
    leader = str(values.get("leader") or "").strip()
    data["leader"], data["leader_name"] = None, leader[:40]
    found = leaders.get(leader, [])
    if len(found) == 1:
        data["leader"] = found[0]
    data["person_name"] = str(values.get("person") or "").strip()[:40]
    for key in ("starts_on", "due_on"):
        data[key] = parse_date(values.get(key))
        if data[key] == INVALID:
            problems.append(gettext("the date must look like 2026-06-30"))
            data[key] = None
    if data["due_on"] is None and not any("2026-06-30" in p for p in problems):
        problems.append(gettext("the deadline is empty"))
    if data["starts_on"] and data["due_on"] and data["starts_on"] > data["due_on"]:
        problems.append(gettext("the deadline comes before the start"))
    cadence_text = str(values.get("cadence") or "").strip().removeprefix("按")
    data["cadence"] = lookups[3].get(cadence_text)
    if data["cadence"] is None:
        if cadence_text:
            problems.append(gettext("reports must be monthly, quarterly or when something changes"))
        data["cadence"] = Cadence.MONTHLY
    data["milestones"] = _milestones(values.get("milestones"), problems)
    return data


def items_import(*, actor, work_list, upload) -> int:
    """Import every row or none. Raises DomainError whose ``errors`` maps row numbers to messages."""
    organisation = work_list.organisation
    if not permissions.can_manage(actor, organisation):
        raise NotAllowed()
    rows = read_rows(upload, COLUMNS, empty_message=gettext("The file has no rows of items."), max_rows=MAX_ROWS)
    lookups = _lookups(organisation)
    prepared, errors = [], {}
    for number, values in rows:
        problems = []
        data = _row(values, lookups, problems)
        if problems:
            errors[number] = problems
        else:
            prepared.append(data)
    refuse_rows(errors, kind="work items", organisation=organisation, actor=actor)
    return _write(actor, work_list, prepared, getattr(upload, "name", ""))


def _write(actor, work_list, prepared, filename) -> int:
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        start = (Item.objects.filter(work_list=work_list).aggregate(n=Max("number"))["n"] or 0) + 1
        items = []
        for number, data in enumerate(prepared, start=start):
            fields = {k: v for k, v in data.items() if k != "milestones"}
            items.append(Item(organisation=work_list.organisation, work_list=work_list, number=number,
                              status=ItemStatus.NOT_STARTED, created_at=now,
                              next_report_on=next_report_on(data["cadence"], data["starts_on"] or today), **fields))
        created = Item.objects.bulk_create(items, batch_size=1000)
        Milestone.objects.bulk_create([Milestone(item=item, title=t, due_on=d) for item, data in
                                       zip(created, prepared, strict=True) for t, d in data["milestones"]],
                                      batch_size=2000)
        _history_rows(work_list, start, start + len(created) - 1, actor=actor, now=now,
                      data={"import": filename[:100]})
        audit_log(actor=actor, organisation=work_list.organisation, action="worklists.item.imported", obj=work_list,
                  changes={"rows": len(created), "file": filename})
    return len(created)


def _history_rows(work_list, first: int, last: int, *, actor, now, data: dict) -> None:
    """The "created" history row of each item imported, in one statement (INSERT … SELECT over the items just
    written): two thousand model instances cost more than the rows themselves."""
    item_table, history = Item._meta.db_table, ItemTransition._meta
    columns = [history.get_field(name).column for name in
               ("item", "action", "from_state", "to_state", "actor", "comment", "data", "created_at")]
    qn = connection.ops.quote_name
    json_value = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    # The names come from the models, every value is bound.
    sql = (f"INSERT INTO {qn(history.db_table)} ({', '.join(qn(c) for c in columns)}) "  # noqa: S608
           f"SELECT {qn('id')}, %s, '', %s, %s, '', {json_value}, %s FROM {qn(item_table)} "
           f"WHERE {qn('work_list_id')} = %s AND {qn('number')} BETWEEN %s AND %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, ["create", ItemStatus.NOT_STARTED, getattr(actor, "pk", None),
                             json.dumps(data, ensure_ascii=False), connection.ops.adapt_datetimefield_value(now),
                             work_list.pk, first, last])
