"""Forms of the cooperation app: they read what was typed; the services check and save it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.models import Organisation

from .choices import AllianceKind, CommitteeLevel, ContributionKind, JointKind, JointStatus
from .models import Alliance, Expert


class DateInput(forms.DateInput):
    input_type = "date"


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=40)
    field = forms.CharField(label=pgettext_lazy("expert", "Field"), max_length=60, help_text=_("The expert's field, e.g. 新能源, 水资源."))
    employer = forms.CharField(label=_("Employer"), max_length=100, required=False)
    title = forms.CharField(label=_("Professional title"), max_length=60, required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=100, required=False)
    alliances = forms.ModelMultipleChoiceField(label=_("Alliances"), queryset=Alliance.objects.none(), required=False,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, alliances, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alliances"].queryset = alliances


class ExpertFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, employer or title"), required=False, max_length=60)
    field = forms.ChoiceField(label=pgettext_lazy("expert", "Field"), required=False)

    def __init__(self, *args, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields")), *[(f, f) for f in fields]]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class LinkAccountForm(forms.Form):
    username = forms.CharField(label=_("Account (user name)"), max_length=150, required=False,
                               help_text=_("Leave empty to unlink the account."))


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContributionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=pgettext_lazy("contribution", "Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    made_on = forms.DateField(label=_("Date"), widget=DateInput)
    activity = forms.ModelChoiceField(label=_("At activity"), queryset=None, required=False)

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities


class AdoptForm(forms.Form):
    adopted_by = forms.CharField(label=_("Adopted by"), max_length=100)


class InviteForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(label=_("Experts"), queryset=Expert.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = experts


class AllianceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=AllianceKind.choices)
    founded_on = forms.DateField(label=_("Founded on"), required=False, widget=DateInput)
    purpose = forms.CharField(label=pgettext_lazy("alliance", "Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MemberForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Committee of the platform"), queryset=Organisation.objects.none(),
                                       required=False)
    outside_name = forms.CharField(label=_("Or a committee outside the platform"), max_length=100, required=False)
    outside_level = forms.ChoiceField(label=_("Its level"), choices=CommitteeLevel.choices, initial=CommitteeLevel.CITY)
    outside_region = forms.CharField(label=_("Its province or region"), max_length=40, required=False)

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees

    def clean(self):
        data = super().clean()
        if bool(data.get("committee")) == bool(data.get("outside_name")):
            raise forms.ValidationError(_("Choose a committee of the platform or name an outside committee."))
        return data


class HostForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    host = forms.ModelChoiceField(label=_("Host committee"), queryset=None)
    theme = forms.CharField(label=_("Theme of the year"), max_length=200, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = members


class PlanItemForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    lead = forms.ModelChoiceField(label=pgettext_lazy("plan item", "Led by"), queryset=None, required=False)
    due_on = forms.DateField(label=_("Due by"), required=False, widget=DateInput)
    description = forms.CharField(label=pgettext_lazy("cooperation", "Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = members


class JointForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=JointKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    alliance = forms.ModelChoiceField(label=_("Alliance"), queryset=Alliance.objects.none(), required=False)
    co_organisers = forms.ModelMultipleChoiceField(label=_("Co-organising committees"),
                                                   queryset=Organisation.objects.none(), required=False,
                                                   widget=forms.CheckboxSelectMultiple)
    outside_partners = forms.CharField(label=_("Committees outside the platform"), max_length=300, required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput)
    place = forms.CharField(label=pgettext_lazy("joint activity", "Place"), max_length=200, required=False)
    description = forms.CharField(label=pgettext_lazy("cooperation", "Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, alliances, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alliance"].queryset = alliances
        self.fields["co_organisers"].queryset = committees


class JointFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *JointKind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All states")), *JointStatus.choices])
    q = forms.CharField(label=_("Title or place"), required=False, max_length=60)


class ReportForm(forms.Form):
    report_title = forms.CharField(label=_("Title of the outcome report"), max_length=200)
    report_text = forms.CharField(label=_("Outcome report"), widget=forms.Textarea(attrs={"rows": 8}))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=300)


class OrganiserForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Committee"), queryset=Organisation.objects.none())

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = committees


class LinkActivityForm(forms.Form):
    activity = forms.ModelChoiceField(label=_("Your committee's activity"), queryset=None)

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities


class DeliberationForm(forms.Form):
    """网络议政 open to the members of several committees (a joint activity's organisers, an alliance's members)."""

    title = forms.CharField(label=_("Topic"), max_length=200)
    description = forms.CharField(label=_("What members are asked"), widget=forms.Textarea(attrs={"rows": 4}))
    opens_at = forms.DateTimeField(label=_("Opens at"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    closes_at = forms.DateTimeField(label=_("Closes at"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
