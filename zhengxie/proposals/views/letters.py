"""Member letters (委员来信): proposals converted with the proposer's consent, forwarded to a unit, answered."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhengxie.core.views.common import organisation_required, paginate, run_service

from .. import permissions, selectors, services
from ..choices import LetterStatus
from ..forms import LetterAnswerForm, LetterForwardForm


@organisation_required
def letter_list(request):
    qs = selectors.letters_visible_to(request.user, request.organisation)
    status = request.GET.get("status")
    if status in LetterStatus.values:
        qs = qs.filter(status=status)
    return render(request, "proposals/letters.html", {"page": paginate(request, qs, 30), "status": status,
                                                      "statuses": LetterStatus.choices})


@organisation_required
def letter_detail(request, pk):
    org = request.organisation
    letter = selectors.letters_visible_to(request.user, org).filter(pk=pk).first()
    if letter is None:
        raise Http404
    is_office = permissions.is_office(request.user, org)
    may_answer = letter.status == LetterStatus.FORWARDED and (
        is_office or letter.unit_id in permissions.unit_ids(request.user, org))
    forward_form = LetterForwardForm(request.POST if "forward" in request.POST else None, organisation=org,
                                     initial={"version": letter.version, "unit": letter.unit_id})
    answer_form = LetterAnswerForm(request.POST if "answer" in request.POST else None, initial={"version": letter.version})
    if request.method == "POST":
        if "forward" in request.POST and is_office and forward_form.is_valid():
            d = forward_form.cleaned_data
            if run_service(request, lambda: services.letter_forward(actor=request.user, letter=letter, unit=d["unit"],
                                                                    note=d["note"], version=d["version"]),
                           success=_("The letter was forwarded."), form=forward_form):
                return redirect("proposals:letter", pk=letter.pk)
        elif "answer" in request.POST and may_answer and answer_form.is_valid():
            d = answer_form.cleaned_data
            if run_service(request, lambda: services.letter_answer(actor=request.user, letter=letter, answer=d["answer"],
                                                                   version=d["version"]),
                           success=_("The answer was recorded."), form=answer_form):
                return redirect("proposals:letter", pk=letter.pk)
    return render(request, "proposals/letter.html", {
        "letter": letter, "is_office": is_office, "may_answer": may_answer,
        "forward_form": forward_form, "answer_form": answer_form,
    }, status=400 if request.method == "POST" else 200)
