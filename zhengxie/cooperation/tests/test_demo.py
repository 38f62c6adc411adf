"""The demo generator on the small world (Jiuquan is ``city2``, one of its counties stands for 玉门): the alliances,
the 40 experts, the joint rounds with every organiser's own activity, the account of an expert."""

import datetime as dt
import random

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from zhengxie.core.demo import DemoContext
from zhengxie.core.models import Member

pytestmark = pytest.mark.django_db


def test_demo_generator_makes_the_seed_s_cooperation(world):
    from zhengxie.cooperation import demo
    from zhengxie.cooperation.models import Alliance, Contribution, Expert, JointActivity, JointOrganiser

    ctx = DemoContext(scale="province", rng=random.Random(1), now=timezone.now())
    ctx.org_by_slug = {"jq": world.city2, "ts": world.city, "ym": world.county2}
    ctx.orgs = list(ctx.org_by_slug.values())
    ctx.members = {o.pk: list(Member.objects.filter(organisation=o)) for o in ctx.orgs}
    ctx.accounts = {"jq_office": world.city2_office, "ts_office": world.city_office,
                    "ym_office": world.county2_office}
    ctx.password_hash = make_password("demo")
    demo.generate(ctx)
    assert Alliance.objects.filter(organisation=world.city2).count() == 2
    assert Expert.objects.filter(organisation=world.city2).count() == 40
    joints = JointActivity.objects.filter(organisation=world.city2)
    assert joints.count() == 12 and joints.filter(status="reported").count() == 10
    assert not JointOrganiser.objects.filter(activity__isnull=True).exists()  # every organiser has its activity
    assert JointOrganiser.objects.filter(organisation=world.city).count() == 2  # two rounds with Tianshui
    assert Contribution.objects.filter(adopted_at__isnull=False).exists()
    expert = Expert.objects.get(user__username="jq_expert")
    assert expert.invitations.filter(response="invited").exists()
    assert all(j.reported_at.date() >= j.starts_on for j in joints.filter(status="reported"))
    assert joints.filter(starts_on__gt=timezone.localdate() + dt.timedelta(days=1)).count() == 1
    from zhengxie.cooperation.models import SharedDeliberation

    shared = SharedDeliberation.objects.get()  # the alliance's deliberation, open to 酒泉's and 天水's members
    assert shared.alliance.organisation == world.city2 and shared.topic.status == "published"
    assert set(shared.topic.committees.values_list("organisation", flat=True)) == {world.city.pk, world.city2.pk}
