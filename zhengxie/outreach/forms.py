"""Forms of the outreach app: filters, places, teams and rosters, activities, concerns and the public page."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.models import HandlingUnit, Sector
from zhengxie.core.org_settings import get_setting

from . import guard, selectors
from .choices import (
    ActivityKind,
    ActivityStatus,
    ConcernSource,
    ConcernStatus,
    Period,
    PlaceKind,
    PlaceLevel,
    Weekday,
)
from .models import OutreachActivity, Place

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ALL = [("", _("All"))]
CHOOSE = _("Choose…")


def say_choose(form) -> None:
    """Selects offer “Choose…” (or “—” when optional) rather than Django's placeholder."""
    from django.db.models.fields import BLANK_CHOICE_LABEL

    defaults = {str(BLANK_CHOICE_LABEL), "---------"}
    for field in form.fields.values():
        if isinstance(field, forms.ModelMultipleChoiceField):
            continue
        label = CHOOSE if field.required else "—"
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None and str(field.empty_label) in defaults:
                field.empty_label = label
        elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "" \
                and str(field.choices[0][1]) in defaults:
            field.choices = [("", label), *field.choices[1:]]


def _member_label(member) -> str:
    return f"{member.person.name}（{member.sector.name}）"


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _member_label(obj)


class MembersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _member_label(obj)


# --- places --------------------------------------------------------------------------------------------------


class PlaceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=60,
                        widget=forms.TextInput(attrs={"placeholder": _("Name, township, village or lead member")}))
    kind = forms.ChoiceField(label=_("Type"), choices=ALL + PlaceKind.choices, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=ALL + PlaceLevel.choices, required=False)
    county = forms.ChoiceField(label=pgettext_lazy("address", "County/district"), required=False)
    township = forms.ChoiceField(label=_("Township/street"), required=False)
    five_haves = forms.ChoiceField(label=_("“Five haves”"), required=False, choices=ALL + [
        ("complete", _("All five")), ("incomplete", _("Not all five"))])
    stars = forms.ChoiceField(label=_("Latest rating"), required=False,
                              choices=ALL + [(str(n), "★" * n) for n in range(5, 0, -1)])
    active = forms.ChoiceField(label=_("Status"), required=False, initial="yes",
                               choices=[("yes", pgettext_lazy("outreach place", "In use")), ("no", _("Closed down")),
                                        ("all", _("All"))])

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        areas = selectors.place_areas(organisation)
        self.fields["county"].choices = ALL + [(c, c) for c in areas if c]
        county = self.data.get("county") if self.is_bound else ""
        townships = areas.get(county, []) if county else sorted({t for ts in areas.values() for t in ts})
        self.fields["township"].choices = ALL + [(t, t) for t in townships]


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["kind", "name", "studio_basis", "sector", "theme", "is_three_in_one", "council_size", "province",
                  "city", "county", "township", "village", "street_address", "lead_member", "contact_name",
                  "contact_phone", "opening_hours", "introduction", "has_site", "has_people", "has_mechanism",
                  "has_rules", "has_equipment", "established_on", "is_active"]
        widgets = {"established_on": DATE, "introduction": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"lead_member": MemberChoiceField}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_member"].queryset = selectors.team_candidates(organisation)
        self.fields["sector"].queryset = Sector.objects.filter(organisation=organisation)
        self.fields["opening_hours"].widget.attrs["placeholder"] = _("e.g. Mondays to Fridays 9:00–17:00")
        self.fields["council_size"].required = False
        say_choose(self)
        if not self.instance.pk and not self.is_bound:
            # New places are usually in the committee's own area.
            self.initial.setdefault("province", "甘肃省")


    def clean_council_size(self):
        return self.cleaned_data.get("council_size") or 0


class TeamForm(forms.Form):
    members = MembersChoiceField(label=_("Members on duty"), queryset=None, required=False,
                                 widget=forms.SelectMultiple(attrs={"size": 12}),
                                 help_text=_("Hold Ctrl (or ⌘) to choose several."))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = selectors.team_candidates(organisation)


class RosterRowForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Member"), coerce=int, required=False)
    weekday = forms.TypedChoiceField(label=_("Day"), choices=Weekday.choices, coerce=int, required=False)
    period = forms.ChoiceField(label=pgettext_lazy("roster", "Time"), choices=Period.choices, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "—")] + [(m.pk, m.person.name) for m in members]


