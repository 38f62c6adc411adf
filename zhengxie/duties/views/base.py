"""What the duties views share: the year a page shows, and the staff pages' common context."""

from django.utils import timezone

from .. import permissions
from ..models import RuleSet


def selected_year(request, organisation) -> int:
    """The year asked for (``?year=``), else this year if it has rules, else the latest year with rules."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    if 2000 <= year <= this_year + 1:
        return year
    years = list(RuleSet.objects.filter(organisation=organisation).values_list("year", flat=True))
    if not years or this_year in years:
        return this_year
    return max(y for y in years if y <= this_year) if any(y <= this_year for y in years) else this_year


def staff_context(request, tab: str, year: int) -> dict:
    organisation = request.organisation
    rule_set = RuleSet.objects.filter(organisation=organisation, year=year).first()
    years = sorted(set(RuleSet.objects.filter(organisation=organisation).values_list("year", flat=True))
                   | {timezone.localdate().year}, reverse=True)
    return {"tab": tab, "year": year, "years": years, "rule_set": rule_set,
            "is_staff_view": permissions.can_view_scores(request.user, organisation),
            "can_manage_rules": permissions.can_manage_rules(request.user, organisation)}
