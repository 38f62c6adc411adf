"""Figures of meetings, consultations, inspections, research, study and online deliberation (statistics app):
what an organisation reports in its yearly summary, e.g. "开展26项专项视察", "集中学习70余次，110余人次作交流发言",
"提出建议90余条". An activity counts when its attendance was closed within the period."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.stats.registry import Figure, ratio, register_figure

from .choices import ActivityStatus, ActivityType, Outcome, ReportStatus, SpeechKind
from .models import Activity, Attempt, OutcomeReport, Participant, Post, Speech

GROUP = _("Consultation and activities")


def _held(scope, type=None):
    qs = Activity.objects.filter(organisation_id__in=scope.org_ids, status=ActivityStatus.CLOSED,
                                 starts_at__range=scope.datetime_range)
    return qs.filter(type=type) if type else qs


def _count(type):
    return lambda scope: _held(scope, type).count()


def _study_speakers(scope):
    return Speech.objects.filter(activity__in=_held(scope, ActivityType.STUDY), kind=SpeechKind.DELIVERED).count()


def _suggestions_adopted(scope):
    return OutcomeReport.objects.filter(organisation_id__in=scope.org_ids, status=ReportStatus.ADOPTED,
                                        adopted_at__range=scope.datetime_range).aggregate(
        n=Sum("suggestion_count"))["n"] or 0


def _meeting_attendance_rate(scope):
    counts = Participant.objects.filter(activity__in=_held(scope, ActivityType.MEETING),
                                        activity__attendance_required=True).aggregate(
        counted=Count("pk", filter=~Q(outcome=Outcome.NONE)), attended=Count("pk", filter=Q(outcome=Outcome.ATTENDED)))
    return ratio(counts["attended"], counts["counted"])


def _deliberation_posts(scope):
    return Post.objects.filter(topic__organisation_id__in=scope.org_ids, hidden_at__isnull=True,
                               created_at__range=scope.datetime_range).count()


def _contest_takers(scope):
    return Attempt.objects.filter(member__organisation_id__in=scope.org_ids, submitted_at__range=scope.datetime_range
                                  ).values("member__person_id").distinct().count()


for key, label, compute, unit, order, extra in [
    ("meetings", _("Meetings held"), _count(ActivityType.MEETING), pgettext_lazy("unit", "meetings"), 40,
     {"sentence": _("%(value)s meetings held")}),
    ("consultations", _("Consultations held"), _count(ActivityType.CONSULTATION), pgettext_lazy("unit", "consultations"), 41,
     {"sentence": _("%(value)s consultations")}),
    ("inspections", _("Special inspections"), _count(ActivityType.INSPECTION), pgettext_lazy("unit", "inspections"), 42,
     {"seed": _("26 special inspections (Tianshui)"), "sentence": _("%(value)s special inspections")}),
    ("research", _("Research trips"), _count(ActivityType.RESEARCH), pgettext_lazy("unit", "trips"), 43,
     {"seed": _("32 research trips (Jiuquan)"), "sentence": _("%(value)s research trips")}),
    ("study_sessions", _("Study sessions"), _count(ActivityType.STUDY), pgettext_lazy("unit", "sessions"), 44,
     {"seed": _("70+ study sessions (Tianshui)"), "sentence": _("%(value)s study sessions")}),
    ("study_speakers", _("Speakers at study sessions"), _study_speakers, pgettext_lazy("unit", "person-times"), 45,
     {"seed": _("110+ person-times (Tianshui)"), "sentence": _("%(value)s person-times spoke at them")}),
    ("trainings", _("Training classes"), _count(ActivityType.TRAINING), pgettext_lazy("unit", "classes"), 46, {}),
    ("suggestions_adopted", _("Suggestions adopted"), _suggestions_adopted, pgettext_lazy("unit", "suggestions"), 47,
     {"seed": _("90+ suggestions (Tianshui)"), "sentence": _("%(value)s suggestions adopted")}),
    ("meeting_attendance", _("Meeting attendance rate"), _meeting_attendance_rate, "", 48, {"percent": True}),
    ("deliberation_posts", _("Views posted in online deliberation"), _deliberation_posts, pgettext_lazy("unit", "views"), 49, {}),
    ("contest_takers", _("Members who took a knowledge contest"), _contest_takers, pgettext_lazy("unit", "people"), 50, {}),
]:
    register_figure(Figure(f"activities.{key}", label, GROUP, compute, unit=unit, order=order, **extra))
