"""Forms of the duties app: rule sets and their rules, self-reported duties, manual entries, the yearly
self-report, and the filters of the staff lists."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.models import Sector, SpecialCommittee

from .choices import (
    KIND_CATEGORY,
    AdoptedBy,
    BandTone,
    DutyCategory,
    DutyEventKind,
    MeetingType,
    ProposerRole,
    RuleMode,
    SelfReportType,
)
from .conditions import SLUG
from .models import Rule
from .presets import PRESETS
from .validation import rule_problems

POINTS_FIELD = dict(max_digits=7, decimal_places=2)


class VersionForm(forms.Form):
    """Carries the version of the rule set (or report) the user saw, to refuse a change decided on stale data."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RuleSetCreateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    source = forms.ChoiceField(label=_("Start from"))

    def __init__(self, *args, existing_years, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year + 1, this_year - 4, -1) if y not in existing_years]
        self.fields["year"].initial = this_year if this_year not in existing_years else None
        choices = [(f"preset:{key}", _("Preset: %(name)s") % {"name": p.name}) for key, p in PRESETS.items()]
        choices += [(f"copy:{y}", _("A copy of the %(year)s rules") % {"year": y}) for y in sorted(existing_years, reverse=True)]
        self.fields["source"].choices = choices


class RuleSetSettingsForm(VersionForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    basis = forms.CharField(label=_("Basis"), max_length=200, required=False,
                            help_text=_("The document the rules implement, e.g. the committee's evaluation measures."))
    base_points = forms.DecimalField(label=_("Base points"), min_value=0, **POINTS_FIELD,
                                     help_text=_("Points every member starts the year with."))
    bonus_cap = forms.DecimalField(label=_("Bonus cap"), min_value=0, required=False, **POINTS_FIELD,
                                   help_text=_("The most points all gains together may add to the base; empty: no cap."))
    max_total = forms.DecimalField(label=_("Maximum total"), min_value=0, required=False, **POINTS_FIELD,
                                   help_text=_("The highest possible total; empty: no cap."))


class SectionForm(forms.Form):
    category = forms.ChoiceField(choices=DutyCategory.choices, widget=forms.HiddenInput)
    enabled = forms.BooleanField(label=_("Own limits"), required=False)
    start_points = forms.DecimalField(label=_("Starting points"), required=False, **POINTS_FIELD)
    floor_points = forms.DecimalField(label=_("Floor"), required=False, **POINTS_FIELD)
    cap_points = forms.DecimalField(label=_("Cap"), required=False, **POINTS_FIELD)

    @property
    def category_label(self):
        return DutyCategory(self["category"].value()).label

    def section(self) -> dict | None:
        d = self.cleaned_data
        if not d.get("enabled"):
            return None
        return {"category": d["category"], "start_points": d.get("start_points") or Decimal(0),
                "floor_points": d.get("floor_points"), "cap_points": d.get("cap_points")}


SectionFormSet = forms.formset_factory(SectionForm, extra=0)


class BandForm(forms.Form):
    label = forms.CharField(label=_("Band"), max_length=20)
    min_points = forms.DecimalField(label=_("From (points)"), **POINTS_FIELD)
    tone = forms.ChoiceField(label=_("Colour"), choices=BandTone.choices)
    needs_talk = forms.BooleanField(label=_("Talk with the member"), required=False)


BandFormSet = forms.formset_factory(BandForm, extra=1, can_delete=True)


def section_initial(rule_set) -> list[dict]:
    own = {s.category: s for s in rule_set.sections.all()}
    rows = []
    for category in DutyCategory.values:
        s = own.get(category)
        rows.append({"category": category, "enabled": s is not None,
                     "start_points": s.start_points if s else Decimal(0),
                     "floor_points": s.floor_points if s else None, "cap_points": s.cap_points if s else None})
    return rows


def band_initial(rule_set) -> list[dict]:
    return [{"label": b.label, "min_points": b.min_points, "tone": b.tone, "needs_talk": b.needs_talk}
            for b in rule_set.bands.all()]


class MultipleChoice(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class RuleForm(VersionForm):
    label = forms.CharField(label=_("Label"), max_length=100)
    kind = forms.ChoiceField(label=_("Duty event"), choices=DutyEventKind.choices)
    role = MultipleChoice(label=_("Only for proposers who are"), choices=ProposerRole.choices, required=False)
    meeting_type = MultipleChoice(label=_("Only for meetings of type"), choices=MeetingType.choices, required=False)
    by = MultipleChoice(label=_("Only when adopted by"), choices=AdoptedBy.choices, required=False)
    report_type = MultipleChoice(label=_("Only for self-reported duties of kind"), choices=SelfReportType.choices,
                                 required=False)
    activity_type = forms.CharField(label=_("Only for activity types"), required=False,
                                    help_text=_("Codes of the activity types, separated by commas; empty: any."))
    mode = forms.ChoiceField(label=_("Scoring"), choices=RuleMode.choices)
    points = forms.DecimalField(label=_("Points"), **POINTS_FIELD,
                                help_text=_("Negative for a deduction. For a joint proposal: the points of the whole proposal."))
    first_share = forms.DecimalField(label=_("First proposer's share"), max_digits=4, decimal_places=3, initial="0.5",
                                     required=False, help_text=_("For joint proposals, between 0 and 1."))
    cap = forms.DecimalField(label=_("Cap per year"), min_value=0, required=False, **POINTS_FIELD,
                             help_text=_("The most points this rule gives (or takes) in a year; empty: no cap."))
    section = forms.ChoiceField(label=_("Counts in"), choices=[("", _("The event's own category")), *DutyCategory.choices],
                                required=False)

    CONDITION_FIELDS = ("role", "meeting_type", "by", "report_type")

    def __init__(self, *args, rule: Rule | None = None, **kwargs):
        initial = kwargs.pop("initial", None) or {}
        if rule is not None:
            values = {f: getattr(rule, f) for f in ("label", "kind", "mode", "points", "first_share", "cap", "section")}
            for key, chosen in (rule.conditions or {}).items():
                values[key] = ", ".join(chosen) if key == "activity_type" else chosen
            initial = {**values, **initial}
        super().__init__(*args, initial=initial, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        conditions = {key: data[key] for key in self.CONDITION_FIELDS if data.get(key)}
        activity = [v.strip() for v in (data.get("activity_type") or "").replace("，", ",").split(",") if v.strip()]
        if any(not SLUG.match(v) for v in activity):
            self.add_error("activity_type", _("Use the codes of the activity types (letters, digits, “_”)."))
            return data
        if activity:
            conditions["activity_type"] = activity
        data["conditions"] = conditions
        data["section"] = data.get("section") or KIND_CATEGORY.get(data["kind"], DutyCategory.OTHER)
        data["first_share"] = data.get("first_share") if data.get("first_share") is not None else Decimal("0.5")
        probe = Rule(kind=data["kind"], conditions=conditions, mode=data["mode"], points=data["points"],
                     first_share=data["first_share"], cap=data.get("cap"), section=data["section"])
        problems = rule_problems(probe)
        if problems:
            raise ValidationError(problems)
        return data

    def rule_data(self) -> dict:
        d = self.cleaned_data
        return {key: d[key] for key in ("label", "kind", "conditions", "mode", "points", "first_share", "cap", "section")}


class RequirementForm(VersionForm):
    label = forms.CharField(label=_("Requirement"), max_length=100)
    min_count = forms.IntegerField(label=_("At least (events)"), min_value=1, max_value=99, initial=1)
    rules = forms.ModelMultipleChoiceField(label=_("Met by events of these rules"), queryset=Rule.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, rule_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rules"].queryset = rule_set.rules.order_by("order", "id")


class ReasonForm(VersionForm):
    reason = forms.CharField(label=_("Reason"), max_length=200, widget=forms.TextInput)


class NoteForm(VersionForm):
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class SelfReportForm(VersionForm):
    report_type = forms.ChoiceField(label=_("Kind of duty"), choices=SelfReportType.choices)
    title = forms.CharField(label=_("Title"), max_length=120,
                            widget=forms.TextInput(attrs={"placeholder": _("e.g. Visited the village elderly-care centre")}))
    occurred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    place = forms.CharField(label=pgettext_lazy("location", "Place"), max_length=100, required=False)
    description = forms.CharField(label=_("What you did"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    files = MultipleFileField(label=_("Photos or files"), required=False,
                              widget=MultipleFileInput(attrs={"accept": "image/*,.pdf,.doc,.docx,.xls,.xlsx"}),
                              help_text=_("Up to 9 photos or files (JPEG, PNG, PDF, Word, Excel), 20 MB each."))

    def report_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("report_type", "title", "occurred_on", "place", "description")}


class ManualEntryForm(forms.Form):
    occurred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                  initial=timezone.localdate)
    title = forms.CharField(label=_("What"), max_length=120)
    points = forms.DecimalField(label=_("Points"), max_digits=5, decimal_places=2,
                                help_text=_("Negative to deduct."))
    reason = forms.CharField(label=_("Reason"), max_length=200)


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Yearly self-report"), max_length=6000, required=False,
                           widget=forms.Textarea(attrs={"rows": 10}))


class ScoreFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("Name or work unit")}))
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none(), required=False,
                                    empty_label=_("All"))
    committee = forms.ModelChoiceField(label=_("Special committee"), queryset=SpecialCommittee.objects.none(),
                                       required=False, empty_label=_("All"))
    band = forms.TypedChoiceField(label=_("Band"), coerce=int, required=False, empty_value=None)
    met = forms.ChoiceField(label=_("Minimum duties"), required=False,
                            choices=[("", _("All")), ("yes", _("Met")), ("no", _("Not met"))])

    def __init__(self, *args, organisation, rule_set, sectors=None, committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = sectors if sectors is not None else Sector.objects.filter(organisation=organisation)
        self.fields["committee"].queryset = (committees if committees is not None
                                             else SpecialCommittee.objects.filter(organisation=organisation))
        bands = list(rule_set.bands.all()) if rule_set else []
        self.fields["band"].choices = [("", _("All")), *((b.pk, b.label) for b in bands)]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        met = {"yes": True, "no": False}.get(d.get("met") or "")
        return {"sector": d.get("sector"), "committee": d.get("committee"), "band": d.get("band"), "met": met,
                "q": d.get("q") or ""}
