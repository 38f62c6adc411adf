"""Browser journey of two factors: an administrator's first login enrols an authenticator (QR code), keeps the
recovery codes, and the next login asks for the code as its second step."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from .test_e2e_accessibility import CHECK
from .two_factor_helpers import totp_code

pytestmark = pytest.mark.e2e


def _password_step(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Test-pass-2026")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_an_administrator_enrols_and_then_logs_in_with_a_code(live_world, desktop, phone, shot):
    _password_step(desktop, "city_admin")
    assert "/accounts/two-factor/" in desktop.url
    qr = desktop.locator("#totp-qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    shot(desktop, "core", "20-two-factor-enrolment-desktop")
    assert desktop.evaluate(CHECK, False) == []  # contrast and field labels
    device = TOTPDevice.objects.get(user=live_world.city_admin, confirmed=False)
    desktop.fill("input[name=code]", totp_code(device))
    desktop.click("main button[type=submit]")
    desktop.wait_for_load_state("networkidle")
    assert desktop.locator("#recovery-codes li").count() == 10
    shot(desktop, "core", "21-two-factor-recovery-codes-desktop")

    _password_step(phone, "city_admin")
    assert "/accounts/login/verify/" in phone.url
    shot(phone, "core", "22-two-factor-second-step-phone")
    assert phone.evaluate(CHECK, True) == []  # contrast, labels, 16 px text and 44 px targets on a phone
    phone.fill("input[name=code]", "000000")
    phone.click("main button[type=submit]")
    phone.wait_for_load_state("networkidle")
    assert "动态码不正确" in phone.content()
    device.refresh_from_db()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)  # no wait after the wrong code
    phone.fill("input[name=code]", totp_code(device, steps_ahead=1))  # the enrolment used the current code
    phone.click("main button[type=submit]")
    phone.wait_for_load_state("networkidle")
    assert "您好" in phone.locator("h1").inner_text()
    phone.goto("/accounts/profile/")
    assert "已开启" in phone.content()
    assert phone.evaluate(CHECK, True) == []
