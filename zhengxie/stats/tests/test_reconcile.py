"""Every registered figure reconciles with its record list: the figure is the count (sum, average, rate) of the
rows its list shows and exports, for the same organisations and period, on a generated world with edge cases."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from zhengxie.stats import selectors
from zhengxie.stats.records import cells, columns, list_queryset, row_of
from zhengxie.stats.registry import COUNT, RATE, figure, figures, ratio

from .generated import generate

pytestmark = pytest.mark.django_db
YEAR = dt.date.today().year - 1  # a whole year, with the year before it and after it


@pytest.fixture
def generated(world):
    generate(world, YEAR)
    cache.clear()
    return world


def _from_rows(figure, scope):
    """The figure recomputed from its list's rows alone."""
    rows = [row_of(figure, obj) for obj in list_queryset(figure, scope)]
    if figure.measure == COUNT:
        return len(rows)
    if figure.measure == RATE:
        if rows and rows[0].in_part is not None:
            return ratio(sum(1 for r in rows if r.in_part), len(rows))
        return ratio(list_queryset(figure, scope, part=True).count(), len(rows))
    amounts = [r.amount for r in rows]
    if figure.measure.startswith("sum:"):
        return sum(amounts)
    return round(sum(amounts) / len(amounts), 1) if amounts else None


