"""Each member's vote counts once when every member taps twice at the same moment (threads against PostgreSQL)."""

import random

import pytest
from django.utils import timezone

from zhengxie.activities.models import Motion, VoteCast
from zhengxie.activities.services import voting
from zhengxie.core.models import Person, User
from zhengxie.core.tests.factories import MemberFactory
from zhengxie.core.tests.world import build_world

from .concurrent import hammer
from .factories import make_activity

MEMBERS = 30


@pytest.mark.postgres
@pytest.mark.parametrize("secret", [False, True])
def test_each_members_vote_counts_once_under_concurrent_taps(transactional_db, secret):
    world = build_world()
    people = Person.objects.bulk_create([Person(name=f"常委{i:02d}", gender="M") for i in range(MEMBERS)])
    users = User.objects.bulk_create([User(username=f"voter{i:02d}", person=p, default_organisation=world.city)
                                      for i, p in enumerate(people)])
    seats = [MemberFactory(person=p, organisation=world.city) for p in people]
    activity = make_activity(world.city, members=seats)
    activity.participants.update(signed_in_at=timezone.now())
    motion = voting.motion_create(actor=world.city_office, activity=activity, kind="resolution",
                                  title="关于常委会工作报告的决议（草案）", secret=secret)
    voting.motion_open(actor=world.city_office, motion=motion)
    choices = {u.pk: random.Random(u.pk).choice(["yes", "no", "abstain"]) for u in users}
    calls = [u for u in users for _ in range(2)]
    random.Random(11).shuffle(calls)
    outcomes = hammer(calls, lambda user: voting.vote_cast(
        actor=User.objects.get(pk=user.pk), motion=Motion.objects.get(pk=motion.pk), choice=choices[user.pk]),
        refused_code="already_voted", workers=12)
    assert outcomes["other"] == []
    assert outcomes["ok"] == MEMBERS and outcomes["refused"] == MEMBERS
    motion.refresh_from_db()
    assert VoteCast.objects.filter(motion=motion).count() == MEMBERS
    assert (motion.yes_count, motion.no_count, motion.abstain_count) == tuple(
        list(choices.values()).count(c) for c in ("yes", "no", "abstain"))
    assert VoteCast.objects.filter(motion=motion).exclude(choice="").exists() is not secret
