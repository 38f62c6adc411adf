"""Forms of the opinions app. They validate the shape of the input; the services apply the rules (the length
cap, the states) and their errors are put back on these forms, so nothing typed is lost."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core import permissions as core_permissions
from zhengxie.core.choices import OrganisationLevel, Role
from zhengxie.core.models import Body, Member
from zhengxie.core.org_settings import get_setting

from . import permissions
from .choices import AdoptionKind, AuthorKind, InstructionLevel, ReportStatus
from .org_settings import MAX_LENGTH, categories_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class VersionForm(forms.Form):
    """The version of the item the user saw: a change made meanwhile by someone else is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _text_field(organisation):
    limit = get_setting(organisation, MAX_LENGTH)
    return forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14, "data-count-limit": limit, "aria-describedby": "text-counter"}),
        help_text=_("One issue per report: the situation, the problem, and your suggestions, in at most %(limit)d "
                    "characters (counted like Word's word count).") % {"limit": limit},
    )


class ReportFieldsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            widget=forms.TextInput(attrs={"placeholder": _("e.g. 关于加强农村互助养老服务的建议")}))
    category = forms.ChoiceField(label=_("Category"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = _text_field(organisation)
        choices = [(c, c) for c in categories_of(organisation)]
        current = self.initial.get("category") or (self.data.get(self.add_prefix("category")) if self.is_bound else "")
        if current and current not in dict(choices):
            choices.append((current, current))  # a category of a level below, kept until the office changes it
        self.fields["category"].choices = [("", _("Choose…")), *choices]
        self.order_fields(["title", "category", "text"])


class ReportSubmitForm(ReportFieldsForm):
    """Submit a report. A contact of several bodies chooses one; the office registering a paper report chooses
    the author."""

    author = forms.ChoiceField(label=_("Submitted in the name of"), required=False)
    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none(), required=False)
    body = forms.ModelChoiceField(label=_("Party, organisation or sector"), queryset=Body.objects.none(), required=False)
    files = MultipleFileField(label=_("Attachments"), required=False,
                              help_text=_("Photos or documents that support the report (optional)."))

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.office = permissions.is_information_office(user, organisation)
        body_ids = core_permissions.body_ids_of(user, organisation)
        seat = core_permissions.current_member(user, organisation)
        choices = []
        if seat is not None:
            choices.append((AuthorKind.MEMBER, _("Myself, as a member")))
        elif core_permissions.has_role(user, organisation, Role.INFORMANT):
            choices.append((AuthorKind.INFORMANT, _("Myself, as an invited informant")))
        if body_ids or self.office:
            choices.append((AuthorKind.BODY, _("A party, organisation or sector")))
            self.fields["body"].queryset = Body.objects.filter(
                organisation=organisation, is_active=True, **({} if self.office else {"pk__in": body_ids}))
        if self.office:
            choices.append((AuthorKind.MEMBER + "_other", _("A member (a report received on paper)")))
            choices.append((AuthorKind.ORGANISATION, _("The committee itself")))
            self.fields["member"].queryset = (Member.objects.current().for_org(organisation)
                                             .select_related("person", "sector").order_by("person__name"))
            self.fields["member"].label_from_instance = lambda m: f"{m.person.name}（{m.sector.name}）"
        self.fields["author"].choices = choices
        if len(choices) <= 1:
            self.fields["author"].widget = forms.HiddenInput()
            self.fields["author"].initial = choices[0][0] if choices else ""
        if not self.office and len(body_ids) <= 1:
            self.fields["body"].widget = forms.HiddenInput()
        if not self.office:
            self.fields["member"].widget = forms.HiddenInput()
        if len(body_ids) == 1 and not self.office:
            self.fields["body"].initial = next(iter(body_ids))

    def author_kwargs(self) -> dict:
        """The author arguments of ``report_submit``."""
        d = self.cleaned_data
        author = d.get("author") or ""
        if author == AuthorKind.BODY:
            return {"body": d.get("body")}
        if author == AuthorKind.MEMBER + "_other":
            return {"member": d.get("member")}
        if author == AuthorKind.ORGANISATION:
            return {"as_organisation": True}
        return {}

    def clean(self):
        d = super().clean()
        author = d.get("author")
        if author == AuthorKind.BODY and not d.get("body"):
            self.add_error("body", _("Choose the body."))
        if author == AuthorKind.MEMBER + "_other" and not d.get("member"):
            self.add_error("member", _("Choose the member."))
        return d


class ReportEditForm(ReportFieldsForm, VersionForm):
    note = forms.CharField(label=_("Note on the editing (kept in the history)"), max_length=200, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["text"].help_text = _("The text as received is kept: compare the two versions side by side.")
        self.fields["text"].widget.attrs["rows"] = 20


class ReportAmendForm(ReportFieldsForm, VersionForm):
    pass


class NotUseForm(VersionForm):
    reason = forms.CharField(label=_("Reason (sent to the author)"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=500)


class AdoptionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Adopted by"), choices=[(AdoptionKind.UPPER, _("A higher level")),
                                                           (AdoptionKind.MEDIA, _("The media"))])
    level = forms.ChoiceField(label=_("Level"), required=False)
    adopted_by = forms.CharField(label=_("Body or medium"), max_length=120,
                                 widget=forms.TextInput(attrs={"placeholder": _("e.g. 全国政协办公厅, 甘肃日报")}))
    adopted_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", "—")] + [
            (value, label) for value, label in OrganisationLevel.choices
            if OrganisationLevel.rank(value) < organisation.level_rank
        ]


