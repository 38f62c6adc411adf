"""Documents of the work lists app: the list in Excel, and the “工作清单落实情况” report for a leaders' meeting in
Word (the layout of official papers, core.documents). The report's fixed words are part of a Chinese document,
not of the interface."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengxie.core import documents

from .choices import ItemStatus


def excel_columns():
    return [(_("No."), 6), (_("List"), 20), (_("Task"), 40), (_("Leader who grasps it"), 12),
            (_("Responsible body"), 22), (_("Person in charge"), 12), (_("Deadline"), 12), (_("Status"), 10),
            (_("Progress (%)"), 8), (_("Latest report"), 40), (pgettext("work item", "Outcome"), 40)]


def excel_rows(items):
    for item in items:
        yield (item.number, item.work_list.title, item.title, item.leader_name, item.responsible_label,
               item.person_name, item.due_on, item.get_status_display(), item.progress, item.last_report_text,
               item.outcome)


def items_excel(items, filename: str):
    return documents.excel_response(filename, excel_columns(), excel_rows(items), title=_("Work items"))


def implementation_report(organisation, work_list, items, *, today=None):
    """《工作清单落实情况》: the totals, then each item with its leader, body, deadline, state and latest news."""
    today = today or timezone.localdate()
    items = list(items)
    document = documents.new_docx()
    documents.add_title(document, f"{organisation.short_name}{work_list.title}落实情况")
    documents.add_paragraph(document, f"（截至{today.year}年{today.month}月{today.day}日）", indent=False, align="center")
    done = sum(1 for i in items if i.status == ItemStatus.DONE)
    late = sum(1 for i in items if i.is_open and i.due_on < today)
    behind = sum(1 for i in items if i.status == ItemStatus.BEHIND)
    documents.add_paragraph(
        document, f"本清单共{len(items)}项，已完成{done}项，正在推进{len(items) - done - late}项，"
                  f"滞后{behind}项，逾期未完成{late}项。")
    for item in items:
        state = "（逾期）" if item.is_open and item.due_on < today else ""
        documents.add_heading(document, f"{item.number}. {item.title}{state}")
        documents.add_field_table(document, [
            ("包抓领导", item.leader_name or "—"), ("责任单位", item.responsible_label or "—"),
            ("责任人", item.person_name or "—"), ("完成时限", f"{item.due_on:%Y-%m-%d}"),
            ("进展", f"{item.get_status_display()}，{item.progress}%"),
        ])
        if item.last_report_text:
            documents.add_paragraph(document, f"最新进展：{item.last_report_text}")
        if item.outcome:
            documents.add_paragraph(document, f"成效：{item.outcome}")
    return document


def report_response(organisation, work_list, items):
    document = implementation_report(organisation, work_list, items)
    return documents.docx_response(document, f"{organisation.short_name}{work_list.title}落实情况.docx")
