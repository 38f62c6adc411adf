"""Writes to rule sets: create (from a preset or last year's), edit (validated as a whole, then the year is
recomputed), close (scores frozen) and reopen a year."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Member
from zhengxie.core.outbox import enqueue_on_commit
from zhengxie.core.services import audit_log, notify

from .. import permissions, scoring
from ..choices import RuleSetStatus
from ..models import Requirement, Rule, RuleSection, RuleSet, RuleSetHistory, Score, ScoreBand
from ..presets import PRESETS
from ..validation import check_rule_set
from ..workflow import RULE_SET_WORKFLOW

RULE_FIELDS = ["label", "kind", "conditions", "mode", "points", "first_share", "cap", "section"]
SETTINGS_FIELDS = ["name", "basis", "base_points", "bonus_cap", "max_total"]


def _recompute_on_commit(rule_set: RuleSet) -> None:
    from ..tasks import recompute_organisation_scores

    org_id, year = rule_set.organisation_id, rule_set.year
    enqueue_on_commit(recompute_organisation_scores, org_id, year)


def _record(rule_set, action, actor, *, audit, from_state=None, comment="", data=None, changes=None):
    """The rule set's history row and audit entry (``core.transitions``) for a change that keeps its state."""
    state = rule_set.status if from_state is None else from_state
    return transitions.record(rule_set, action, actor=actor, history=RuleSetHistory,
                              history_for={"rule_set": rule_set}, from_state=state, to_state=rule_set.status,
                              audit=audit, comment=comment, data=data, audit_changes=changes or {})


def _move(rule_set, action, actor, *, audit, fields=(), comment="", data=None, changes=None):
    return transitions.transition(rule_set, action, workflow=RULE_SET_WORKFLOW, actor=actor, history=RuleSetHistory,
                                  history_for={"rule_set": rule_set}, audit=audit, fields=[*fields, "updated_at"],
                                  comment=comment, data=data, audit_changes=changes or {})


def _require_admin(actor, organisation):
    if not permissions.can_manage_rules(actor, organisation):
        raise NotAllowed()


def rule_set_create(*, actor, organisation, year: int, preset: str = "", copy_from: RuleSet | None = None) -> RuleSet:
    """The rules of ``year``: from a preset, or a copy of another year's rules of the same organisation."""
    _require_admin(actor, organisation)
    this_year = timezone.localdate().year
    if not this_year - 10 <= year <= this_year + 1:
        raise DomainError(_("Rules can be made for the last ten years and the next year only."), errors={"year": [_("Out of range.")]})
    if copy_from is None and preset not in PRESETS:
        raise DomainError(_("Choose a preset or a year to copy."), errors={"preset": [_("Required.")]})
    if copy_from is not None and copy_from.organisation_id != organisation.pk:
        raise NotAllowed()
    with transaction.atomic():
        if RuleSet.objects.filter(organisation=organisation, year=year).exists():
            raise DomainError(gettext("The rules for %(year)d exist already.") % {"year": year},
                              errors={"year": [gettext("Taken.")]})
        if copy_from is not None:
            rule_set = _copy(copy_from, organisation, year)
        else:
            rule_set = _from_preset(PRESETS[preset], organisation, year)
        check_rule_set(rule_set)
        _record(rule_set, "create", actor, from_state="", audit="duties.rule_set.created",
                data={"preset": preset, "copy_from": getattr(copy_from, "year", None)},
                changes={"year": year, "preset": preset, "copy_from": getattr(copy_from, "year", None)})
        _recompute_on_commit(rule_set)
    return rule_set


