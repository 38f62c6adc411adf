"""The public list filtered by year, category, handling unit and result, with the reply's date and category when the
committee publishes its replies (and neither when it does not)."""

import pytest
from django.urls import reverse

from zhengxie.proposals.models import Proposal

from .helpers import evaluating, handling

pytestmark = pytest.mark.django_db


def _publish(world, replies: bool):
    world.city.settings = {**world.city.settings, "proposals.publish_registered": True,
                           "proposals.publish_replies": replies}
    world.city.save(update_fields=["settings"])


def test_filters_and_reply_columns(world, client):
    replied, _task = evaluating(world, title="关于完善城区停车设施的建议")
    waiting, _tasks = handling(world, title="关于加强中小学心理健康教育的建议", author="city_member2")
    Proposal.objects.filter(pk=waiting.pk).update(category="教育")
    Proposal.objects.filter(pk=replied.pk).update(category="城乡建设")
    _publish(world, replies=True)
    url = reverse("proposals:public_list", args=[world.city.pk])
    page = client.get(url).content.decode()
    assert replied.title in page and waiting.title in page and "Reply date" in page or "答复日期" in page
    assert waiting.title not in client.get(url, {"result": "A"}).content.decode()
    assert replied.title in client.get(url, {"result": "A"}).content.decode()
    assert replied.title not in client.get(url, {"result": "none"}).content.decode()
    only_education = client.get(url, {"category": "教育"}).content.decode()
    assert waiting.title in only_education and replied.title not in only_education
    year = replied.registered_at.year
    Proposal.objects.filter(pk=waiting.pk).update(registered_at=replied.registered_at.replace(year=year - 1))
    this_year = client.get(url, {"year": year}).content.decode()
    assert replied.title in this_year and waiting.title not in this_year
    assert waiting.title in client.get(url, {"year": year - 1}).content.decode()
    unit = client.get(url, {"unit": world.city_unit0.pk}).content.decode()
    assert replied.title in unit and waiting.title in unit
    assert client.get(url, {"year": "abc"}).status_code == 200  # a bad value is ignored, not an error


def test_no_result_filter_or_column_when_replies_are_not_published(world, client):
    replied, _task = evaluating(world, title="关于完善城区停车设施的建议")
    _publish(world, replies=False)
    page = client.get(reverse("proposals:public_list", args=[world.city.pk]), {"result": "A"}).content.decode()
    assert replied.title in page and 'name="result"' not in page
