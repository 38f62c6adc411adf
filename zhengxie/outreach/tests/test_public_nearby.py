"""The public concern page: nearby places listed by division (no map) and the 12345 hotline of the setting."""

import pytest
from django.urls import reverse

from zhengxie.outreach.choices import PlaceKind

from .factories import make_place

pytestmark = pytest.mark.django_db


def test_places_by_division_and_the_hotline(world, client):
    make_place(world.city, name="白驼镇政协委员工作站")
    make_place(world.city, name="上磨村协商议事室", kind=PlaceKind.ROOM)
    make_place(world.city, name="大城街道委员工作站", county="秦州区", township="大城街道")
    make_place(world.city2, name="肃州区委员工作站", county="肃州区", township="西北街街道")
    url = reverse("outreach:public_organisation", args=[world.city.pk])
    page = client.get(url).content.decode()
    assert "白驼镇政协委员工作站" in page and "大城街道委员工作站" in page and "肃州区委员工作站" not in page
    assert 'href="tel:12345"' in page and "12345政务服务便民热线" in page
    narrowed = client.get(url, {"county": "秦州区"}).content.decode()
    assert "大城街道委员工作站" in narrowed and "上磨村协商议事室" not in narrowed
    world.city.settings = {**world.city.settings, "outreach.hotline": "0938-12345", "outreach.hotline_name": "天水12345热线"}
    world.city.save(update_fields=["settings"])
    page = client.get(url).content.decode()
    assert 'href="tel:0938-12345"' in page and "天水12345热线" in page
    world.city.settings["outreach.hotline"] = ""
    world.city.save(update_fields=["settings"])
    assert "tel:12345" not in client.get(url).content.decode()


def test_a_place_page_starts_from_its_own_township(world, client):
    place = make_place(world.city, name="白驼镇政协委员工作站")
    make_place(world.city, name="白驼镇委员工作室", kind=PlaceKind.STUDIO, theme="乡村振兴")
    make_place(world.city, name="大城街道委员工作站", county="秦州区", township="大城街道")
    page = client.get(reverse("outreach:public_place", args=[place.public_code])).content.decode()
    nearby = page.split('id="nearby"')[1]
    assert "白驼镇委员工作室" in nearby and "大城街道委员工作站" not in nearby
