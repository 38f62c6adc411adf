"""Fixtures shared by every app's tests: a small world of organisations, people and accounts, and a browser.

    def test_x(world, client_as):
        client = client_as(world.city_proposal)   # a logged-in test client working in that user's organisation
"""

import os
import shutil

os.environ.setdefault("ZHENGXIE_TESTING", "1")

import pytest  # noqa: E402

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


def pytest_collection_modifyitems(config, items):
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
