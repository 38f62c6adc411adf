"""Figures of the duty records (statistics app): what an organisation reports of its members' duties, e.g.
"1880余人落实‘三个一’履职要求". A year counts when it falls within the period."""

from django.db.models import Avg
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.stats.registry import Figure, register_figure

from .choices import SelfReportStatus
from .models import Score, SelfReport

GROUP = _("Duty records")


def _scores(scope):
    return Score.objects.filter(organisation_id__in=scope.org_ids, year__in=list(scope.years))


def _minimum_met(scope):
    return _scores(scope).filter(requirements_met=True).values("member_id").distinct().count()


def _average(scope):
    return round(float(_scores(scope).aggregate(a=Avg("total"))["a"] or 0), 1)


def _talks(scope):
    return _scores(scope).filter(band__needs_talk=True).values("member_id").distinct().count()


def _self_reported(scope):
    return SelfReport.objects.filter(organisation_id__in=scope.org_ids, status=SelfReportStatus.CONFIRMED,
                                     decided_at__range=scope.datetime_range).count()


for key, label, compute, unit, order, extra in [
    ("minimum_met", _("Members who met the “three ones” minimum"), _minimum_met, pgettext_lazy("unit", "people"), 60,
     {"seed": _("1,880+ members met the “three ones” requirement (Tianshui)"),
      "sentence": _("%(value)s members met the “three ones” requirement")}),
    ("average_score", _("Average duty score"), _average, pgettext_lazy("unit", "points"), 61, {}),
    ("talks", _("Members listed for a talk"), _talks, pgettext_lazy("unit", "people"), 62, {}),
    ("self_reported", _("Self-reported duties confirmed"), _self_reported, pgettext_lazy("unit", "duties"), 63, {}),
]:
    register_figure(Figure(f"duties.{key}", label, GROUP, compute, unit=unit, order=order, **extra))
