"""Fixtures shared by every app's tests: a small world of organisations, people and accounts, and a browser.

    def test_x(world, client_as):
        client = client_as(world.city_proposal)   # a logged-in test client working in that user's organisation
"""

import os
import shutil

os.environ.setdefault("ZHENGXIE_TESTING", "1")

import pytest  # noqa: E402
from hypothesis import HealthCheck  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

# The machines that run the suite are shared: a slow moment is not a failure of the property under test.
hypothesis_settings.register_profile("shared", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("shared")

from zhengxie.core.tests.world import World, build_world  # noqa: E402

pytest_plugins = ["zhengxie.core.tests.browser"]


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def client_as(client):
    """Log a user in and make ``organisation`` (default: the user's default) the active one."""

    def login(user, organisation=None):
        from django.test import Client

        c = Client()
        c.force_login(user)
        org = organisation or user.default_organisation
        if org is not None:
            session = c.session
            session["zx_active_org"] = org.pk
            session.save()
        return c

    return login


_DEMO = {}


@pytest.fixture(scope="session")
def county_demo(django_db_setup, django_db_blocker):
    """The whole demo generator (every app's part) at the county scale, run once per test process and shared by the
    demo tests (each app's tests/test_demo.py), which only read it (each one's own writes are rolled back). Those
    tests run first and in one process (see ``pytest_xdist_make_scheduler``); the database is emptied after the last
    of them."""
    import io

    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("seed_demo", scale="county", stdout=io.StringIO())
    _DEMO["blocker"] = django_db_blocker
    yield


@pytest.hookimpl(trylast=True)  # after the test's own teardown: its transaction is closed, the flush is for good
def pytest_runtest_teardown(item, nextitem):
    # Not after the last test of all: by then the test database is gone (and nothing follows to be disturbed).
    if "county_demo" in item.fixturenames and nextitem is not None and "county_demo" not in nextitem.fixturenames:
        blocker = _DEMO.pop("blocker", None)
        if blocker is not None:
            from django.core.management import call_command

            with blocker.unblock():
                call_command("flush", interactive=False, verbosity=0)


def _is_demo_test(nodeid: str) -> bool:
    return nodeid.split("::", 1)[0].endswith("/tests/test_demo.py")


def pytest_xdist_make_scheduler(config, log):
    """With ``--dist loadgroup`` (the Makefile's): every app's tests/test_demo.py in one process, as one unit, so the
    county demo is seeded once; every other test on its own, as ``--dist load`` does. (pytest-xdist's own groups
    do not reach its scheduler under pytest 9, which names items differently.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class DemoTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return "demo" if _is_demo_test(nodeid) else nodeid

    return DemoTogether(config, log)


def pytest_collection_modifyitems(config, items):
    # The demo tests first and together (in one process, by the scheduler above), then everything else.
    demo = [item for item in items if _is_demo_test(item.nodeid)]
    chosen = {id(item) for item in demo}
    items[:] = [item for item in demo if "county_demo" in item.fixturenames] + [
        item for item in demo if "county_demo" not in item.fixturenames] + [
        item for item in items if id(item) not in chosen]
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: run `make test` with a PostgreSQL server on 127.0.0.1:5432")
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
    if not shutil.which("chromium"):
        skip_browser = pytest.mark.skip(
            reason="browser tests need Debian's chromium: `apt-get install -y chromium` (then `make test` runs them)"
        )
        for item in items:
            if "e2e" in item.keywords:
                item.add_marker(skip_browser)
