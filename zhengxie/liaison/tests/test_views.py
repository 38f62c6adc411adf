"""The pages as each role uses them: a member reads, confirms, asks; a department answers; the office publishes;
nothing typed is lost on an error; roles without business here are refused."""

import pytest
from django.urls import reverse

from zhengxie.liaison.choices import InfoStatus, InquiryStatus
from zhengxie.liaison.models import InfoItem, Inquiry

from .factories import ask, item

pytestmark = pytest.mark.django_db


def test_the_office_drafts_and_publishes_through_the_pages(world, client_as):
    office = client_as(world.city_office)
    assert office.get(reverse("liaison:info_new")).status_code == 200
    response = office.post(reverse("liaison:info_new"), {"kind": "document", "title": "", "topic": "教育",
                                                          "body": "正文保留", "access": "all"})
    assert response.status_code == 200 and "正文保留" in response.content.decode()  # nothing typed is lost
    response = office.post(reverse("liaison:info_new"), {"kind": "document", "title": "教育事业发展统计公报",
                                                          "topic": "教育", "body": "正文", "access": "all",
                                                          "department": "天水市政协办公室", "required": "on"})
    created = InfoItem.objects.get(title="教育事业发展统计公报")
    assert response.url == reverse("liaison:info_detail", args=[created.pk])
    office.post(reverse("liaison:info_publish", args=[created.pk]), {"version": created.version})
    created.refresh_from_db()
    assert created.status == InfoStatus.PUBLISHED
    page = office.get(reverse("liaison:info_detail", args=[created.pk])).content.decode()
    assert "阅读情况" in page
    office.post(reverse("liaison:info_edit", args=[created.pk]), {
        "kind": "document", "title": "教育事业发展统计公报（修订）", "topic": "教育", "body": "正文", "access": "all",
        "department": "天水市政协办公室", "required": "on", "version": created.version})
    created.refresh_from_db()
    assert created.title.endswith("（修订）")


def test_a_member_reads_confirms_and_asks(world, client_as):
    published = item(world, "city_unit", required=True)
    member = client_as(world.city_member)
    listing = member.get(reverse("liaison:info_list")).content.decode()
    assert published.title in listing and "条必读信息等您阅读" in listing
    assert published.title in member.get(reverse("liaison:info_list"), {"topic": "经济发展", "required": "on"}).content.decode()
    assert published.title not in member.get(reverse("liaison:info_list"), {"topic": "教育"}).content.decode()
    member.post(reverse("liaison:info_read", args=[published.pk]))
    assert "您已于" in member.get(reverse("liaison:info_detail", args=[published.pk])).content.decode()
    form = member.get(reverse("liaison:inquiry_new"), {"item": published.pk}).content.decode()
    assert published.title in form
    member.post(reverse("liaison:inquiry_new"), {"item": published.pk, "unit": world.city_unit0.pk, "topic": "教育",
                                                 "title": "新能源项目用地", "question": "请介绍用地指标。",
                                                 "may_publish": "on"})
    question = Inquiry.objects.get(title="新能源项目用地")
    assert question.item == published
    unit = client_as(world.city_unit)
    assert "新能源项目用地" in unit.get(reverse("liaison:inquiry_list"), {"tab": "to_answer"}).content.decode()
    unit.post(reverse("liaison:inquiry_answer", args=[question.pk]), {"answer": "已安排。", "public": "on",
                                                                     "version": question.version})
    question.refresh_from_db()
    assert question.status == InquiryStatus.ANSWERED and question.is_public
    assert "新能源项目用地" in client_as(world.city_member2).get(reverse("liaison:inquiry_list"),
                                                            {"tab": "public"}).content.decode()


@pytest.mark.parametrize("who", ["city_body", "city_sysadmin", "city_informant"])
def test_roles_without_business_here_are_refused(world, client_as, who):
    client = client_as(world.users[who])
    assert client.get(reverse("liaison:info_list")).status_code == 403
    assert client.get(reverse("liaison:inquiry_list")).status_code == 403


def test_members_do_not_publish_nor_answer(world, client_as):
    question = ask(world)
    member = client_as(world.city_member2)
    assert member.get(reverse("liaison:info_new")).status_code == 403
    assert member.post(reverse("liaison:inquiry_answer", args=[question.pk]), {"answer": "x"}).status_code in (403, 404)
    other_unit = client_as(world.city_unit2)
    assert other_unit.post(reverse("liaison:inquiry_answer", args=[question.pk]), {"answer": "x"}).status_code in (403, 404)
    office = client_as(world.city_office)
    assert office.post(reverse("liaison:inquiry_answer", args=[question.pk]), {"answer": "x"}).status_code == 403
    published = item(world)
    assert member.post(reverse("liaison:info_publish", args=[published.pk])).status_code == 403
