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
    ).filter(Q(status=MemberStatus.ACTIVE) | Q(left_on__gt=scope.end))


register_figure(Figure("core.members", _("Number of members"), GROUP_MEMBERS, lambda s: _seats(s).count(), unit=_("people"),
                       order=10, stock=True, seed=_("286 members in 6 special committees (Jiuquan)"),
                       sentence=_("%(value)s members")))
register_figure(Figure("core.members_in_committees", _("Members in a special committee"), GROUP_MEMBERS,
                       lambda s: _seats(s).filter(committee__isnull=False).count(), unit=_("people"), order=11, stock=True,
                       sentence=_("%(value)s of them placed in special committees")))
register_figure(Figure("core.standing_members", _("Standing committee members"), GROUP_MEMBERS,
                       lambda s: _seats(s).filter(is_standing_committee=True).count(), unit=_("people"), order=12, stock=True))
register_figure(Figure("core.committees", _("Special committees"), GROUP_MEMBERS,
                       lambda s: SpecialCommittee.objects.filter(organisation_id__in=s.org_ids).count(), unit=_("committees"),
                       order=13, stock=True))
register_figure(Figure("core.handling_units", _("Handling units"), GROUP_MEMBERS,
                       lambda s: HandlingUnit.objects.filter(organisation_id__in=s.org_ids, is_active=True).count(),
                       unit=_("units"), order=14, stock=True))