def _from_preset(preset, organisation, year) -> RuleSet:
    rule_set = RuleSet.objects.create(
        organisation=organisation, year=year, preset=preset.key,
        name=gettext("%(year)d evaluation of members' duties (%(scheme)s)") % {"year": year, "scheme": preset.name},
        basis=str(preset.description), base_points=Decimal(preset.base),
        bonus_cap=None if preset.bonus_cap is None else Decimal(preset.bonus_cap),
        max_total=None if preset.max_total is None else Decimal(preset.max_total),
    )
    RuleSection.objects.bulk_create([
        RuleSection(rule_set=rule_set, category=category, start_points=Decimal(start),
                    floor_points=None if floor is None else Decimal(floor), cap_points=None if cap is None else Decimal(cap))
        for category, start, floor, cap in preset.sections
    ])
    rules = Rule.objects.bulk_create([
        Rule(rule_set=rule_set, order=(index + 1) * 10, label=str(r.label), kind=r.kind, conditions=r.conditions,
             mode=r.mode, points=Decimal(r.points), first_share=Decimal(r.first_share),
             cap=None if r.cap is None else Decimal(r.cap), section=r.section)
        for index, r in enumerate(preset.rules)
    ])
    by_key = {r.key: rule for r, rule in zip(preset.rules, rules, strict=True) if r.key}
    ScoreBand.objects.bulk_create([
        ScoreBand(rule_set=rule_set, label=str(label), min_points=Decimal(minimum), tone=tone, needs_talk=talk)
        for label, minimum, tone, talk in preset.bands
    ])
    for index, (label, keys, count) in enumerate(preset.requirements):
        requirement = Requirement.objects.create(rule_set=rule_set, order=(index + 1) * 10, label=str(label), min_count=count)
        requirement.rules.set([by_key[k] for k in keys])
    return rule_set


def _copy(source: RuleSet, organisation, year) -> RuleSet:
    rule_set = RuleSet.objects.create(
        organisation=organisation, year=year, preset=source.preset,
        name=source.name.replace(str(source.year), str(year)), basis=source.basis, base_points=source.base_points,
        bonus_cap=source.bonus_cap, max_total=source.max_total,
    )
    RuleSection.objects.bulk_create([
        RuleSection(rule_set=rule_set, category=s.category, start_points=s.start_points, floor_points=s.floor_points,
                    cap_points=s.cap_points)
        for s in source.sections.all()
    ])
    old_rules = list(source.rules.order_by("order", "id"))
    new_rules = Rule.objects.bulk_create([
        Rule(rule_set=rule_set, **{f: getattr(r, f) for f in ["order", *RULE_FIELDS]}) for r in old_rules
    ])
    mapping = {old.pk: new for old, new in zip(old_rules, new_rules, strict=True)}
    ScoreBand.objects.bulk_create([
        ScoreBand(rule_set=rule_set, label=b.label, min_points=b.min_points, tone=b.tone, needs_talk=b.needs_talk)
        for b in source.bands.all()
    ])
    for old in source.requirements.prefetch_related("rules"):
        requirement = Requirement.objects.create(rule_set=rule_set, order=old.order, label=old.label,
                                                 min_count=old.min_count)
        requirement.rules.set([mapping[r.pk] for r in old.rules.all()])
    return rule_set


def _lock_for_edit(actor, rule_set: RuleSet, version: int | None) -> RuleSet:
    _require_admin(actor, rule_set.organisation)
    locked = transitions.lock(RuleSet, rule_set, version=version)
    RULE_SET_WORKFLOW.target("edit", locked.status)
    return locked


def _edited(actor, rule_set: RuleSet, what: str, changes: dict) -> RuleSet:
    """Validate the whole rule set, bump its version, record the change and recompute the year on commit."""
    check_rule_set(rule_set)
    transitions.bump(rule_set, "updated_at")
    subject = changes.get("rule") or changes.get("requirement") or ""
    _record(rule_set, what, actor, audit=f"duties.rule_set.{what}", comment=str(subject), data=changes, changes=changes)
    _recompute_on_commit(rule_set)
    return rule_set


