"""Importing members from Excel: the template, and an all-or-nothing import with a per-row list of errors."""

import re

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import permissions
from .choices import ETHNIC_GROUPS, Affiliation, Gender, MemberPosition
from .crypto import lookup_digest
from .documents import excel_bytes, read_excel
from .exceptions import DomainError, NotAllowed
from .importing import INVALID, choice_of, is_yes, labels_of, parse_date, refuse_rows
from .models import Member, Person, Sector, SpecialCommittee
from .services import audit_log
from .validation import is_id_number, is_mobile

COLUMNS = [
    ("name", _("Name"), 12, True),
    ("gender", _("Gender"), 8, True),
    ("ethnicity", _("Ethnicity"), 10, False),
    ("birth_date", _("Date of birth"), 14, False),
    ("phone", _("Mobile phone"), 15, False),
    ("id_number", _("ID card number"), 22, False),
    ("affiliation", _("Political affiliation"), 16, False),
    ("work_unit", _("Work unit"), 30, False),
    ("job_title", _("Position"), 20, False),
    ("sector", _("Sector"), 18, True),
    ("committee", _("Special committee"), 22, False),
    ("standing", _("Standing committee member"), 10, False),
    ("office", _("Office"), 10, False),
    ("member_number", _("Member number"), 12, False),
]
ID_RE = re.compile(r"^\d{17}[\dX]$")


def template_bytes() -> bytes:
    example = ["张伟", "男", "汉族", "1975-03-12", "13809380001", "", "中国民主同盟", "天水市第一中学", "副校长",
               "中国民主同盟", "文化文史和学习委员会", "否", "委员", "0001"]
    if translation.get_language() != "zh-hans":
        example = ["Zhang Wei", "Male", "汉族", "1975-03-12", "13809380001", "", "China Democratic League",
                   "Tianshui No. 1 Middle School", "Vice-principal", "中国民主同盟", "", "No", "Member", "0001"]
    return excel_bytes([(label, width) for _key, label, width, _req in COLUMNS], [example], title=gettext("Members"))


def _read_rows(upload) -> list:
    """The sheet's rows, their values keyed by column; the header row may be in either language."""
    headers = {key: label for key, label, _w, _r in COLUMNS}
    header_lookup = {text: key for key, label, _w, _r in COLUMNS for text in labels_of(label)}
    rows = read_excel(upload, list(header_lookup), required=set())
    present = {header_lookup[h] for row in rows[:1] for h in row.values}
    missing = [str(headers[key]) for key, _l, _w, req in COLUMNS if req and key not in present]
    if rows and missing:
        raise DomainError(
            gettext("The first row must hold the column names; missing: %(columns)s. Download the template and use it.")
            % {"columns": "、".join(missing)}
        )
    if not rows:
        raise DomainError(gettext("The file has no member rows."))
    return [(row.number, {header_lookup[h]: val for h, val in row.values.items()}) for row in rows]


def _phone(v, problems, seen_phones) -> str:
    phone = str(v.get("phone") or "").strip()
    if phone.endswith(".0"):
        phone = phone[:-2]
    if phone and not is_mobile(phone):
        problems.append(gettext("“%(value)s” is not a mobile phone number") % {"value": phone})
    elif phone and phone in seen_phones:
        problems.append(gettext("the phone number repeats row %(row)d") % {"row": seen_phones[phone]})
    return phone


def _id_number(v, problems, seen_ids, existing_ids) -> str:
    id_number = str(v.get("id_number") or "").strip().upper()
    if id_number and not ID_RE.match(id_number):
        problems.append(gettext("the ID card number must have 18 characters"))
    elif id_number and not is_id_number(id_number):
        problems.append(gettext("the ID card number is not valid (its date of birth or its last digit)"))
    elif id_number and id_number in seen_ids:
        problems.append(gettext("the ID card number repeats row %(row)d") % {"row": seen_ids[id_number]})
    elif id_number and id_number in existing_ids:
        problems.append(gettext("this person already has a seat in this term"))
    return id_number


