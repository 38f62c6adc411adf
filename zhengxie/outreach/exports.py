"""Excel exports of the outreach lists and figures. Text that came from the public can never be read as a formula:
core.documents escapes every cell it writes."""

from django.utils import timezone
from django.utils.translation import gettext, pgettext

from zhengxie.core.masking import mask_phone

from .choices import ActivityKind, PlaceKind, PlaceLevel


def activity_columns():
    return [(gettext("Date"), 12), (gettext("Type"), 10), (pgettext("outreach", "Topic"), 36), (pgettext("outreach", "Place"), 30),
            (pgettext("address", "County/district"), 12), (gettext("Township/street"), 12), (pgettext("outreach", "Members"), 30),
            (gettext("Number of constituents"), 10), (pgettext("outreach", "Outcome"), 50), (gettext("Status"), 8)]


def activity_rows(qs):
    for a in qs.iterator(chunk_size=2000):
        yield [a.held_on, a.get_kind_display(), a.topic, a.place.name, a.place.county,
               a.place.township, "、".join(p.member.person.name for p in a.participations.all()),
               a.constituents_count, a.outcome, a.get_status_display()]


def concern_columns():
    return [(gettext("Number"), 14), (gettext("Received at"), 17), (gettext("Source"), 14), (gettext("Category"), 12),
            (gettext("Name"), 10), (gettext("Phone"), 14), (pgettext("outreach", "Place"), 28), (gettext("Description"), 60),
            (gettext("Status"), 12), (gettext("Member handling it"), 10), (gettext("Handling unit"), 20),
            (gettext("Unit due on"), 12), (gettext("Closed at"), 17), (pgettext("outreach", "Result"), 50),
            (pgettext("outreach", "Feedback"), 10)]


def concern_rows(qs):
    """Phone numbers masked: an export travels further than a screen."""
    satisfied, unsatisfied = gettext("Satisfied"), gettext("Not satisfied")
    for c in qs.iterator(chunk_size=2000):
        yield [c.reference, c.received_at, c.get_source_display(), c.category, c.submitter_name,
               mask_phone(c.submitter_phone), c.place.name if c.place_id else "", c.description,
               c.get_status_display(), c.assigned_member.person.name if c.assigned_member_id else "",
               c.handling_unit.name if c.handling_unit_id else "", c.unit_due_on, c.closed_at, c.result,
               "" if c.satisfied is None else (satisfied if c.satisfied else unsatisfied)]


def figures_sheet(figures) -> tuple[list, list]:
    """The figures as one table: (columns, rows)."""
    columns = [(gettext("Figure"), 40), (gettext("Value"), 14)]
    p, a, c = figures.places, figures.activities, figures.concerns
    rows = [[gettext("Committee"), figures.organisation.name],
            [gettext("Period of the figures"), f"{figures.start:%Y-%m-%d} — {figures.end:%Y-%m-%d}"],
            [gettext("Scope"), gettext("This committee and those below it") if figures.include_lower
             else gettext("This committee only")],
            [pgettext("outreach", "Places"), p["total"]]]
    for kind in PlaceKind:
        rows.append([f"  {kind.label}", p["by_kind"][kind.value]])
        for level in PlaceLevel:
            if p["by_kind_level"][kind.value][level.value]:
                rows.append([f"    {level.label}", p["by_kind_level"][kind.value][level.value]])
    rows += [[gettext("Three-in-one platforms"), p["three_in_one"]],
             [gettext("Places with all “five haves”"), p["five_haves"]],
             [gettext("Activities held"), a["total"]]]
    rows += [[f"  {kind.label}", a["by_kind"][kind.value]] for kind in ActivityKind]
    rows += [[gettext("Constituents reached"), a["constituents"]],
             [gettext("Members who went down (people)"), a["members_gone_down"]],
             [gettext("Members who went down (person-times)"), a["participations"]],
             [gettext("Concerns received"), c["received"]],
             [gettext("  of which sent online"), c["online"]],
             [gettext("  of which still open"), c["still_open"]],
             [gettext("Concerns solved"), c["solved"]],
             [gettext("  of which through a handling unit"), c["via_unit"]],
             [gettext("Concerns not taken up"), c["declined"]],
             [gettext("Solved concerns rated by the person"), c["rated"]],
             [gettext("  of which satisfied"), c["satisfied"]],
             [gettext("Satisfaction rate (%)"), c["satisfaction_rate"] if c["satisfaction_rate"] is not None else "—"]]
    for category, counts in c["by_category"]:
        rows.append([gettext("Category %(name)s: received / solved") % {"name": category},
                     f"{counts['received']} / {counts['solved']}"])
    for row in figures.by_organisation:
        rows.append([row.organisation.short_name,
                     gettext("%(places)d places, %(activities)d activities, %(members)d members, %(received)d received, "
                             "%(solved)d solved, %(satisfied)d satisfied") % {
                         "places": row.places, "activities": row.activities, "members": row.members_gone_down,
                         "received": row.received, "solved": row.solved, "satisfied": row.satisfied}])
    rows.append([gettext("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    return columns, rows

