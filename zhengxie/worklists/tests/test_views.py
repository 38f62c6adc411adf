"""The pages, as each role uses them: allowed and refused, the import with its errors by row, the exports."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.documents import excel_bytes
from zhengxie.worklists import imports
from zhengxie.worklists.models import Item

from .factories import make_item, make_list

pytestmark = pytest.mark.django_db


def _upload(rows) -> SimpleUploadedFile:
    data = excel_bytes(imports.headers(), rows, title="清单")
    return SimpleUploadedFile("清单.xlsx", data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_pages_by_role(world, client_as):
    item = make_item(world)
    work_list = item.work_list
    pages = {
        "lists": reverse("worklists:lists"), "list": reverse("worklists:list", args=[work_list.pk]),
        "overdue": reverse("worklists:overdue"), "grasped": reverse("worklists:grasped"),
        "assigned": reverse("worklists:assigned"), "item": reverse("worklists:item", args=[item.pk]),
        "pipeline": reverse("worklists:pipeline"), "recommendations": reverse("worklists:recommendations"),
        "groups": reverse("worklists:groups"), "new": reverse("worklists:item_new", args=[work_list.pk]),
        "import": reverse("worklists:list_import", args=[work_list.pk]),
    }
    expect = {
        "city_office": {k: 200 for k in pages},
        "city_leader": {**{k: 200 for k in pages}, "new": 403, "import": 403},
        "city_unit": {"lists": 403, "list": 200, "overdue": 403, "grasped": 200, "assigned": 200, "item": 200,
                      "pipeline": 403, "recommendations": 403, "groups": 403, "new": 403, "import": 403},
        "city_member": {"lists": 403, "list": 403, "overdue": 403, "assigned": 200, "item": 403, "pipeline": 403,
                        "new": 403, "import": 403},
    }
    for who, codes in expect.items():
        client = client_as(world.users[who])
        got = {k: client.get(pages[k]).status_code for k in codes}
        assert got == codes, who
    leader = client_as(world.city_leader).get(pages["grasped"]).content.decode()
    assert item.title in leader


def test_unit_reports_on_the_page_and_bad_input_keeps_what_was_typed(world, client_as):
    item = make_item(world)
    client = client_as(world.city_unit)
    url = reverse("worklists:item_report", args=[item.pk])
    bad = client.post(url, {"text": "已完成征地拆迁。", "progress": "150", "version": item.version})
    assert bad.status_code == 400 and "已完成征地拆迁。" in bad.content.decode()
    ok = client.post(url, {"text": "已完成征地拆迁。", "progress": "45", "version": item.version})
    assert ok.status_code == 302
    assert Item.objects.get(pk=item.pk).progress == 45
    refused = client_as(world.city_unit2).post(url, {"text": "x", "progress": "1"})
    assert refused.status_code in (403, 404)
    page = client.get(reverse("worklists:item", args=[item.pk])).content.decode()
    assert "已完成征地拆迁。" in page


def test_import_all_or_nothing_with_errors_by_row(world, client_as):
    work_list = make_list(world)
    client = client_as(world.city_office)
    url = reverse("worklists:list_import", args=[work_list.pk])
    due = (timezone.localdate() + dt.timedelta(days=90)).isoformat()
    rows = [["推进农业科技园区建设", "", world.city_leader.label, world.city_unit0.name, "李科长", "", due, "按季度",
             "2026-06-30 完成规划评审"],
            ["", "", "", "", "", "", "2026-13-40", "每天", "完成"],
            ["改善营商环境", "", "", "市发改委", "", "", due, "", ""]]
    refused = client.post(url, {"file": _upload(rows)})
    assert refused.status_code == 400 and not Item.objects.exists()
    errors = refused.context["row_errors"]
    assert list(errors) == [3] and len(errors[3]) >= 4
    accepted = client.post(url, {"file": _upload([rows[0], rows[2]])})
    assert accepted.status_code == 302
    first, second = Item.objects.order_by("number")
    assert (first.unit, first.leader, first.cadence, first.milestones.count()) == (world.city_unit0, world.city_leader,
                                                                                  "quarterly", 1)
    assert (second.unit, second.body_name) == (None, "市发改委")
    assert client_as(world.city_unit).post(url, {"file": _upload(rows[:1])}).status_code == 403
    template = client.get(reverse("worklists:import_template"))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxmlformats")


def test_exports_excel_and_word(world, client_as):
    item = make_item(world)
    client = client_as(world.city_leader)
    xlsx = client.get(reverse("worklists:list_export", args=[item.work_list_id, "xlsx"]))
    docx = client.get(reverse("worklists:list_export", args=[item.work_list_id, "docx"]))
    assert xlsx.status_code == docx.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "落实情况" in text and item.title in text


def test_table_rows_escape_what_they_show_and_mark_late_items_and_promises(world, client_as):
    """The rows drawn in Python (templatetags/worklists.py) escape every value as the templates did."""
    item = make_item(world, title="<b>用地</b> & 规划", due_in=-3, person_name="张<科长>")
    Item.objects.filter(pk=item.pk).update(is_commitment=True, last_report_text="已完成<i>选址</i>" * 10)
    for user, page in ((world.city_office, "worklists:overdue"), (world.city_leader, "worklists:grasped")):
        body = client_as(user).get(reverse(page)).content.decode()
        assert "<b>用地</b>" not in body and "&lt;b&gt;用地&lt;/b&gt; &amp; 规划" in body
        assert f'href="{reverse("worklists:item", args=[item.pk])}"' in body
    overdue = client_as(world.city_office).get(reverse("worklists:overdue")).content.decode()
    assert "张&lt;科长&gt;" in overdue and 'class="badge text-bg-danger">已超期' in overdue
    assert 'data-label="完成时限"' in overdue and 'class="badge text-bg-light border">承诺' in overdue
    grasped = client_as(world.city_leader).get(reverse("worklists:grasped")).content.decode()
    assert "已完成&lt;i&gt;选址&lt;/i&gt;" in grasped and "<i>选址" not in grasped and "…" in grasped
