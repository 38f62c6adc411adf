"""Writes on knowledge contests: the question bank (by hand and from Excel), contests, attempts and scoring."""

import datetime as dt
import random

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.documents import read_excel
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.services import audit_log
from zhengxie.core.workflow import lock_for_update
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_event

from .. import permissions
from ..choices import QuestionKind
from ..models import Attempt, Contest, Question
from ..workflow import CONTEST_WORKFLOW

#: Seconds after the deadline in which a submission still counts (the network of a phone is slow).
SUBMIT_GRACE = dt.timedelta(seconds=30)
LETTERS = "ABCDEF"


def _clean_question(kind: str, text: str, options: list[str], answer: str) -> tuple[list[str], list[int]]:
    """Options and the answer as indices, from the answer letters (ABD) or 对/错; raises ValueError with a
    translated message."""
    if kind not in QuestionKind.values:
        raise ValueError(gettext("Unknown kind of question."))
    if not (text or "").strip():
        raise ValueError(gettext("The question is empty."))
    answer = (answer or "").strip().upper().replace(",", "").replace("，", "").replace(" ", "")
    if kind == QuestionKind.TRUE_FALSE:
        truth = {"对": 0, "√": 0, "T": 0, "TRUE": 0, "正确": 0, "错": 1, "×": 1, "F": 1, "FALSE": 1, "错误": 1}
        if answer not in truth:
            raise ValueError(gettext("The answer of a true/false question is 对 or 错."))
        return [], [truth[answer]]
    options = [str(o).strip() for o in options if o is not None and str(o).strip()]
    if len(options) < 2:
        raise ValueError(gettext("A choice question needs at least two options."))
    if not answer or any(c not in LETTERS[:len(options)] for c in answer):
        raise ValueError(gettext("The answer must be option letters among %(letters)s.") % {
            "letters": LETTERS[:len(options)]})
    indices = sorted({LETTERS.index(c) for c in answer})
    if kind == QuestionKind.SINGLE and len(indices) != 1:
        raise ValueError(gettext("A single-choice question has exactly one answer."))
    if kind == QuestionKind.MULTIPLE and len(indices) < 2:
        raise ValueError(gettext("A multiple-choice question has at least two answers."))
    return options, indices


def question_save(*, actor, organisation, kind: str, text: str, options: list[str], answer: str,
                  explanation: str = "", category: str = "", question: Question | None = None) -> Question:
    if not permissions.can_organise(actor, organisation):
        raise NotAllowed()
    try:
        options, indices = _clean_question(kind, text, options, answer)
    except ValueError as exc:
        raise DomainError(str(exc), errors={"answer": str(exc)}) from exc
    with transaction.atomic():
        question = question or Question(organisation=organisation)
        question.kind, question.text, question.options, question.answer = kind, text.strip(), options, indices
        question.explanation, question.category = explanation.strip(), category.strip()[:60]
        question.save()
        audit_log(actor=actor, organisation=organisation, action="activities.question.saved", obj=question)
    return question


KIND_NAMES = {"单选": QuestionKind.SINGLE, "单选题": QuestionKind.SINGLE, "多选": QuestionKind.MULTIPLE,
              "多选题": QuestionKind.MULTIPLE, "判断": QuestionKind.TRUE_FALSE, "判断题": QuestionKind.TRUE_FALSE,
              **{k.value: k.value for k in QuestionKind}}
IMPORT_HEADERS = ["题型", "题目", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "分类"]


