"""Places, activities and concerns are searchable, each by whoever may see it (the index never decides that)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.search.registry import Searchable, register_searchable

from .models import Concern, OutreachActivity, Place
from .selectors import activities_visible_to, concerns_visible_to, places_visible_to

register_searchable(Searchable(
    model=Place,
    label=pgettext_lazy("outreach", "Place"),
    title=lambda p: p.name,
    text=lambda p: f"{p.get_kind_display()} {p.address} {p.theme}\n{p.opening_hours}\n{p.introduction}",
    url=lambda p: reverse("outreach:place_detail", args=[p.pk]),
    organisation_id=lambda p: p.organisation_id,
    visible=places_visible_to,
))
register_searchable(Searchable(
    model=OutreachActivity,
    label=_("Activity at a place"),
    title=lambda a: a.topic,
    text=lambda a: f"{a.get_kind_display()} {a.place.name}\n{a.outcome}",
    url=lambda a: reverse("outreach:activity_detail", args=[a.pk]),
    organisation_id=lambda a: a.organisation_id,
    visible=activities_visible_to,
    select_related=("place",),
))
# Concerns: what the person wrote and the result, never the name or the phone number.
register_searchable(Searchable(
    model=Concern,
    label=_("Constituent's concern"),
    title=lambda c: f"{c.reference} {c.category}",
    text=lambda c: f"{c.description}\n{c.result}",
    url=lambda c: reverse("outreach:concern_detail", args=[c.pk]),
    organisation_id=lambda c: c.organisation_id,
    visible=concerns_visible_to,
    similarity=lambda c: (c.description, c.category),
))


def concern_cluster_details(concern) -> dict[str, str]:
    """What a group of the same complaint shows of each concern (never the person's name or phone)."""
    return {"reference": concern.reference, "place": concern.place.name if concern.place_id else "",
            "received": f"{timezone.localtime(concern.received_at):%Y-%m-%d}", "category": concern.category,
            "status": str(concern.get_status_display())}
