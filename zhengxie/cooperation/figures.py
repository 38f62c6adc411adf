"""The figures of the think tank and of joint work, registered with the statistics app (its dashboard, export,
annual report and API read them): experts, their invitations, contributions and adopted suggestions, alliances,
joint activities organised and their outcome reports, counted for every organising committee."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.stats.registry import Figure, register_figure

from .choices import AllianceStatus, JointStatus
from .models import AllianceMember, Contribution, Expert, ExpertInvitation, JointOrganiser

GROUP = _("Think tank and cooperation")


def _experts(scope):
    return Expert.objects.filter(organisation_id__in=scope.org_ids, is_active=True,
                                 created_at__lte=scope.datetime_range[1])


def _invitations_attended(scope):
    return ExpertInvitation.objects.filter(activity__organisation_id__in=scope.org_ids, attended=True,
                                           activity__starts_at__range=scope.datetime_range).annotate(
        held_at=F("activity__starts_at"))


def _contributions(scope):
    return Contribution.objects.filter(organisation_id__in=scope.org_ids, made_on__range=(scope.start, scope.end))


def _adopted(scope):
    return Contribution.objects.filter(organisation_id__in=scope.org_ids, adopted_at__range=scope.datetime_range)


def _alliances(scope):
    return AllianceMember.objects.filter(committee_id__in=scope.org_ids, alliance__status=AllianceStatus.ACTIVE,
                                         alliance__created_at__lte=scope.datetime_range[1])


def _joint(scope):
    return (JointOrganiser.objects.filter(organisation_id__in=scope.org_ids, joint__starts_on__range=(scope.start, scope.end))
            .exclude(joint__status=JointStatus.CANCELLED).annotate(starts_on=F("joint__starts_on")))


def _joint_reported(scope):
    return JointOrganiser.objects.filter(organisation_id__in=scope.org_ids, joint__status=JointStatus.REPORTED,
                                         joint__reported_at__range=scope.datetime_range).annotate(
        reported_at=F("joint__reported_at"))


for key, label, records, date_field, unit, order, stock, definition in [
    ("experts", _("Think-tank experts"), _experts, "", _("experts"), 620, True,
     _("Active think-tank experts recorded by the committee at the end of the period (not members).")),
    ("expert_attendances", _("Experts' attendances at activities"), _invitations_attended, "held_at",
     _("attendances"), 621, False,
     _("Invitations of experts to activities held in the period at which the expert was recorded as present.")),
    ("contributions", _("Experts' contributions"), _contributions, "made_on", _("contributions"), 622, False,
     _("Research reports, speeches and suggestions of think-tank experts made in the period.")),
    ("contributions_adopted", _("Experts' contributions adopted"), _adopted, "adopted_at", _("contributions"), 623,
     False, _("Experts' contributions recorded as adopted in the period, counted on the day of the adoption.")),
    ("alliances", _("Alliances and cooperation mechanisms joined"), _alliances, "", pgettext_lazy("unit", "alliances"),
     624, True, _("Active alliances and mechanisms the committee belongs to at the end of the period, one per "
                  "member committee.")),
    ("joint_activities", _("Joint activities organised"), _joint, "starts_on", _("activities"), 625, False,
     _("Joint research, consultations and deliberations that began in the period, not cancelled, counted once for "
       "every organising committee (the lead and each co-organiser).")),
    ("joint_reported", _("Outcome reports of joint activities"), _joint_reported, "reported_at", _("reports"),
     626, False, _("Outcome reports of joint activities filed in the period, counted once for every organising "
                   "committee: each sees the one report and counts it.")),
]:
    register_figure(Figure(f"cooperation.{key}", label, GROUP, records=records, date_field=date_field, unit=unit,
                           order=order, stock=stock, definition=definition))
