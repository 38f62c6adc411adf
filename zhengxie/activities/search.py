"""Activities, outcome reports and deliberation topics are searchable, each by whoever may see it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.search.registry import Searchable, register_searchable

from .models import Activity, OutcomeReport, Topic
from .selectors import activities_visible_to, reports_visible_to, topics_visible_to

register_searchable(Searchable(
    model=Activity,
    label=_("Activity"),
    title=lambda a: a.title,
    text=lambda a: f"{a.subtype_label} {a.location} {a.lead_name}\n{a.description}\n{a.itinerary}\n{a.minutes}",
    url=lambda a: reverse("activities:detail", args=[a.pk]),
    organisation_id=lambda a: a.organisation_id,
    visible=activities_visible_to,
))
register_searchable(Searchable(
    model=OutcomeReport,
    label=_("Outcome report"),
    title=lambda r: r.title,
    text=lambda r: f"{r.get_kind_display()}\n{r.body}",
    url=lambda r: reverse("activities:report_detail", args=[r.pk]),
    organisation_id=lambda r: r.organisation_id,
    visible=reports_visible_to,
))
register_searchable(Searchable(
    model=Topic,
    label=_("Deliberation topic"),
    title=lambda t: t.title,
    text=lambda t: f"{t.description}\n{t.summary}",
    url=lambda t: reverse("activities:topic_detail", args=[t.pk]),
    organisation_id=lambda t: t.organisation_id,
    visible=topics_visible_to,
))
