"""Figures of the core data: members, committees, sectors, handling units (point in time: at the period's end)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhengxie.core.choices import MemberStatus
from zhengxie.core.models import HandlingUnit, Member, SpecialCommittee

from .registry import Figure, register_figure

GROUP_MEMBERS = _("Members and bodies")


def _seats(scope):
    return Member.objects.filter(
        organisation_id__in=scope.org_ids, term__starts_on__lte=scope.end, term__ends_on__gte=scope.end,
    ).filter(Q(status=MemberStatus.ACTIVE) | Q(left_on__gt=scope.end)).select_related("person", "organisation")


SEATS = _("Seats of members in a term running on the period's last day, active or leaving after that day; "
          "members who left on or before it are excluded.")

register_figure(Figure("core.members", _("Number of members"), GROUP_MEMBERS, records=_seats, unit=_("people"),
                       order=10, stock=True, seed=_("286 members in 6 special committees (Jiuquan)"),
                       sentence=_("%(value)s members"), definition=SEATS))
register_figure(Figure("core.members_in_committees", _("Members in a special committee"), GROUP_MEMBERS,
                       records=lambda s: _seats(s).filter(committee__isnull=False), unit=_("people"), order=11,
                       stock=True, sentence=_("%(value)s of them placed in special committees"),
                       definition=_("Of the members counted, those placed in a special committee.")))
register_figure(Figure("core.standing_members", _("Standing committee members"), GROUP_MEMBERS,
                       records=lambda s: _seats(s).filter(is_standing_committee=True), unit=_("people"), order=12,
                       stock=True, definition=_("Of the members counted, those on the standing committee.")))
register_figure(Figure("core.committees", _("Special committees"), GROUP_MEMBERS,
                       records=lambda s: SpecialCommittee.objects.filter(organisation_id__in=s.org_ids)
                       .select_related("organisation"), unit=_("committees"), order=13, stock=True,
                       definition=_("Special committees of the organisations, whatever the period.")))
register_figure(Figure("core.handling_units", _("Handling units"), GROUP_MEMBERS,
                       records=lambda s: HandlingUnit.objects.filter(organisation_id__in=s.org_ids, is_active=True)
                       .select_related("organisation"), unit=_("units"), order=14, stock=True,
                       definition=_("Active handling units of the organisations; deactivated units are excluded.")))
