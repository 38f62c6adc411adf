"""The one transition call (``core.transitions``): the right, the table, the version, the history row and the
audit entry, together — shown on a bulletin issue (any app's row behaves the same)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from zhengxie.core import transitions
from zhengxie.core.exceptions import ConcurrentChange, InvalidTransition, NotAllowed
from zhengxie.core.models import AuditEntry
from zhengxie.opinions.bulletins import bulletin_create
from zhengxie.opinions.choices import BulletinStatus
from zhengxie.opinions.models import BulletinIssue, BulletinTransition
from zhengxie.opinions.workflow import BULLETIN_WORKFLOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin(world):
    return bulletin_create(actor=world.county_info, organisation=world.county)


def _submit(bulletin, actor, **kwargs):
    return transitions.transition(bulletin, "submit", workflow=BULLETIN_WORKFLOW, actor=actor,
                                  history=BulletinTransition, history_for={"bulletin": bulletin},
                                  audit="opinions.bulletin.submitted", **kwargs)


def test_one_call_moves_the_state_bumps_the_version_and_writes_history_and_audit(world, bulletin):
    locked = transitions.lock(BulletinIssue, bulletin, version=bulletin.version)
    before = locked.version
    assert _submit(locked, world.county_info, comment="送签", data={"n": 1}) == BulletinStatus.DRAFT
    saved = BulletinIssue.objects.get(pk=bulletin.pk)
    assert (saved.status, saved.version) == (BulletinStatus.PENDING, before + 1)
    row = BulletinTransition.objects.filter(bulletin=bulletin, action="submit").get()
    assert (row.from_state, row.to_state, row.actor, row.comment, row.data) == (
        BulletinStatus.DRAFT, BulletinStatus.PENDING, world.county_info, "送签", {"n": 1})
    entry = AuditEntry.objects.filter(action="opinions.bulletin.submitted", object_id=str(bulletin.pk)).get()
    assert entry.changes == {"from": "draft", "to": "pending", "comment": "送签", "n": 1}


def test_refusals_write_nothing(world, bulletin):
    with pytest.raises(NotAllowed):
        _submit(bulletin, world.county_member, allowed=False)
    with pytest.raises(InvalidTransition):
        transitions.transition(bulletin, "sign_off", workflow=BULLETIN_WORKFLOW, actor=world.county_info,
                               history=BulletinTransition, history_for={"bulletin": bulletin}, audit="x.y.z")
    assert BulletinIssue.objects.get(pk=bulletin.pk).status == BulletinStatus.DRAFT
    assert not BulletinTransition.objects.filter(bulletin=bulletin).exclude(action="create").exists()
    with pytest.raises(ConcurrentChange):
        transitions.lock(BulletinIssue, bulletin, version=bulletin.version + 1)


def test_an_anonymous_actor_is_stored_as_nobody_and_data_as_json(world, bulletin):
    import datetime as dt
    from decimal import Decimal

    _submit(bulletin, AnonymousUser(), data={"on": dt.date(2026, 3, 1), "points": Decimal("1.5")})
    row = BulletinTransition.objects.get(bulletin=bulletin, action="submit")
    assert row.actor is None
    assert row.data == {"on": "2026-03-01", "points": "1.5"}


def test_the_right_is_checked_before_the_version(world, bulletin):
    """Someone who may not act at all is refused (403), never told the row changed (409)."""
    stale = bulletin.version + 5
    with pytest.raises(NotAllowed, match="编辑"):
        transitions.lock(BulletinIssue, bulletin, version=stale, allowed=lambda row: False, refused="只有编辑可以操作")
    with pytest.raises(ConcurrentChange):
        transitions.lock(BulletinIssue, bulletin, version=stale, allowed=lambda row: row.pk == bulletin.pk)
