"""Forms of the proposals pages. Each action form carries the ``version`` of the row the user saw, so an action
decided on a page that someone else has changed meanwhile is refused ("just changed")."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.models import HandlingUnit, Session
from zhengxie.core.promises import PromiseRowsMixin

from .choices import (
    RATING_PARTS,
    TEXT_LIMITS,
    AssignmentMode,
    AwardKind,
    ContactWay,
    ConversionTarget,
    Disclosure,
    KeyState,
    ProposalKind,
    ProposalStatus,
    Publication,
    RejectionGround,
    ReplyQuality,
    Satisfaction,
    SubmitterKind,
    SupervisionKind,
)
from .org_settings import setting

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def units_of(organisation):
    return HandlingUnit.objects.filter(organisation=organisation, is_active=True).order_by("sort_order", "pk")


class VersionForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ProposalForm(VersionForm):
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            widget=forms.TextInput(attrs={"placeholder": _("On … (one issue per proposal)")}))
    category = forms.ChoiceField(label=_("Proposal category"), required=False)
    # maxlength stops the typing at the limit; data-counter shows "used / limit" as the member types (zhengxie.js).
    background = forms.CharField(label=_("Background (案由)"), required=False, max_length=TEXT_LIMITS["background"],
                                 widget=forms.Textarea(attrs={"rows": 8, "data-counter": "", "placeholder": _("The situation and the problem, with facts and figures.")}))
    suggestions = forms.CharField(label=_("Suggestions (建议)"), required=False, max_length=TEXT_LIMITS["suggestions"],
                                  widget=forms.Textarea(attrs={"rows": 8, "data-counter": "", "placeholder": _("Concrete, practicable suggestions, one per paragraph.")}))
    suggested_units = forms.ModelMultipleChoiceField(
        label=_("Suggested handling units"), queryset=HandlingUnit.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Optional: the office decides the assignment. Hold Ctrl (or long-press) to choose several."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose a category…"))] + [(c, c) for c in setting(organisation, "categories")]
        self.fields["suggested_units"].queryset = units_of(organisation)
        for name, limit in TEXT_LIMITS.items():
            self.fields[name].help_text = _("At most %(n)d characters.") % {"n": limit}

    def content(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("title", "category", "background", "suggestions")}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attachment (PDF, Word, Excel, JPG or PNG)"))


class CommentForm(VersionForm):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RequiredCommentForm(VersionForm):
    comment = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(CommentForm):
    field_order = ["version", "agree", "comment"]  # the decision first, then why
    agree = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes", choices=[("yes", _("Yes")), ("no", _("No"))],
                                   widget=forms.RadioSelect)


class RejectForm(VersionForm):
    ground = forms.ChoiceField(label=_("Ground"), choices=RejectionGround.choices)
    comment = forms.CharField(label=_("Explanation for the proposer"), widget=forms.Textarea(attrs={"rows": 3}))


class MergeForm(CommentForm):
    target = forms.CharField(label=_("Merge into (number or title)"), max_length=200, required=False)
    # Set when the target was chosen from the possible duplicates (it may have no number yet).
    target_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("target_id") and not (cleaned.get("target") or "").strip():
            self.add_error("target", _("Give the number or the title of the proposal to merge into."))
        return cleaned


class ConversionForm(VersionForm):
    target = forms.ChoiceField(label=_("Convert into"), choices=ConversionTarget.choices)
    comment = forms.CharField(label=_("Explanation for the proposer"), widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(CommentForm):
    mode = forms.ChoiceField(label=_("Handling mode"), choices=AssignmentMode.choices, widget=forms.RadioSelect,
                             initial=AssignmentMode.SOLE)
    lead_units = forms.ModelMultipleChoiceField(
        label=_("Handling unit(s)"), queryset=HandlingUnit.objects.none(), widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("单办: one unit. 分办: two or more units, each replies. 会办: the lead unit."),
    )
    co_units = forms.ModelMultipleChoiceField(
        label=_("Co-handling units (会办 only)"), queryset=HandlingUnit.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_units"].queryset = units_of(organisation)
        self.fields["co_units"].queryset = units_of(organisation)


class BatchAssignForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Handling unit (单办)"), queryset=HandlingUnit.objects.none())

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_of(organisation)


class ReassignForm(CommentForm):
    unit = forms.ModelChoiceField(label=_("New unit"), queryset=HandlingUnit.objects.none())

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_of(organisation)


class ContactForm(forms.Form):
    contacted_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    way = forms.ChoiceField(label=_("Way"), choices=ContactWay.choices)
    notes = forms.CharField(label=_("What was discussed"), widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionForm(VersionForm):
    months = forms.IntegerField(label=_("Months"), min_value=1, max_value=6, initial=1)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class InputForm(VersionForm):
    text = forms.CharField(label=_("Our input for the lead unit"), widget=forms.Textarea(attrs={"rows": 5}))
    file = forms.FileField(label=_("Attachment"), required=False)


class ReplyForm(PromiseRowsMixin, forms.Form):
    text = forms.CharField(label=_("Reply to the proposal"), widget=forms.Textarea(attrs={"rows": 12}))
    category = forms.ChoiceField(label=_("Result category"))
    contact_name = forms.CharField(label=_("Contact person"), max_length=40, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    issuer = forms.CharField(label=_("Signed by (签发人)"), max_length=40, required=False)
    document_number = forms.CharField(label=_("Document number (文号)"), max_length=60, required=False,
                                      widget=forms.TextInput(attrs={"placeholder": _("e.g. 天教函〔2026〕12号")}))
    disclosure = forms.ChoiceField(label=_("Disclosure (公开属性)"), choices=Disclosure.choices, initial=Disclosure.PUBLIC,
                                   required=False)
    file = forms.FileField(label=_("Attachment (the signed and sealed letter, if any)"), required=False)

    def letter(self) -> dict:
        return {k: self.cleaned_data.get(k, "") for k in ("issuer", "document_number", "disclosure")}

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = categories
        self.add_promise_rows()  # the measures promised with their dates

    def clean(self):
        return self.clean_promise_rows(super().clean())


class AcceptForm(CommentForm):
    category = forms.ChoiceField(label=_("Result category"), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Keep the unit's category"))] + list(categories)


class QualityForm(forms.Form):
    quality = forms.ChoiceField(label=_("Reply quality"), choices=ReplyQuality.choices)
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class RatingForm(forms.Form):
    """One overall rating, or (``parts=True``, the setting ``proposals.rating_parts``) 办理态度, 沟通联系 and 办理结果,
    from which the service derives the overall one."""

    value = forms.ChoiceField(label=_("Your rating"), choices=Satisfaction.choices, widget=forms.RadioSelect)
    attitude = forms.ChoiceField(label=_("Handling attitude (办理态度)"), choices=Satisfaction.choices,
                                 widget=forms.RadioSelect)
    communication = forms.ChoiceField(label=_("Communication (沟通联系)"), choices=Satisfaction.choices,
                                      widget=forms.RadioSelect)
    result = forms.ChoiceField(label=_("Handling result (办理结果)"), choices=Satisfaction.choices,
                               widget=forms.RadioSelect,
                               help_text=_("The overall rating is 不满意 when the result is, 满意 when all three are, "
                                           "基本满意 otherwise."))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Required when you are not satisfied."))

    def __init__(self, *args, parts: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.split = parts
        for name in (("value",) if parts else RATING_PARTS):
            del self.fields[name]

    def rating(self) -> dict:
        """The keyword arguments of the rating services: ``value`` or ``parts``."""
        data = self.cleaned_data
        if self.split:
            return {"parts": {name: data[name] for name in RATING_PARTS}}
        return {"value": data["value"]}


class PaperRatingForm(RatingForm):
    signer = forms.TypedChoiceField(label=_("Proposer"), coerce=int)

    def __init__(self, *args, raters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].choices = [(s.pk, s.name) for s in raters]


class KeyDecisionForm(DecisionForm):
    leader = forms.TypedChoiceField(label=_("Leading leader (领衔督办)"), coerce=int, required=False)

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].choices = [("", _("Myself"))] + [(u.pk, u.label) for u in leaders]


class SupervisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of supervision"), choices=SupervisionKind.choices)
    happened_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}))


class PublicationForm(VersionForm):
    publication = forms.ChoiceField(label=_("Publication"), choices=Publication.choices, required=False)


class AwardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Award"), choices=AwardKind.choices)
    proposal = forms.CharField(label=_("Proposal (number or title)"), max_length=200, required=False)
    unit = forms.ModelChoiceField(label=_("Handling unit"), queryset=HandlingUnit.objects.none(), required=False)
    citation = forms.CharField(label=_("Citation"), max_length=300, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_of(organisation)


class LetterForwardForm(VersionForm):
    unit = forms.ModelChoiceField(label=_("Handling unit"), queryset=HandlingUnit.objects.none())
    note = forms.CharField(label=_("Note to the unit"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_of(organisation)


class LetterAnswerForm(VersionForm):
    answer = forms.CharField(label=_("Answer to the letter"), widget=forms.Textarea(attrs={"rows": 6}))


class ProposalFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("Title, number or proposer")}))
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.ChoiceField(label=_("Proposal category"), required=False)
    session = forms.TypedChoiceField(label=_("Session"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("Proposal type"), choices=[("", _("All")), *ProposalKind.choices], required=False)
    submitter = forms.ChoiceField(label=_("Submitted by"), choices=[("", _("All")), *SubmitterKind.choices], required=False)
    unit = forms.TypedChoiceField(label=_("Handling unit"), coerce=int, required=False, empty_value=None)
    key = forms.ChoiceField(label=_("Key proposals"), required=False,
                            choices=[("", _("All")), (KeyState.NOMINATED, KeyState.NOMINATED.label),
                                     (KeyState.APPROVED, KeyState.APPROVED.label)])
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Drafts are in the filter: the lists show only the user's own (the selectors never show another's draft).
        self.fields["status"].choices = [("", _("All")), *ProposalStatus.choices]
        self.fields["category"].choices = [("", _("All"))] + [(c, c) for c in setting(organisation, "categories")]
        self.sessions = list(Session.objects.filter(term__organisation=organisation).select_related("term")
                             .order_by("-year", "-number"))
        self.fields["session"].choices = [("", _("All"))] + [(s.pk, str(s)) for s in self.sessions]
        self.fields["unit"].choices = [("", _("All"))] + list(units_of(organisation).values_list("pk", "name"))

    def filters(self) -> dict:
        d = self.cleaned_data
        return {"q": d["q"], "status": d["status"], "category": d["category"], "session": d["session"],
                "kind": d["kind"], "submitter": d["submitter"], "unit": d["unit"], "key": d["key"], "overdue": d["overdue"]}


# --- joint proposals of committees -----------------------------------------------------------------------------


class JointProposalForm(VersionForm):
    """A committee's joint proposal: where it goes, who co-proposes, its text."""

    target = forms.ModelChoiceField(label=_("Higher committee of the platform"), required=False, queryset=None,
                                    empty_label=_("A committee outside the platform (name it below)"))
    target_name = forms.CharField(label=_("Committee outside the platform"), max_length=100, required=False,
                                  help_text=_("For instance 全国政协, or another province's committee: you will "
                                              "record its outcome yourself."))
    cosigners = forms.ModelMultipleChoiceField(
        label=_("Co-proposing committees of the platform"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Their proposal offices are invited to confirm when you send it. Hold Ctrl (or long-press) "
                    "to choose several."))
    outside = forms.CharField(label=_("Co-proposing committees outside the platform"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3, "placeholder": "嘉峪关市政协\n张掖市政协"}),
                              help_text=_("One per line: their signatures, given on paper, are recorded by your office."))
    alliance = forms.ModelChoiceField(
        label=_("In the name of an alliance"), queryset=None, required=False, empty_label=_("No alliance"),
        help_text=_("An alliance or cooperation mechanism your committee belongs to: the joint proposal appears on "
                    "its page and counts in its figures."))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Proposal category"), required=False)
    background = forms.CharField(label=_("Background (案由)"), required=False, max_length=TEXT_LIMITS["background"],
                                 widget=forms.Textarea(attrs={"rows": 6}))
    suggestions = forms.CharField(label=_("Suggestions (建议)"), required=False, max_length=TEXT_LIMITS["suggestions"],
                                  widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, organisation, **kwargs):
        from zhengxie.cooperation.selectors import alliances_of_committee

        from . import selectors

        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = selectors.joint_higher_committees(organisation)
        self.fields["cosigners"].queryset = selectors.joint_cosigning_committees(organisation)
        self.fields["alliance"].queryset = alliances_of_committee(organisation)
        self.fields["category"].choices = [("", _("Choose a category…"))] + [(c, c) for c in setting(organisation, "categories")]

    def arguments(self) -> dict:
        d = self.cleaned_data
        return {"data": {k: d[k] for k in ("title", "category", "background", "suggestions")}, "target": d["target"],
                "target_name": d["target_name"], "cosigners": list(d["cosigners"]), "alliance": d["alliance"],
                "outside": [line for line in d["outside"].splitlines() if line.strip()]}


class JointOutcomeForm(VersionForm):
    registered = forms.TypedChoiceField(label=pgettext_lazy("joint proposal", "Outcome"), coerce=lambda v: v == "yes",
                                        choices=[("yes", _("Registered")), ("no", _("Not registered"))])
    number = forms.CharField(label=_("Number given by that committee"), max_length=60, required=False)
    registered_on = forms.DateField(label=_("Registered on"), required=False, widget=DATE)
    reply_text = forms.CharField(label=pgettext_lazy("joint proposal", "Reply"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    reply_on = forms.DateField(label=_("Reply date"), required=False, widget=DATE)
