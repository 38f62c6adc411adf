"""Think-tank experts: the record and its protected contact data, the account, invitations and answers,
contributions and their adoption, and the Excel import (all or nothing)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from zhengxie.cooperation import selectors, services
from zhengxie.cooperation.models import Expert, ExpertInvitation
from zhengxie.cooperation.services.importing import COLUMNS
from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.tests.factories import staff_user

from .factories import expert, expert_account, research

pytestmark = pytest.mark.django_db


def test_contact_data_is_encrypted_and_masked(world, client_as):
    record = expert(world)
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, email FROM cooperation_expert WHERE id = %s", [record.pk])
        raw_phone, _raw_email = cursor.fetchone()
    assert "13893712345" not in raw_phone
    assert Expert.objects.get(phone_digest=record.phone_digest).pk == record.pk
    office_page = client_as(world.city_office).get(reverse("cooperation:expert_detail", args=[record.pk])).content.decode()
    assert "138****2345" in office_page and "13893712345" not in office_page
    admin_page = client_as(world.city_admin).get(reverse("cooperation:expert_detail", args=[record.pk])).content.decode()
    assert "13893712345" in admin_page


def test_bad_input_is_refused_with_the_field_named(world):
    with pytest.raises(DomainError) as exc:
        expert(world, phone="12345")
    assert "phone" in exc.value.errors
    with pytest.raises(DomainError) as exc:
        expert(world, name=" ")
    assert "name" in exc.value.errors
    assert not Expert.objects.exists()
    with pytest.raises(NotAllowed):
        services.expert_create(actor=world.city_member, organisation=world.city, data={"name": "王", "field": "水"})


def test_account_needs_the_expert_role_and_no_other(world):
    record = expert(world)
    plain = staff_user(world.city, Role.INFORMANT, "someone")
    with pytest.raises(DomainError):
        services.expert_link_account(actor=world.city_office, expert=record, user=plain)
    user = expert_account(world, record)
    assert selectors.experts_visible_to(user, world.city).get() == record


def test_invitation_answer_and_attendance(world):
    record, other = expert(world), expert(world, name="王志强", phone="13993712346")
    user = expert_account(world, record)
    activity = research(world)
    with pytest.raises(DomainError):  # an expert of another organisation cannot be invited
        services.expert_invite(actor=world.city_office, activity=activity,
                               experts=[expert(world, "city2", phone="13893700000")])
    with pytest.raises(NotAllowed):
        services.expert_invite(actor=world.city_member, activity=activity, experts=[record])
    invitations = services.expert_invite(actor=world.city_office, activity=activity, experts=[record, other])
    assert len(invitations) == 2
    assert services.expert_invite(actor=world.city_office, activity=activity, experts=[record]) == []
    mine = selectors.invitations_visible_to(user, world.city).get()
    with pytest.raises(NotAllowed):  # another expert's invitation is not the user's to answer
        services.invitation_answer(actor=user, invitation=ExpertInvitation.objects.get(expert=other), accept=True)
    services.invitation_answer(actor=user, invitation=mine, accept=True, version=mine.version)
    assert ExpertInvitation.objects.get(pk=mine.pk).response == "accepted"
    services.invitation_answer(actor=user, invitation=ExpertInvitation.objects.get(pk=mine.pk), accept=True)  # again
    services.invitation_answer(actor=user, invitation=ExpertInvitation.objects.get(pk=mine.pk), accept=False)
    history = ExpertInvitation.objects.get(pk=mine.pk).history.order_by("id")
    assert [(h.action, h.from_state, h.to_state) for h in history] == [("accept", "invited", "accepted"),
                                                                       ("decline", "accepted", "declined")]
    mine = ExpertInvitation.objects.get(pk=mine.pk)
    with pytest.raises(DomainError):  # attendance only once the activity has begun
        services.invitation_set_attended(actor=world.city_office, invitation=mine, attended=True)
    assert selectors.invitations_to_answer(user, world.city).count() == 0


def test_contributions_are_counted_and_adopted(world):
    record = expert(world)
    today = timezone.localdate()
    report = services.contribution_record(actor=world.city_office, expert=record, kind="report",
                                          title="关于建设河西走廊新能源装备基地的调研报告", made_on=today)
    services.contribution_record(actor=world.city_office, expert=record, kind="speech", title="协商会发言", made_on=today)
    with pytest.raises(DomainError):
        services.contribution_record(actor=world.city_office, expert=record, kind="speech", title="明天的发言",
                                     made_on=today + dt.timedelta(days=1))
    services.contribution_adopt(actor=world.city_office, contribution=report, adopted_by="天水市人民政府")
    with pytest.raises(DomainError):
        services.contribution_adopt(actor=world.city_office, contribution=report, adopted_by="再次")
    counts = selectors.contribution_counts(selectors.contributions_visible_to(world.city_office, world.city))
    assert counts == {"reports": 1, "speeches": 1, "suggestions": 0, "adopted": 1}
    assert not selectors.contributions_visible_to(world.city2_office, world.city2).exists()


def _sheet(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    with translation.override("zh-hans"):  # the template's own headers, as a user would fill it in
        sheet.append([str(label) for _key, label, _width, _required in COLUMNS])
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("experts.xlsx", data.getvalue())


def test_import_is_all_or_nothing(world):
    good = [["张海军", "水资源", "甘肃农业大学", "教授", "13893711111", "", ""],
            ["刘敏", "生态环境", "酒泉职业技术学院", "副教授", "", "liumin@example.cn", ""]]
    with pytest.raises(DomainError) as exc:
        services.expert_import(actor=world.city_office, organisation=world.city,
                               upload=_sheet([*good, ["", "农业", "", "", "123", "", "无此联盟"]]))
    assert list(exc.value.errors) == [4] and len(exc.value.errors[4]) == 3
    assert not Expert.objects.exists()
    assert services.expert_import(actor=world.city_office, organisation=world.city, upload=_sheet(good)) == 2
    # the same mobile number again updates the expert instead of adding one
    again = [["张海军", "水资源", "兰州大学", "教授", "13893711111", "", ""]]
    services.expert_import(actor=world.city_office, organisation=world.city, upload=_sheet(again))
    assert Expert.objects.filter(organisation=world.city).count() == 2
    assert Expert.objects.get(name="张海军").employer == "兰州大学"