def _scopes(world):
    year = (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    return {
        "city and below": selectors.scope_for(world.city, *year, descendants=True),
        "city alone": selectors.scope_for(world.city, *year, descendants=False),
        "county": selectors.scope_for(world.county, *year, descendants=False),
        "year before": selectors.scope_for(world.city, dt.date(YEAR - 1, 1, 1), dt.date(YEAR - 1, 12, 31), descendants=True),
        "empty period": selectors.scope_for(world.city, dt.date(2001, 1, 1), dt.date(2001, 1, 31), descendants=True),
        "one day": selectors.scope_for(world.city, dt.date(YEAR, 1, 2), dt.date(YEAR, 1, 2), descendants=True),
    }


def test_every_figure_equals_its_list(generated):
    scopes = _scopes(generated)
    assert all(f.listable and f.definition for f in figures())  # every figure has its list and its definition
    mismatches = [(f.key, name, f.value(scope), _from_rows(f, scope))
                  for f in figures() for name, scope in scopes.items() if f.value(scope) != _from_rows(f, scope)]
    assert mismatches == []
    # The dashboard reads every figure of a scope in one statement: the same values.
    for name, scope in scopes.items():
        assert selectors.compute(scope) == {f.key: f.value(scope) for f in figures()}, name
    empty = scopes["empty period"]
    assert all(f.value(empty) in (0, None) or f.stock for f in figures())
    assert all(f.value(empty) is None for f in figures() if f.measure == RATE)  # nothing to divide: no 0.0%


def test_the_edges_of_a_period(generated):
    values = selectors.compute(_scopes(generated)["city alone"])
    before = selectors.compute(_scopes(generated)["year before"])
    # submitted on the last evening of the year before, registered in this one: received then, registered now
    assert values["proposals.received"] == 4 and values["proposals.registered"] == 2
    assert values["proposals.merged"] == 1 and values["proposals.rejected"] == 1  # the withdrawn one is received
    assert before["proposals.received"] == 2 * 2  # the city's and the county's, one of each on the edge
    assert values["opinions.submitted"] == 1  # the withdrawn report is excluded, last year's evening one too
    assert values["activities.meetings"] == 1 and values["activities.inspections"] == 1  # cancelled is excluded
    assert values["activities.meeting_attendance"] == 50.0 and values["activities.suggestions_adopted"] == 3
    assert values["outreach.concerns_solved"] == 2 and values["outreach.concerns_satisfaction"] == 100.0
    assert values["outreach.studios"] == 0  # established next year
    # listed on the last evening of the year before: not this year's; the suggestion never listed is not counted
    assert (values["liaison.topics_listed"], values["liaison.topics_answered"], values["liaison.topic_proposals"]) == (
        1, 1, 1)
    assert (values["liaison.contact_assignments"], values["liaison.contact_visits"]) == (1, 2)
    assert (values["liaison.contact_matters_raised"], values["liaison.contact_matters_solved"]) == (4, 2)
    assert (before["liaison.contact_visits"], before["liaison.contact_matters_solved"]) == (2, 4)  # city and county
    assert values["opinions.adoption_rate"] == 100.0 and values["opinions.adopted_above"] == 1
    # joint proposals: drafted or co-signed (not the declined one), registered above, outside, received from below
    assert values["proposals.joint_made"] == 2 and values["proposals.joint_registered"] == 2
    assert values["proposals.joint_registered_outside"] == 1 and values["proposals.joint_received"] == 1
    assert before["proposals.joint_made"] == 1  # the county's, sent on the last evening of last year


def test_the_list_page_and_its_export_show_as_many_rows_as_the_figure(generated, client_as):
    client = client_as(generated.city_leader)
    query = {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31", "descendants": "1"}
    scope = _scopes(generated)["city and below"]
    for f in figures():
        page = client.get(f"/stats/figures/{f.key}/", query)
        assert page.status_code == 200
        assert page.context["total"] == list_queryset(f, scope).count(), f.key
        sheet = load_workbook(io.BytesIO(client.get(f"/stats/figures/{f.key}/export/", query).content)).active
        assert sheet.max_row - 1 == page.context["total"], f.key
        assert [c.value for c in sheet[1]] == columns(f)
    page = client.get("/stats/figures/proposals.registered/", query).content.decode()
    assert "跨年提案" in page and "立案" in page  # a row and the definition beside the figure
    registered = figure("proposals.registered")
    assert cells(registered, row_of(registered, list_queryset(registered, scope).first()))


@pytest.mark.parametrize("who,status", [("city_leader", 200), ("city_proposal", 200), ("city_partygov", 200),
                                        ("city_member", 403), ("city_unit", 403), ("county_leader", 200)])
def test_who_may_open_a_list(generated, client_as, who, status):
    assert client_as(generated.users[who]).get("/stats/figures/proposals.received/").status_code == status


def test_a_county_never_lists_its_city_nor_a_city_another_branch(generated, client_as):
    query = {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31", "descendants": "1"}
    county = client_as(generated.users["county_leader"])
    titles = {r["row"].organisation for r in county.get("/stats/figures/proposals.received/",
                                                 {**query, "org": generated.city.pk}).context["rows"]}
    assert titles == {generated.county.short_name}  # asking for the city falls back to the county itself
    city = client_as(generated.city_leader)
    rows = city.get("/stats/figures/proposals.received/", {**query, "org": generated.county.pk}).context["rows"]
    assert {r["row"].organisation for r in rows} == {generated.county.short_name}  # a city reads one of its counties
    other = city.get("/stats/figures/proposals.received/", {**query, "org": generated.orgs["city2"].pk})
    assert {r["row"].organisation for r in other.context["rows"]} <= {generated.city.short_name, generated.county.short_name}
    assert client_as(generated.city_leader).get("/stats/figures/no.such/").status_code == 404


def test_a_record_changed_moves_its_figure(generated):
    from zhengxie.proposals.models import Proposal

    scope = _scopes(generated)["city alone"]
    f = next(f for f in figures() if f.key == "proposals.registered")
    before = f.value(scope)
    on_dashboard = selectors.compute(scope)["proposals.registered"]
    year = (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    in_breakdown = dict((o.pk, v) for o, v in selectors.breakdown(generated.province, *year))[generated.city.pk]
    Proposal.objects.filter(organisation=generated.city, title="办理中").update(registered_at=None)
    assert f.value(scope) == before - 1 == list_queryset(f, scope).count()
    # Nothing precomputed: the dashboard and the breakdown move at once too.
    assert selectors.compute(scope)["proposals.registered"] == on_dashboard - 1
    after = dict((o.pk, v) for o, v in selectors.breakdown(generated.province, *year))[generated.city.pk]
    assert after["proposals.registered"] == in_breakdown["proposals.registered"] - 1


def test_the_api_gives_each_figure_its_definition_and_list(generated, client_as):
    client = client_as(generated.city_leader)
    params = {"year": YEAR}
    detail = client.get("/api/v1/stats/figures/proposals.registered", params).json()
    assert detail["value"] == detail["records"] == 4 and "立案" in detail["definition"]
    rows = client.get("/api/v1/stats/figures/proposals.registered/records", params).json()
    assert rows["count"] == 4 and {r["model"] for r in rows["items"]} == {"proposals.proposal"}
    rate = client.get("/api/v1/stats/figures/proposals.reply_rate", {"year": 2001}).json()
    assert rate["value"] is None and rate["shown"] == "—" and rate["empty_reason"]
    assert client.get("/api/v1/stats/figures/no.such").status_code == 404
    assert client_as(generated.city_member).get("/api/v1/stats/figures/proposals.registered").status_code == 403


@pytest.mark.parametrize("level", ["province", "city"])
def test_the_grouped_breakdown_equals_each_organisations_own_figure(generated, level):
    """The breakdown reads a figure for every organisation below in one grouped query: each value is the figure
    the organisation has on its own (with everything below it), for every figure, grouped or not."""
    from zhengxie.stats.grouped import organisation_path

    top = generated.orgs[level]
    year = (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    rows = selectors.breakdown(top, *year)
    assert [o for o, _v in rows][0] == top and len(rows) == 1 + top.children.count()
    for org, values in rows:
        own = selectors.scope_for(org, *year, descendants=org != top)
        expected = {f.key: f.value(own) for f in figures()}
        assert values == expected, org.short_name
    grouped = {f.key for f in figures() if organisation_path(f)}
    assert {"proposals.registered", "proposals.reply_rate", "activities.meetings"} <= grouped
    assert "opinions.submitted" not in grouped  # reads the scope as a whole (received from outside it)


def test_each_month_of_a_trend_is_its_lists_rows_of_that_month(generated):
    """The dashboard's months of a figure (``dashboard.monthly``) reconcile with its list: a month's count is the
    number of rows dated in that month; a rate's month is the share of that month's rows in the numerator."""
    from collections import Counter

    from zhengxie.stats.dashboard import monthly

    scopes = _scopes(generated)
    checked = 0
    for name in ("city and below", "county", "one day", "empty period"):
        scope = scopes[name]
        for f in figures():
            months = monthly(f, scope)
            if months is None:
                continue
            rows = [row_of(f, obj) for obj in list_queryset(f, scope)]
            total = Counter(r.date.replace(day=1) for r in rows)
            if f.measure == COUNT:
                expected = {m: total.get(m, 0) for m in months}
            else:
                part = Counter(r.date.replace(day=1) for r in rows if r.in_part)
                expected = {m: ratio(part.get(m, 0), total.get(m, 0)) for m in months}
            assert months == expected, (f.key, name)
            checked += bool(rows)
    assert checked >= 10  # figures with rows in their months, not only empty ones
