"""Questions to departments (知情问询): a member asks, the department answers within the due date, the answer is
public only if the member agreed, reminders reach the department once a day, overdue ones show on its workbench."""

import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Notification
from zhengxie.liaison import selectors, services
from zhengxie.liaison.choices import InquiryStatus
from zhengxie.liaison.models import Inquiry

from .factories import ask

pytestmark = pytest.mark.django_db


def test_a_member_asks_and_the_department_answers(world):
    question = ask(world)
    assert question.status == InquiryStatus.ASKED and question.due_on > dt.date.today()
    assert Notification.objects.filter(code="liaison.inquiry.asked", recipient=world.city_unit).exists()
    assert not Notification.objects.filter(code="liaison.inquiry.asked", recipient=world.city_unit2).exists()
    with pytest.raises(NotAllowed):
        services.inquiry_answer(actor=world.city_unit2, inquiry=question, answer="……")
    with pytest.raises(DomainError):
        services.inquiry_answer(actor=world.city_unit, inquiry=question, answer="  ")
    answered = services.inquiry_answer(actor=world.city_unit, inquiry=question, answer="今年新建学校3所。", public=True)
    assert answered.status == InquiryStatus.ANSWERED and answered.is_public
    assert Notification.objects.filter(code="liaison.inquiry.answered", recipient=world.city_member).exists()
    assert [t.action for t in answered.transitions.order_by("pk")] == ["ask", "answer"]


@pytest.mark.parametrize("who", ["city_office", "city_unit", "city_partygov", "city_leader", "city_body"])
def test_only_members_ask(world, who):
    with pytest.raises(NotAllowed):
        ask(world, who)


def test_bad_questions_are_refused_field_by_field(world):
    with pytest.raises(DomainError) as caught:
        ask(world, title="", unit="city2_unit0")
    assert set(caught.value.errors) == {"unit", "title"}


def test_publicity_follows_the_members_wish(world):
    private = ask(world, may_publish=False)
    answered = services.inquiry_answer(actor=world.city_unit, inquiry=private, answer="答复。", public=True)
    assert not answered.is_public
    with pytest.raises(DomainError):
        services.inquiry_set_public(actor=world.city_office, inquiry=answered, public=True)
    public = services.inquiry_answer(actor=world.city_unit, inquiry=ask(world, "city_member2"), answer="答复。")
    with pytest.raises(NotAllowed):
        services.inquiry_set_public(actor=world.city_member2, inquiry=public, public=True)
    assert services.inquiry_set_public(actor=world.city_office, inquiry=public, public=True).is_public

    def titles(who):
        return set(selectors.inquiries_visible_to(world.users[who], world.city).values_list("pk", flat=True))

    assert titles("city_member3") == {public.pk}
    assert titles("city_member") == {private.pk, public.pk}
    assert titles("city_unit2") == set()


def test_the_member_withdraws_before_the_answer(world):
    question = ask(world)
    with pytest.raises(NotAllowed):
        services.inquiry_withdraw(actor=world.city_member2, inquiry=question)
    assert services.inquiry_withdraw(actor=world.city_member, inquiry=question).status == InquiryStatus.WITHDRAWN


def test_reminders_once_a_day_and_overdue_on_the_workbench(world, client_as):
    from zhengxie.liaison.tasks import remind_inquiries

    soon, late, later = ask(world), ask(world, title="逾期问题"), ask(world, title="还早的问题")
    today = dt.date.today()
    Inquiry.objects.filter(pk=soon.pk).update(due_on=today + dt.timedelta(days=1))
    Inquiry.objects.filter(pk=late.pk).update(due_on=today - dt.timedelta(days=2))
    Inquiry.objects.filter(pk=later.pk).update(due_on=today + dt.timedelta(days=20))
    assert remind_inquiries.call() == 2
    assert remind_inquiries.call() == 0
    assert Notification.objects.filter(code="liaison.inquiry.reminder", recipient=world.city_unit).count() == 2
    assert list(selectors.overdue_inquiries(world.city_unit, world.city)) == [Inquiry.objects.get(pk=late.pk)]
    page = client_as(world.city_unit).get(reverse("core:workbench")).content.decode()
    assert "1 个问询已超过答复期限" in page and "3 个委员问询待答复" in page
