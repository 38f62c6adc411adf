"""Figures of meetings, consultations, inspections, research, study and online deliberation (statistics app):
what an organisation reports in its yearly summary, e.g. "开展26项专项视察", "集中学习70余次，110余人次作交流发言",
"提出建议90余条". An activity counts when its attendance was closed within the period."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.models import Person
from zhengxie.stats.registry import RATE, Figure, register_figure

from .choices import ActivityStatus, ActivityType, MatterStatus, Outcome, ReportKind, ReportStatus, SpeechKind
from .models import Activity, Attempt, Matter, OutcomeReport, Participant, Post, Speech

GROUP = _("Consultation and activities")


def _held(scope, type=None):
    qs = Activity.objects.filter(organisation_id__in=scope.org_ids, status=ActivityStatus.CLOSED,
                                 starts_at__range=scope.datetime_range).select_related("organisation")
    return qs.filter(type=type) if type else qs


def _of_type(type):
    return lambda scope: _held(scope, type)


def _study_speakers(scope):
    return Speech.objects.filter(activity__in=_held(scope, ActivityType.STUDY), kind=SpeechKind.DELIVERED
                                 ).select_related("activity__organisation", "member__person")


def _speeches_at(type):
    return lambda scope: Speech.objects.filter(activity__in=_held(scope, type), kind=SpeechKind.DELIVERED
                                               ).select_related("activity__organisation", "member__person")


def _attended(type):
    return lambda scope: Participant.objects.filter(activity__in=_held(scope, type), outcome=Outcome.ATTENDED
                                                    ).select_related("activity__organisation", "member__person")


def _petitioners(scope):
    return Matter.objects.filter(activity__in=_held(scope, ActivityType.PETITION)).select_related("organisation")


def _matters_solved(scope):
    return Matter.objects.filter(organisation_id__in=scope.org_ids, status=MatterStatus.SOLVED,
                                 solved_at__range=scope.datetime_range).select_related("organisation", "activity")


def _research_reports(scope):
    return OutcomeReport.objects.filter(organisation_id__in=scope.org_ids, kind=ReportKind.RESEARCH, lead__isnull=False,
                                        sent_at__range=scope.datetime_range).select_related("organisation", "lead__person")


def _adopted_reports(scope):
    return OutcomeReport.objects.filter(organisation_id__in=scope.org_ids, status=ReportStatus.ADOPTED,
                                        adopted_at__range=scope.datetime_range).select_related("organisation", "activity")


def _meeting_attendance(scope):
    return Participant.objects.filter(activity__in=_held(scope, ActivityType.MEETING),
                                      activity__attendance_required=True).exclude(outcome=Outcome.NONE
                                      ).select_related("activity__organisation", "member__person")


def _deliberation_posts(scope):
    return Post.objects.filter(topic__organisation_id__in=scope.org_ids, hidden_at__isnull=True,
                               created_at__range=scope.datetime_range).select_related("topic__organisation")


def _contest_takers(scope):
    attempts = Attempt.objects.filter(member__organisation_id__in=scope.org_ids, submitted_at__range=scope.datetime_range)
    return Person.objects.filter(pk__in=attempts.values("member__person_id"))


HELD = _("%(what)s whose attendance was closed, counted on the day they started; drafts, notices not yet closed "
         "and cancelled ones are excluded.")


def _held_definition(what):
    from django.utils.functional import lazy

    return lazy(lambda: str(HELD) % {"what": str(what)}, str)()


STARTS = {"date_field": "starts_at"}
for key, label, records, unit, order, extra in [
    ("meetings", _("Meetings held"), _of_type(ActivityType.MEETING), pgettext_lazy("unit", "meetings"), 40,
     {"sentence": _("%(value)s meetings held"), "definition": _held_definition(_("Meetings")), **STARTS}),
    ("consultations", _("Consultations held"), _of_type(ActivityType.CONSULTATION), pgettext_lazy("unit", "consultations"), 41,
     {"sentence": _("%(value)s consultations"), "definition": _held_definition(_("Consultations")), **STARTS}),
    ("inspections", _("Special inspections"), _of_type(ActivityType.INSPECTION), pgettext_lazy("unit", "inspections"), 42,
     {"seed": _("26 special inspections (Tianshui)"), "sentence": _("%(value)s special inspections"),
      "definition": _held_definition(_("Inspections")), **STARTS}),
    ("research", _("Research trips"), _of_type(ActivityType.RESEARCH), pgettext_lazy("unit", "trips"), 43,
     {"seed": _("32 research trips (Jiuquan)"), "sentence": _("%(value)s research trips"),
      "definition": _held_definition(_("Research trips")), **STARTS}),
    ("study_sessions", _("Study sessions"), _of_type(ActivityType.STUDY), pgettext_lazy("unit", "sessions"), 44,
     {"seed": _("70+ study sessions (Tianshui)"), "sentence": _("%(value)s study sessions"),
      "definition": _held_definition(_("Study sessions")), **STARTS}),
    ("study_speakers", _("Speakers at study sessions"), _study_speakers, pgettext_lazy("unit", "person-times"), 45,
     {"seed": _("110+ person-times (Tianshui)"), "sentence": _("%(value)s person-times spoke at them"),
      "definition": _("Speeches delivered at the study sessions counted (one per speaker and session); written "
                      "speeches are excluded.")}),
    ("trainings", _("Training classes"), _of_type(ActivityType.TRAINING), pgettext_lazy("unit", "classes"), 46,
     {"definition": _held_definition(_("Training classes")), **STARTS}),
    ("suggestions_adopted", _("Suggestions adopted"), _adopted_reports, pgettext_lazy("unit", "suggestions"), 47,
     {"seed": _("90+ suggestions (Tianshui)"), "sentence": _("%(value)s suggestions adopted"),
      "measure": "sum:suggestion_count", "date_field": "adopted_at",
      "definition": _("The suggestions of the outcome reports adopted in the period (the sum of each report's number "
                      "of suggestions); drafts and reports sent but not adopted are excluded.")}),
    ("meeting_attendance", _("Meeting attendance rate"), _meeting_attendance, "", 48,
     {"measure": RATE, "part": Q(outcome=Outcome.ATTENDED),
      "definition": _("Of the members expected at the mandatory meetings counted (attended, excused or absent), the "
                      "share who attended; members not counted are excluded."),
      "empty_reason": _("No mandatory meeting was closed in the period.")}),
    ("deliberation_posts", _("Views posted in online deliberation"), _deliberation_posts, pgettext_lazy("unit", "views"), 49,
     {"date_field": "created_at",
      "definition": _("Views and replies posted in online deliberation in the period; hidden posts are excluded.")}),
    ("contest_takers", _("Members who took a knowledge contest"), _contest_takers, pgettext_lazy("unit", "people"), 50,
     {"definition": _("Distinct people who submitted at least one knowledge-contest attempt in the period.")}),
    # the seed's Jiuquan figures: 宣讲 24 场次, 信访接待 14 人次, 现场办公 18 场次, 帮助解决困难和问题 110 余件 …
    ("talks", _("Talks at the grassroots (宣讲)"), _of_type(ActivityType.TALK), pgettext_lazy("unit", "sessions"), 51,
     {"seed": _("24 talks (Jiuquan)"), "sentence": _("%(value)s talks at the grassroots"),
      "definition": _held_definition(_("Talks at the grassroots")), **STARTS}),
    ("petitions", _("Petitioners received (信访接待)"), _petitioners, pgettext_lazy("unit", "person-times"), 52,
     {"seed": _("14 person-times received (Jiuquan)"), "sentence": _("%(value)s petitioners received"),
      "definition": _("People received at the receptions of petitioners held in the period: one matter recorded per "
                      "person received.")}),
    ("onsite_offices", _("On-site offices (现场办公)"), _of_type(ActivityType.ONSITE_OFFICE),
     pgettext_lazy("unit", "sessions"), 53,
     {"seed": _("18 on-site offices (Jiuquan)"), "sentence": _("%(value)s on-site offices"),
      "definition": _held_definition(_("On-site offices")), **STARTS}),
    ("matters_solved", _("Difficulties and problems helped and solved"), _matters_solved, pgettext_lazy("unit", "items"), 54,
     {"seed": _("110+ difficulties and problems solved (Jiuquan)"), "date_field": "solved_at",
      "sentence": _("%(value)s difficulties and problems helped and solved"),
      "definition": _("Matters raised at activities and recorded as solved in the period (the day solved); open and "
                      "reopened ones are excluded.")}),
    ("symposia", _("Symposia (座谈会)"), _of_type(ActivityType.SYMPOSIUM), pgettext_lazy("unit", "sessions"), 55,
     {"definition": _held_definition(_("Symposia")), **STARTS}),
    ("symposium_attendance", _("People at symposia"), _attended(ActivityType.SYMPOSIUM), pgettext_lazy("unit", "person-times"),
     56, {"seed": _("nearly 60 people at a symposium (Jiuquan)"), "sentence": _("%(value)s person-times at symposia"),
          "definition": _("Participants recorded as attending the symposia counted.")}),
    ("research_reports", _("Research reports led by the chair's council"), _research_reports,
     pgettext_lazy("unit", "reports"), 57,
     {"seed": _("8 research reports from research led by chair's-council members (Jiuquan)"), "date_field": "sent_at",
      "sentence": _("%(value)s research reports from research led by members of the chair's council"),
      "definition": _("Research reports with a lead from the chair's council, sent to their recipients in the period "
                      "(the day first sent); drafts are excluded.")}),
    ("reading_class_days", _("Days of reading classes (读书班)"), _of_type(ActivityType.READING_CLASS),
     pgettext_lazy("unit", "days"), 58,
     {"seed": _("a 3-day reading class (Jiuquan)"), "sentence": _("a reading class of %(value)s days"),
      "definition": _("Sittings of reading classes whose attendance was closed: a reading class is held and signed in "
                      "one day at a time, so each sitting is one day."), **STARTS}),
    ("reading_class_speeches", _("Exchanges at reading classes"), _speeches_at(ActivityType.READING_CLASS),
     pgettext_lazy("unit", "person-times"), 59,
     {"seed": _("18 person-times of discussion (Jiuquan)"), "sentence": _("%(value)s person-times of discussion"),
      "definition": _("Speeches delivered at the reading classes counted (one per speaker and sitting).")}),
    ("party_lectures", _("Party lectures (党课)"), _of_type(ActivityType.PARTY_LECTURE), pgettext_lazy("unit", "sessions"), 60,
     {"seed": _("8 Party lectures (Jiuquan)"), "sentence": _("%(value)s Party lectures"),
      "definition": _held_definition(_("Party lectures")), **STARTS}),
    ("three_meetings", _("“Three meetings and one lecture” sessions"), _of_type(ActivityType.THREE_MEETINGS),
     pgettext_lazy("unit", "sessions"), 61,
     {"seed": _("14 sessions of “three meetings and one lecture” (Jiuquan)"),
      "sentence": _("%(value)s sessions of “three meetings and one lecture”"),
      "definition": _held_definition(_("“Three meetings and one lecture” sessions")), **STARTS}),
]:
    register_figure(Figure(f"activities.{key}", label, GROUP, records=records, unit=unit, order=order, **extra))