def question_import(*, actor, organisation, upload) -> int:
    """Import questions from an Excel sheet (the template's columns). Any row in error: nothing is imported, and
    every row's errors are listed (DomainError.errors: {row number: message})."""
    if not permissions.can_organise(actor, organisation):
        raise NotAllowed()
    rows = read_excel(upload, IMPORT_HEADERS, required={"题型", "题目", "答案"})
    questions, errors = [], {}
    for row in rows:
        v = row.values
        kind = KIND_NAMES.get(str(v.get("题型") or "").strip())
        try:
            if kind is None:
                raise ValueError(gettext("The kind must be 单选, 多选 or 判断."))
            options, indices = _clean_question(kind, str(v.get("题目") or ""),
                                               [v.get(f"选项{c}") for c in LETTERS], str(v.get("答案") or ""))
        except ValueError as exc:
            errors[row.number] = gettext("Row %(n)d: %(error)s") % {"n": row.number, "error": exc}
            continue
        questions.append(Question(organisation=organisation, kind=kind, text=str(v["题目"]).strip(), options=options,
                                  answer=indices, explanation=str(v.get("解析") or "").strip(),
                                  category=str(v.get("分类") or "").strip()[:60]))
    if errors:
        raise DomainError(_("Nothing was imported: correct the rows below and import the file again."),
                          errors=errors, code="import_rows")
    if not questions:
        raise DomainError(_("The file holds no questions."))
    with transaction.atomic():
        Question.objects.bulk_create(questions, batch_size=1000)
        audit_log(actor=actor, organisation=organisation, action="activities.question.imported",
                  changes={"count": len(questions)})
    return len(questions)


def question_set_active(*, actor, question: Question, active: bool) -> Question:
    if not permissions.can_organise(actor, question.organisation):
        raise NotAllowed()
    with transaction.atomic():
        question.is_active = active
        question.save(update_fields=["is_active"])
        audit_log(actor=actor, organisation=question.organisation, action="activities.question.toggled",
                  obj=question, changes={"active": active})
    return question


CONTEST_FIELDS = ["title", "description", "opens_at", "closes_at", "time_limit_minutes", "question_count",
                  "category", "include_lower_levels"]


def question_bank(contest_or_org, category: str = ""):
    organisation = getattr(contest_or_org, "organisation", contest_or_org)
    qs = Question.objects.filter(organisation=organisation, is_active=True)
    return qs.filter(category=category) if category else qs


def contest_save(*, actor, organisation, data: dict, contest: Contest | None = None) -> Contest:
    if not permissions.can_organise(actor, organisation):
        raise NotAllowed()
    data = {k: data[k] for k in CONTEST_FIELDS if k in data}
    if data["closes_at"] <= data["opens_at"]:
        raise DomainError(_("The contest must close after it opens."), errors={"closes_at": gettext("Too early.")})
    with transaction.atomic():
        if contest is not None:
            contest = lock_for_update(Contest.objects.all(), contest.pk)
            CONTEST_WORKFLOW.target("update", contest.status)
        contest = contest or Contest(organisation=organisation, created_by=actor)
        for key, value in data.items():
            setattr(contest, key, value)
        contest.save()
        audit_log(actor=actor, organisation=organisation, action="activities.contest.saved", obj=contest)
    return contest


def contest_publish(*, actor, contest: Contest) -> Contest:
    if not permissions.can_organise(actor, contest.organisation):
        raise NotAllowed()
    with transaction.atomic():
        contest = lock_for_update(Contest.objects.all(), contest.pk)
        target = CONTEST_WORKFLOW.target("publish", contest.status)
        available = question_bank(contest, contest.category).count()
        if available < contest.question_count:
            raise DomainError(_("The question bank has %(n)d questions for this contest; it draws %(m)d.") % {
                "n": available, "m": contest.question_count}, code="too_few_questions")
        contest.status = target
        contest.save(update_fields=["status"])
        audit_log(actor=actor, organisation=contest.organisation, action="activities.contest.published", obj=contest)
    return contest


