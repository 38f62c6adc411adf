"""Forms of the work lists app. They check the shape of the input; the services apply the rules, and their errors
are put back on these forms, so nothing typed is lost."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.choices import Role
from zhengxie.core.models import HandlingUnit, Member, SpecialCommittee, User
from zhengxie.core.promises import PromiseRowsMixin
from zhengxie.core.selectors import users_with_role

from .choices import Cadence, GroupDuty, IssueStatus, ItemStatus
from .permissions import OFFICE_ROLES
from .selectors import consultations_for_recommendations, group_candidates, kinds_of, meetings_for_groups

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class WorkListForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=120,
                            widget=forms.TextInput(attrs={"placeholder": _("e.g. 2026年重点工作任务清单")}))
    description = forms.CharField(label=pgettext_lazy("work item", "Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("year", timezone.localdate().year)
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds_of(organisation)


def _leaders(organisation):
    return User.objects.filter(pk__in=[u.pk for u in users_with_role(organisation, Role.LEADER)]).select_related("person")


def _people(organisation):
    users = users_with_role(organisation, *OFFICE_ROLES, Role.HANDLING_UNIT, Role.UNIT_LEADER, Role.LEADER)
    return User.objects.filter(pk__in=[u.pk for u in users]).select_related("person").order_by("username")


class ItemForm(VersionForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=pgettext_lazy("work item", "Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    leader = UserChoiceField(label=_("Leader who grasps it"), queryset=None, required=False)
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=None, required=False)
    committee = forms.ModelChoiceField(label=_("Responsible committee"), queryset=None, required=False)
    body_name = forms.CharField(label=_("Responsible body"), max_length=100, required=False,
                                help_text=_("When it is neither a unit nor a committee: e.g. 办公室."))
    person = UserChoiceField(label=_("Person in charge"), queryset=None, required=False)
    person_name = forms.CharField(label=pgettext_lazy("form", "Person in charge (name)"), max_length=40,
                                  required=False, help_text=_("When the person has no account."))
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE)
    due_on = forms.DateField(label=_("Deadline"), widget=DATE)
    cadence = forms.ChoiceField(label=_("Reporting"), choices=Cadence.choices, initial=Cadence.MONTHLY)
    milestones = forms.CharField(
        label=_("Milestones"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: the date, a space, what is to be done (2026-06-30 完成选址)."))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = _leaders(organisation)
        self.fields["unit"].queryset = HandlingUnit.objects.filter(organisation=organisation, is_active=True)
        self.fields["committee"].queryset = SpecialCommittee.objects.filter(organisation=organisation)
        self.fields["person"].queryset = _people(organisation)

    def clean_milestones(self):
        rows = []
        for number, line in enumerate((self.cleaned_data.get("milestones") or "").splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            date_text, _sep, title = line.partition(" ")
            try:
                rows.append((title.strip() or date_text, forms.DateField().clean(date_text)))
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Line %(n)d: start with a date like 2026-06-30.") % {"n": number}) from None
        return rows

    def item_data(self) -> dict:
        d = self.cleaned_data
        return {key: d.get(key) for key in ("title", "description", "leader", "unit", "committee", "body_name",
                                            "person", "person_name", "starts_on", "due_on", "cadence")}


class ProgressForm(VersionForm):
    text = forms.CharField(label=_("Progress made"), widget=forms.Textarea(attrs={"rows": 4}))
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100,
                                  widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    behind = forms.BooleanField(label=_("It is behind schedule"), required=False)
    file = forms.FileField(label=_("Evidence (photo, document)"), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Supervision note"), widget=forms.Textarea(attrs={"rows": 3}))
    ask_report = forms.BooleanField(label=_("Ask for a progress report"), required=False)
    report_due_on = forms.DateField(label=_("Report due by"), required=False, widget=DATE)


class CloseForm(VersionForm):
    outcome = forms.CharField(label=pgettext_lazy("work item", "Outcome"), widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What the work achieved (成效), as the report to the leaders will say it."))


class ReasonForm(VersionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachForm(forms.Form):
    file = forms.FileField(label=_("File"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"), help_text=_("Use the template: one item per row."))


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), ("open", pgettext_lazy("work item", "Open"))] + list(ItemStatus.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All"))] + [(k.key, k.name) for k in kinds_of(organisation)]


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Project"), max_length=200)
    investor = forms.CharField(label=_("Investor"), max_length=200)
    member = forms.ModelChoiceField(label=_("Member who brought it"), queryset=None, required=False)
    brought_by = forms.CharField(label=_("Brought by"), max_length=60, required=False)
    sector = forms.CharField(label=_("Industry"), max_length=60, required=False)
    region = forms.CharField(label=_("County or district"), max_length=60, required=False)
    amount_planned = forms.DecimalField(label=_("Amount planned (10,000 yuan)"), min_value=0, max_digits=12,
                                        decimal_places=2)
    event = forms.CharField(label=_("Delegation or event"), max_length=200, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.current().filter(organisation=organisation).select_related("person")


class ProjectMoveForm(VersionForm):
    action = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    amount_signed = forms.DecimalField(label=_("Amount signed (10,000 yuan)"), min_value=0, max_digits=12,
                                       decimal_places=2, required=False)


class RecommendationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    activity = forms.ModelChoiceField(label=_("Consultation it comes from"), queryset=None, required=False,
                                      help_text=_("The consultation as the activities list has it."))
    consultation = forms.CharField(label=_("Or its name, when it was not held on the platform"), max_length=200,
                                   required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, user=None, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = consultations_for_recommendations(user, organisation)


class RecommendationMoveForm(PromiseRowsMixin, VersionForm):
    promise_help = ""

    on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    sent_to = forms.CharField(label=_("Sent to"), max_length=200, required=False)
    reply = forms.CharField(label=_("Reply"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    unit = forms.ModelChoiceField(label=_("Unit that carries it out"), queryset=None, required=False)
    due_on = forms.DateField(label=_("Deadline"), required=False, widget=DATE)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = HandlingUnit.objects.filter(organisation=organisation, is_active=True)
        self.add_promise_rows()

    def measures(self) -> list[tuple]:
        """The rows as typed, (measure, date) pairs: the service checks them (core.promises)."""
        d = self.cleaned_data
        return [(d.get(f"measure_{n}", ""), d.get(f"due_{n}")) for n in range(1, self.promise_rows + 1)]


class IssueForm(forms.Form):
    title = forms.CharField(label=_("Matter needing support"), max_length=200)
    solver = forms.CharField(label=_("Who solves it"), max_length=100, required=False)


class UserChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class GroupForm(VersionForm):
    """The group and its members: the head (组长), the deputies (副组长) and the members (成员)."""

    name = forms.CharField(label=_("Name of the group"), max_length=100)
    purpose = forms.CharField(label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    head = UserChoiceField(label=pgettext_lazy("group", "Head (组长)"), queryset=None, required=False)
    deputies = UserChoices(label=pgettext_lazy("group", "Deputy heads (副组长)"), queryset=None, required=False,
                           widget=forms.CheckboxSelectMultiple)
    members = UserChoices(label=pgettext_lazy("group", "Members (成员)"), queryset=None, required=False,
                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organisation, group=None, **kwargs):
        if group is not None and not args:
            duties = {}
            for m in group.memberships.all():
                duties.setdefault(m.duty, []).append(m.user_id)
            kwargs.setdefault("initial", {
                "version": group.version, "name": group.name, "purpose": group.purpose,
                "head": (duties.get(GroupDuty.HEAD) or [None])[0], "deputies": duties.get(GroupDuty.DEPUTY, []),
                "members": [pk for duty, pks in duties.items() if duty not in (GroupDuty.HEAD, GroupDuty.DEPUTY)
                            for pk in pks]})
        super().__init__(*args, **kwargs)
        people = group_candidates(organisation)
        for key in ("head", "deputies", "members"):
            self.fields[key].queryset = people

    def clean(self):
        data = super().clean()
        head, deputies, members = data.get("head"), list(data.get("deputies") or ()), list(data.get("members") or ())
        pairs = [(head, GroupDuty.HEAD)] if head else []
        pairs += [(u, GroupDuty.DEPUTY) for u in deputies if u != head]
        taken = {u.pk for u, _d in pairs}
        pairs += [(u, GroupDuty.MEMBER) for u in members if u.pk not in taken]
        data["pairs"] = pairs
        return data


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    held_on = forms.DateField(label=_("Held on"), widget=DATE, initial=timezone.localdate)
    activity = forms.ModelChoiceField(label=_("Meeting in the activities"), queryset=None, required=False,
                                      help_text=_("The meeting as the activities list has it (its sign-in, "
                                                  "participants and minutes)."))

    def __init__(self, *args, user=None, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = meetings_for_groups(user, organisation)


class MeetingLinkForm(forms.Form):
    activity = forms.ModelChoiceField(label=_("Meeting in the activities"), queryset=None, required=False)

    def __init__(self, *args, user=None, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = meetings_for_groups(user, organisation)


class MeetingReviewForm(forms.Form):
    """The issues list as a meeting reviews it: for each matter, what was decided, its status, who solves it.
    A matter left without a decision was not discussed."""

    def __init__(self, *args, issues, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.issues = list(issues)
        reviewed = {r.issue_id: r for r in meeting.reviews.all()}
        self.rows = []
        for issue in self.issues:
            review = reviewed.get(issue.pk)
            self.fields[f"decision_{issue.pk}"] = forms.CharField(
                label=_("What was decided"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                initial=review.decision if review else "")
            self.fields[f"status_{issue.pk}"] = forms.ChoiceField(
                label=_("Status"), choices=IssueStatus.choices, initial=review.status if review else issue.status)
            self.fields[f"solver_{issue.pk}"] = forms.CharField(label=_("Who solves it"), max_length=100,
                                                                required=False, initial=issue.solver)
            self.rows.append((issue, review, [self[f"{key}_{issue.pk}"] for key in ("decision", "status", "solver")]))

    def decisions(self) -> list[dict]:
        d = self.cleaned_data
        return [{"issue": issue, "decision": d[f"decision_{issue.pk}"], "status": d[f"status_{issue.pk}"],
                 "solver": d[f"solver_{issue.pk}"]} for issue in self.issues if d[f"decision_{issue.pk}"].strip()]
