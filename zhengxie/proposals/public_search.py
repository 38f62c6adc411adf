"""The public list's filters (no login): proposals by year, category, handling unit and result, with the date and
category of the accepted reply where the committee publishes its replies."""

from django import forms
from django.db.models import Exists, Max, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import HandlingUnit

from .choices import ReplyCategory
from .models import HandlingTask, Reply
from .org_settings import setting

NOT_REPLIED = "none"


def _accepted(proposal_ref):
    return Reply.objects.filter(task__proposal=proposal_ref, accepted_at__isnull=False)


class PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("Search titles"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("Proposal category"), required=False)
    unit = forms.TypedChoiceField(label=_("Handling unit"), required=False, coerce=int, empty_value=None)
    result = forms.ChoiceField(label=_("Result"), required=False)

    def __init__(self, *args, organisation, proposals, replies_public: bool, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        years = sorted({d.year for d in proposals.exclude(registered_at=None).dates("registered_at", "year")},
                       reverse=True)
        self.fields["year"].choices = everything + [(y, str(y)) for y in years]
        used = set(proposals.exclude(category="").values_list("category", flat=True).distinct())
        configured = list(setting(organisation, "categories"))
        self.fields["category"].choices = everything + [(c, c) for c in configured + sorted(used - set(configured))]
        units = HandlingUnit.objects.filter(pk__in=HandlingTask.objects.filter(
            proposal__in=proposals.values("pk")).values("unit_id")).order_by("sort_order", "name")
        self.fields["unit"].choices = everything + [(u.pk, u.name) for u in units]
        if replies_public:
            self.fields["result"].choices = everything + list(ReplyCategory.choices) + [
                (NOT_REPLIED, _("Not replied yet"))]
        else:
            del self.fields["result"]


def public_search(organisation, proposals, data: dict):
    """The published proposals matching the filters; each with ``reply_date`` and ``reply_category`` when the
    committee publishes its replies."""
    qs = proposals
    if data.get("q"):
        qs = qs.filter(title__contains=data["q"])
    if data.get("year"):
        qs = qs.filter(registered_at__year=data["year"])
    if data.get("category"):
        qs = qs.filter(category=data["category"])
    if data.get("unit"):
        qs = qs.filter(Exists(HandlingTask.objects.filter(proposal=OuterRef("pk"), unit_id=data["unit"])))
    if not setting(organisation, "publish_replies"):
        return qs
    accepted = _accepted(OuterRef("pk"))
    latest = accepted.order_by("-accepted_at", "-pk")
    qs = qs.annotate(reply_date=Subquery(accepted.values("task__proposal").annotate(d=Max("accepted_at")).values("d")[:1]),
                     reply_category=Subquery(latest.values("category")[:1]))
    result = data.get("result")
    if result == NOT_REPLIED:
        qs = qs.filter(reply_category__isnull=True)
    elif result:
        qs = qs.filter(reply_category=result)
    return qs
