"""Knowledge contest pages: the question bank (with Excel import), contests, taking one, rankings."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.documents import XLSX_TYPE, excel_bytes, file_response
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.views.common import organisation_required, paginate, require, run_service

from .. import permissions, selectors
from ..forms import ContestForm, ImportForm, QuestionForm
from ..models import Attempt, Question
from ..services import contests as services


@organisation_required
def contest_list(request):
    org = request.organisation
    contests = list(selectors.contests_visible_to(request.user, org))
    taken = {a.contest_id: a for a in Attempt.objects.filter(contest__in=contests, user=request.user)}
    for contest in contests:
        contest.my_attempt = taken.get(contest.pk)
    return render(request, "activities/contest_list.html", {
        "contests": contests, "now": timezone.now(), "can_organise": permissions.can_organise(request.user, org)})


@require(permissions.can_organise)
def contest_edit(request, pk=None):
    org = request.organisation
    contest = selectors.contest_get_for_user(request.user, org, pk) if pk else None
    form = ContestForm(request.POST or None, instance=contest)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in ContestForm.Meta.fields}
        if contest:
            contest.refresh_from_db()
        result = run_service(request, lambda: services.contest_save(
            actor=request.user, organisation=org, data=data, contest=contest), success=_("The contest was saved."), form=form)
        if result:
            return redirect("activities:contest_detail", pk=result.pk)
    return render(request, "activities/contest_form.html", {"form": form, "contest": contest})


@organisation_required
def contest_detail(request, pk):
    contest = selectors.contest_get_for_user(request.user, request.organisation, pk)
    attempt = Attempt.objects.filter(contest=contest, user=request.user).first()
    ranking = selectors.ranking_by_member(contest)
    return render(request, "activities/contest_detail.html", {
        "contest": contest, "attempt": attempt, "is_open": contest.is_open(),
        "can_manage": permissions.can_organise(request.user, contest.organisation),
        "can_take": permissions.contest_seat(request.user, contest) is not None,
        "ranking": ranking[:20], "by_org": selectors.ranking_by_organisation(contest),
        "participants": ranking.count(), "bank_size": services.question_bank(contest, contest.category).count(),
    })


@organisation_required
@require_POST
def contest_publish(request, pk):
    contest = selectors.contest_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: services.contest_publish(actor=request.user, contest=contest),
                success=_("The contest was published."))
    return redirect("activities:contest_detail", pk=pk)


@organisation_required
@require_POST
def attempt_start(request, pk):
    contest = selectors.contest_get_for_user(request.user, request.organisation, pk)
    attempt = run_service(request, lambda: services.attempt_start(actor=request.user, contest=contest))
    if attempt:
        return redirect("activities:attempt", pk=attempt.pk)
    return redirect("activities:contest_detail", pk=pk)


def _my_attempt(request, pk) -> Attempt:
    attempt = get_object_or_404(Attempt.objects.select_related("contest__organisation", "member"), pk=pk)
    if attempt.user_id != request.user.pk:
        raise NotAllowed()
    return attempt


def _answers_from(request, attempt) -> dict:
    return {str(qid): request.POST.getlist(f"q{qid}") for qid in attempt.questions}


@organisation_required
def attempt_take(request, pk):
    attempt = _my_attempt(request, pk)
    if attempt.is_submitted:
        return redirect("activities:attempt_result", pk=pk)
    by_id = Question.objects.in_bulk(attempt.questions)
    questions = []
    for number, qid in enumerate(attempt.questions, start=1):
        q = by_id.get(qid)
        if q is not None:
            chosen = set(attempt.answers.get(str(qid), []))
            questions.append({"number": number, "q": q, "choices": [(i, services.LETTERS[i], c, i in chosen)
                                                                           for i, c in enumerate(q.choices)]})
    remaining = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
    return render(request, "activities/attempt.html", {"attempt": attempt, "questions": questions, "remaining": remaining})


@organisation_required
@require_POST
def attempt_save(request, pk):
    """htmx: the answers are kept as the member goes (a lost connection loses nothing)."""
    attempt = _my_attempt(request, pk)
    try:
        services.attempt_save(actor=request.user, attempt=attempt, answers=_answers_from(request, attempt))
    except DomainError as exc:
        return HttpResponse(str(exc))
    return HttpResponse(_("Saved at %(time)s") % {"time": timezone.localtime().strftime("%H:%M:%S")})


@organisation_required
@require_POST
def attempt_submit(request, pk):
    attempt = _my_attempt(request, pk)
    run_service(request, lambda: services.attempt_submit(actor=request.user, attempt=attempt,
                                                         answers=_answers_from(request, attempt)),
                success=_("Handed in."))
    return redirect("activities:attempt_result", pk=pk)


@organisation_required
def attempt_result(request, pk):
    attempt = _my_attempt(request, pk)
    if not attempt.is_submitted:
        return redirect("activities:attempt", pk=pk)
    by_id = Question.objects.in_bulk(attempt.questions)
    rows = []
    for number, qid in enumerate(attempt.questions, start=1):
        q = by_id.get(qid)
        if q is None:
            continue
        given = attempt.answers.get(str(qid), [])
        rows.append({"number": number, "q": q, "given": [q.choices[i] for i in given if i < len(q.choices)],
                     "right": [q.choices[i] for i in q.answer if i < len(q.choices)], "correct": given == q.answer})
    better = Attempt.objects.filter(contest=attempt.contest, submitted_at__isnull=False, score__gt=attempt.score).count()
    return render(request, "activities/attempt_result.html", {"attempt": attempt, "rows": rows, "rank": better + 1})


@organisation_required
def contest_ranking(request, pk):
    contest = selectors.contest_get_for_user(request.user, request.organisation, pk)
    by = "organisation" if request.GET.get("by") == "organisation" else "member"
    context = {"contest": contest, "by": by}
    if by == "member":
        context["page"] = paginate(request, selectors.ranking_by_member(contest), 50)
    else:
        context["rows"] = selectors.ranking_by_organisation(contest)
    return render(request, "activities/contest_ranking.html", context)


@require(permissions.can_organise)
def question_list(request):
    qs = Question.objects.filter(organisation=request.organisation).order_by("category", "-pk")
    category = request.GET.get("category", "")
    if category:
        qs = qs.filter(category=category)
    categories = (Question.objects.filter(organisation=request.organisation).exclude(category="")
                  .values_list("category", flat=True).distinct().order_by("category"))
    return render(request, "activities/question_list.html", {
        "page": paginate(request, qs, 30), "categories": categories, "category": category,
        "total": qs.count(), "import_form": ImportForm()})


@require(permissions.can_organise)
def question_edit(request, pk=None):
    question = get_object_or_404(Question, pk=pk, organisation=request.organisation) if pk else None
    initial = {}
    if question:
        initial = {"kind": question.kind, "text": question.text, "options": "\n".join(question.options),
                   "answer": "".join(services.LETTERS[i] for i in question.answer) if question.options
                   else ("对" if question.answer == [0] else "错"),
                   "explanation": question.explanation, "category": question.category}
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.question_save(
                actor=request.user, organisation=request.organisation, kind=d["kind"], text=d["text"],
                options=d["options"].splitlines(), answer=d["answer"], explanation=d["explanation"],
                category=d["category"], question=question), success=_("The question was saved."), form=form):
            return redirect("activities:questions")
    return render(request, "activities/question_form.html", {"form": form, "question": question})


@require(permissions.can_organise)
@require_POST
def question_toggle(request, pk):
    question = get_object_or_404(Question, pk=pk, organisation=request.organisation)
    run_service(request, lambda: services.question_set_active(actor=request.user, question=question,
                                                              active=not question.is_active))
    return redirect(request.POST.get("next") or "activities:questions")


@require(permissions.can_organise)
def question_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = {}
    if request.method == "POST" and form.is_valid():
        try:
            count = services.question_import(actor=request.user, organisation=request.organisation,
                                             upload=form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error(None, str(exc))
            row_errors = dict(sorted(exc.errors.items()))
        else:
            messages.success(request, _("%(n)d questions were imported.") % {"n": count})
            return redirect("activities:questions")
    return render(request, "activities/question_import.html", {"form": form, "row_errors": row_errors})


@require(permissions.can_organise)
def question_template(request):
    rows = [["单选", "人民政协是什么性质的组织？", "政治组织", "经济组织", "学术团体", "群众团体", "", "", "A", "", "政协知识"],
            ["多选", "政协的主要职能有哪些？", "政治协商", "民主监督", "参政议政", "行政审批", "", "", "ABC", "", "政协知识"],
            ["判断", "政协委员每届任期五年。", "", "", "", "", "", "", "对", "", "政协知识"]]
    content = excel_bytes([(h, 14 if h != "题目" else 40) for h in services.IMPORT_HEADERS], rows, title=_("Questions"))
    return file_response(content, _("question-import-template.xlsx"), XLSX_TYPE)