class BaseRosterFormSet(forms.BaseFormSet):
    def __init__(self, *args, members=(), **kwargs):
        self.members = list(members)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"members": self.members}

    def slots(self):
        by_id = {m.pk: m for m in self.members}
        return [(by_id[f.cleaned_data["member"]], f.cleaned_data["weekday"], f.cleaned_data["period"])
                for f in self.forms if f.cleaned_data.get("member") and f.cleaned_data.get("weekday")
                and not f.cleaned_data.get("DELETE")]


RosterFormSet = forms.formset_factory(RosterRowForm, formset=BaseRosterFormSet, extra=3, can_delete=True,
                                      max_num=60)


class RatingForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    stars = forms.TypedChoiceField(label=_("Stars"), coerce=int, widget=forms.RadioSelect,
                                   choices=[(n, "★" * n) for n in range(5, 0, -1)])
    comment = forms.CharField(label=_("Remarks"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year, this_year - 6, -1)]
        self.fields["year"].initial = this_year - 1


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo (JPEG, PNG or WebP)"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


# --- activities ---------------------------------------------------------------------------------------------------


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=60,
                        widget=forms.TextInput(attrs={"placeholder": _("Topic or place")}))
    kind = forms.ChoiceField(label=_("Type"), choices=ALL + ActivityKind.choices, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ALL + ActivityStatus.choices, required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)


