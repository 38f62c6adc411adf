"""Figures of the duty records (statistics app): what an organisation reports of its members' duties, e.g.
"1880余人落实‘三个一’履职要求". A year counts when it falls within the period."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.models import Member
from zhengxie.stats.registry import Figure, register_figure

from .choices import SelfReportStatus
from .models import Score, SelfReport

GROUP = _("Duty records")


def _scores(scope):
    return Score.objects.filter(organisation_id__in=scope.org_ids, year__in=list(scope.years))


def _members(scores):
    return Member.objects.filter(pk__in=scores.values("member_id")).select_related("person", "organisation")


def _self_reported(scope):
    return SelfReport.objects.filter(organisation_id__in=scope.org_ids, status=SelfReportStatus.CONFIRMED,
                                     decided_at__range=scope.datetime_range).select_related("organisation")


for key, label, records, unit, order, extra in [
    ("minimum_met", _("Members who met the “three ones” minimum"),
     lambda s: _members(_scores(s).filter(requirements_met=True)), pgettext_lazy("unit", "people"), 60,
     {"seed": _("1,880+ members met the “three ones” requirement (Tianshui)"),
      "sentence": _("%(value)s members met the “three ones” requirement"),
      "definition": _("Distinct members whose yearly score, for a year the period touches, meets the “three ones” "
                      "minimum.")}),
    ("average_score", _("Average duty score"), lambda s: _scores(s).select_related("member__person", "organisation"),
     pgettext_lazy("unit", "points"), 61,
     {"measure": "average:total",
      "definition": _("The average of the yearly duty scores of the years the period touches, one per member and "
                      "year."), "empty_reason": _("No duty score has been computed for the period.")}),
    ("talks", _("Members listed for a talk"), lambda s: _members(_scores(s).filter(band__needs_talk=True)),
     pgettext_lazy("unit", "people"), 62,
     {"definition": _("Distinct members whose yearly score falls in a band that calls for a talk.")}),
    ("self_reported", _("Self-reported duties confirmed"), _self_reported, pgettext_lazy("unit", "duties"), 63,
     {"date_field": "decided_at",
      "definition": _("Duties members reported themselves that staff confirmed in the period; pending and "
                      "refused ones are excluded.")}),
]:
    register_figure(Figure(f"duties.{key}", label, GROUP, records=records, unit=unit, order=order, **extra))
