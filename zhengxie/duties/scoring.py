"""Scores from the ledger: compile a rule set, stream the events of a year once, score every member, bulk-write.

A full recomputation (an organisation, or a whole province, for one year) and the incremental one (the members
whose events just changed) run the same code on a different scope, so one always equals the other. Scores of a
closed year are frozen: only closing the year writes them (with the per-event explanation kept in ``lines``).
"""

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

from django.db import connection, transaction
from django.db.models import Case, Q, TextField, When, prefetch_related_objects
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone

from zhengxie.core.models import Member

from .choices import RuleSetStatus
from .engine import (
    CompiledRequirement,
    CompiledRule,
    CompiledRuleSet,
    CompiledSection,
    EventRow,
    Result,
    score,
    to_cents,
    to_points,
)
from .models import DutyEvent, RuleSet, Score

WHOLE_ORGANISATION_FROM = 200
#: The order in which a member's events are scored (which one reaches a rule's cap first): never the id, so the
#: order in which events were recorded changes nothing.
ATTRIBUTION = ("occurred_at", "kind", "source_type_id", "source_id")
SCORE_FIELDS = ["organisation", "rule_set", "total", "gains", "losses", "band", "sections", "requirement_counts",
                "requirements_met", "missing_count", "event_count", "lines", "computed_at"]


def _cents_or_none(value):
    return None if value is None else to_cents(value)


#: What a rule set is made of, prefetched by ``with_parts`` (the models' own order: rules and requirements by
#: ``order``, then id; bands from the highest).
PARTS = ("rules", "sections", "bands", "requirements__rules")


def with_parts(*rule_sets: RuleSet) -> None:
    """Read the parts of ``rule_sets`` in one query each, onto the objects (what is already read is kept): the
    engine's compilation and the record page then share them."""
    prefetch_related_objects([r for r in rule_sets if r is not None], *PARTS)


def compile_rule_set(rule_set: RuleSet) -> CompiledRuleSet:
    """The engine's form of a rule set: four queries, none if the caller read its parts with ``with_parts``."""
    cached = getattr(rule_set, "_prefetched_objects_cache", {})
    requirements = rule_set.requirements.all() if "requirements" in cached else rule_set.requirements.prefetch_related("rules")
    rules = [
        CompiledRule(
            id=r.pk, kind=r.kind, conditions=tuple((k, frozenset(v)) for k, v in sorted((r.conditions or {}).items())),
            mode=r.mode, points=to_cents(r.points), first_share=Fraction(str(r.first_share)),
            cap=_cents_or_none(r.cap), section=r.section,
        )
        for r in rule_set.rules.all()
    ]
    return CompiledRuleSet(
        id=rule_set.pk,
        base=to_cents(rule_set.base_points),
        bonus_cap=_cents_or_none(rule_set.bonus_cap),
        max_total=_cents_or_none(rule_set.max_total),
        sections={
            s.category: CompiledSection(to_cents(s.start_points), _cents_or_none(s.floor_points), _cents_or_none(s.cap_points))
            for s in rule_set.sections.all()
        },
        rules=rules,
        requirements=[
            CompiledRequirement(q.pk, frozenset(r.pk for r in q.rules.all()), q.min_count)
            for q in requirements
        ],
        bands=[(b.pk, to_cents(b.min_points)) for b in rule_set.bands.all()],
    )


def scorable_members(organisation_ids: Iterable[int], year: int):
    """Seats scored in ``year``: their term is in force on 1 July and they had not left before the year began.
    (Seats with events in the year are scored too; see ``_recompute``.)"""
    mid_year, new_year = dt.date(year, 7, 1), dt.date(year, 1, 1)
    return (
        Member.objects.filter(organisation_id__in=list(organisation_ids), term__starts_on__lte=mid_year,
                              term__ends_on__gte=mid_year)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=new_year))
    )


def _rows(queryset):
    """The rows of a ``values_list`` queryset, without the ORM's per-row work (it has nothing to convert on
    PostgreSQL). On PostgreSQL the rows are streamed in chunks as the server produces them, so that the server
    reads the next events while this process scores the previous ones; elsewhere they come through the ORM."""
    if connection.vendor != "postgresql":
        yield from queryset.iterator(chunk_size=5000)
        return
    import psycopg

    sql, params = queryset.query.sql_with_params()
    if psycopg.pq.version() >= 170000:  # chunked streaming needs libpq 17
        with connection.cursor() as cursor:
            yield from cursor.cursor.stream(sql, params, size=1000)
        return
    cursor = connection.chunked_cursor()
    try:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(10000):
            yield from rows
    finally:
        cursor.close()


