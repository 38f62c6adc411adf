"""Browser-test fixtures (a pytest plugin loaded by the root conftest): Debian's Chromium driven by Playwright
against the live test server.

    @pytest.mark.e2e
    def test_journey(live_world, phone, shot):
        login(phone, "city_member")
        shot(phone, "proposals", "01-draft")
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from .factories import PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


class SerialisedWSGIServer(ThreadedWSGIServer):
    """The live server, answering one request at a time when its threads share the test's in-memory SQLite
    connection (pytest-django hands every request thread that one connection). Served side by side, a page's
    concurrent requests (its htmx fragments) interleaved their queries and transactions on it: now and then one of
    them read no session and was sent to the login page, or failed with a database error (503)."""

    _lock = threading.Lock()

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)

        def one_at_a_time(environ, start_response):
            with self._lock:
                result = application(environ, start_response)
                try:
                    return [b"".join(result)]  # a streamed body is read while the lock is held too
                finally:
                    if hasattr(result, "close"):
                        result.close()

        return super().set_app(one_at_a_time)


LiveServerThread.server_class = SerialisedWSGIServer


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_world(transactional_db, live_server):
    from .world import build_world

    world = build_world()
    world.url = live_server.url
    return world


def _page(browser, live_server, viewport, *, mobile: bool):
    context = browser.new_context(
        viewport=viewport, base_url=live_server.url, locale="zh-CN", is_mobile=mobile, has_touch=mobile,
        device_scale_factor=2 if mobile else 1,
    )
    context.set_default_timeout(15000)
    # A page load on a loaded machine (the first of a session, a PDF) can take longer than an action's wait.
    context.set_default_navigation_timeout(60000)
    page = context.new_page()
    return context, page


@pytest.fixture
def phone(browser, live_server):
    context, page = _page(browser, live_server, PHONE, mobile=True)
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server):
    context, page = _page(browser, live_server, DESKTOP, mobile=False)
    yield page
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open more pages (several users at once): ``new_page(phone=True)``."""
    contexts = []

    def make(phone: bool = False):
        context, page = _page(browser, live_server, PHONE if phone else DESKTOP, mobile=phone)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shot():
    def take(page, app: str, name: str, *, full_page: bool = True):
        folder = SCREENSHOTS / app
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)

    return take


def login(page, username: str, password: str = PASSWORD):
    """Log in through the form; an account that needs a second factor gets an authenticator (as if enrolled
    before) and the helper types its current code in the second step."""
    from zhengxie.core import two_factor
    from zhengxie.core.models import User

    from .two_factor_helpers import give_device, totp_code

    user = User.objects.filter(username=username).first()
    device = give_device(user) if user and (two_factor.has_factor(user) or two_factor.factor_required(user)) else None
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    _submit_and_leave(page, "/accounts/login/", username)
    if device is not None and "/accounts/login/verify/" in page.url:
        page.fill("input[name=code]", totp_code(device))
        _submit_and_leave(page, "/accounts/login/verify/", username)


def _submit_and_leave(page, form_path: str, username: str):
    """Submit the form and wait until the browser has left it. Waiting for "network idle" alone could return
    before the POST had even started on a loaded machine; the test's next ``goto`` then cancelled the login."""
    from urllib.parse import urlsplit

    page.click("main button[type=submit]")
    try:
        page.wait_for_url(lambda url: urlsplit(url).path != form_path, timeout=60_000)
    except Exception as error:
        raise AssertionError(f"{username} was not let past {form_path}: {page.url}") from error
    page.wait_for_load_state("load")


def logout(page):
    page.context.clear_cookies()
