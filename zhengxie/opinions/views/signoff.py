"""Pages of the bulletin's review steps (审核) and of its 红头 template."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.views.common import organisation_required, posted_version, require, run_service

from .. import permissions, selectors, signoff
from ..forms import BulletinReviewForm, BulletinTemplateForm
from ..models import BulletinIssue


@organisation_required
@require_POST
def bulletin_review(request, pk):
    issue = selectors.bulletin_get_for_user(request.user, request.organisation, pk)
    form = BulletinReviewForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    run_service(request, lambda: signoff.bulletin_review(actor=request.user, bulletin=issue, comment=comment,
                                                         version=posted_version(request)),
                success=_("Your review was recorded; the issue goes to the next step."))
    return redirect("opinions:bulletin_detail", pk=pk)


@require(permissions.can_edit_bulletin_template)
def bulletin_template(request):
    org = request.organisation
    current = signoff.template_of(org)
    initial = {k: getattr(current, k) for k in signoff.TEMPLATE_FIELDS}
    own = current.pk is not None and current.organisation_id == org.pk
    initial["version"] = current.version if own else None
    form = BulletinTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(request, lambda: signoff.bulletin_template_save(
            actor=request.user, organisation=org, values=form.cleaned_data, version=form.cleaned_data["version"]),
            success=_("The bulletin template was saved: the next Word and PDF use it."), form=form)
        if saved:
            return redirect("opinions:bulletin_template")
    elif request.method == "POST":
        messages.error(request, _("Correct the fields marked below."))
    preview = BulletinIssue(organisation=org, year=2026, number=15, serial=236)
    return render(request, "opinions/bulletin_template.html", {
        "form": form, "template": current, "own": own,
        "preview_number": signoff.issue_number(current, preview) if "{" in current.numbering else current.numbering})
