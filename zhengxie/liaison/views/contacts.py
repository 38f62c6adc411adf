"""Pages of contact duties (联系制度): the assignments (a member's own on a phone; all of them for the office and the
leaders), an assignment with its contacts, when each was last visited and the visits logged, the form that logs a
visit or a talk, the follow-up of what was raised, the office's form."""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core import permissions as core_permissions
from zhengxie.core.org_settings import get_setting
from zhengxie.core.views.common import organisation_required, paginate, posted_version, require, run_service
from zhengxie.opinions.views import history_rows

from .. import permissions, selectors, services
from ..choices import AssignmentStatus
from ..forms import AssignmentFilterForm, AssignmentForm, ContactsFields, FollowUpForm, VisitForm
from ..org_settings import CONTACT_DAYS
from ..workflow import ASSIGNMENT_WORKFLOW


def _tabs(user, org) -> list[str]:
    tabs = []
    if core_permissions.current_member(user, org) is not None:
        tabs.append("mine")
    if (permissions.sees_all_contacts(user, org) or permissions.manages_contacts(user, org)):
        tabs.append("all")
    return tabs


@require(permissions.can_use_contacts)
def assignment_list(request):
    user, org = request.user, request.organisation
    tabs = _tabs(user, org)
    tab = request.GET.get("tab") if request.GET.get("tab") in tabs else tabs[0]
    form = AssignmentFilterForm(request.GET or None)
    qs = selectors.assignments_visible_to(user, org)
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.assignment_search(qs, kind=d.get("kind", ""), status=d.get("status", ""), q=d.get("q", ""),
                                     mine_of=user if tab == "mine" else None)
    overdue = selectors.overdue_contacts(user, org)
    if tab == "mine":
        overdue = overdue.filter(assignment__member__person_id=user.person_id)
    context = {"tabs": tabs, "tab": tab, "form": form, "page": paginate(request, selectors.with_visit_counts(qs), 30),
               "overdue": list(overdue.order_by("last_visit")[:20]), "days": get_setting(org, CONTACT_DAYS),
               "manages": permissions.manages_contacts(user, org)}
    return render(request, "liaison/assignment_list.html", context)


@require(permissions.manages_contacts)
def assignment_new(request):
    org = request.organisation
    form = AssignmentForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        assignment = run_service(request, lambda: services.assignment_create(
            actor=request.user, organisation=org, kind=d["kind"], member=d["member"], committee=d["committee"],
            note=d["note"], **form.contacts()), success=_("The contact duty was made; its holder is told."), form=form)
        if assignment:
            return redirect("liaison:assignment_detail", pk=assignment.pk)
    return render(request, "liaison/assignment_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def _detail_context(request, assignment, *, visit_form=None, contacts_form=None):
    user, org = request.user, request.organisation
    days = get_setting(org, CONTACT_DAYS)
    since = timezone.localdate() - dt.timedelta(days=days)
    contacts = selectors.contacts_of(assignment)
    for contact in contacts:
        contact.overdue = (contact.last_visit or contact.added_at.date()) < since
    may_log = permissions.can_log_visit(user, assignment)
    manages = permissions.can_manage_assignment(user, assignment)
    visits = selectors.visits_of(assignment)
    context = {"assignment": assignment, "contacts": contacts, "visits": visits, "days": days, "may_log": may_log,
               "manages": manages}
    if may_log:
        context["visit_form"] = visit_form or VisitForm(contacts=assignment.contacts.filter(is_active=True),
                                                        initial={"contact": request.GET.get("contact")})
        for visit in visits:
            if visit.status == "open":
                visit.follow_form = FollowUpForm(initial={"version": visit.version, "follow_up": visit.follow_up,
                                                          "matters_solved": visit.matters_solved})
    if manages and assignment.status == AssignmentStatus.ACTIVE:
        context["contacts_form"] = contacts_form or ContactsFields(organisation=org,
                                                                   initial={"version": assignment.version})
    if manages or permissions.sees_all_contacts(user, org) or permissions.holds_assignment(user, assignment):
        context["history"] = history_rows(selectors.history_of(assignment), ASSIGNMENT_WORKFLOW)
    return context


@organisation_required
def assignment_detail(request, pk):
    assignment = selectors.assignment_get_for_user(request.user, request.organisation, pk)
    return render(request, "liaison/assignment_detail.html", _detail_context(request, assignment))


@require_POST
@organisation_required
def visit_log(request, pk):
    assignment = selectors.assignment_get_for_user(request.user, request.organisation, pk)
    form = VisitForm(request.POST, contacts=assignment.contacts.filter(is_active=True))
    if form.is_valid():
        visit = run_service(request, lambda: services.visit_log(actor=request.user, assignment=assignment,
                                                                fields=form.cleaned_data),
                            success=_("The visit was logged."), form=form)
        if visit:
            return redirect("liaison:assignment_detail", pk=pk)
    return render(request, "liaison/assignment_detail.html", _detail_context(request, assignment, visit_form=form),
                  status=400)


@require_POST
@organisation_required
def visit_follow_up(request, pk, visit_id):
    assignment = selectors.assignment_get_for_user(request.user, request.organisation, pk)
    visit = selectors.visits_visible_to(request.user, request.organisation).filter(
        assignment=assignment, pk=visit_id).first()
    if visit is None:
        raise Http404
    form = FollowUpForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        run_service(request, lambda: services.visit_follow_up(
            actor=request.user, visit=visit, follow_up=d["follow_up"], matters_solved=d["matters_solved"],
            done=d["done"], version=d["version"]), success=_("The follow-up was saved."))
    else:
        messages.error(request, _("Say what followed, and how many matters were solved."))
    return redirect("liaison:assignment_detail", pk=pk)


@require_POST
@organisation_required
def assignment_contacts(request, pk):
    org = request.organisation
    assignment = selectors.assignment_get_for_user(request.user, org, pk)
    form = ContactsFields(request.POST, organisation=org)
    if form.is_valid():
        done = run_service(request, lambda: services.assignment_add_contacts(
            actor=request.user, assignment=assignment, version=form.cleaned_data["version"], **form.contacts()),
            success=_("The contacts were added."), form=form)
        if done:
            return redirect("liaison:assignment_detail", pk=pk)
    return render(request, "liaison/assignment_detail.html",
                  _detail_context(request, assignment, contacts_form=form), status=400)


@require_POST
@organisation_required
def contact_remove(request, pk, contact_id):
    assignment = selectors.assignment_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: services.assignment_remove_contact(
        actor=request.user, assignment=assignment, contact_id=contact_id, version=posted_version(request)),
        success=_("The contact was removed; the visits logged stay in the record."))
    return redirect("liaison:assignment_detail", pk=pk)


@require_POST
@organisation_required
def assignment_end(request, pk):
    assignment = selectors.assignment_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: services.assignment_end(actor=request.user, assignment=assignment,
                                                         version=posted_version(request)),
                success=_("The contact duty was ended."))
    return redirect("liaison:assignment_detail", pk=pk)

