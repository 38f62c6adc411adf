"""The demo generator on the tests' small world (天水 is ``city``, 酒泉 ``city2``; one B reply accepted in 天水 stands
for the proposals' demo): Tianshui's key tasks with a few late items escalated, the promise of the B reply, the seed's
investment figures (3 signed for ¥1.18 bn, the ¥210 m one choosing a site), the coordination group, the 建议案.
The whole generator (every app's part) runs once in ``core/tests/test_setup.py``; this test reads what it makes
without loading the county-scale demo again."""

import random

import pytest
from django.db.models import Sum
from django.utils import timezone

from zhengxie.core.demo import DemoContext
from zhengxie.core.models import Member
from zhengxie.proposals import services as proposal_services
from zhengxie.proposals.tests.helpers import handling, reply
from zhengxie.worklists.choices import ItemStatus, ProjectStage, RecommendationStatus
from zhengxie.worklists.models import CoordinationGroup, InvestmentProject, Item, Recommendation

pytestmark = pytest.mark.django_db


def _context(world) -> DemoContext:
    ctx = DemoContext(scale="county", rng=random.Random(1), now=timezone.now())
    ctx.org_by_slug = {"ts": world.city, "jq": world.city2}
    ctx.orgs = list(ctx.org_by_slug.values())
    # Three seats per organisation in the world; the generator picks the sixth and later ones for its projects.
    ctx.members = {o.pk: list(Member.objects.filter(organisation=o).order_by("pk")) * 4 for o in ctx.orgs}
    ctx.units = {o.pk: list(o.handling_units.order_by("pk")) for o in ctx.orgs}
    for slug, key in (("ts", "city"), ("jq", "city2")):
        for role in ("office", "leader", "partygov"):
            ctx.accounts[f"{slug}_{role}"] = world.users[f"{key}_{role}"]
        ctx.accounts[f"{slug}_unit"] = world.users[f"{key}_unit2"]  # the staff of the second unit (units[1])
    return ctx


def test_demo_generator_in_the_seeds_proportions(world):
    from zhengxie.worklists import demo

    _proposal, (task,) = handling(world)
    task = reply(world, task, category="B", text="已列入2026年城建计划，年底前完成改造。")
    proposal_services.reply_accept(
        actor=world.city_proposal, task=task
    )  # its hook is not run: the demo tracks it
    demo.generate(_context(world))

    tianshui = Item.objects.filter(organisation=world.city)
    assert tianshui.filter(work_list__kind__key="key_tasks").count() == 9
    assert tianshui.filter(work_list__kind__key="consultation_plan").count() == 3
    promise = tianshui.get(is_commitment=True, source_kind="proposal_reply")
    assert (promise.unit, promise.work_list.kind.key) == (world.city_unit0, "commitments")
    assert world.city_member in promise.followers.all()
    late = tianshui.filter(status=ItemStatus.BEHIND, escalated_at__isnull=False)
    assert late.count() >= 2 and tianshui.filter(status=ItemStatus.DONE).exists()
    assert all(i.transitions.filter(action="escalate").exists() for i in late)
    assert Item.objects.filter(organisation=world.city2, work_list__kind__key="key_tasks").count() == 8

    signed = InvestmentProject.objects.filter(organisation=world.city, signed_on__isnull=False)
    assert signed.count() == 3 and signed.aggregate(s=Sum("amount_signed"))["s"] == 118000
    site = InvestmentProject.objects.get(organisation=world.city, stage=ProjectStage.SITE_CHOSEN)
    assert (site.amount_planned, site.signed_on) == (21000, None)

    group = CoordinationGroup.objects.get(organisation=world.city)
    assert group.memberships.count() == 3 and group.issues.exists()
    assert not CoordinationGroup.objects.filter(organisation=world.city2).exists()
    for org in (world.city, world.city2):
        assert Recommendation.objects.filter(organisation=org).exists()
    tracked = Recommendation.objects.filter(status=RecommendationStatus.TRACKED)
    assert Item.objects.filter(source_kind="recommendation").count() == tracked.count() >= 1
