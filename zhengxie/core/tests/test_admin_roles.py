"""Separation of duties (三员): the system, security and audit administrators, each allowed its own pages and
refused every other, none of them seeing the committee's business data; the platform superuser's use audited."""

import pytest
from django.urls import reverse

from zhengxie.core import services
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import AuditEntry, RoleAssignment
from zhengxie.core.tests.forms import form_data

pytestmark = pytest.mark.django_db

ROLES = ("city_sysadmin", "city_secadmin", "city_auditadmin", "city_admin", "city_office", "city_member")


def _requests(world):
    """(name, method, url, data, the users who may): every administration page and action."""
    member, account = world.city_member, world.city_office
    assignment = RoleAssignment.objects.get(user=world.city_unit, organisation=world.city)
    return [
        ("accounts list", "get", "/manage/accounts/", None, {"city_sysadmin", "city_secadmin"}),
        ("account create", "post", "/manage/accounts/", {"username": "new_one", "password": "Long-enough-1",
                                                          "display_name": "新", "phone": "", "email": ""},
         {"city_sysadmin"}),
        ("account detail", "get", f"/manage/accounts/{account.pk}/", None, {"city_sysadmin", "city_secadmin"}),
        ("role grant", "post", f"/manage/accounts/{member.pk}/", {"role": "leader"}, {"city_secadmin"}),
        ("role revoke", "post", f"/manage/roles/{assignment.pk}/revoke/", {}, {"city_secadmin"}),
        ("unlock", "post", f"/manage/accounts/{member.pk}/unlock/", {}, {"city_secadmin"}),
        ("audit log", "get", "/manage/audit/", None, {"city_auditadmin"}),
        ("audit export", "get", "/manage/audit/export/", None, {"city_auditadmin"}),
        ("settings", "get", "/manage/settings/", None, {"city_sysadmin", "city_secadmin"}),
        ("handling units", "get", "/manage/units/", None, {"city_admin"}),
        # business data: none of the three
        ("members", "get", "/members/", None, {"city_admin", "city_office"}),
        ("member export", "get", "/members/export/", None, {"city_admin", "city_office"}),
        ("member detail", "get", f"/members/{world.members['city_member'].pk}/", None,
         {"city_admin", "city_office", "city_member"}),
    ]


@pytest.mark.parametrize("who", ROLES)
def test_permission_matrix(world, client_as, who):
    for name, method, url, data, allowed in _requests(world):
        client = client_as(world.users[who])
        response = client.get(url) if method == "get" else client.post(url, data)
        if who in allowed:
            assert response.status_code in (200, 302), (who, name, response.status_code)
        else:
            assert response.status_code in (403, 404), (who, name, response.status_code)


def test_api_members_refused_to_the_three(world, client_as):
    for who in ("city_sysadmin", "city_secadmin", "city_auditadmin"):
        response = client_as(world.users[who]).get("/api/v1/members")
        assert response.status_code == 403, who
    assert client_as(world.city_office).get("/api/v1/members").status_code == 200


def test_administration_menu_leads_each_to_its_page(world, client_as):
    assert client_as(world.city_sysadmin).get("/manage/").url == reverse("core:accounts")
    assert client_as(world.city_auditadmin).get("/manage/").url == reverse("core:audit_log")
    assert client_as(world.city_admin).get("/manage/").url == reverse("core:handling_units")
    assert client_as(world.city_member).get("/manage/").status_code == 403
    tabs = client_as(world.city_auditadmin).get("/manage/audit/").content.decode()
    assert "/manage/audit/" in tabs and "/manage/accounts/" not in tabs and "/manage/settings/" not in tabs


def test_settings_split_between_system_and_security_administrators(world, monkeypatch):
    from zhengxie.core import permissions

    assert permissions.can_edit_setting(world.city_sysadmin, world.city, "core.holidays")
    assert not permissions.can_edit_setting(world.city_secadmin, world.city, "core.holidays")
    assert permissions.can_edit_setting(world.city_secadmin, world.city, "security.two_factor_roles")
    assert not permissions.can_edit_setting(world.city_sysadmin, world.city, "security.two_factor_roles")
    with pytest.raises(NotAllowed):
        services.organisation_settings_update(actor=world.city_secadmin, organisation=world.city,
                                              values={"core.holidays": "2026-10-01"})
    with pytest.raises(NotAllowed):
        services.organisation_settings_update(actor=world.city_auditadmin, organisation=world.city, values={})


def test_roles_are_granted_by_the_security_administrator_only_and_kept_apart(world):
    with pytest.raises(NotAllowed):
        services.role_grant(actor=world.city_sysadmin, organisation=world.city, user=world.city_member, role="leader")
    with pytest.raises(NotAllowed):
        services.role_grant(actor=world.city_admin, organisation=world.city, user=world.city_member, role="leader")
    with pytest.raises(DomainError, match="自己|themselves"):
        services.role_grant(actor=world.city_secadmin, organisation=world.city, user=world.city_secadmin,
                            role="audit_admin")
    with pytest.raises(DomainError) as excinfo:  # an office clerk cannot also become the audit administrator
        services.role_grant(actor=world.city_secadmin, organisation=world.city, user=world.city_office,
                            role="audit_admin")
    assert excinfo.value.code == "separation_of_duties"
    with pytest.raises(DomainError):  # nor the audit administrator take an office role
        services.role_grant(actor=world.city_secadmin, organisation=world.city, user=world.city_auditadmin,
                            role="general_office")
    services.role_grant(actor=world.city_secadmin, organisation=world.city, user=world.city_member, role="leader")
    grant = AuditEntry.objects.get(action="core.role.granted", object_id=str(world.city_member.pk))
    assert grant.actor_name == world.city_secadmin.username and grant.changes["role"] == "leader"
    assignment = RoleAssignment.objects.get(user=world.city_member, organisation=world.city, role="leader")
    services.role_revoke(actor=world.city_secadmin, assignment=assignment)
    assert AuditEntry.objects.filter(action="core.role.revoked", object_id=str(world.city_member.pk)).exists()