NO_ATTRIBUTES: dict = {}


def events_by_member(queryset, needs: dict[str, frozenset], *, attribution: bool = True):
    """Yield ``(member_id, organisation_id, [EventRow])`` member by member. ``needs`` names the attributes the
    rules read and, for each, the kinds of event whose rules read it: only those are extracted (by the
    database: no JSON is parsed here). ``attribution``: each member's events in attribution order — needed for
    the per-event explanation only, since totals do not depend on the order."""
    keys = sorted(needs)
    annotations = {
        f"attr_{i}": Case(When(kind__in=sorted(needs[key]), then=KeyTextTransform(key, "attributes")),
                          output_field=TextField())
        for i, key in enumerate(keys)
    }
    with_attributes = frozenset().union(*needs.values())
    order = ("member_id", *ATTRIBUTION) if attribution else ("member_id",)
    rows = (queryset.annotate(**annotations).order_by(*order)
            .values_list("member_id", "organisation_id", "id", "kind", *annotations))
    member_id = org_id = None
    events = []
    for row in _rows(rows):
        if row[0] != member_id:
            if events:
                yield member_id, org_id, events
            member_id, org_id, events = row[0], row[1], []
        kind = row[3]
        attributes = dict(zip(keys, row[4:])) if kind in with_attributes else NO_ATTRIBUTES  # noqa: B905
        events.append(EventRow(row[2], kind, attributes))
    if events:
        yield member_id, org_id, events


def _score_values(member_id: int, org_id: int, year: int, rule_set_id: int, result: Result, now, *, freeze: bool) -> dict:
    return dict(
        member_id=member_id, organisation_id=org_id, year=year, rule_set_id=rule_set_id,
        total=to_points(result.total), gains=to_points(result.gains_counted), losses=to_points(result.losses),
        band_id=result.band_id, sections=result.sections,
        requirement_counts={str(k): v for k, v in result.requirement_counts.items()},
        requirements_met=result.requirements_met, missing_count=result.missing_count,
        event_count=result.event_count,
        lines=[[line.event_id, line.rule_id, line.raw, line.awarded] for line in result.lines] if freeze else [],
        computed_at=now,
    )


JSON_COLUMNS = {"sections", "requirement_counts", "lines"}


def _write(scores: list[dict]) -> None:
    """Insert or update the scores in bulk: on PostgreSQL by COPY into a temporary table and one upsert from
    it; elsewhere with ``bulk_create``."""
    if not scores:
        return
    if connection.vendor != "postgresql":
        Score.objects.bulk_create([Score(**values) for values in scores], batch_size=2000, update_conflicts=True,
                                  unique_fields=["member", "year"], update_fields=SCORE_FIELDS)
        return
    from psycopg.types.json import Jsonb

    quote = connection.ops.quote_name
    names = list(scores[0])
    columns = ", ".join(quote(name) for name in names)
    table = quote(Score._meta.db_table)
    updates = ", ".join(f"{quote(n)} = EXCLUDED.{quote(n)}" for n in names if n not in ("member_id", "year"))
    # Identifiers come from the model's metadata, never from input.
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE duty_score_load AS SELECT {columns} FROM {table} WITH NO DATA")  # noqa: S608
        with cursor.cursor.copy(f"COPY duty_score_load ({columns}) FROM STDIN") as copy:
            for values in scores:
                copy.write_row([Jsonb(values[n]) if n in JSON_COLUMNS else values[n] for n in names])
        cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM duty_score_load "  # noqa: S608
                       f"ON CONFLICT (member_id, year) DO UPDATE SET {updates}")
        cursor.execute("DROP TABLE duty_score_load")


