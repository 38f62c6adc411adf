"""The e-mail queue: each notification row is claimed with a conditional update, sent with no transaction open,
then marked; a failing mail server marks its row and the rest of the batch goes on."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from zhengxie.core import services
from zhengxie.core.models import Notification
from zhengxie.core.tasks import STALE_CLAIM, send_notification_emails
from zhengxie.core.tests.mailbackends import FAILING, IN_TRANSACTION


@pytest.fixture
def flaky(settings):
    settings.MAILERS = {"default": {"BACKEND": "zhengxie.core.tests.mailbackends.FlakyBackend"}}
    FAILING.clear()
    IN_TRANSACTION.clear()
    yield FAILING
    FAILING.clear()


def _notices(world, names):
    return [services.notify(recipients=[world.users[n]], organisation=world.city, code="t", title=f"通知 {n}",
                            email=False)[0] for n in names]


@pytest.mark.django_db(transaction=True)
def test_a_failure_marks_one_row_and_the_batch_goes_on(world, flaky, caplog):
    notices = _notices(world, ["city_member", "city_member2", "city_member3"])
    flaky.add(world.city_member2.email)
    mail.outbox = []
    assert send_notification_emails.call([n.pk for n in notices]) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.city_member.email, world.city_member3.email])
    rows = {n.recipient.username: n for n in Notification.objects.filter(pk__in=[n.pk for n in notices])}
    failed = rows["city_member2"]
    assert failed.emailed_at is None and failed.email_claimed_at is None
    assert "SMTPRecipientsRefused" in failed.email_error
    assert rows["city_member"].emailed_at and rows["city_member3"].emailed_at
    assert IN_TRANSACTION and not any(IN_TRANSACTION)  # no transaction (and no row lock) while the server answers
    assert "failed" in caplog.text
    # The server accepts the address again: a retry sends the failed one only.
    flaky.clear()
    assert send_notification_emails.call([n.pk for n in notices]) == 1
    assert len(mail.outbox) == 3
    assert Notification.objects.get(pk=failed.pk).email_error == ""


@pytest.mark.django_db
def test_a_claimed_row_is_left_to_its_worker_until_the_claim_goes_stale(world, flaky):
    [notice] = _notices(world, ["city_member"])
    Notification.objects.filter(pk=notice.pk).update(email_claimed_at=timezone.now())
    mail.outbox = []
    assert send_notification_emails.call([notice.pk]) == 0
    Notification.objects.filter(pk=notice.pk).update(
        email_claimed_at=timezone.now() - STALE_CLAIM - dt.timedelta(minutes=1))
    assert send_notification_emails.call([notice.pk]) == 1
    assert send_notification_emails.call([notice.pk]) == 0
    assert len(mail.outbox) == 1