class InstructionForm(forms.Form):
    leader_name = forms.CharField(label=_("Leader"), max_length=40)
    leader_title = forms.CharField(label=_("Leader's office"), max_length=80, required=False,
                                   widget=forms.TextInput(attrs={"placeholder": _("e.g. 省委副书记, 市长")}))
    level = forms.ChoiceField(label=_("Level"))
    text = forms.CharField(label=_("Instruction"), widget=forms.Textarea(attrs={"rows": 3}))
    instructed_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        from .choices import INSTRUCTION_LEVEL_OF, INSTRUCTION_RANK

        own = INSTRUCTION_RANK[INSTRUCTION_LEVEL_OF[organisation.level]]
        self.fields["level"].choices = [(v, label) for v, label in InstructionLevel.choices if INSTRUCTION_RANK[v] <= own]
        self.fields["level"].initial = INSTRUCTION_LEVEL_OF[organisation.level]


class ReportFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("Title, author or text")}))
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    author_kind = forms.ChoiceField(label=_("Author"), required=False,
                                    choices=[("", _("All")), *AuthorKind.choices])
    source = forms.ChoiceField(label=_("Source"), required=False, choices=[
        ("", _("All")), ("own", _("Submitted here")), ("below", _("Forwarded from below"))])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All")), ("open", _("To be handled")), *ReportStatus.choices]
        self.fields["category"].choices = [("", _("All")), *[(c, c) for c in categories_of(organisation)]]


class BulletinCreateForm(forms.Form):
    subject = forms.CharField(label=_("Subject (optional)"), max_length=100, required=False)


class BulletinReturnForm(VersionForm):
    reason = forms.CharField(label=_("What should be changed"), widget=forms.Textarea(attrs={"rows": 3}))


class BulletinSendForm(VersionForm):
    recipients = forms.CharField(label=_("Recipients"), widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("One per line."))

    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["recipients"].splitlines() if line.strip()]


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)

    def clean(self):
        d = super().clean()
        if d.get("start") and d.get("end") and d["start"] > d["end"]:
            raise forms.ValidationError(_("The start comes after the end."))
        return d


class BulletinReviewForm(VersionForm):
    comment = forms.CharField(label=_("Review opinion"), required=False, max_length=500,
                              widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Optional, e.g. 同意."))


class BulletinTemplateForm(forms.Form):
    """The 红头 of the bulletin, edited by the information office."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    masthead = forms.CharField(label=_("Masthead"), max_length=20)
    issuer = forms.CharField(label=_("Issued by"), max_length=60, required=False,
                             help_text=_("The line under the masthead, e.g. “天水市政协研究室”."))
    masthead_colour = forms.CharField(label=_("Masthead colour"), max_length=7,
                                      widget=forms.TextInput(attrs={"type": "color"}))
    rule_colour = forms.CharField(label=_("Colour of the red rule"), max_length=7,
                                  widget=forms.TextInput(attrs={"type": "color"}))
    numbering = forms.CharField(label=_("Numbering"), max_length=60,
                                help_text=_("{year}, {number} (in the year) and {serial} (in total) are replaced."))
    secrecy_mark = forms.CharField(label=_("Secrecy mark"), max_length=30, required=False)
