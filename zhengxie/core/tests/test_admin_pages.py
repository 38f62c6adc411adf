import pytest

from zhengxie.core.models import AuditEntry, HandlingUnit

pytestmark = pytest.mark.django_db

#: Each administration page and who may open it (三员 and the office's own administrator); see test_admin_roles.py.
ADMIN_PAGES = {"/manage/accounts/": "city_sysadmin", "/manage/audit/": "city_auditadmin",
               "/manage/settings/": "city_sysadmin", "/manage/units/": "city_admin",
               "/manage/audit/export/": "city_auditadmin"}


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_for_administrators_only(world, client_as, url):
    assert client_as(world.users[ADMIN_PAGES[url]]).get(url).status_code == 200
    for who in ("city_office", "city_member", "city_leader", "city_unit"):
        assert client_as(world.users[who]).get(url).status_code == 403


def test_audit_log_shows_only_own_organisation(world, client_as):
    from zhengxie.core import services

    services.audit_log(actor=world.city_admin, organisation=world.city, action="core.test.city")
    services.audit_log(actor=world.county_admin, organisation=world.county, action="core.test.county")
    page = client_as(world.city_auditadmin).get("/manage/audit/").context["page"]
    assert {e.action for e in page} == {"core.test.city"}


def test_create_account_and_grant_unit_role(world, client_as):
    client = client_as(world.city_sysadmin)
    response = client.post("/manage/accounts/", {"username": "new_unit_user", "password": "Long-enough-1",
                                                 "display_name": "新用户", "phone": "", "email": ""})
    assert response.status_code == 302
    from zhengxie.core.models import User

    user = User.objects.get(username="new_unit_user")
    # the new user has no role yet, so the account page must still be reachable through its creation; the
    # security administrator grants the role
    client = client_as(world.city_secadmin)
    response = client.post(f"/manage/accounts/{user.pk}/", {"role": "handling_unit", "handling_unit": world.city_unit0.pk})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="core.role.granted", object_id=str(user.pk)).exists()


def test_settings_page_saves_and_shows_errors(world, client_as):
    client = client_as(world.city_sysadmin)
    assert client.post("/manage/settings/", {"core.holidays": "2026-10-01"}).status_code == 302
    world.city.refresh_from_db()
    assert world.city.settings["core.holidays"] == ["2026-10-01"]


def test_handling_unit_create_and_duplicate_refused(world, client_as):
    client = client_as(world.city_admin)
    data = {"name": "天水市数据局", "short_name": "数据局", "kind": "gov_dept", "contact_name": "", "contact_phone": "",
            "address": "", "is_active": "on", "sort_order": 5}
    assert client.post("/manage/units/new/", data).status_code == 302
    response = client.post("/manage/units/new/", data)
    assert response.status_code == 200
    assert HandlingUnit.objects.filter(name="天水市数据局").count() == 1
