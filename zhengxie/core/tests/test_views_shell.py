import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_renders_in_chinese_by_default(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_workbench_for_member(world, client_as):
    response = client_as(world.city_member).get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "天水市政协" in body


def test_user_without_any_role_sees_explanation(db, client_as):
    from .factories import UserFactory

    response = client_as(UserFactory()).get("/")
    assert response.status_code == 403
    assert "尚未分配角色" in response.content.decode()


def test_switch_organisation_only_to_own(world, client_as):
    client = client_as(world.multi, world.province)
    assert client.get("/").context["active_org"] == world.province
    client.post(reverse("core:switch_organisation"), {"organisation": world.city.pk})
    assert client.get("/").context["active_org"] == world.city
    # an organisation where the user has nothing: refused, active one unchanged
    response = client.post(reverse("core:switch_organisation"), {"organisation": world.city2.pk})
    assert response.status_code == 404
    assert client.get("/").context["active_org"] == world.city


def test_switcher_lists_only_the_users_organisations(world, client_as):
    orgs = set(client_as(world.multi).get("/").context["switchable_orgs"])
    assert orgs == {world.province, world.city}


def test_language_switch_sets_cookie_and_preference(world, client_as):
    client = client_as(world.city_member)
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    world.city_member.refresh_from_db()
    assert world.city_member.language == "en"
    assert "Workbench" in client.get("/").content.decode()


def test_language_switch_refuses_foreign_redirect(client):
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_health_endpoints(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["database"] == "ok"


def test_the_platform_superuser_lands_on_its_own_page_not_a_refusal(db, client):
    from zhengxie.core.models import User
    from zhengxie.core.tests.factories import OrganisationFactory

    org = OrganisationFactory(name="甘肃省政协测试")
    admin = User.objects.create(username="platform", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200 and "尚未分配角色" not in body
    assert org.name in body and 'href="/admin/"' in body and "/admin/core/user/" in body
