"""The public pages on a phone: the concern page with the nearby places by division and the hotline; the public list
of proposals filtered by category."""

import pytest
from playwright.sync_api import expect

from zhengxie.outreach.choices import PlaceKind

from .factories import make_place

pytestmark = pytest.mark.e2e


def test_public_pages_on_a_phone(live_world, phone, shot):
    world = live_world
    make_place(world.city, name="白驼镇政协委员工作站", opening_hours="每周三上午 9:00—12:00", contact_phone="0938-5551234")
    make_place(world.city, name="上磨村协商议事室", kind=PlaceKind.ROOM)
    make_place(world.city, name="大城街道委员工作站", county="秦州区", township="大城街道")
    phone.goto(f"/outreach/public/c/{world.city.pk}/")
    expect(phone.locator(".zx-hotline")).to_contain_text("12345")
    phone.locator("#nearby").scroll_into_view_if_needed()
    shot(phone, "outreach", "20-public-nearby-and-hotline-phone")
    phone.select_option("#nearby-county", "秦州区")
    phone.click("#nearby button[type=submit]")
    phone.wait_for_load_state("networkidle")
    expect(phone.locator("#nearby")).to_contain_text("大城街道委员工作站")
    expect(phone.locator("#nearby")).not_to_contain_text("上磨村协商议事室")
    shot(phone, "outreach", "21-public-nearby-by-division-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    world.city.settings = {**world.city.settings, "proposals.publish_registered": True,
                           "proposals.publish_replies": True}
    world.city.save(update_fields=["settings"])
    from zhengxie.proposals.tests.helpers import evaluating

    evaluating(world, title="关于完善城区停车设施的建议")
    phone.goto(f"/proposals/public/{world.city.pk}/")
    expect(phone.locator("main")).to_contain_text("关于完善城区停车设施的建议")
    shot(phone, "outreach", "22-public-proposals-filters-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
