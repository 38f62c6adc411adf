"""A figure for many organisations in one query: the records of the whole scope counted (summed, averaged, the
numerator of a rate taken) per organisation with ``GROUP BY``, then added up per group of organisations (each
organisation one level below, with everything below it). The records are the figure's own queryset — only grouped —
so each group's value is the value the figure has for that group's scope alone (a test checks it for every figure).

A figure can be grouped when its records filter once, at the top of their conditions, on the organisation of the
record (``organisation_id__in``, ``task__organisation_id__in``…) and nowhere else: a figure that reads the scope as a
whole (reports received from outside it, chains with a record in it) is computed group by group as before."""

import datetime as dt

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.expressions import Col
from django.db.models.lookups import In
from django.db.models.sql.where import AND

from zhengxie.core.models import Organisation

from .registry import COUNT, RATE, Figure, Scope, ratio

PROBE = -7_654_321  # an organisation id no row has: where the scope's organisations appear in a figure's query
CANDIDATES = ("organisation", "task__organisation", "activity__organisation", "topic__organisation",
              "report__organisation", "member__organisation", "item__organisation")
_paths: dict[str, str | None] = {}


def _owner(model, path: str):
    """The model owning the last field of ``path`` when every step is a single-valued relation, else None."""
    names = path.split("__")
    for name in names[:-1]:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 (no such field)
            return None
        if not (field.many_to_one or field.one_to_one) or field.related_model is None:
            return None
        model = field.related_model
    try:
        field = model._meta.get_field(names[-1])
    except Exception:  # noqa: BLE001
        return None
    return model if field.many_to_one and field.related_model is Organisation else None


def _find_path(figure: Figure) -> str | None:
    if figure.records is None or (figure.measure == RATE and not isinstance(figure.part, Q)):
        return None
    if figure.measure not in (COUNT, RATE) and figure.measure.partition(":")[0] not in ("sum", "average"):
        return None
    if figure.org_field:
        return figure.org_field
    qs = figure.records(Scope(org_ids=(PROBE,), start=dt.date(2000, 1, 1), end=dt.date(2000, 12, 31)))
    query = qs.query
    if query.distinct and figure.measure != COUNT:
        return None
    _sql, params = query.sql_with_params()
    if sum(1 for p in params if p == PROBE) != 1:  # the scope read more than once: not by the record's organisation
        return None
    where = query.where
    if where.connector != AND or where.negated:
        return None
    return _path_of_filter(qs, where.children)


def _path_of_filter(qs, conditions) -> str | None:
    """The path of the top-level ``<organisation>__in=<the scope>`` condition, if it is on a single-valued path."""
    query = qs.query
    for node in conditions:
        if not (isinstance(node, In) and isinstance(node.lhs, Col)):
            continue
        try:
            if PROBE not in node.rhs:
                continue
        except TypeError:  # a subquery
            continue
        target = node.lhs.target
        if not (target.many_to_one and target.related_model is Organisation):
            return None
        direct = node.lhs.alias == query.base_table
        for path in CANDIDATES:
            if (path == "organisation") == direct and _owner(qs.model, path) is target.model:
                return path
        return None
    return None


def organisation_path(figure: Figure) -> str | None:
    """The path from the figure's records to the organisation they are grouped by, or None."""
    if figure.key not in _paths:
        _paths[figure.key] = _find_path(figure)
    return _paths[figure.key]


def _aggregates(figure: Figure, distinct: bool) -> dict:
    how, _sep, column = figure.measure.partition(":")
    if figure.measure == COUNT:
        # COUNT(*) rather than COUNT(id): the rows are counted from an index that holds the organisation and the
        # date (and the columns of a rate's part) without reading the table.
        return {"zx_n": Count("pk", distinct=True) if distinct else Count("*")}
    if figure.measure == RATE:
        return {"zx_n": Count("*"), "zx_part": Count(Value(1), filter=figure.part)}  # (no filter on COUNT(*))
    if how == "sum":
        return {"zx_total": Sum(column)}
    return {"zx_total": Sum(column), "zx_n": Count(column)}  # an average: the sum and the number of values


def by_groups(figure: Figure, scope: Scope, group_of: dict[int, object]) -> dict[object, object] | None:
    """{group: value} of the figure for the organisations of each group (``group_of`` maps each organisation of the
    scope to its group), in one query; None when the figure cannot be grouped."""
    path = organisation_path(figure)
    if path is None:
        return None
    qs = figure.records(scope).order_by()
    rows = qs.values(zx_org=F(f"{path}_id")).annotate(**_aggregates(figure, bool(qs.query.distinct)))
    totals: dict[object, dict] = {group: {"n": 0, "part": 0, "total": 0} for group in set(group_of.values())}
    for row in rows:
        group = group_of.get(row["zx_org"])
        if group is None:
            continue
        for name in ("n", "part", "total"):
            totals[group][name] += row.get(f"zx_{name}") or 0
    how = figure.measure.partition(":")[0]
    values = {}
    for group, t in totals.items():
        if figure.measure == COUNT:
            values[group] = t["n"]
        elif figure.measure == RATE:
            values[group] = ratio(t["part"], t["n"])
        elif how == "sum":
            values[group] = t["total"]
        else:
            values[group] = round(float(t["total"]) / t["n"], 1) if t["n"] else None
    return values


