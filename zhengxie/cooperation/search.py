"""Joint activities and their outcome reports are searchable, by the staff of their organising committees."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.search.registry import Searchable, register_searchable

from .models import JointActivity
from .selectors import joints_visible_to

register_searchable(Searchable(
    model=JointActivity,
    label=_("Joint activities"),
    title=lambda j: j.title,
    text=lambda j: f"{j.place}\n{j.description}\n{j.report_title}\n{j.report_text}",
    url=lambda j: reverse("cooperation:joint_detail", args=[j.pk]),
    organisation_id=lambda j: j.organisation_id,
    visible=joints_visible_to,
))