def rule_set_update(*, actor, rule_set: RuleSet, version: int | None, values: dict, sections: list[dict],
                    bands: list[dict]) -> RuleSet:
    """The general figures (base, caps), the sections (one per category listed) and the bands."""
    with transaction.atomic():
        locked = _lock_for_edit(actor, rule_set, version)
        before = {f: getattr(locked, f) for f in SETTINGS_FIELDS}
        for field in SETTINGS_FIELDS:
            if field in values:
                setattr(locked, field, values[field])
        locked.save(update_fields=[*SETTINGS_FIELDS, "updated_at"])
        old_sections = {s.category: [s.start_points, s.floor_points, s.cap_points] for s in locked.sections.all()}
        locked.sections.all().delete()
        RuleSection.objects.bulk_create([RuleSection(rule_set=locked, **s) for s in sections])
        old_bands = sorted((b.label, b.min_points) for b in locked.bands.all())
        locked.bands.all().delete()
        ScoreBand.objects.bulk_create([ScoreBand(rule_set=locked, **b) for b in bands])
        changes = {f: [before[f], getattr(locked, f)] for f in SETTINGS_FIELDS if before[f] != getattr(locked, f)}
        new_sections = {s["category"]: [s["start_points"], s.get("floor_points"), s.get("cap_points")] for s in sections}
        if old_sections != new_sections:
            changes["sections"] = [old_sections, new_sections]
        new_bands = sorted((b["label"], b["min_points"]) for b in bands)
        if old_bands != new_bands:
            changes["bands"] = [old_bands, new_bands]
        return _edited(actor, locked, "updated", changes)


def rule_save(*, actor, rule_set: RuleSet, version: int | None, data: dict, rule: Rule | None = None) -> Rule:
    """Add a rule (at the end) or change one."""
    with transaction.atomic():
        locked = _lock_for_edit(actor, rule_set, version)
        if rule is None:
            last = locked.rules.aggregate(last=Max("order"))["last"] or 0
            rule = Rule(rule_set=locked, order=last + 10)
            before = {}
        else:
            if rule.rule_set_id != locked.pk:
                raise NotAllowed()
            before = {f: getattr(rule, f) for f in RULE_FIELDS}
        for field in RULE_FIELDS:
            if field in data:
                setattr(rule, field, data[field])
        rule.save()
        changes = {"rule": rule.label, **{f: [before.get(f), getattr(rule, f)] for f in RULE_FIELDS
                                           if before.get(f) != getattr(rule, f)}}
        _edited(actor, locked, "rule_saved", changes)
    return rule


def rule_delete(*, actor, rule: Rule, version: int | None) -> None:
    with transaction.atomic():
        locked = _lock_for_edit(actor, rule.rule_set, version)
        label = rule.label
        rule.delete()
        _edited(actor, locked, "rule_deleted", {"rule": label})


