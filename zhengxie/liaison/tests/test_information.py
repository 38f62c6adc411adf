"""Information for members: who publishes, the access levels, required reading and its receipts, links from
proposals and reports, files previewed in the browser."""

import io

import pytest
from django.urls import reverse

from zhengxie.core.choices import MemberPosition
from zhengxie.core.exceptions import ConcurrentChange, DomainError, InvalidTransition, NotAllowed
from zhengxie.core.files import bytes_upload
from zhengxie.core.models import AuditEntry, Notification
from zhengxie.liaison import selectors, services
from zhengxie.liaison.choices import InfoStatus, PublisherKind
from zhengxie.liaison.models import InfoLink

from .factories import ask, item

pytestmark = pytest.mark.django_db


def test_the_office_publishes_with_history_and_audit(world):
    draft = item(world, publish=False)
    assert draft.status == InfoStatus.DRAFT and draft.publisher_kind == PublisherKind.COMMITTEE
    published = services.info_publish(actor=world.city_office, item=draft, version=draft.version)
    assert published.status == InfoStatus.PUBLISHED and published.published_at
    assert [t.action for t in published.transitions.order_by("pk")] == ["create", "publish"]
    assert AuditEntry.objects.filter(action="liaison.info.published", object_id=str(draft.pk)).exists()
    with pytest.raises(InvalidTransition):
        services.info_publish(actor=world.city_office, item=published)
    with pytest.raises(ConcurrentChange):
        services.info_withdraw(actor=world.city_office, item=published, version=draft.version)
    withdrawn = services.info_withdraw(actor=world.city_office, item=published, reason="数据更正")
    assert withdrawn.status == InfoStatus.WITHDRAWN
    assert services.info_reopen(actor=world.city_office, item=withdrawn).status == InfoStatus.DRAFT


def test_a_department_publishes_in_its_name_only(world):
    own = item(world, "city_unit", title="城区学校建设情况")
    assert own.publisher_kind == PublisherKind.UNIT and own.unit == world.city_unit0
    assert own.department == world.city_unit0.name
    with pytest.raises(NotAllowed):
        services.info_publish(actor=world.city_unit2, item=item(world, "city_unit", publish=False))
    with pytest.raises(DomainError):
        services.info_create(actor=world.city_unit, organisation=world.city, unit=world.city_unit1, kind="document",
                             title="x", topic="教育", access="all", required=False, summary="", body="",
                             department="", committee=None, sector=None, activity=None)


def test_party_government_offices_publish_theirs(world):
    gov = item(world, "city_partygov", department="天水市人民政府办公室", title="政府工作报告解读")
    assert gov.publisher_kind == PublisherKind.PARTY_GOV
    assert services.info_withdraw(actor=world.city_partygov, item=gov).status == InfoStatus.WITHDRAWN
    with pytest.raises(NotAllowed):
        services.info_withdraw(actor=world.city_partygov, item=item(world))


@pytest.mark.parametrize("who", ["city_member", "city_leader", "city_body", "city_informant", "city_sysadmin"])
def test_others_do_not_publish(world, who):
    with pytest.raises(NotAllowed):
        item(world, who, department="某单位")


def test_bad_fields_are_named(world):
    with pytest.raises(DomainError) as caught:
        item(world, title="", topic="没有的主题", access="committee", publish=False)
    assert set(caught.value.errors) == {"title", "topic", "committee"}


def test_access_levels(world):
    second, third = world.members["city_member2"], world.members["city_member3"]
    second.committee = world.city.committees.get(name="经济委员会")
    second.save()
    third.position = MemberPosition.VICE_CHAIR
    third.save()
    education = world.city.sectors.get(name="教育界")
    rows = {
        "all": item(world, title="全体"),
        "committee": item(world, title="经济委", access="committee", committee=second.committee),
        "sector": item(world, title="教育界", access="sector", sector=education),
        "leaders": item(world, title="领导", access="leaders"),
        "draft": item(world, title="草稿", publish=False),
    }

    def titles(who):
        return set(selectors.info_items_visible_to(world.users[who], world.city).values_list("title", flat=True))

    assert titles("city_member") == {"全体"}
    assert titles("city_member2") == {"全体", "经济委"}
    assert titles("city_member3") == {"全体", "领导"}
    assert titles("city_office") == titles("city_leader") == {r.title for r in rows.values()}
    assert titles("city_unit") == set()
    assert titles("county_member") == set()
    assert titles("city2_office") == set()
    assert selectors.audience_of(rows["committee"]).count() == 1
    assert set(selectors.audience_of(rows["leaders"])) == {third}


