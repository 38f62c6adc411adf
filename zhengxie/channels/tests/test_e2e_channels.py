"""Browser journeys: the member's installed app on a 390×844 phone (service worker, a poor connection, logging out
forgets the pages, the next person never sees them), inside WeCom's and DingTalk's browsers; staff read the
delivery log; the administrator edits a text with its preview."""

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from zhengxie.channels.models import PersonChannels
from zhengxie.channels.org_settings import QUIET_END, QUIET_START
from zhengxie.core import services
from zhengxie.core.tests.browser import PHONE, login

pytestmark = pytest.mark.e2e

APP = "channels"
WECOM_UA = ("Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1 NetType/WIFI "
            "Language/zh ColorScheme/Light")
DINGTALK_UA = ("Mozilla/5.0 (Linux; U; Android 13; zh-CN; PGBM10 Build/TP1A.220905.001) AppleWebKit/537.36 (KHTML, "
               "like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 AliApp(DingTalk/7.5.10) "
               "com.alibaba.android.rimet/36447346 Channel/700159 language/zh-Hans-CN abi/64 Hmos/1")


def _worker_ready(page):
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def _pages_cached(page) -> int:
    return page.evaluate("caches.open('zx-pages').then(c => c.keys()).then(k => k.length)")


def test_the_installed_app_on_a_phone_keeps_pages_for_its_member_only(live_world, phone, shot):
    login(phone, "city_member")
    _worker_ready(phone)
    expect(phone.locator(".zx-bottom-nav")).to_be_visible()
    expect(phone.locator("#zx-install-hint")).to_be_visible()
    shot(phone, APP, "01-member-workbench-bottom-nav-phone", full_page=False)
    phone.click("[data-zx-install-dismiss]")
    expect(phone.locator("#zx-install-hint")).to_be_hidden()

    phone.click(".zx-bottom-nav >> text=履职")
    phone.wait_for_load_state("networkidle")
    name = live_world.city_member.label
    expect(phone.locator("main")).to_contain_text(name[:2])
    record_url = phone.url
    assert _pages_cached(phone) >= 2

    # A poor connection: the pages read before still open; one never opened says so.
    phone.context.set_offline(True)
    phone.goto(record_url)
    expect(phone.locator("main")).to_contain_text(name[:2])
    shot(phone, APP, "02-offline-last-page-phone", full_page=False)
    phone.goto("/outreach/")
    expect(phone.locator("h1")).to_have_text("网络未连接")
    shot(phone, APP, "03-offline-page-not-read-before-phone", full_page=False)
    phone.context.set_offline(False)

    phone.goto(record_url)
    phone.click(".zx-bottom-nav >> text=我的")
    phone.wait_for_load_state("networkidle")
    shot(phone, APP, "04-me-phone", full_page=False)
    phone.click("main button[type=submit]")  # log out
    phone.wait_for_url("**/accounts/login/**")
    assert _pages_cached(phone) == 0

    # The next person on the same phone: offline, the first member's record is not there.
    login(phone, "city_member2")
    phone.context.set_offline(True)
    phone.goto(record_url)
    expect(phone.locator("h1")).to_have_text("网络未连接")
    phone.context.set_offline(False)


def test_member_chooses_channels_on_a_phone(live_world, phone, shot, configure):
    configure(live_world.city, "gateway")
    login(phone, "city_member")
    phone.goto("/channels/mine/")
    expect(phone.locator("#g-meeting-sms")).to_be_checked()
    phone.uncheck("#g-opinion-email")
    phone.check("#id_digest")
    shot(phone, APP, "05-my-notices-phone")
    phone.click("main button[type=submit]")
    expect(phone.locator(".alert-success")).to_be_visible()
    person = PersonChannels.objects.get(user=live_world.city_member)
    assert person.digest and "email" not in person.choices["opinion"]
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


@pytest.mark.parametrize("agent", ["wecom", "dingtalk"])
def test_inside_wecom_and_dingtalk(live_world, browser, live_server, shot, agent):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="zh-CN", is_mobile=True,
                                  has_touch=True, device_scale_factor=2,
                                  user_agent=WECOM_UA if agent == "wecom" else DINGTALK_UA)
    page = context.new_page()
    try:
        login(page, "city_member")
        expect(page.locator(".zx-bottom-nav")).to_be_visible()
        page.click(".zx-bottom-nav >> text=提案")
        page.wait_for_load_state("networkidle")
        expect(page.locator(".zx-bottom-nav a[aria-current=page]")).to_contain_text("提案")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, APP, f"06-inside-{agent}-phone", full_page=False)
    finally:
        context.close()


def test_staff_read_the_delivery_log_and_the_administrator_edits_a_text(live_world, desktop, new_page, shot,
                                                                     configure, providers):
    configure(live_world.city, "gateway")
    # No quiet hours, or the SMS would be held (not refused) whenever the suite runs at night in Beijing.
    live_world.city.settings = {**(live_world.city.settings or {}), QUIET_START: 0, QUIET_END: 0}
    live_world.city.save(update_fields=["settings"])
    providers.fail_next("gateway", code="4001")  # the gateway refuses the first message for good
    for member in (live_world.city_member, live_world.city_member2):
        services.notify(recipients=[member], organisation=live_world.city, code="activities.activity.notice",
                        title="关于召开八届五次常委会议的通知", url="/activities/")
    login(desktop, "city_office")
    desktop.goto("/channels/")
    expect(desktop.locator("main table")).to_contain_text("关于召开八届五次常委会议的通知")
    shot(desktop, APP, "07-delivery-log-desktop")
    desktop.select_option("#f-status", "gave_up")
    desktop.click("main form[role=search] button[type=submit]")
    desktop.wait_for_load_state("networkidle")
    expect(desktop.locator("main table")).to_contain_text("4001")
    desktop.click("main table a")
    desktop.wait_for_load_state("networkidle")
    expect(desktop.locator("main")).to_contain_text("短信")
    shot(desktop, APP, "08-notice-route-desktop")

    admin = new_page()
    login(admin, "city_sysadmin")
    admin.goto("/channels/texts/meeting/sms/zh-hans/")
    admin.fill("#id_text", "【会议】%(title)s，请准时参加。详见%(link)s")
    admin.click("button[name=preview]")
    admin.wait_for_load_state("networkidle")
    expect(admin.locator("[data-testid=preview]")).to_contain_text("请准时参加")
    shot(admin, APP, "09-text-preview-desktop")
    admin.click("button[name=save]")
    expect(admin.locator(".alert-success")).to_be_visible()
    admin.goto("/channels/settings/sms/")
    shot(admin, APP, "10-sms-settings-desktop")
    assert providers.url not in admin.content() or django_settings.DEBUG is not None