class ActivityForm(forms.ModelForm):
    participants = MembersChoiceField(label=_("Members taking part"), queryset=None, required=False,
                                      widget=forms.SelectMultiple(attrs={"size": 8}),
                                      help_text=_("Hold Ctrl (or ⌘) to choose several."))
    held = forms.BooleanField(label=_("It has taken place: record it now"), required=False,
                              help_text=_("The members who took part get it in their duty record."))

    class Meta:
        model = OutreachActivity
        fields = ["place", "kind", "topic", "held_on", "participants", "constituents_count", "outcome"]
        widgets = {"held_on": DATE, "outcome": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, places, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["participants"].queryset = selectors.team_candidates(organisation)
        if self.instance.pk:
            del self.fields["place"]
            del self.fields["held"]
            self.initial["participants"] = [p.member_id for p in self.instance.participations.all()]
        say_choose(self)


class ActivityRecordForm(forms.Form):
    participants = MembersChoiceField(label=_("Members who took part"), queryset=None,
                                      widget=forms.SelectMultiple(attrs={"size": 8}))
    constituents_count = forms.IntegerField(label=_("Number of constituents"), min_value=0, max_value=100000)
    outcome = forms.CharField(label=pgettext_lazy("outreach", "Outcome"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
                              required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = selectors.team_candidates(organisation)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


# --- concerns -------------------------------------------------------------------------------------------------------


class ConcernFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=60,
                        widget=forms.TextInput(attrs={"placeholder": _("Words, the person's name, number or code ending")}))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=ALL + [("open", _("Open (not closed)"))] + ConcernStatus.choices)
    category = forms.ChoiceField(label=_("Category"), required=False)
    source = forms.ChoiceField(label=_("Source"), choices=ALL + ConcernSource.choices, required=False)
    overdue = forms.BooleanField(label=_("Overdue at a unit"), required=False)
    date_from = forms.DateField(label=_("Received from"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Received until"), required=False, widget=DATE)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = ALL + [(c, c) for c in get_setting(organisation, "outreach.concern_categories")]


class ConcernClusterForm(ConcernFilterForm):
    """The list's filters and a place: the same complaint at one place, or across the organisation."""

    place = forms.ModelChoiceField(label=pgettext_lazy("outreach", "Place"), required=False, queryset=Place.objects.none(),
                                   empty_label=_("All places"))

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places


def _category_field(organisation):
    return forms.ChoiceField(label=_("Category"), choices=[("", CHOOSE)] + [
        (c, c) for c in get_setting(organisation, "outreach.concern_categories")])


class ConcernFields(forms.Form):
    """What describes a concern, on the member's form and the public page alike."""

    name = forms.CharField(label=_("Name"), max_length=guard.NAME_MAX)
    phone = forms.CharField(label=_("Phone"), max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    place = forms.ModelChoiceField(label=pgettext_lazy("outreach", "Place"), queryset=Place.objects.none(), required=False,
                                   empty_label=_("Not sure: let the office choose"))
    category = forms.ChoiceField(label=_("Category"))
    description = forms.CharField(label=_("What is the problem?"), widget=forms.Textarea(attrs={"rows": 6}))
    photo = forms.FileField(label=_("Photo (optional)"), required=False,
                            help_text=_("JPEG, PNG or WebP, at most 5 MB."),
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))

    def __init__(self, *args, organisation, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = _category_field(organisation)
        self.fields["place"].queryset = places
        limit = get_setting(organisation, "outreach.description_max_length")
        self.fields["description"].max_length = limit
        self.fields["description"].widget.attrs["maxlength"] = limit
        self.fields["description"].help_text = _("At most %(n)d characters.") % {"n": limit}
        self.order_fields(["name", "phone", "place", "category", "description", "photo"])

    def concern_data(self) -> dict:
        d = self.cleaned_data
        return {"name": d["name"], "phone": d["phone"], "place": d.get("place"), "category": d["category"],
                "description": d["description"]}


class ConcernRegisterForm(ConcernFields):
    handle_myself = forms.BooleanField(label=_("I will handle it myself"), required=False, initial=True)


class PublicConcernForm(ConcernFields):
    answer = forms.CharField(label=_("Answer"), max_length=6,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    token = forms.CharField(widget=forms.HiddenInput, max_length=500)
    # The honeypot: hidden from people by CSS, left empty by them, filled in by programs.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, fixed_place=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Your name")
        self.fields["phone"].label = _("Your phone")
        self.fields["phone"].help_text = _("Only those handling your concern see the whole number.")
        if fixed_place is not None:
            del self.fields["place"]


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=40,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "placeholder": "XXXX-XXXX-XXXX"}))


class FeedbackForm(forms.Form):
    satisfied = forms.TypedChoiceField(label=_("Are you satisfied with the result?"), widget=forms.RadioSelect,
                                       coerce=lambda v: v == "yes",
                                       choices=[("yes", _("Satisfied")), ("no", _("Not satisfied"))])
    comment = forms.CharField(label=_("Anything to add? (optional)"), max_length=guard.COMMENT_MAX, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class PublicFeedbackForm(FeedbackForm):
    code = forms.CharField(widget=forms.HiddenInput, max_length=40)


class AssignForm(forms.Form):
    member = MemberChoiceField(label=_("Member"), queryset=None)
    comment = forms.CharField(label=_("Note for the member (optional)"), max_length=guard.COMMENT_MAX, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        say_choose(self)


class RouteForm(forms.Form):
    place = forms.ModelChoiceField(label=pgettext_lazy("outreach", "Place"), queryset=None)
    comment = forms.CharField(label=_("Note (optional)"), max_length=guard.COMMENT_MAX, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(organisation=organisation, is_active=True).order_by(
            "county", "township", "name")
        say_choose(self)


class PassToUnitForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Handling unit"), queryset=None)
    due_on = forms.DateField(label=_("Answer due by"), required=False, widget=DATE,
                             help_text=_("Leave empty for the usual time limit."))
    comment = forms.CharField(label=_("What the unit should do"), max_length=guard.COMMENT_MAX, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = HandlingUnit.objects.filter(organisation=organisation, is_active=True)
        say_choose(self)


class TextForm(forms.Form):
    text = forms.CharField(label=_("Answer or reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Progress note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    is_public = forms.BooleanField(label=_("Show it to the person on the tracking page"), required=False)


class CloseForm(forms.Form):
    result = forms.CharField(label=_("Result (the person reads it)"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 4}))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why it is not taken up (the person reads it)"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(AssignForm):
    reason = forms.CharField(label=_("Why it is reopened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["comment"]


class FiguresForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)
    include_lower = forms.ChoiceField(label=_("Scope"), required=False,
                                      choices=[("yes", _("This committee and those below it")),
                                               ("no", _("This committee only"))])

    def period(self) -> tuple:
        """(start, end, include_lower): this year so far, with the committees below, unless chosen otherwise."""
        today = timezone.localdate()
        d = self.cleaned_data if self.is_valid() else {}
        start = d.get("date_from") or today.replace(month=1, day=1)
        end = d.get("date_to") or today
        if end < start:
            start, end = end, start
        return start, end, d.get("include_lower") != "no"