def _recompute(year: int, rule_sets: list[RuleSet], member_ids: set[int] | None = None, *, freeze: bool = False) -> int:
    """Score the members of ``rule_sets``' organisations (all of them, or only ``member_ids``) for ``year`` and
    write the scores in bulk. The caller holds the rule sets' row locks inside a transaction."""
    if not rule_sets:
        return 0
    with_parts(*rule_sets)  # five queries for all the organisations, not five each
    compiled = {rs.organisation_id: compile_rule_set(rs) for rs in rule_sets}
    org_ids = list(compiled)
    needs: dict[str, frozenset] = {}
    for rule_set in compiled.values():
        for key, kinds in rule_set.attribute_needs.items():
            needs[key] = needs.get(key, frozenset()) | kinds
    events = DutyEvent.objects.live().filter(organisation_id__in=org_ids, year=year)
    members = scorable_members(org_ids, year)
    if member_ids is not None:
        events = events.filter(member_id__in=member_ids)
        members = members.filter(pk__in=member_ids)
    now = timezone.now()
    scores, seen = [], set()
    for member_id, org_id, rows in events_by_member(events, needs, attribution=freeze):
        seen.add(member_id)
        result = score(compiled[org_id], rows, with_lines=freeze)
        scores.append(_score_values(member_id, org_id, year, compiled[org_id].id, result, now, freeze=freeze))
    empty = {}
    for member_id, org_id in members.order_by().values_list("pk", "organisation_id").iterator(chunk_size=5000):
        if member_id in seen:
            continue
        if org_id not in empty:
            empty[org_id] = score(compiled[org_id], [])
        scores.append(_score_values(member_id, org_id, year, compiled[org_id].id, empty[org_id], now, freeze=freeze))
    _write(scores)
    stale = Score.objects.filter(organisation_id__in=org_ids, year=year, computed_at__lt=now)
    if member_ids is not None:
        stale = stale.filter(member_id__in=member_ids)
    stale.delete()
    return len(scores)


def _locked_rule_sets(year: int, organisation_ids: Iterable[int], *, include_closed: bool = False) -> list[RuleSet]:
    qs = RuleSet.objects.select_for_update().filter(organisation_id__in=list(organisation_ids), year=year)
    if not include_closed:
        qs = qs.filter(status=RuleSetStatus.OPEN)
    return list(qs.order_by("pk"))


def recompute_year(year: int, organisation_ids: Iterable[int]) -> int:
    """Recompute every score of the open rule sets of these organisations for ``year`` (one pass over the
    events). Returns the number of scores written."""
    with transaction.atomic():
        return _recompute(year, _locked_rule_sets(year, organisation_ids))


def freeze_year(rule_set: RuleSet) -> int:
    """The final recomputation of a year being closed, keeping each score's explanation."""
    with transaction.atomic():
        locked = _locked_rule_sets(rule_set.year, [rule_set.organisation_id], include_closed=True)
        return _recompute(rule_set.year, locked, freeze=True)


def recompute_members(member_years: Iterable[tuple[int, int]]) -> int:
    """Recompute the scores of these (member id, year) pairs, skipping closed years."""
    wanted: dict[int, set[int]] = {}
    for member_id, year in member_years:
        wanted.setdefault(int(year), set()).add(int(member_id))
    written = 0
    for year, member_ids in sorted(wanted.items()):
        orgs = dict(Member.objects.filter(pk__in=member_ids).values_list("pk", "organisation_id"))
        for org_id in sorted(set(orgs.values())):
            ids = {m for m, o in orgs.items() if o == org_id}
            with transaction.atomic():
                locked = _locked_rule_sets(year, [org_id])
                # Many members at once (an import, a generator): one pass over the organisation is cheaper.
                written += _recompute(year, locked, None if len(ids) > WHOLE_ORGANISATION_FROM else ids)
    return written


def member_result(member: Member, rule_set: RuleSet, *, compiled: CompiledRuleSet | None = None
                  ) -> tuple[Result, dict[int, DutyEvent]]:
    """Score one member now, with the events themselves (for the record page and the report); ``compiled``: the
    rule set already compiled by the caller."""
    ordered = list(DutyEvent.objects.live().filter(member=member, year=rule_set.year).order_by(*ATTRIBUTION))
    rows = [EventRow(e.pk, e.kind, e.attributes or {}) for e in ordered]
    return score(compiled or compile_rule_set(rule_set), rows), {e.pk: e for e in ordered}