def test_required_reading_is_announced_and_confirmed_once(world):
    required = item(world, required=True, title="必读材料")
    assert Notification.objects.filter(code="liaison.info.required", recipient=world.city_member).exists()
    assert list(selectors.unread_required(world.city_member, world.city)) == [required]
    first = services.info_mark_read(actor=world.city_member, item=required)
    again = services.info_mark_read(actor=world.city_member, item=required)
    assert first.pk == again.pk and first.member == world.members["city_member"]
    assert not selectors.unread_required(world.city_member, world.city).exists()
    receipts, pending = selectors.receipts_of(required)
    assert [r.user for r in receipts] == [world.city_member]
    assert world.members["city_member2"] in pending and world.members["city_member"] not in pending
    with pytest.raises(NotAllowed):
        services.info_mark_read(actor=world.county_member, item=required)


def test_a_proposer_links_an_item_from_their_report(world, client_as):
    from zhengxie.opinions.tests.factories import submit

    report = submit(world, "city_member", title="关于扩大城区学位供给的建议")
    used = item(world)
    link = services.info_link(actor=world.city_member, item=used, target=report)
    assert services.info_link(actor=world.city_member, item=used, target=report).pk == link.pk
    assert [x.item for x in selectors.links_to(report)] == [used]
    assert report in services.link_targets(world.city_member, world.city)
    page = client_as(world.city_member).get(reverse("opinions:detail", args=[report.pk])).content.decode()
    assert "引用的知情信息" in page and used.title in page
    with pytest.raises(NotAllowed):
        services.info_link(actor=world.city_member2, item=used, target=report)
    services.info_unlink(actor=world.city_member, link=link)
    assert not InfoLink.objects.exists()


def _docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("新能源产业发展情况")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 0).text = "指标", "装机容量"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["县区", "地区生产总值"])
    book.active.append(["秦州区", 512.3])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_files_are_previewed_in_the_browser(world, client_as):
    published = item(world, uploads=[bytes_upload(_docx(), "情况说明.docx"), bytes_upload(_xlsx(), "数据.xlsx"),
                                     bytes_upload(b"%PDF-1.4\n%%EOF\n", "通报.pdf")])
    word, sheet, pdf = list(published and __import__("zhengxie.core.files", fromlist=["x"]).attachments_of(published))
    member = client_as(world.city_member)
    page = member.get(reverse("liaison:info_preview", args=[published.pk, word.pk])).content.decode()
    assert "新能源产业发展情况" in page and "装机容量" in page
    assert "秦州区" in member.get(reverse("liaison:info_preview", args=[published.pk, sheet.pk])).content.decode()
    inline = member.get(reverse("liaison:info_attachment", args=[published.pk, pdf.pk]))
    assert inline["Content-Disposition"].startswith("inline")
    download = member.get(reverse("liaison:info_attachment", args=[published.pk, pdf.pk]) + "?download=1")
    assert download["Content-Disposition"].startswith("attachment")
    assert client_as(world.county_member).get(reverse("liaison:info_preview", args=[published.pk, word.pk])).status_code == 404
    assert ask  # the module's helpers stay importable from here


def test_the_drafting_page_offers_related_information(world, client_as):
    from zhengxie.search.api import similar_items
    from zhengxie.search.services import signature_store

    related = item(world, "city_unit", title="城区义务教育学校扩容建设情况", topic="教育")
    other = item(world, title="全市旅游市场运行数据", topic="文化旅游")
    for published in (related, other):  # what the task queued on commit does
        signature_store(published)
    hits = similar_items(world.city_member, world.city, "liaison.infoitem", "关于加快城区义务教育学校扩容建设的建议")
    assert [h["object"] for h in hits] == [related]
    assert similar_items(world.county_member, world.county, "liaison.infoitem", "关于加快城区义务教育学校扩容建设的建议") == []
    page = client_as(world.city_member).get(reverse("proposals:new")).content.decode()
    assert "相关知情信息" in page and "liaison.infoitem" in page
