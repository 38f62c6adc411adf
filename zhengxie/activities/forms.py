"""Forms of the activities app. They validate input; the services decide and write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import HandlingUnit, Member, Sector, Session, SpecialCommittee
from zhengxie.core.promises import PromiseRowsMixin

from .choices import (
    ActivityStatus,
    ActivityType,
    InstructionLevel,
    ParticipantRole,
    PlanKind,
    QuestionKind,
    ReportKind,
    SpeechKind,
    TopicScope,
)
from .models import Activity, Contest, Plan, PlanItem, Topic
from .services.participation import GROUPS


def datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["type", "meeting_type", "consultation_type", "title", "description", "location", "starts_at",
                  "ends_at", "signin_opens_at", "signin_closes_at", "attendance_required", "is_open", "committee",
                  "session", "lead_name", "itinerary", "video_url"]
        widgets = {
            "starts_at": datetime_widget(), "ends_at": datetime_widget(), "signin_opens_at": datetime_widget(),
            "signin_closes_at": datetime_widget(), "description": forms.Textarea(attrs={"rows": 4}),
            "itinerary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signin_opens_at"].required = False
        self.fields["signin_closes_at"].required = False
        self.fields["signin_opens_at"].help_text = _("Empty: from the organisation's setting (before the start).")
        self.fields["signin_closes_at"].help_text = _("Empty: at the end of the activity.")
        self.fields["committee"].queryset = SpecialCommittee.objects.filter(organisation=organisation)
        self.fields["session"].queryset = Session.objects.filter(term__organisation=organisation).select_related("term")
        self.fields["committee"].empty_label = self.fields["session"].empty_label = "—"
        for name in ("signin_opens_at", "signin_closes_at", "starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, widget=forms.TextInput(attrs={"placeholder": _("Title or place")}))
    type = forms.ChoiceField(label=_("Type"), choices=[("", _("All")), *ActivityType.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *ActivityStatus.choices], required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class ParticipantSelectForm(forms.Form):
    groups = forms.MultipleChoiceField(label=_("Groups"), choices=GROUPS, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    sectors = forms.ModelMultipleChoiceField(label=_("Sectors"), queryset=Sector.objects.none(), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    committees = forms.ModelMultipleChoiceField(label=_("Special committees"), queryset=SpecialCommittee.objects.none(),
                                                required=False, widget=forms.CheckboxSelectMultiple)
    names = forms.CharField(label=_("Names"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("Member names separated by spaces, commas or 、"))
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.PARTICIPANT)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.filter(organisation=organisation)
        self.fields["committees"].queryset = SpecialCommittee.objects.filter(organisation=organisation)

    def clean(self):
        data = super().clean()
        if not (data.get("groups") or data.get("sectors") or data.get("committees") or (data.get("names") or "").strip()):
            raise forms.ValidationError(_("Choose a group, a sector, a committee or type names."))
        return data


class RespondForm(forms.Form):
    answer = forms.ChoiceField(label=_("Your answer"), choices=[
        ("attend", _("I will attend")), ("leave", _("I ask for leave")), ("decline", _("I will not attend"))],
        widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason for leave"), required=False, max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}))


class LeaveDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=300)


class TimeForm(forms.Form):
    at = forms.DateTimeField(label=_("Time"), required=False, widget=datetime_widget(),
                             input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                             help_text=_("Empty: now."))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=200)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8}))


class UploadForm(forms.Form):
    files = MultipleFileField(label=_("Files"))
    role = forms.ChoiceField(choices=[("photo", _("Photos")), ("minutes", _("Minutes and documents"))])


class SpeechForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Speaker"), queryset=Member.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=SpeechKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    files = MultipleFileField(label=_("Attachments"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.current().filter(organisation=organisation).select_related(
            "person").order_by("person__name")


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    suggestion_count = forms.IntegerField(label=_("Number of suggestions"), min_value=1, max_value=200, initial=1)
    authors = forms.ModelMultipleChoiceField(label=_("Members credited"), queryset=Member.objects.none(),
                                             required=False, widget=forms.CheckboxSelectMultiple)
    lead = forms.ModelChoiceField(label=_("Led by (chair's council)"), queryset=Member.objects.none(), required=False,
                                  help_text=_("For a research report: the chair, vice-chair or secretary-general who "
                                              "led the research (主席会议成员牵头)."))

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = Member.objects.filter(
            activity_seats__activity=activity).select_related("person").order_by("person__name")
        self.fields["lead"].queryset = Member.objects.filter(
            organisation=activity.organisation, status="active",
            position__in=["chair", "vice_chair", "secretary_general"]).select_related("person").order_by("person__name")


class MatterForm(forms.Form):
    """A matter (困难和问题) raised at an activity."""

    description = forms.CharField(label=_("Matter"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    raised_by = forms.CharField(label=_("Raised by"), max_length=60, required=False)
    member = forms.ModelChoiceField(label=_("Member who helped"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            organisation=activity.organisation, status="active").select_related("person").order_by("person__name")


class MatterSolveForm(forms.Form):
    result = forms.CharField(label=_("How it was solved"), widget=forms.Textarea(attrs={"rows": 2}))


class ReportSendForm(forms.Form):
    names = forms.CharField(label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    units = forms.ModelMultipleChoiceField(label=_("Handling units"), queryset=HandlingUnit.objects.none(),
                                           required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = HandlingUnit.objects.filter(organisation=organisation, is_active=True)
        from zhengxie.opinions.org_settings import default_recipients

        # the organisation's own Party committee and government (a county's, not the city's)
        self.fields["names"].help_text = gettext("One per line, e.g. %(names)s") % {
            "names": "、".join(default_recipients(organisation))}


class FeedbackForm(PromiseRowsMixin, forms.Form):
    """What a recipient answered; on adopting, the measures it promised with their dates (each tracked)."""

    promise_help = _("What the recipient promised to do on adopting the suggestions, with its date: each measure is "
                     "followed in the work lists.")

    feedback = forms.CharField(label=_("Feedback"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    adopted = forms.BooleanField(label=_("The suggestions were adopted"), required=False)
    instruction_leader = forms.CharField(label=_("Instructing leader"), required=False, max_length=60)
    instruction_level = forms.ChoiceField(label=_("Leader's level"), required=False,
                                          choices=[("", "—"), *InstructionLevel.choices])
    instruction_text = forms.CharField(label=_("Leader's instruction"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_promise_rows()

    def clean(self):
        return self.clean_promise_rows(super().clean())


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["year", "kind", "title", "approved_on", "note"]
        widgets = {"approved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["kind"].choices = PlanKind.choices


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["title", "activity_type", "consultation_type", "lead_committee", "lead_name", "planned_month",
                  "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_committee"].queryset = SpecialCommittee.objects.filter(organisation=plan.organisation)
        self.fields["lead_committee"].empty_label = "—"
        self.fields["activity_type"].choices = [c for c in ActivityType.choices if c[0] in {
            PlanKind.CONSULTATION: {"consultation"}, PlanKind.INSPECTION_RESEARCH: {"inspection", "research"},
        }[plan.kind]]
        self.fields["planned_month"].widget.attrs.update({"min": 1, "max": 12})


class ScheduleForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=datetime_widget(),
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=datetime_widget(),
                                  input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


class TopicForm(forms.ModelForm):
    materials = MultipleFileField(label=_("Materials"))

    class Meta:
        model = Topic
        fields = ["title", "description", "opens_at", "closes_at", "scope", "sector", "committee", "activity"]
        widgets = {"opens_at": datetime_widget(), "closes_at": datetime_widget(),
                   "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(organisation=organisation)
        self.fields["committee"].queryset = SpecialCommittee.objects.filter(organisation=organisation)
        self.fields["activity"].queryset = Activity.objects.filter(
            organisation=organisation, type=ActivityType.CONSULTATION).order_by("-starts_at")
        for name in ("sector", "committee", "activity"):
            self.fields[name].empty_label = "—"
        # a topic of several committees is opened from its joint activity or alliance, and keeps that scope
        shared = self.instance.pk and self.instance.scope == TopicScope.JOINT
        self.fields["scope"].choices = [(v, label) for v, label in TopicScope.choices
                                        if (v == TopicScope.JOINT) == bool(shared)]
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class PostForm(forms.Form):
    text = forms.CharField(label=_("Your view"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=200)


class PollForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=200)
    options = forms.CharField(label=_("Options"), widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("One option per line."))
    multiple = forms.BooleanField(label=_("Several answers allowed"), required=False)


class SummaryForm(forms.Form):
    summary = forms.CharField(label=_("Summary of suggestions"), required=False, widget=forms.Textarea(attrs={"rows": 10}))


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    options = forms.CharField(label=_("Options"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("One option per line (A, B, C … in this order). None for true/false."))
    answer = forms.CharField(label=_("Answer"), max_length=12,
                             help_text=_("Letters, e.g. B or ACD; for true/false: 对 or 错."))
    explanation = forms.CharField(label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    category = forms.CharField(label=_("Category"), required=False, max_length=60)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class ContestForm(forms.ModelForm):
    class Meta:
        model = Contest
        fields = ["title", "description", "opens_at", "closes_at", "time_limit_minutes", "question_count", "category",
                  "include_lower_levels"]
        widgets = {"opens_at": datetime_widget(), "closes_at": datetime_widget(),
                   "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["time_limit_minutes"].widget.attrs["min"] = 1
        self.fields["question_count"].widget.attrs["min"] = 1
