"""Forms of the liaison app. They validate the shape of the input; the services apply the rules, and their errors
are put back on these forms, so nothing typed is lost."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.activities.models import Activity
from zhengxie.core.choices import Affiliation, MemberStatus
from zhengxie.core.models import HandlingUnit, Member, Sector, SpecialCommittee
from zhengxie.opinions.forms import MultipleFileField

from . import permissions
from .choices import (
    AccessLevel,
    AssignmentStatus,
    ContactKind,
    InfoKind,
    InquiryStatus,
    TopicSource,
    TopicStatus,
    VisitWay,
)
from .org_settings import topics_of


def _topic_choices(organisation, blank_label=None):
    choices = [(t, t) for t in topics_of(organisation)]
    return [("", blank_label), *choices] if blank_label else choices


class InfoFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False)
    topic = forms.ChoiceField(label=pgettext_lazy("information", "Topic"), required=False)
    department = forms.ChoiceField(label=_("Department"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All kinds")), *InfoKind.choices])
    required = forms.BooleanField(label=_("Required reading only"), required=False)

    def __init__(self, *args, organisation, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = _topic_choices(organisation, _("All topics"))
        self.fields["department"].choices = [("", _("All departments")), *((d, d) for d in departments)]


class InfoItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InfoKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200,
                            widget=forms.TextInput(attrs={"placeholder": _("e.g. 2026年一季度全市经济运行情况通报")}))
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 10}))
    topic = forms.ChoiceField(label=pgettext_lazy("information", "Topic"))
    unit = forms.ModelChoiceField(label=_("Department"), queryset=HandlingUnit.objects.none(), required=False)
    department = forms.CharField(label=_("Department as readers see it"), max_length=100, required=False,
                                 help_text=_("Empty for a department: its name."))
    access = forms.ChoiceField(label=_("Who may read it"), choices=AccessLevel.choices)
    committee = forms.ModelChoiceField(label=_("Special committee"), queryset=SpecialCommittee.objects.none(),
                                       required=False)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none(), required=False)
    required = forms.BooleanField(label=_("Required reading: readers confirm they have read it"), required=False)
    activity = forms.ModelChoiceField(label=_("Briefing meeting"), queryset=Activity.objects.none(), required=False,
                                      help_text=_("For a briefing: the meeting of the activities calendar it belongs to."))
    files = MultipleFileField(label=_("Files"), required=False,
                              help_text=_("PDF, Word, Excel or images; readers can preview them in the browser."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisation, user, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = _topic_choices(organisation)
        self.fields["committee"].queryset = SpecialCommittee.objects.filter(organisation=organisation)
        self.fields["sector"].queryset = Sector.objects.filter(organisation=organisation)
        since = timezone.now() - timezone.timedelta(days=365)
        self.fields["activity"].queryset = Activity.objects.filter(organisation=organisation,
                                                                   starts_at__gte=since).order_by("-starts_at")
        units = HandlingUnit.objects.filter(organisation=organisation, is_active=True)
        if not permissions.is_office(user, organisation):
            units = units.filter(pk__in=permissions.unit_ids(user, organisation))
        if editing or not units.exists():
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
            self.fields["unit"].help_text = _("Empty when the committee's office publishes in its own name.") \
                if permissions.is_office(user, organisation) else ""
        if editing:
            del self.fields["files"]

    def service_fields(self) -> dict:
        d = self.cleaned_data
        return {k: d[k] for k in ("kind", "title", "summary", "body", "topic", "department", "access", "committee",
                                  "sector", "required", "activity")}


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class InquiryForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Department you ask"), queryset=HandlingUnit.objects.none())
    topic = forms.ChoiceField(label=pgettext_lazy("information", "Topic"))
    title = forms.CharField(label=_("Subject"), max_length=200,
                            widget=forms.TextInput(attrs={"placeholder": _("e.g. 城区老旧小区改造的进度")}))
    question = forms.CharField(label=_("Your question"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}),
                               help_text=_("What you want to know, and why (e.g. for a proposal you are preparing)."))
    may_publish = forms.BooleanField(label=_("The answer may be shown to all members"), required=False, initial=True)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = HandlingUnit.objects.filter(organisation=organisation, is_active=True)
        self.fields["topic"].choices = _topic_choices(organisation)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=pgettext_lazy("inquiry", "Answer"), widget=forms.Textarea(attrs={"rows": 8}))
    public = forms.BooleanField(label=_("Show the answer to all members"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class InquiryFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), *InquiryStatus.choices, ("overdue", _("Overdue"))])
    topic = forms.ChoiceField(label=pgettext_lazy("information", "Topic"), required=False)
    unit = forms.ModelChoiceField(label=_("Department"), queryset=HandlingUnit.objects.none(), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = _topic_choices(organisation, _("All topics"))
        self.fields["unit"].queryset = HandlingUnit.objects.filter(organisation=organisation)


# --- proposal topics (提案选题) ------------------------------------------------------------------------------------------


def _years():
    year = timezone.localdate().year
    return [(y, str(y)) for y in (year + 1, year, year - 1)]


class TopicFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    subject = forms.ChoiceField(label=_("Subject"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    unanswered = forms.BooleanField(label=_("Topics no proposal answers yet"), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *_years()]
        self.fields["subject"].choices = _topic_choices(organisation, _("All subjects"))
        self.fields["source"].choices = [("", _("All sources")), *TopicSource.choices]
        self.fields["status"].choices = [("", _("All")), *TopicStatus.choices]


class TopicForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    title = forms.CharField(label=pgettext_lazy("proposal topic", "Topic"), max_length=200,
                            widget=forms.TextInput(attrs={"placeholder": _("e.g. 关于推进新能源装备制造产业链延链补链的建议")}))
    description = forms.CharField(label=_("What to look into"), max_length=3000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    subject = forms.ChoiceField(label=_("Subject"))
    source = forms.ChoiceField(label=_("Source"), choices=TopicSource.choices)
    source_note = forms.CharField(label=_("Source in words"), max_length=200, required=False,
                                  help_text=_("E.g. the Party committee's plenary report, a department's plan."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisation, suggesting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _years()
        self.fields["year"].initial = timezone.localdate().year
        self.fields["subject"].choices = _topic_choices(organisation)
        if suggesting:
            del self.fields["source"]

    def service_fields(self) -> dict:
        d = self.cleaned_data
        return {k: d.get(k) for k in ("year", "title", "description", "subject", "source", "source_note")}


class DeclineTopicForm(forms.Form):
    reason = forms.CharField(label=_("Why it is declined"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TopicImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class PublicTopicForm(forms.Form):
    name = forms.CharField(label=_("Your name (optional)"), max_length=40, required=False)
    title = forms.CharField(label=_("What should members propose on?"), max_length=200,
                            widget=forms.TextInput(attrs={"placeholder": _("e.g. 老旧小区加装电梯")}))
    description = forms.CharField(label=_("Tell us more"), max_length=1500, required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    subject = forms.ChoiceField(label=_("Subject"))
    answer = forms.CharField(label=_("Answer"), max_length=6,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    token = forms.CharField(widget=forms.HiddenInput, max_length=500)
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = _topic_choices(organisation)


# --- contact duties (联系制度) -------------------------------------------------------------------------------------------


class AssignmentFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or sector"), required=False)
    kind = forms.ChoiceField(label=_("Kind of contact"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *ContactKind.choices]
        self.fields["status"].choices = [("", _("All")), *AssignmentStatus.choices]


class ContactsFields(forms.Form):
    sectors = forms.ModelMultipleChoiceField(label=_("Sectors contacted"), queryset=Sector.objects.none(),
                                             required=False, widget=forms.SelectMultiple(attrs={"size": 6}))
    members = forms.ModelMultipleChoiceField(label=_("Members contacted"), queryset=Member.objects.none(),
                                             required=False, widget=forms.SelectMultiple(attrs={"size": 6}),
                                             help_text=_("For a Party member: the non-Party members they contact."))
    names = forms.CharField(label=_("Constituents contacted"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("One group or place a line, e.g. 秦州区中小学教师代表."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.filter(organisation=organisation)
        self.fields["members"].queryset = (Member.objects.filter(organisation=organisation, status=MemberStatus.ACTIVE,
                                                                 term__is_current=True)
                                           .exclude(person__affiliation=Affiliation.CPC)
                                           .select_related("person").order_by("person__name"))

    def contacts(self) -> dict:
        d = self.cleaned_data
        return {"sectors": list(d["sectors"]), "members": list(d["members"]),
                "names": [line for line in (d["names"] or "").splitlines() if line.strip()]}


class AssignmentForm(ContactsFields):
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    member = forms.ModelChoiceField(label=_("Member who contacts"), queryset=Member.objects.none(), required=False)
    committee = forms.ModelChoiceField(label=_("Special committee who contacts"),
                                       queryset=SpecialCommittee.objects.none(), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["member"].queryset = (Member.objects.filter(organisation=organisation, status=MemberStatus.ACTIVE,
                                                                term__is_current=True)
                                          .select_related("person").order_by("person__name"))
        self.fields["committee"].queryset = SpecialCommittee.objects.filter(organisation=organisation)
        self.order_fields(["kind", "member", "committee", "sectors", "members", "names", "note"])


class VisitForm(forms.Form):
    contact = forms.ModelChoiceField(label=_("Whom"), queryset=None)
    visited_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    way = forms.ChoiceField(label=_("Way"), choices=VisitWay.choices)
    participants = forms.CharField(label=_("Who took part"), max_length=300,
                                   widget=forms.TextInput(attrs={"placeholder": _("e.g. 王委员、教育界群众代表5人")}))
    raised = forms.CharField(label=_("What was raised"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    matters_raised = forms.IntegerField(label=_("Matters raised"), min_value=0, max_value=99, initial=0)
    follow_up = forms.CharField(label=_("What followed"), max_length=2000, required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    matters_solved = forms.IntegerField(label=_("Matters solved"), min_value=0, max_value=99, initial=0)

    def __init__(self, *args, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts
        self.fields["visited_on"].initial = timezone.localdate()


class FollowUpForm(forms.Form):
    follow_up = forms.CharField(label=_("What followed"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    matters_solved = forms.IntegerField(label=_("Matters solved"), min_value=0, max_value=99)
    done = forms.BooleanField(label=_("All followed up"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
