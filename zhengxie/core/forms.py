from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from . import validation
from .choices import ETHNIC_GROUPS, Affiliation, MemberStatus, Role
from .models import HandlingUnit, Member, Person, Sector, SpecialCommittee, Term


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username or mobile phone"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )
    error_messages = {
        "invalid_login": _("The username or phone number and the password do not match. Both are case-sensitive."),
        "inactive": _("This account is disabled."),
        "locked": _("Too many failed attempts: this account is locked for %(minutes)d minutes."),
    }


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, widget=forms.TextInput(attrs={"placeholder": _("Name, work unit, number or phone")}))
    term = forms.ModelChoiceField(label=_("Term"), queryset=Term.objects.none(), required=False, empty_label=_("All"))
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none(), required=False, empty_label=_("All"))
    committee = forms.ModelChoiceField(label=_("Special committee"), queryset=SpecialCommittee.objects.none(),
                                       required=False, empty_label=_("All"))
    affiliation = forms.ChoiceField(label=_("Political affiliation"), choices=[("", _("All")), *Affiliation.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *MemberStatus.choices], required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.filter(organisation=organisation)
        self.fields["sector"].queryset = Sector.objects.filter(organisation=organisation)
        self.fields["committee"].queryset = SpecialCommittee.objects.filter(organisation=organisation)


class PersonForm(forms.ModelForm):
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), choices=[(e, e) for e in ETHNIC_GROUPS])

    class Meta:
        model = Person
        fields = ["name", "gender", "ethnicity", "birth_date", "phone", "email", "id_number", "affiliation",
                  "work_unit", "job_title", "photo"]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"})}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):  # a new upload (not the stored file)
            from .exceptions import DomainError
            from .files import IMAGE_KINDS, check_upload

            try:
                check_upload(photo, allowed=IMAGE_KINDS, max_bytes=5 * 1024 * 1024)
            except DomainError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return photo

    def clean_phone(self):
        phone = validation.normalise_phone(self.cleaned_data["phone"])
        if phone and not validation.is_mobile(phone):
            raise forms.ValidationError(_("Enter an 11-digit mobile phone number."))
        return phone

    def clean_id_number(self):
        value = validation.normalise_id_number(self.cleaned_data["id_number"])
        if value and (len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X")):
            raise forms.ValidationError(_("An ID card number has 18 characters: 17 digits and a digit or X."))
        if value and not validation.is_id_number(value):
            raise forms.ValidationError(_("This ID card number is not valid: check its date of birth and its last digit."))
        return value


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["sector", "committee", "is_standing_committee", "position", "member_number", "joined_on", "note"]
        widgets = {"joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(organisation=organisation)
        self.fields["committee"].queryset = SpecialCommittee.objects.filter(organisation=organisation)


class MemberStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MemberStatus.choices)
    on = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class ImportForm(forms.Form):
    term = forms.ModelChoiceField(label=_("Term"), queryset=Term.objects.none())
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.filter(organisation=organisation)
        self.fields["term"].initial = organisation.current_term()


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60, help_text=_("For example: my phone"))
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1)
    code = forms.CharField(label=_("Code from your authenticator app"), max_length=16, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))

    def __init__(self, *args, user, **kwargs):
        from django.conf import settings

        from .two_factor import has_factor

        super().__init__(*args, **kwargs)
        days = self.fields["days"]
        days.max_value, days.initial = settings.API_TOKEN_MAX_DAYS, min(90, settings.API_TOKEN_MAX_DAYS)
        days.validators.append(MaxValueValidator(settings.API_TOKEN_MAX_DAYS))
        days.widget.attrs["max"] = settings.API_TOKEN_MAX_DAYS
        days.help_text = _("At most %(days)d days.") % {"days": settings.API_TOKEN_MAX_DAYS}
        if has_factor(user):
            self.fields["code"].required = True
        else:
            del self.fields["code"]


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    display_name = forms.CharField(label=_("Display name"), max_length=60, required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput, min_length=8)


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[c for c in Role.choices if c[0] != Role.MEMBER])
    handling_unit = forms.ModelChoiceField(label=_("Handling unit"), queryset=HandlingUnit.objects.none(), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handling_unit"].queryset = HandlingUnit.objects.filter(organisation=organisation, is_active=True)


class HandlingUnitForm(forms.ModelForm):
    class Meta:
        model = HandlingUnit
        fields = ["name", "short_name", "kind", "contact_name", "contact_phone", "address", "is_active", "sort_order"]


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("User"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