def _person_fields(v, problems, *, seen_phones, seen_ids, existing_ids) -> dict:
    name = str(v.get("name") or "").strip()
    if not name:
        problems.append(gettext("the name is empty"))
    elif len(name) > 40:
        problems.append(gettext("the name is longer than 40 characters"))
    gender = choice_of(str(v.get("gender") or ""), Gender.choices)
    if gender is None:
        problems.append(gettext("gender must be 男 or 女"))
    ethnicity = str(v.get("ethnicity") or "汉族").strip()
    if ethnicity not in ETHNIC_GROUPS:
        problems.append(gettext("“%(value)s” is not an ethnic group") % {"value": ethnicity})
    birth = parse_date(v.get("birth_date"))
    if birth == INVALID:
        problems.append(gettext("the date of birth must look like 1975-03-12"))
        birth = None
    phone = _phone(v, problems, seen_phones)
    id_number = _id_number(v, problems, seen_ids, existing_ids)
    affiliation = Affiliation.NON_PARTY
    if v.get("affiliation"):
        affiliation = choice_of(str(v["affiliation"]), Affiliation.choices)
        if affiliation is None:
            problems.append(gettext("“%(value)s” is not a political affiliation") % {"value": v["affiliation"]})
    return dict(name=name, gender=gender, ethnicity=ethnicity, birth_date=birth, phone=phone, id_number=id_number,
                affiliation=affiliation, work_unit=str(v.get("work_unit") or "")[:100],
                job_title=str(v.get("job_title") or "")[:100])


def _member_fields(v, problems, *, sectors, committees) -> dict:
    sector = sectors.get(str(v.get("sector") or "").strip())
    if sector is None:
        problems.append(gettext("“%(value)s” is not a sector of this organisation") % {"value": v.get("sector") or ""})
    committee = None
    if v.get("committee"):
        committee = committees.get(str(v["committee"]).strip())
        if committee is None:
            problems.append(gettext("“%(value)s” is not a special committee of this organisation") % {"value": v["committee"]})
    position = MemberPosition.MEMBER
    if v.get("office"):
        position = choice_of(str(v["office"]), MemberPosition.choices)
        if position is None:
            problems.append(gettext("“%(value)s” is not an office") % {"value": v["office"]})
    return dict(sector=sector, committee=committee, is_standing_committee=is_yes(v.get("standing")),
                position=position, member_number=str(v.get("member_number") or "")[:20])


def member_import(*, actor, organisation, term, upload) -> int:
    """Import every row or none. Raises DomainError whose ``errors`` maps row numbers to messages."""
    if not permissions.can_manage_members(actor, organisation):
        raise NotAllowed()
    rows = _read_rows(upload)
    sectors = {s.name: s for s in Sector.objects.filter(organisation=organisation)}
    committees = {c.name: c for c in SpecialCommittee.objects.filter(organisation=organisation)}
    seen_ids, seen_phones, prepared, errors = {}, {}, [], {}
    existing_ids = set(
        Member.objects.filter(organisation=organisation, term=term).exclude(person__id_number_digest="")
        .values_list("person__id_number", flat=True)
    )
    for number, v in rows:
        problems = []
        person = _person_fields(v, problems, seen_phones=seen_phones, seen_ids=seen_ids, existing_ids=existing_ids)
        member = _member_fields(v, problems, sectors=sectors, committees=committees)
        if problems:
            errors[number] = problems
            continue
        if person["id_number"]:
            seen_ids[person["id_number"]] = number
        if person["phone"]:
            seen_phones[person["phone"]] = number
        prepared.append((person, member))
    refuse_rows(errors, kind="members", organisation=organisation, actor=actor)
    with transaction.atomic():
        digests = [lookup_digest("id_number", p["id_number"]) for p, _m in prepared if p["id_number"]]
        known = {p.id_number: p for p in Person.objects.filter(id_number_digest__in=digests)}
        members = []
        for person_data, member_data in prepared:
            person = known.get(person_data["id_number"]) if person_data["id_number"] else None
            if person is None:
                person = Person.objects.create(home_organisation=organisation, **person_data)
            members.append(Member(person=person, organisation=organisation, term=term, **member_data))
        Member.objects.bulk_create(members)
        audit_log(actor=actor, organisation=organisation, action="core.member.imported", obj=term,
                  changes={"rows": len(members), "file": getattr(upload, "name", "")})
    return len(members)
