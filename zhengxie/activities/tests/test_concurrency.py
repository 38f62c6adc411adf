"""300 members signing in within the same minute all land exactly once (threads against PostgreSQL)."""

import random

import pytest

from zhengxie.activities import tokens
from zhengxie.activities.choices import ActivityType
from zhengxie.activities.models import Participant, ParticipantEvent
from zhengxie.activities.services import participation
from zhengxie.core.models import Person, User
from zhengxie.core.tests.factories import MemberFactory
from zhengxie.core.tests.world import build_world

from .concurrent import hammer
from .factories import make_activity

MEMBERS = 300


@pytest.mark.postgres
def test_300_members_sign_in_in_the_same_minute_exactly_once(transactional_db):
    world = build_world()
    people = Person.objects.bulk_create([Person(name=f"委员{i:03d}", gender="M") for i in range(MEMBERS)])
    users = User.objects.bulk_create([User(username=f"load{i:03d}", person=p, default_organisation=world.city)
                                      for i, p in enumerate(people)])
    seats = [MemberFactory(person=p, organisation=world.city) for p in people]
    activity = make_activity(world.city, type=ActivityType.MEETING, members=seats)
    token = tokens.make_token(activity.pk)
    # every member scans twice (a double tap), all at once, in random order
    calls = [u for u in users for _ in range(2)]
    random.Random(7).shuffle(calls)
    outcomes = hammer(calls, lambda user: participation.participant_sign_in(actor=user, token=token),
                      refused_code="already_signed_in")
    assert outcomes["other"] == []
    assert outcomes["ok"] == MEMBERS and outcomes["refused"] == MEMBERS
    assert Participant.objects.filter(activity=activity, signed_in_at__isnull=False).count() == MEMBERS
    assert ParticipantEvent.objects.filter(participant__activity=activity, action="sign_in").count() == MEMBERS
