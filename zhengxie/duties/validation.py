"""Checks a rule set must pass before a change to it is saved (run inside the service's transaction: a change
that leaves the rule set invalid is rolled back, with every problem listed)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from zhengxie.core.exceptions import DomainError

from .choices import DutyCategory, DutyEventKind, RuleMode
from .conditions import clean_conditions, covers
from .models import RuleSet

LIMIT = Decimal("1000")


def rule_problems(rule) -> list[str]:
    """Problems of one rule on its own."""
    problems = []
    if rule.kind not in DutyEventKind.values:
        return [gettext("Choose a duty event.")]
    if rule.section not in DutyCategory.values:
        problems.append(gettext("Choose the category the points count in."))
    try:
        clean_conditions(rule.kind, rule.conditions)
    except ValidationError as exc:
        problems.extend(exc.messages)
    if abs(rule.points) > LIMIT:
        problems.append(gettext("Points must be between -1000 and 1000."))
    if rule.cap is not None and rule.cap < 0:
        problems.append(gettext("A cap cannot be negative; for a deduction it limits the points taken."))
    if rule.mode == RuleMode.JOINT:
        if not rule.kind.startswith("proposal_"):
            problems.append(gettext("Only proposal events can be shared among joint proposers."))
        if not Decimal(0) <= rule.first_share <= Decimal(1):
            problems.append(gettext("The first proposer's share must be between 0 and 1."))
    if rule.mode == RuleMode.RECORDED and rule.kind != DutyEventKind.MANUAL:
        problems.append(gettext("Only entries added by staff carry their own points."))
    return problems


def check_rule_set(rule_set: RuleSet) -> None:  # noqa: C901 (one check per part of a rule table, each with its own message)
    """Raise DomainError listing every problem of the rule set as saved (in the current transaction)."""
    errors: dict[str, list[str]] = {}

    def add(key, message):
        errors.setdefault(key, []).append(message)

    if rule_set.base_points < 0:
        add("base_points", gettext("The base cannot be negative."))
    if rule_set.bonus_cap is not None and rule_set.bonus_cap < 0:
        add("bonus_cap", gettext("The bonus cap cannot be negative."))
    if rule_set.max_total is not None and rule_set.max_total < rule_set.base_points:
        add("max_total", gettext("The maximum total cannot be below the base."))

    for section in rule_set.sections.all():
        label = section.get_category_display()
        if section.floor_points is not None and section.cap_points is not None and section.floor_points > section.cap_points:
            add("sections", gettext("%(section)s: the floor is above the cap.") % {"section": label})
        if section.cap_points is not None and section.start_points > section.cap_points:
            add("sections", gettext("%(section)s: the starting points are above the cap.") % {"section": label})
        if section.floor_points is not None and section.start_points < section.floor_points:
            add("sections", gettext("%(section)s: the starting points are below the floor.") % {"section": label})

    earlier: dict[str, list] = {}
    for rule in rule_set.rules.all().order_by("order", "id"):
        for problem in rule_problems(rule):
            add("rules", f"{rule.label}: {problem}")
        for previous in earlier.get(rule.kind, []):
            if covers(previous.conditions or {}, rule.conditions or {}):
                add("rules", gettext("“%(rule)s” can never apply: every such event is scored by “%(previous)s” "
                                     "above it. Move it up or narrow the rule above.")
                    % {"rule": rule.label, "previous": previous.label})
                break
        earlier.setdefault(rule.kind, []).append(rule)

    bands = list(rule_set.bands.all())
    if not bands:
        add("bands", gettext("Give at least one band."))
    else:
        minimums = [b.min_points for b in bands]
        if len(set(minimums)) != len(minimums):
            add("bands", gettext("Two bands start at the same score."))
        if min(minimums) > 0:
            add("bands", gettext("The lowest band must start at 0, so that every score has a band."))
        labels = [b.label.strip() for b in bands]
        if "" in labels or len(set(labels)) != len(labels):
            add("bands", gettext("Every band needs its own name."))

    for requirement in rule_set.requirements.prefetch_related("rules"):
        if not requirement.rules.all():
            add("requirements", gettext("“%(requirement)s” names no rule.") % {"requirement": requirement.label})
        if requirement.min_count < 1:
            add("requirements", gettext("“%(requirement)s” must ask for at least one event.")
                % {"requirement": requirement.label})

    if errors:
        raise DomainError(
            gettext("The rules cannot be saved: %(problems)s")
            % {"problems": " ".join(m for messages in errors.values() for m in messages)},
            code="invalid_rules", errors=errors,
        )