def test_superuser_installs_the_three_and_its_admin_site_use_is_audited(world, client):
    from zhengxie.core.tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    newcomer = UserFactory(username="new_auditor")
    services.role_grant(actor=root, organisation=world.city, user=newcomer, role="audit_admin")
    with pytest.raises(NotAllowed):  # installing only: no business role from the superuser
        services.role_grant(actor=root, organisation=world.city, user=newcomer, role="leader")
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    # what Django's admin site writes for each change the superuser makes there
    LogEntry.objects.create(user=root, content_type=ContentType.objects.get_for_model(world.city2),
                            object_id=str(world.city2.pk), object_repr=str(world.city2), action_flag=CHANGE,
                            change_message='[{"changed": {"fields": ["short_name"]}}]')
    entry = AuditEntry.objects.get(action="core.superuser.changed")
    assert entry.actor_name == "root" and entry.changes["model"] == "organisation"
    assert entry.changes["object_id"] == str(world.city2.pk)


def test_unmasked_member_export_is_audited(world, client_as):
    client_as(world.city_admin).get("/members/export/")
    entry = AuditEntry.objects.get(action="core.member.exported")
    assert entry.actor_id == world.city_admin.pk and entry.changes["unmasked"] is True
    client_as(world.city_office).get("/members/export/")
    assert AuditEntry.objects.filter(action="core.member.exported", changes__unmasked=False).exists()


def test_audit_api_for_the_audit_administrator_only(world, client_as):
    services.audit_log(actor=world.city_admin, organisation=world.city, action="core.test.api")
    auditor = client_as(world.city_auditadmin)
    page = auditor.get("/api/v1/audit", {"action": "core.test"}).json()
    assert [e["action"] for e in page["items"]] == ["core.test.api"] and page["items"][0]["actor_name"] == "city_admin"
    chain = auditor.get("/api/v1/audit/chain").json()
    assert chain["ok"] is True and chain["verified_up_to"] >= page["items"][0]["seq"]
    for who in ("city_sysadmin", "city_secadmin", "city_admin", "city_office", "city_member"):
        client = client_as(world.users[who])
        assert client.get("/api/v1/audit").status_code == 403, who
        assert client.get("/api/v1/audit/chain").status_code == 403, who


def test_the_three_administrators_see_no_business_menu(world, client_as):
    """三员 open accounts, roles and the audit log: the proposals and activities menus, empty for them, are not
    shown (and the proposal list refuses them); a member keeps both."""
    for user in (world.city_sysadmin, world.city_secadmin, world.city_auditadmin):
        client = client_as(user)
        keys = {item.key for item in client.get("/").context["nav"]}
        assert not {"proposals", "activities"} & keys, user.username
        assert client.get("/proposals/").status_code == 403
    keys = {item.key for item in client_as(world.city_member).get("/").context["nav"]}
    assert {"proposals", "activities"} <= keys


@pytest.mark.parametrize("who, page", [("city_sysadmin", "/manage/accounts/"), ("city_secadmin", "/manage/settings/"),
                                       ("city_auditadmin", "/manage/audit/"), ("city_admin", "/manage/units/")])
def test_the_administration_tabs_are_the_pages_each_may_open(world, client_as, who, page):
    # The tabs ask the same predicates as the pages ({% may %}): a tab is shown exactly when its page opens.
    client = client_as(world.users[who])
    html = client.get(page).content.decode()
    for address in ("/manage/accounts/", "/manage/units/", "/manage/settings/", "/manage/audit/"):
        opens = client.get(address).status_code == 200
        assert (f'href="{address}"' in html) == opens, (who, address)


def test_the_admin_site_grants_roles_only_through_the_service(world, client):
    # The superuser installs the three administrators in the admin site; a business role is refused there as by the
    # service, and a role granted there has its audit entry. Existing rows are shown, never edited or deleted.
    from zhengxie.core.tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    newcomer = UserFactory(username="new_auditor")
    client.force_login(root)
    address = f"/admin/core/user/{newcomer.pk}/change/"
    page = client.get(address)
    assert page.status_code == 200
    data = form_data(page.content.decode())
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    row = {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-organisation": str(world.city.pk), f"{prefix}-0-role": "leader",
           f"{prefix}-0-user": str(newcomer.pk)}
    refused = client.post(address, {**data, **row})
    assert refused.status_code == 200 and "只授予系统管理员、安全管理员和审计管理员" in refused.content.decode()
    assert not RoleAssignment.objects.filter(user=newcomer).exists()
    granted = client.post(address, {**data, **row, f"{prefix}-0-role": "audit_admin"})
    assert granted.status_code == 302, granted.content.decode()[:3000]
    assignment = RoleAssignment.objects.get(user=newcomer)
    assert (assignment.organisation, assignment.role) == (world.city, "audit_admin")
    assert AuditEntry.objects.filter(action="core.role.granted", object_id=str(newcomer.pk), actor=root).exists()
    again = client.get(address).content.decode()
    assert f'name="{prefix}-0-role"' not in again  # the granted row is read-only now
    for model in ("member", "person"):
        assert client.get(f"/admin/core/{model}/add/").status_code == 403
    assert client.get("/admin/outreach/place/add/").status_code == 403
    person = world.members["city_member"].person
    shown = client.get(f"/admin/core/person/{person.pk}/change/").content.decode()
    assert person.name in shown and (not person.id_number or person.id_number not in shown)