def _part_flag(figure: Figure, qs):
    from django.db.models import BooleanField, ExpressionWrapper

    return qs.annotate(zx_p=ExpressionWrapper(figure.part, output_field=BooleanField()))


def _statement(figure: Figure, scope: Scope):
    """(a scalar subquery measuring the figure over its own records, its params, how to read its value), or None."""
    if figure.records is None:
        return None
    qs = figure.records(scope).order_by()
    # Written here from the figure's own compiled query (its parameters kept apart): nothing of a reader's enters it.
    if figure.measure == COUNT:
        sql, params = qs.values("pk").query.sql_with_params()
        return f"(SELECT COUNT(*) FROM ({sql}) zx_q)", params, int  # noqa: S608
    if figure.measure == RATE and isinstance(figure.part, Q):
        sql, params = _part_flag(figure, qs).values("pk", "zx_p").query.sql_with_params()
        # Both numbers in one value ("total:part"), so that the records are read once.
        return (f"(SELECT COUNT(*) || ':' || COALESCE(SUM(CASE WHEN zx_q.zx_p THEN 1 ELSE 0 END), 0) "  # noqa: S608
                f"FROM ({sql}) zx_q)", params, _read_rate)
    return None  # a sum, an average, a rate over another queryset: on its own


def _read_rate(value):
    total, _sep, part = str(value).partition(":")
    return ratio(int(part), int(total))


# A figure's statement compiled once per shape of scope (how many organisations and years) and day: building the
# queryset costs more than running it. The figure is built for two probe scopes that differ in every value; a
# parameter that differs must be one of the scope's values (an organisation, a date, a time, a year), found again in
# the real scope. A parameter derived otherwise (a day after the end, the time now) makes the figure built each time.
_templates: dict[tuple, object] = {}
_MISSING = object()


def _probe(n_orgs: int, n_years: int, variant: int) -> Scope:
    year = 1901 + 100 * variant  # every part of every value differs between the two probes: year, month, day
    return Scope(org_ids=tuple(-(1000 * (variant + 1) + i) for i in range(n_orgs)),
                 start=dt.date(year, 3 + variant, 7 + variant), end=dt.date(year + n_years - 1, 10 + variant, 19 + variant))


def _accessors(scope: Scope):
    """Functions of a scope giving each value a figure's query may take from it, raw and as the database gets it."""
    from django.db import connection

    ops = connection.ops
    raw = [lambda s, i=i: s.org_ids[i] for i in range(len(scope.org_ids))]
    raw += [lambda s, i=i: s.years[i] for i in range(len(scope.years))]
    raw += [lambda s: s.start, lambda s: s.end]
    times = [lambda s: s.datetime_range[0], lambda s: s.datetime_range[1]]
    adapted = [lambda s, f=f: ops.adapt_datefield_value(f(s)) for f in raw[-2:]]
    adapted += [lambda s, f=f: ops.adapt_datetimefield_value(f(s)) for f in times]
    return raw + times + adapted


def _template(figure: Figure, n_orgs: int, n_years: int):
    first, second = _probe(n_orgs, n_years, 0), _probe(n_orgs, n_years, 1)
    try:
        a, b = _statement(figure, first), _statement(figure, second)
    except (EmptyResultSet, FullResultSet):  # a query that compiles to nothing for the probes: built each time
        return None
    if a is None or b is None or a[0] != b[0] or len(a[1]) != len(b[1]):
        return None
    accessors = _accessors(first)
    plan = []
    for p1, p2 in zip(a[1], b[1], strict=True):
        if type(p1) is type(p2) and p1 == p2:
            plan.append((False, p1))
            continue
        found = next((f for f in accessors if f(first) == p1 and f(second) == p2), None)
        if found is None:
            return None
        plan.append((True, found))
    return a[0], plan, a[2]


def _statement_for(figure: Figure, scope: Scope):
    from django.utils import timezone

    key = (figure.key, len(scope.org_ids), len(scope.years), timezone.localdate())
    template = _templates.get(key, _MISSING)
    if template is _MISSING:
        template = _templates[key] = _template(figure, len(scope.org_ids), len(scope.years))
    if template is None:
        return _statement(figure, scope)
    sql, plan, read = template
    return sql, [f(scope) if computed else f for computed, f in plan], read


def values_at_once(wanted: list[Figure], scope: Scope) -> dict[str, object]:
    """The figures for one scope in one statement: each figure's own records measured in a scalar subquery, side by
    side (a figure that cannot be written so is computed on its own)."""
    from django.db import connection

    parts, params, readers, values = [], [], [], {}
    for f in wanted:
        try:
            statement = _statement_for(f, scope)
        except (EmptyResultSet, FullResultSet):
            statement = None
        if statement is None:
            values[f.key] = f.compute(scope)
            continue
        sql, more, read = statement
        parts.append(sql)
        params.extend(more)
        readers.append((f.key, read))
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(parts)}", params)  # noqa: S608 (built above)
            row = cursor.fetchone()
        for (key, read), value in zip(readers, row, strict=True):
            values[key] = read(value)
    return values