def attempt_start(*, actor, contest: Contest) -> Attempt:
    """Start (or resume) the member's attempt: questions are drawn at random for them."""
    seat = permissions.contest_seat(actor, contest)
    if seat is None:
        raise NotAllowed(_("This contest is for the members of %(org)s.") % {"org": contest.organisation.short_name})
    existing = Attempt.objects.filter(contest=contest, member__person_id=actor.person_id).first()
    if existing is not None:
        if existing.is_submitted:
            raise DomainError(_("You have already taken this contest."), code="already_taken")
        return existing
    now = timezone.now()
    if not contest.is_open(now):
        raise DomainError(_("The contest is not open now."), code="contest_closed")
    ids = list(question_bank(contest, contest.category).values_list("pk", flat=True))
    drawn = random.SystemRandom().sample(ids, min(contest.question_count, len(ids)))
    deadline = min(now + dt.timedelta(minutes=contest.time_limit_minutes), contest.closes_at)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(contest=contest, member=seat, user=actor, started_at=now,
                                             deadline=deadline, questions=drawn)
            audit_log(actor=actor, organisation=seat.organisation, action="activities.attempt.started", obj=contest)
    except IntegrityError:  # started twice at once
        attempt = Attempt.objects.get(contest=contest, member=seat)
    return attempt


def _clean_answers(attempt, answers: dict) -> dict:
    allowed = {str(q) for q in attempt.questions}
    return {str(k): sorted({int(i) for i in v}) for k, v in answers.items() if str(k) in allowed and v}


def attempt_save(*, actor, attempt: Attempt, answers: dict) -> Attempt:
    """Keep the answers given so far (the page saves them as the member goes)."""
    if attempt.user_id != actor.pk:
        raise NotAllowed()
    with transaction.atomic():
        attempt = lock_for_update(Attempt.objects.all(), attempt.pk)
        if attempt.is_submitted or timezone.now() > attempt.deadline + SUBMIT_GRACE:
            raise DomainError(_("Time is up: the answers can no longer be changed."), code="time_up")
        attempt.answers = _clean_answers(attempt, answers)
        attempt.save(update_fields=["answers"])
    return attempt


def attempt_submit(*, actor, attempt: Attempt, answers: dict | None = None) -> Attempt:
    """Hand in: the score is computed and the participation counts in the duty record. Answers sent after the
    time limit are not taken; the ones saved before it are scored."""
    if actor is not None and attempt.user_id != actor.pk:
        raise NotAllowed()
    with transaction.atomic():
        attempt = lock_for_update(Attempt.objects.select_related("contest", "member"), attempt.pk)
        if attempt.is_submitted:
            raise DomainError(_("This attempt was already handed in."), code="already_submitted")
        now = timezone.now()
        if answers is not None and now <= attempt.deadline + SUBMIT_GRACE:
            attempt.answers = _clean_answers(attempt, answers)
        _score(attempt)
        attempt.submitted_at = max(attempt.started_at, min(now, attempt.deadline))
        attempt.seconds_used = int((attempt.submitted_at - attempt.started_at).total_seconds())
        attempt.save(update_fields=["answers", "correct_count", "score", "submitted_at", "seconds_used"])
        record_duty_event(member=attempt.member, kind=DutyEventKind.CONTEST_TAKEN, source=attempt.contest,
                          occurred_at=attempt.submitted_at, attributes={"score": attempt.score},
                          title=attempt.contest.title, actor=actor)
        audit_log(actor=actor, organisation=attempt.member.organisation, action="activities.attempt.submitted",
                  obj=attempt.contest, changes={"score": attempt.score})
    return attempt


def _score(attempt) -> None:
    answers = {q.pk: q.answer for q in Question.objects.filter(pk__in=attempt.questions)}
    correct = sum(1 for qid in attempt.questions if attempt.answers.get(str(qid)) == answers.get(qid))
    attempt.correct_count = correct
    attempt.score = round(100 * correct / len(attempt.questions)) if attempt.questions else 0


def attempts_finalise_expired(now: dt.datetime | None = None) -> int:
    """Hand in the attempts whose time ran out without being handed in (the daily job)."""
    now = now or timezone.now()
    count = 0
    for attempt in Attempt.objects.filter(submitted_at__isnull=True, deadline__lt=now - SUBMIT_GRACE):
        try:
            attempt_submit(actor=None, attempt=attempt)
        except DomainError:
            continue
        count += 1
    return count


