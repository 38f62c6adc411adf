import pytest
from django.core.exceptions import ValidationError

from zhengxie.core import services
from zhengxie.core.exceptions import DomainError, InvalidTransition, NotAllowed
from zhengxie.core.models import AppendOnlyError, AuditEntry, Notification
from zhengxie.core.org_settings import get_setting
from zhengxie.core.workflow import Transition, Workflow

pytestmark = pytest.mark.django_db


def test_audit_log_is_append_only(world):
    entry = services.audit_log(actor=world.city_admin, organisation=world.city, action="core.test", obj=world.city)
    entry.action = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "core.test"


def test_notify_writes_each_recipient_in_their_language(world, django_capture_on_commit_callbacks, mailoutbox):
    from django.utils.translation import gettext_lazy as _

    world.city_member2.language = "en"
    world.city_member2.save()
    with django_capture_on_commit_callbacks(execute=True):
        created = services.notify(
            recipients=[world.city_member, world.city_member2, world.city_member], organisation=world.city,
            code="test", title=_("Your password was changed."),
        )
    assert len(created) == 2  # duplicates dropped
    titles = {n.recipient.username: n.title for n in Notification.objects.all()}
    assert titles["city_member"] == "您的密码已修改。"
    assert titles["city_member2"] == "Your password was changed."
    assert len(mailoutbox) == 2


def test_notification_email_task_is_idempotent(world, mailoutbox):
    from zhengxie.core.tasks import send_notification_emails

    [n] = services.notify(recipients=[world.city_member], organisation=world.city, code="t", title="x", email=False)
    send_notification_emails.call([n.pk])
    send_notification_emails.call([n.pk])
    assert len(mailoutbox) == 1


def test_settings_inherit_from_ancestors_and_validate(world):
    assert get_setting(world.county, "core.holidays") == []
    services.organisation_settings_update(actor=world.city_sysadmin, organisation=world.city,
                                          values={"core.holidays": "2026-10-01\n2026-10-02"})
    world.county.refresh_from_db()
    assert get_setting(world.county, "core.holidays") == ["2026-10-01", "2026-10-02"]
    with pytest.raises(NotAllowed):
        services.organisation_settings_update(actor=world.city_office, organisation=world.city, values={})
    with pytest.raises(DomainError) as excinfo:
        services.organisation_settings_update(actor=world.city_sysadmin, organisation=world.city, values={"nope": 1})
    assert "nope" in excinfo.value.errors


def test_role_grant_validates_and_refuses_member_role(world):
    with pytest.raises(DomainError):
        services.role_grant(actor=world.city_secadmin, organisation=world.city, user=world.city_member, role="member")
    with pytest.raises(DomainError):  # a unit role without a unit
        services.role_grant(actor=world.city_secadmin, organisation=world.city, user=world.city_member, role="handling_unit")
    with pytest.raises(DomainError):  # a unit of another organisation
        services.role_grant(actor=world.city_secadmin, organisation=world.city, user=world.city_member,
                            role="handling_unit", handling_unit=world.county_unit0)
    with pytest.raises(NotAllowed):
        services.role_grant(actor=world.county_secadmin, organisation=world.city, user=world.city_member, role="leader")
    services.role_grant(actor=world.city_secadmin, organisation=world.city, user=world.city_member, role="leader")
    assert AuditEntry.objects.filter(action="core.role.granted").count() == 1


def test_api_token_is_stored_hashed(world):
    token, secret = services.api_token_create(user=world.city_member, name="phone")
    assert secret.startswith("zx_")
    assert secret not in token.digest and token.digest == token.digest_of(secret)


def test_workflow_table_refuses_transitions_not_in_it():
    flow = Workflow("t", [Transition("submit", sources=["draft"], target="submitted"),
                          Transition("note", sources=["draft", "submitted"], target=None)])
    assert flow.target("submit", "draft") == "submitted"
    assert flow.target("note", "submitted") == "submitted"
    with pytest.raises(InvalidTransition):
        flow.target("submit", "submitted")
    with pytest.raises(InvalidTransition):
        flow.target("unknown", "draft")
    assert [t.action for t in flow.actions_from("draft")] == ["submit", "note"]


def test_setting_definition_clean():
    from zhengxie.core.org_settings import OrgSetting

    setting = OrgSetting("x.days", 7, "days", kind=int, minimum=1, maximum=30)
    assert setting.clean("5") == 5
    for bad in ("0", "31", "abc"):
        with pytest.raises(ValidationError):
            setting.clean(bad)


def test_sector_presets(world):
    from zhengxie.core.models import Sector

    added = services.sectors_load_preset(actor=world.city_admin, organisation=world.city, preset="national")
    assert added == 34 - 3  # 中国民主同盟, 教育界 and 经济界 were there already
    assert services.sectors_load_preset(actor=world.city_admin, organisation=world.city, preset="national") == 0
    assert Sector.objects.filter(organisation=world.city, name="九三学社").exists()
    with pytest.raises(NotAllowed):
        services.sectors_load_preset(actor=world.county_admin, organisation=world.city, preset="local")
