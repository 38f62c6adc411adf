"""The installable app's files: the manifest, the service worker at the root, the offline page, the bottom
navigation for members only."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_manifest_and_service_worker(client):
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert manifest["display"] == "standalone" and manifest["scope"] == "/"
    assert {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}
    assert any(i.get("purpose") == "maskable" for i in manifest["icons"])
    worker = client.get("/sw.js")
    assert worker["Content-Type"].startswith("application/javascript") and worker["Service-Worker-Allowed"] == "/"
    body = worker.content.decode()
    assert "/offline/" in body and "css/zhengxie" in body and '"/accounts/"' in body
    assert client.get("/offline/").status_code == 200


def test_the_offline_page_holds_nothing_of_the_person(world, client_as):
    page = client_as(world.city_member).get("/offline/").content.decode()
    assert world.city_member.label not in page and "logout" not in page and "zx-bottom-nav" not in page


def test_members_get_the_bottom_navigation_and_staff_do_not(world, client_as):
    page = client_as(world.city_member).get(reverse("core:workbench")).content.decode()
    assert "zx-bottom-nav" in page and "zx-install-hint" in page and 'rel="manifest"' in page
    assert "zx-bottom-nav" not in client_as(world.city_proposal).get(reverse("core:workbench")).content.decode()
    me = client_as(world.city_member).get(reverse("channels:mine")).content.decode()
    assert reverse("channels:preferences") in me and reverse("core:logout") in me
