"""Two factors: required for administrators and office staff (an organisation's setting), optional for members;
enrolment with a QR code as the login's second step; recovery codes; an administrator's reset; API tokens made
only with a current code."""

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhengxie.core import services, two_factor
from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError
from zhengxie.core.models import AuditEntry

from .factories import PASSWORD, OrganisationFactory, UserFactory, staff_user
from .two_factor_helpers import give_device, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


def _login(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_an_administrator_must_enrol_at_the_first_login_before_being_logged_in(org, client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after a wrong code
    admin = staff_user(org, Role.ADMINISTRATOR, "boss")
    response = _login(client, "boss")
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/"
    assert not _logged_in(client)
    assert client.get("/").status_code == 302  # not logged in yet
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert client.post("/accounts/two-factor/", {"code": "000000" if totp_code(device) != "000000" else "111111"}
                       ).status_code == 400
    assert not _logged_in(client)
    response = client.post("/accounts/two-factor/", {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/recovery/"
    assert _logged_in(client)
    codes = client.get("/accounts/two-factor/recovery/").context["codes"]
    assert len(codes) == 10
    assert AuditEntry.objects.filter(action="core.two_factor.enrolled", object_id=str(admin.pk)).exists()


def test_an_enrolled_account_logs_in_with_a_code_or_a_recovery_code_once(org, client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0  # no wait after a wrong code
    user = staff_user(org, Role.GENERAL_OFFICE, "office")
    device = give_device(user)
    response = _login(client, "office")
    assert response["Location"] == "/accounts/login/verify/"
    assert not _logged_in(client)
    assert client.post("/accounts/login/verify/", {"code": "12"}).status_code == 400
    response = client.post("/accounts/login/verify/", {"code": totp_code(device)})
    assert response.status_code == 302 and _logged_in(client)
    assert AuditEntry.objects.filter(action="core.user.logged_in", object_id=str(user.pk),
                                     changes__factor="totp").exists()
    # recovery codes: each works once
    codes = two_factor.recovery_codes_renew(user=user, code=totp_code(device, steps_ahead=1))
    client.logout()
    _login(client, "office")
    assert client.post("/accounts/login/verify/", {"code": codes[0]}).status_code == 302
    client.logout()
    _login(client, "office")
    assert client.post("/accounts/login/verify/", {"code": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_failed_codes_lock_the_account(org, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    user = staff_user(org, Role.ADMINISTRATOR, "boss")
    give_device(user)
    _login(client, "boss")
    for _ in range(3):
        client.post("/accounts/login/verify/", {"code": "999999x"})
    assert _login(client, "boss").status_code == 429
    assert AuditEntry.objects.filter(action="core.user.locked_out", object_id=str(user.pk)).exists()


def test_the_pending_login_expires(org, client):
    user = staff_user(org, Role.ADMINISTRATOR, "boss")
    device = give_device(user)
    _login(client, "boss")
    session = client.session
    session["zx_pending_login"]["at"] -= 301
    session.save()
    response = client.post("/accounts/login/verify/", {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert not _logged_in(client)


def test_members_log_in_with_a_password_unless_they_enrolled(org, client):
    from .factories import member_with_user

    seat = member_with_user(org, "m1")
    member = seat.person.user
    assert not two_factor.factor_required(member)
    assert _login(client, "m1").status_code == 302 and _logged_in(client)
    client.logout()
    give_device(member)
    assert _login(client, "m1")["Location"] == "/accounts/login/verify/"
    assert not _logged_in(client)


def test_the_organisation_setting_names_the_roles(org):
    from .factories import member_with_user

    leader = staff_user(org, Role.LEADER, "chair")
    member = member_with_user(org, "m1").person.user
    admin = staff_user(org, Role.ADMINISTRATOR, "boss")
    assert two_factor.factor_required(admin) and not two_factor.factor_required(leader)
    org.settings = {"core.two_factor_roles": ["leader", "member"]}
    org.save(update_fields=["settings"])
    for user in (leader, member, admin):
        user.refresh_from_db()
    assert two_factor.factor_required(leader) and two_factor.factor_required(member)
    assert not two_factor.factor_required(admin)
    assert two_factor.factor_required(UserFactory(username="root", is_superuser=True))


def test_an_administrator_resets_a_factor_and_it_is_audited(org, client_as):
    admin = staff_user(org, Role.SECURITY_ADMIN, "boss")
    office = staff_user(org, Role.GENERAL_OFFICE, "office")
    give_device(office)
    other_admin = staff_user(OrganisationFactory(), Role.SECURITY_ADMIN, "stranger")
    assert client_as(other_admin).post(f"/manage/accounts/{office.pk}/two-factor/reset/").status_code == 404
    assert client_as(office).post(f"/manage/accounts/{office.pk}/two-factor/reset/").status_code == 403
    assert two_factor.has_factor(office)
    page = client_as(admin).get(f"/manage/accounts/{office.pk}/")
    assert f"/manage/accounts/{office.pk}/two-factor/reset/" in page.content.decode()
    assert client_as(admin).post(f"/manage/accounts/{office.pk}/two-factor/reset/").status_code == 302
    assert not two_factor.has_factor(office)
    entry = AuditEntry.objects.get(action="core.two_factor.reset")
    assert entry.actor_id == admin.pk and entry.object_id == str(office.pk)


def test_an_api_token_needs_a_current_code_from_a_user_with_two_factors(org, client_as, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after a wrong code
    office = staff_user(org, Role.GENERAL_OFFICE, "office")
    device = give_device(office)
    with pytest.raises(DomainError):
        services.api_token_create(user=office, name="phone", days=30)
    with pytest.raises(DomainError):
        services.api_token_create(user=office, name="phone", days=30, code="000000x")
    token, _secret = services.api_token_create(user=office, name="phone", days=30, code=totp_code(device))
    assert token.pk
    client = client_as(office)
    response = client.post("/accounts/profile/", {"name": "tablet", "days": 30})
    assert response.status_code == 200 and office.api_tokens.count() == 1
    response = client.post("/accounts/profile/", {"name": "tablet", "days": 30,
                                                  "code": totp_code(device, steps_ahead=1)})
    assert response.status_code == 302 and office.api_tokens.count() == 2
    assert AuditEntry.objects.filter(action="core.token.created").count() == 2


def test_a_member_turns_an_optional_factor_off_with_a_code_and_staff_cannot(org, client_as, settings):
    from .factories import member_with_user

    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after a wrong code
    member = member_with_user(org, "m1").person.user
    device = give_device(member)
    client = client_as(member)
    assert client.post("/accounts/two-factor/off/", {"code": "000000x"}).status_code == 200
    assert two_factor.has_factor(member)
    assert client.post("/accounts/two-factor/off/", {"code": totp_code(device)}).status_code == 302
    assert not two_factor.has_factor(member)
    assert AuditEntry.objects.filter(action="core.two_factor.removed", object_id=str(member.pk)).exists()
    office = staff_user(org, Role.GENERAL_OFFICE, "office")
    device = give_device(office)
    client_as(office).post("/accounts/two-factor/off/", {"code": totp_code(device)})
    assert two_factor.has_factor(office)
