"""Members are searchable by office staff (name, work unit, position, sector, committee)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.search.registry import Searchable, register_searchable

from .models import Member
from .selectors import members_visible_to

register_searchable(Searchable(
    model=Member,
    label=_("Member"),
    title=lambda m: f"{m.person.name}（{m.sector.name}）",
    text=lambda m: f"{m.person.work_unit} {m.person.job_title} {m.committee.name if m.committee_id else ''} {m.term.name}",
    url=lambda m: reverse("core:member_detail", args=[m.pk]),
    organisation_id=lambda m: m.organisation_id,
    visible=members_visible_to,
    select_related=("person", "sector", "committee", "term"),
))
