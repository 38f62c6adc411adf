"""Experts from Excel: the template and an all-or-nothing import with the errors by row (core.importing). An
expert already recorded with the same mobile number is updated rather than added twice."""

import re

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from zhengxie.core.crypto import lookup_digest
from zhengxie.core.documents import excel_bytes
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.importing import read_rows, refuse_rows
from zhengxie.core.services import audit_log

from .. import permissions
from ..models import Alliance, Expert
from .experts import _clean_expert

COLUMNS = [
    ("name", _("Name"), 10, True),
    ("field", pgettext_lazy("expert", "Field"), 16, True),
    ("employer", _("Employer"), 30, False),
    ("title", _("Professional title"), 14, False),
    ("phone", _("Mobile phone"), 14, False),
    ("email", _("E-mail"), 24, False),
    ("alliances", _("Alliances"), 30, False),
]


def template_bytes() -> bytes:
    example = ["李建华", "新能源", "兰州理工大学能源与动力工程学院", "教授", "13893712345", "lijh@example.cn",
               "共建河西走廊经济带智库联盟"]
    if translation.get_language() != "zh-hans":
        example[1], example[3] = "New energy", "Professor"
    return excel_bytes([(label, width) for _k, label, width, _r in COLUMNS], [example], title=gettext("Experts"))


def _check_row(organisation, values: dict, alliances: dict, seen: dict, number: int):
    """(cleaned fields, alliances, problems) of one row."""
    problems, cleaned = [], None
    try:
        cleaned = _clean_expert(organisation, values)
    except DomainError as exc:
        problems.extend([str(m) for m in exc.errors.values()] or [str(exc)])
    names = {n.strip() for n in re.split(r"[、，,;；\n]", str(values.get("alliances") or "")) if n.strip()}
    unknown = sorted(n for n in names if n not in alliances)
    if unknown:
        problems.append(gettext("Unknown alliance: %(names)s") % {"names": "、".join(unknown)})
    if cleaned and cleaned["phone"]:
        if cleaned["phone"] in seen:
            problems.append(gettext("The same mobile number as row %(row)d.") % {"row": seen[cleaned["phone"]]})
        seen[cleaned["phone"]] = number
    return cleaned, [alliances[n] for n in names if n in alliances], problems


def expert_import(*, actor, organisation, upload) -> int:
    if not permissions.can_manage_experts(actor, organisation):
        raise NotAllowed()
    rows = read_rows(upload, COLUMNS, empty_message=gettext("The file has no expert."))
    alliances = {a.name: a for a in Alliance.objects.filter(members__committee=organisation).distinct()}
    errors, parsed, seen = {}, [], {}
    for number, values in rows:
        cleaned, chosen, problems = _check_row(organisation, values, alliances, seen, number)
        if problems:
            errors[number] = problems
        else:
            parsed.append((cleaned, chosen))
    refuse_rows(errors, kind="experts", organisation=organisation, actor=actor)
    with transaction.atomic():
        for cleaned, chosen in parsed:
            expert = None
            if cleaned["phone"]:
                expert = Expert.objects.filter(organisation=organisation,
                                               phone_digest=lookup_digest("phone", cleaned["phone"])).first()
            if expert is None:
                expert = Expert.objects.create(organisation=organisation, **cleaned)
            else:
                for key, value in cleaned.items():
                    setattr(expert, key, value)
                expert.version += 1
                expert.save()
            expert.alliances.add(*chosen)
        audit_log(actor=actor, organisation=organisation, action="cooperation.experts.imported", obj=None,
                  changes={"rows": len(parsed)})
    return len(parsed)
