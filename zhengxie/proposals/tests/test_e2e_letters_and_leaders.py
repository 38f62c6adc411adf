"""The reply letter's seal, the leading leaders of a key proposal and the split rating in a real browser: the office
uploads a unit's seal (at 1366 px) and the letter carries it; the office chooses two leading leaders and sees the
history; a member rates 办理态度, 沟通联系 and 办理结果 on a phone. Screenshots go to docs/screenshots/proposals/."""

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from zhengxie.core.choices import Role
from zhengxie.core.tests.browser import login
from zhengxie.core.tests.factories import staff_user
from zhengxie.proposals import services
from zhengxie.proposals.models import Rating, Reply

from .helpers import evaluating, fresh, registered

pytestmark = pytest.mark.e2e
APP = "proposals"


def _seal_png(path):
    """A red round seal with a star, on a transparent background (what a scanned seal looks like)."""
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((12, 12, 388, 388), outline=(210, 20, 20, 230), width=18)
    points = [(200, 110), (222, 175), (290, 175), (235, 215), (256, 280), (200, 240), (144, 280), (165, 215),
              (110, 175), (178, 175)]
    draw.polygon(points, fill=(210, 20, 20, 230))
    image.save(path, "PNG")
    return path


def test_seal_leaders_and_split_rating(live_world, desktop, phone, new_page, shot, tmp_path, settings):
    w = live_world
    settings.MEDIA_ROOT = tmp_path / "media"
    w.city.settings["proposals.rating_parts"] = True
    w.city.save()
    desktop.on("dialog", lambda dialog: dialog.accept())
    evaluated, task = evaluating(w, title="关于加快农村公路提质改造的建议")
    reply = Reply.objects.get(task=task)

    # the office uploads the unit's seal; the reply letter carries it
    login(desktop, "city_proposal")
    desktop.goto("/proposals/units/seals/")
    expect(desktop.locator("table")).to_contain_text(w.city_unit0.name)
    desktop.locator(f"a[href$='/units/{w.city_unit0.pk}/seal/']").click()
    desktop.wait_for_url(f"**/units/{w.city_unit0.pk}/seal/")
    desktop.set_input_files("#seal-file", str(_seal_png(tmp_path / "seal.png")))
    desktop.locator("form[enctype] button[type=submit]").click()
    expect(desktop.locator(".alert-success")).to_contain_text("印章已保存")
    expect(desktop.locator("img.zx-seal-preview")).to_be_visible()
    shot(desktop, APP, "27-office-uploads-a-unit-seal-desktop")
    letter = desktop.request.get(f"/proposals/replies/{reply.pk}/letter.pdf")
    assert letter.ok and b"/Subtype /Image" in letter.body()
    assert services.unit_seal(w.city_unit0) is not None

    # the office chooses two leading leaders of a key proposal; the page keeps the history
    key = registered(w, title="关于推进黄河流域生态保护的建议")
    services.proposal_key_nominate(actor=w.city_proposal, proposal=key)
    second = staff_user(w.city, Role.LEADER, "city_leader2")
    second.display_name = "李建国"
    second.save(update_fields=["display_name"])
    desktop.goto("/proposals/key/")
    desktop.locator(f"a[href$='/key/{key.pk}/leaders/']").click()
    desktop.wait_for_url(f"**/key/{key.pk}/leaders/")
    desktop.check(f"#leader-{w.city_leader.pk}")
    desktop.check(f"#leader-{second.pk}")
    desktop.locator("#key-leaders button[type=submit]").click()
    expect(desktop.locator(".alert-success")).to_contain_text("领衔督办领导已保存")
    desktop.uncheck(f"#leader-{w.city_leader.pk}")
    desktop.locator("#key-leaders button[type=submit]").click()
    expect(desktop.locator(".alert-success")).to_contain_text("领衔督办领导已保存")
    expect(desktop.locator(".card ol li")).to_have_count(2)
    shot(desktop, APP, "28-office-chooses-leading-leaders-desktop")
    assert list(fresh(key).key_leaders.all()) == [second]

    # a member rates the three parts on a phone; the overall rating follows
    login(phone, "city_member")
    phone.goto(f"/proposals/{evaluated.pk}/")
    action = phone.locator("details.zx-action").filter(has=phone.locator("summary:text-is('评价答复')"))
    action.locator("summary").click()
    prefix = f"t{task.pk}-rate"
    for part, value in (("attitude", "satisfied"), ("communication", "satisfied"), ("result", "basically")):
        action.locator(f"input[name='{prefix}-{part}'][value='{value}']").check()
    expect(action).to_contain_text("办理态度")
    action.scroll_into_view_if_needed()
    shot(phone, APP, "29-member-rates-three-parts-phone", full_page=False)
    action.locator("button[type=submit]").click()
    expect(phone.locator(".alert-success")).to_be_visible()
    expect(phone.locator(".zx-task").first).to_contain_text("办理结果 基本满意")
    rating = Rating.objects.get(task=task)
    assert (rating.attitude, rating.communication, rating.result, rating.value) == (
        "satisfied", "satisfied", "basically", "basically")
