"""The member's rating split into 办理态度, 沟通联系 and 办理结果 (the setting ``proposals.rating_parts``), the overall
rating derived from the three, the figures still counted per reply, and the migration of the ratings before."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from zhengxie.core.exceptions import DomainError
from zhengxie.proposals import services
from zhengxie.proposals.choices import overall_satisfaction
from zhengxie.proposals.models import Rating
from zhengxie.proposals.selectors import supervision_by_unit

from .helpers import evaluating, fresh

pytestmark = pytest.mark.django_db


def _split(world):
    world.city.settings["proposals.rating_parts"] = True
    world.city.save()


@pytest.mark.parametrize(("parts", "overall"), [
    (("satisfied", "satisfied", "satisfied"), "satisfied"),
    (("basically", "satisfied", "satisfied"), "basically"),
    (("dissatisfied", "dissatisfied", "satisfied"), "basically"),
    (("satisfied", "satisfied", "dissatisfied"), "dissatisfied"),
    (("basically", "basically", "basically"), "basically"),
])
def test_the_overall_rating_follows_from_the_three_parts(parts, overall):
    assert overall_satisfaction(*parts) == overall


def test_a_split_rating_stores_its_parts_and_the_derived_overall_value(world):
    _split(world)
    proposal, task = evaluating(world, cosigners=["city_member2"])
    rating = services.proposal_rate(actor=world.city_member, proposal=proposal, task=task, comment="",
                                    parts={"attitude": "satisfied", "communication": "basically", "result": "satisfied"})
    assert (rating.attitude, rating.communication, rating.result, rating.value) == (
        "satisfied", "basically", "satisfied", "basically")
    # a part missing is refused with the field named; the overall value alone is not enough
    with pytest.raises(DomainError) as refused:
        services.proposal_rate(actor=world.city_member2, proposal=fresh(proposal), task=task, value="satisfied",
                               parts={"attitude": "satisfied", "communication": "satisfied"})
    assert "result" in refused.value.errors
    # an unsatisfactory result is 不满意, which needs its reason as before
    with pytest.raises(DomainError):
        services.proposal_rate(actor=world.city_member2, proposal=fresh(proposal), task=task,
                               parts={"attitude": "satisfied", "communication": "satisfied", "result": "dissatisfied"})
    services.proposal_rate(actor=world.city_member2, proposal=fresh(proposal), task=task, comment="未解决",
                           parts={"attitude": "satisfied", "communication": "satisfied", "result": "dissatisfied"})
    # two ratings of one reply: the reply counts once, the least satisfied deciding
    (row,) = [r for r in supervision_by_unit(world.city) if r["unit"] == task.unit]
    assert (row["satisfied"], row["basically"], row["dissatisfied"]) == (0, 0, 1)


def test_without_the_setting_one_overall_rating_is_asked(world, client_as):
    proposal, task = evaluating(world)
    member = client_as(world.city_member)
    page = member.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "办理态度" not in page
    rating = services.proposal_rate(actor=world.city_member, proposal=proposal, task=task, value="satisfied")
    assert (rating.value, rating.result) == ("satisfied", "")


def test_the_member_rates_the_three_parts_on_the_page(world, client_as):
    _split(world)
    proposal, task = evaluating(world)
    member = client_as(world.city_member)
    page = member.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "办理态度" in page and "沟通联系" in page and "办理结果" in page
    prefix = f"t{task.pk}-rate"
    member.post(reverse("proposals:task_action", args=[task.pk, "rate"]), {
        f"{prefix}-attitude": "satisfied", f"{prefix}-communication": "satisfied", f"{prefix}-result": "basically",
        f"{prefix}-comment": ""})
    rating = Rating.objects.get(task=task)
    assert (rating.value, rating.result) == ("basically", "basically")
    page = member.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "办理结果 基本满意" in page


def test_the_migration_gives_the_earlier_ratings_their_value_in_each_part(world):
    proposal, task = evaluating(world)
    services.proposal_rate(actor=world.city_member, proposal=proposal, task=task, value="basically")
    Rating.objects.update(attitude="", communication="", result="")
    migration = importlib.import_module("zhengxie.proposals.migrations.0004_rating_parts")
    migration.parts_from_overall(django_apps, None)
    rating = Rating.objects.get(task=task)
    assert (rating.attitude, rating.communication, rating.result) == ("basically",) * 3
    assert overall_satisfaction(rating.attitude, rating.communication, rating.result) == rating.value
