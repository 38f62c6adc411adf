"""The duties app in the shell: its navigation entry and its to-do items (from cheap counts)."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zhengxie.core import permissions as core_permissions
from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import permissions
from .choices import RuleSetStatus, SelfReportStatus
from .models import Score, SelfReport


def _org(request):
    return getattr(request, "organisation", None)


def _visible(request) -> bool:
    org = _org(request)
    return org is not None and (
        permissions.can_view_groups(request.user, org) or core_permissions.current_member(request.user, org) is not None
    )


register_nav(NavItem(key="duties", label=_("Duty records"), url_name="duties:home", icon="journal-check", order=40,
                     prefix="/duties/", visible=_visible))


@todo_provider
def duty_todos(request):
    org, user = _org(request), request.user
    if org is None:
        return
    year = timezone.localdate().year
    if permissions.can_keep_records(user, org):
        pending = SelfReport.objects.filter(organisation=org, status=SelfReportStatus.SUBMITTED).count()
        yield TodoItem(
            label=ngettext("%(n)d self-reported duty waits for confirmation",
                           "%(n)d self-reported duties wait for confirmation", pending) % {"n": pending},
            count=pending, url=reverse("duties:self_reports"), priority=30, icon="patch-check")
    keeper = permissions.can_keep_records(user, org)
    if keeper or (not permissions.can_view_scores(user, org) and permissions.can_view_groups(user, org)):
        scores = Score.objects.filter(organisation=org, year=year, requirements_met=False, rule_set__status=RuleSetStatus.OPEN)
        if not keeper:  # the contact of a sector or a committee: their members
            scores = scores.filter(Q(member__sector_id__in=permissions.sector_ids_of(user, org))
                                   | Q(member__committee_id__in=permissions.committee_ids_of(user, org)))
        missing = scores.count()
        yield TodoItem(
            label=ngettext("%(n)d member has not yet met the “three ones” minimum",
                           "%(n)d members have not yet met the “three ones” minimum", missing) % {"n": missing},
            count=missing, url=f"{reverse('duties:minimum' if keeper else 'duties:groups')}?year={year}", priority=60,
            icon="exclamation-diamond", tone="warning")
    seat = core_permissions.current_member(user, org)
    if seat is not None:
        score = Score.objects.filter(member=seat, year=year, rule_set__status=RuleSetStatus.OPEN).only("missing_count").first()
        if score is not None and score.missing_count:
            yield TodoItem(
                label=ngettext("Your duty record lacks %(n)d of the “three ones” this year",
                               "Your duty record lacks %(n)d of the “three ones” this year",
                               score.missing_count) % {"n": score.missing_count},
                count=score.missing_count, url=reverse("duties:my_record"), priority=40, icon="journal-check",
                tone="warning")
        returned = SelfReport.objects.filter(member=seat, status=SelfReportStatus.REJECTED).count()
        yield TodoItem(
            label=ngettext("%(n)d of your reported duties was returned", "%(n)d of your reported duties were returned",
                           returned) % {"n": returned},
            count=returned, url=f"{reverse('duties:self_reports')}?status=rejected", priority=35, icon="arrow-return-left",
            tone="danger")
