"""Knowledge contests: the question bank and its Excel import, drawing, time limit, scoring, rankings."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities.models import Attempt, Question
from zhengxie.activities.services import contests as services
from zhengxie.core.documents import excel_bytes
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import bytes_upload
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.models import DutyEvent

pytestmark = pytest.mark.django_db


def sheet(rows):
    return bytes_upload(excel_bytes([(h, 10) for h in services.IMPORT_HEADERS], rows), "题库.xlsx")


def bank(world, n=6):
    for i in range(n):
        services.question_save(actor=world.city_office, organisation=world.city, kind="single", text=f"第{i}题",
                               options=["甲", "乙", "丙"], answer="B")


def make_contest(world, *, count=5, minutes=10, publish=True, lower=True):
    now = timezone.now()
    contest = services.contest_save(actor=world.city_office, organisation=world.city, data={
        "title": "抓学习促提升知识竞赛", "description": "", "opens_at": now - dt.timedelta(hours=1),
        "closes_at": now + dt.timedelta(days=3), "time_limit_minutes": minutes, "question_count": count,
        "category": "", "include_lower_levels": lower})
    return services.contest_publish(actor=world.city_office, contest=contest) if publish else contest


def test_excel_import_lists_every_bad_row_and_imports_nothing(world):
    bad = sheet([["单选", "题一", "甲", "乙", "", "", "", "", "C", "", ""],
                 ["多选", "题二", "甲", "乙", "丙", "", "", "", "A", "", ""],
                 ["填空", "题三", "", "", "", "", "", "", "x", "", ""],
                 ["判断", "题四", "", "", "", "", "", "", "对", "", "常识"]])
    with pytest.raises(DomainError) as exc:
        services.question_import(actor=world.city_office, organisation=world.city, upload=bad)
    assert sorted(exc.value.errors) == [2, 3, 4]
    assert Question.objects.count() == 0
    good = sheet([["单选", "题一", "甲", "乙", "", "", "", "", "b", "", ""],
                  ["多选", "题二", "甲", "乙", "丙", "", "", "", "A,C", "", ""],
                  ["判断", "题四", "", "", "", "", "", "", "错", "解析", "常识"]])
    assert services.question_import(actor=world.city_office, organisation=world.city, upload=good) == 3
    answers = list(Question.objects.order_by("pk").values_list("kind", "answer"))
    assert answers == [("single", [1]), ("multiple", [0, 2]), ("true_false", [1])]
    with pytest.raises(NotAllowed):
        services.question_import(actor=world.city_member, organisation=world.city, upload=good)


def test_publish_needs_enough_questions(world):
    bank(world, 3)
    contest = make_contest(world, count=5, publish=False)
    with pytest.raises(DomainError):
        services.contest_publish(actor=world.city_office, contest=contest)


def test_attempt_draws_scores_and_counts(world):
    bank(world)
    contest = make_contest(world)
    attempt = services.attempt_start(actor=world.city_member, contest=contest)
    assert len(attempt.questions) == 5 and len(set(attempt.questions)) == 5
    assert services.attempt_start(actor=world.city_member, contest=contest).pk == attempt.pk  # resumes
    with pytest.raises(NotAllowed):
        services.attempt_save(actor=world.city_member2, attempt=attempt, answers={})
    answers = {str(q): [1] for q in attempt.questions[:3]} | {str(q): [0] for q in attempt.questions[3:]}
    services.attempt_save(actor=world.city_member, attempt=attempt, answers=answers)
    attempt = services.attempt_submit(actor=world.city_member, attempt=attempt, answers=answers)
    assert attempt.correct_count == 3 and attempt.score == 60
    event = DutyEvent.objects.get(kind=K.CONTEST_TAKEN)
    assert event.member == world.members["city_member"] and event.attributes == {"score": 60}
    with pytest.raises(DomainError):
        services.attempt_start(actor=world.city_member, contest=contest)
    with pytest.raises(DomainError):
        services.attempt_submit(actor=world.city_member, attempt=attempt, answers=answers)


def test_answers_after_the_time_limit_are_not_taken(world):
    bank(world)
    contest = make_contest(world)
    attempt = services.attempt_start(actor=world.city_member, contest=contest)
    right = {str(q): [1] for q in attempt.questions}
    services.attempt_save(actor=world.city_member, attempt=attempt, answers={str(attempt.questions[0]): [1]})
    Attempt.objects.filter(pk=attempt.pk).update(started_at=timezone.now() - dt.timedelta(minutes=15),
                                                 deadline=timezone.now() - dt.timedelta(minutes=5))
    attempt.refresh_from_db()
    with pytest.raises(DomainError):
        services.attempt_save(actor=world.city_member, attempt=attempt, answers=right)
    attempt = services.attempt_submit(actor=world.city_member, attempt=attempt, answers=right)
    assert attempt.correct_count == 1


def test_expired_attempts_are_handed_in_by_the_daily_job(world):
    bank(world)
    contest = make_contest(world)
    attempt = services.attempt_start(actor=world.city_member, contest=contest)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=timezone.now() - dt.timedelta(minutes=15),
                                                 deadline=timezone.now() - dt.timedelta(minutes=5))
    assert services.attempts_finalise_expired() == 1
    assert Attempt.objects.get(pk=attempt.pk).submitted_at is not None
    assert services.attempts_finalise_expired() == 0


def test_system_wide_contest_and_rankings(world, client_as):
    bank(world)
    contest = make_contest(world)
    county = services.attempt_start(actor=world.county_member, contest=contest)
    assert county.member == world.members["county_member"]
    with pytest.raises(NotAllowed):
        services.attempt_start(actor=world.city2_member, contest=contest)  # another city
    services.attempt_submit(actor=world.county_member, attempt=county, answers={str(q): [1] for q in county.questions})
    mine = services.attempt_start(actor=world.city_member, contest=contest)
    services.attempt_submit(actor=world.city_member, attempt=mine, answers={})
    client = client_as(world.city_office)
    by_member = client.get(reverse("activities:contest_ranking", args=[contest.pk])).content.decode()
    assert by_member.index("秦州member") < by_member.index("天水member")
    by_org = client.get(reverse("activities:contest_ranking", args=[contest.pk]) + "?by=organisation").content.decode()
    assert "秦州区政协" in by_org and "天水市政协" in by_org
    county_client = client_as(world.county_member)
    assert contest.title in county_client.get(reverse("activities:contests")).content.decode()
    assert county_client.get(reverse("activities:contest_detail", args=[contest.pk])).status_code == 200
    assert client_as(world.city2_member).get(reverse("activities:contest_detail", args=[contest.pk])).status_code == 404
    local = make_contest(world, lower=False)
    assert client_as(world.county_member).get(reverse("activities:contest_detail", args=[local.pk])).status_code == 404
    with pytest.raises(NotAllowed):
        services.attempt_start(actor=world.county_member, contest=local)


def test_taking_a_contest_through_the_pages(world, client_as):
    bank(world)
    contest = make_contest(world)
    member = client_as(world.city_member)
    assert member.get(reverse("activities:contest_detail", args=[contest.pk])).status_code == 200
    response = member.post(reverse("activities:attempt_start", args=[contest.pk]))
    attempt = Attempt.objects.get(user=world.city_member)
    assert response.url == reverse("activities:attempt", args=[attempt.pk])
    assert member.get(response.url).status_code == 200
    data = {f"q{q}": "1" for q in attempt.questions}
    assert member.post(reverse("activities:attempt_save", args=[attempt.pk]), data).status_code == 200
    attempt.refresh_from_db()
    assert attempt.answers == {str(q): [1] for q in attempt.questions}
    member.post(reverse("activities:attempt_submit", args=[attempt.pk]), data)
    attempt.refresh_from_db()
    assert attempt.score == 100
    assert member.get(reverse("activities:attempt_result", args=[attempt.pk])).status_code == 200
    assert client_as(world.city_member2).get(reverse("activities:attempt_result", args=[attempt.pk])).status_code == 403


def test_question_bank_pages_for_staff_only(world, client_as):
    bank(world, 2)
    assert client_as(world.city_office).get(reverse("activities:questions")).status_code == 200
    assert client_as(world.city_member).get(reverse("activities:questions")).status_code == 403
    template = client_as(world.city_office).get(reverse("activities:question_template"))
    assert template.status_code == 200 and template.content[:2] == b"PK"
    draft = make_contest(world, count=2, publish=False)
    assert client_as(world.city_member).get(reverse("activities:contest_detail", args=[draft.pk])).status_code == 404