def rule_move(*, actor, rule: Rule, version: int | None, up: bool) -> None:
    """Move a rule one place up or down (an event is scored by the first rule it matches)."""
    with transaction.atomic():
        locked = _lock_for_edit(actor, rule.rule_set, version)
        rules = list(locked.rules.order_by("order", "id"))
        index = next(i for i, r in enumerate(rules) if r.pk == rule.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(rules):
            return
        rules[index], rules[other] = rules[other], rules[index]
        for position, r in enumerate(rules, start=1):
            r.order = position * 10
        Rule.objects.bulk_update(rules, ["order"])
        _edited(actor, locked, "rule_moved", {"rule": rule.label, "up": up})


def requirement_save(*, actor, rule_set: RuleSet, version: int | None, data: dict,
                     requirement: Requirement | None = None) -> Requirement:
    """A minimum requirement: a label, how many events, and the rules whose events count."""
    with transaction.atomic():
        locked = _lock_for_edit(actor, rule_set, version)
        rules = list(locked.rules.filter(pk__in=data.get("rule_ids", [])))
        if len(rules) != len(set(data.get("rule_ids", []))):
            raise DomainError(_("Choose rules of this year's rule set."), errors={"rules": [_("Unknown rule.")]})
        if requirement is None:
            last = locked.requirements.aggregate(last=Max("order"))["last"] or 0
            requirement = Requirement(rule_set=locked, order=last + 10)
        elif requirement.rule_set_id != locked.pk:
            raise NotAllowed()
        requirement.label = data["label"]
        requirement.min_count = data["min_count"]
        requirement.save()
        requirement.rules.set(rules)
        _edited(actor, locked, "requirement_saved", {"requirement": requirement.label, "min_count": requirement.min_count,
                                                     "rules": [r.label for r in rules]})
    return requirement


def requirement_delete(*, actor, requirement: Requirement, version: int | None) -> None:
    with transaction.atomic():
        locked = _lock_for_edit(actor, requirement.rule_set, version)
        label = requirement.label
        requirement.delete()
        _edited(actor, locked, "requirement_deleted", {"requirement": label})


def rule_set_delete(*, actor, rule_set: RuleSet, version: int | None) -> None:
    """Delete an open year's rules (and so its scores): to start the year again from another preset."""
    with transaction.atomic():
        locked = _lock_for_edit(actor, rule_set, version)
        audit_log(actor=actor, organisation=locked.organisation, action="duties.rule_set.deleted", obj=locked,
                  changes={"year": locked.year, "name": locked.name})
        locked.delete()


def rule_set_close(*, actor, rule_set: RuleSet, version: int | None) -> RuleSet:
    """Close the year: compute its scores one last time, keep their explanation, and freeze them."""
    _require_admin(actor, rule_set.organisation)
    with transaction.atomic():
        locked = transitions.lock(RuleSet, rule_set, version=version)
        RULE_SET_WORKFLOW.target("close", locked.status)
        if locked.year > timezone.localdate().year:
            raise DomainError(gettext("The %(year)d evaluation cannot be closed before the year has begun.")
                              % {"year": locked.year})
        count = scoring.freeze_year(locked)
        locked.closed_at = timezone.now()
        locked.closed_by = actor
        _move(locked, "close", actor, audit="duties.rule_set.closed", fields=["closed_at", "closed_by"],
              data={"scores": count}, changes={"year": locked.year, "scores": count})
        scored = Score.objects.filter(rule_set=locked).values("member_id")
        recipients = [m.person.user for m in Member.objects.filter(pk__in=scored).select_related("person__user")
                      if getattr(m.person, "user", None)]
        locked.notified = len(recipients)
        notify(recipients=recipients, organisation=locked.organisation, code="duties.year_closed",
               title=_("Your %(year)s duty evaluation is final"),
               params={"year": locked.year, "org": str(locked.organisation)},
               body=_("The %(year)s scores of %(org)s are closed. Open your duty record to see your score and how "
                      "it was computed."), url=f"{reverse('duties:my_record')}?year={locked.year}")
    return locked


def rule_set_reopen(*, actor, rule_set: RuleSet, version: int | None, reason: str) -> RuleSet:
    """Reopen a closed year (to correct it): its scores follow the ledger and the rules again."""
    _require_admin(actor, rule_set.organisation)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the year is reopened."), errors={"reason": [_("Required.")]})
    with transaction.atomic():
        locked = transitions.lock(RuleSet, rule_set, version=version)
        locked.closed_at = None
        locked.closed_by = None
        _move(locked, "reopen", actor, audit="duties.rule_set.reopened", fields=["closed_at", "closed_by"],
              comment=reason, changes={"year": locked.year, "reason": reason})
        _recompute_on_commit(locked)
    return locked


def rule_set_recompute(*, actor, rule_set: RuleSet) -> None:
    """Recompute an open year now (the scores follow every event anyway; this is the safety net)."""
    if not permissions.can_keep_records(actor, rule_set.organisation):
        raise NotAllowed()
    if rule_set.status != RuleSetStatus.OPEN:
        raise DomainError(_("The year is closed: its scores are frozen."))
    audit_log(actor=actor, organisation=rule_set.organisation, action="duties.rule_set.recomputed", obj=rule_set)
    _recompute_on_commit(rule_set)
