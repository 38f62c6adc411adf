"""The annual work summary (年度工作总结), written from the records in the manner of the seed: one section per function
(思想政治引领, 建言资政, 协商议政, 民主监督, 凝聚共识, 自身建设), each opening with its figures in one sentence (every
number a registered figure, so it opens its list), then highlights chosen from the records (key proposals and their
replies, reports adopted above or instructed, consultations and inspections held, new studios, solved matters). The
office keeps or drops sections and highlights before the Word file is made. A member's yearly 述职 summary is made
the same way from their duty record."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors
from .formatting import shown, with_unit
from .registry import figure, figures

HIGHLIGHTS = 6  # at most, per kind of highlight


@dataclass
class Clause:
    key: str  # the figure
    text: str  # its clause with the value
    value: object


@dataclass
class Highlight:
    id: str  # "kind:pk", what the office ticks
    text: str
    figure: str = ""  # the figure whose list holds the record


@dataclass
class Section:
    key: str
    title: str
    clauses: list[Clause] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)

    @property
    def opening(self) -> str:
        return _("; ").join(c.text for c in self.clauses) + ("。" if self.clauses else "")


@dataclass
class Summary:
    title: str
    organisation: object
    start: dt.date
    end: dt.date
    intro: str
    sections: list[Section]


def _key_proposals(scope):
    from zhengxie.proposals.choices import KeyState
    from zhengxie.proposals.models import Proposal

    rows = (Proposal.objects.filter(organisation_id__in=scope.org_ids, registered_at__range=scope.datetime_range,
                                    key_state=KeyState.APPROVED).select_related("first_proposer__person", "body")
            .order_by("-registered_at")[:HIGHLIGHTS])
    for p in rows:
        who = p.first_proposer.person.name if p.first_proposer_id else (p.body.name if p.body_id else "")
        yield Highlight(f"proposal:{p.pk}", _("Key proposal “%(title)s” (%(who)s): %(state)s") % {
            "title": p.title, "who": who, "state": p.get_status_display()}, "proposals.key")


def _reports_above(scope):
    for report in figure("opinions.adopted_above").records(scope).order_by("-pk")[:HIGHLIGHTS]:
        yield Highlight(f"opinion:{report.pk}", _("“%(title)s” was adopted by a higher level") % {"title": report.title},
                        "opinions.adopted_above")
    for item in figure("opinions.instructions").records(scope).order_by("-instructed_on")[:HIGHLIGHTS]:
        yield Highlight(f"instruction:{item.pk}", _("“%(title)s” was instructed by %(leader)s") % {
            "title": item.report.title, "leader": item.leader_name}, "opinions.instructions")


def _activities(key):
    def highlights(scope):
        rows = figure(key).records(scope).annotate(n_reports=Count("reports")).order_by("-starts_at")[:HIGHLIGHTS]
        for a in rows:
            yield Highlight(f"activity:{a.pk}", _("%(title)s (%(day)s)") % {"title": a.title, "day": a.starts_at.date()}, key)

    return highlights


def _research_reports(scope):
    for r in figure("activities.research_reports").records(scope).order_by("-sent_at")[:HIGHLIGHTS]:
        yield Highlight(f"outcome:{r.pk}", _("“%(title)s”, research led by %(lead)s") % {
            "title": r.title, "lead": r.lead.person.name}, "activities.research_reports")


def _new_studios(scope):
    from zhengxie.outreach.choices import PlaceKind
    from zhengxie.outreach.models import Place

    rows = Place.objects.filter(organisation_id__in=scope.org_ids, kind=PlaceKind.STUDIO, is_active=True,
                                established_on__range=(scope.start, scope.end)).order_by("-established_on")[:HIGHLIGHTS]
    for place in rows:
        yield Highlight(f"place:{place.pk}", _("New member studio: %(name)s") % {"name": place.name}, "outreach.studios")


def _solved(scope):
    for key in ("activities.matters_solved", "outreach.concerns_solved"):
        for row in figure(key).records(scope).order_by("-pk")[:HIGHLIGHTS // 2]:
            yield Highlight(f"{key}:{row.pk}", _("Solved: %(what)s") % {"what": str(row)[:80]}, key)


SECTIONS = [
    ("ideology", gettext_lazy("Political guidance (思想政治引领)"),
     ["activities.study_sessions", "activities.study_speakers", "activities.reading_class_days",
      "activities.reading_class_speeches", "activities.party_lectures", "activities.three_meetings", "activities.talks"],
     [_activities("activities.study_sessions")]),
    ("advice", gettext_lazy("Advice to the Party and government (建言资政)"),
     ["proposals.received", "proposals.registered", "proposals.reply_rate", "proposals.closed_rate", "proposals.key",
      "opinions.submitted", "opinions.adopted", "opinions.forwarded_up", "opinions.adopted_above",
      "opinions.instructions", "activities.research_reports"],
     [_key_proposals, _reports_above, _research_reports]),
    ("consultation", gettext_lazy("Consultation (协商议政)"),
     ["activities.consultations", "activities.symposia", "activities.symposium_attendance",
      "activities.deliberation_posts", "activities.suggestions_adopted"],
     [_activities("activities.consultations")]),
    ("supervision", gettext_lazy("Democratic supervision (民主监督)"),
     ["activities.inspections", "activities.research", "proposals.satisfaction"],
     [_activities("activities.inspections")]),
    ("consensus", gettext_lazy("Building consensus: members, sectors and the people (凝聚共识 · 委员联系界别群众)"),
     ["outreach.three_in_one", "outreach.studios", "outreach.members_gone_down", "activities.petitions",
      "activities.onsite_offices", "activities.matters_solved", "outreach.concerns_solved"],
     [_new_studios, _solved]),
    ("self", gettext_lazy("Building the committee itself (自身建设)"),
     ["core.members", "core.members_in_committees", "activities.meetings", "activities.meeting_attendance",
      "activities.trainings", "duties.minimum_met"],
     []),
]


def _clauses(keys, values) -> list[Clause]:
    """The figures of ``keys`` that have a value, each as its clause ("收到提案288件")."""
    known = {f.key: f for f in figures()}
    clauses = []
    for key in keys:
        f, value = known.get(key), values.get(key)
        if f is None or not value:
            continue
        if f.sentence:
            text = str(f.sentence) % {"value": shown(value, f)}
        else:
            text = _("%(label)s %(value)s") % {"label": f.label, "value": with_unit(value, f)}
        clauses.append(Clause(key, text, value))
    return clauses


def work_summary(organisation, start, end, *, descendants: bool) -> Summary:
    """Every section with its opening and its candidate highlights, for the office to choose from."""
    scope = selectors.scope_for(organisation, start, end, descendants=descendants)
    values = selectors.compute(scope)
    sections = []
    for key, title, keys, providers in SECTIONS:
        highlights = [h for provider in providers for h in provider(scope)]
        sections.append(Section(key, str(title), _clauses(keys, values), highlights))
    year = start.year if start.year == end.year else f"{start.year}—{end.year}"
    return Summary(
        title=_("%(org)s work summary for %(year)s") % {"org": organisation.name, "year": year},
        organisation=organisation, start=start, end=end,
        intro=_("From %(start)s to %(end)s, under the leadership of the Party committee, %(org)s performed its "
                "duties around the centre of the work and the overall situation, as follows.") % {
            "start": start, "end": end, "org": organisation.short_name},
        sections=sections)


def chosen(summary: Summary, *, sections=None, highlights=None) -> Summary:
    """The summary with only the sections and highlights the office kept (None: all)."""
    kept = []
    for section in summary.sections:
        if sections is not None and section.key not in sections:
            continue
        items = [h for h in section.highlights if highlights is None or h.id in highlights]
        kept.append(Section(section.key, section.title, section.clauses, items))
    return Summary(summary.title, summary.organisation, summary.start, summary.end, summary.intro, kept)


# --- a member's yearly 述职 summary, from the duty record ------------------------------------------------------------

def member_summary(member, year: int) -> Summary:
    """One section per duty category the member has events in: the counts by kind in a sentence, then the events'
    titles as highlights."""
    from zhengxie.duties.choices import DutyCategory, DutyEventKind
    from zhengxie.duties.models import DutyEvent

    events = DutyEvent.objects.filter(member=member, year=year, retracted_at__isnull=True).order_by("occurred_at")
    counts = {(r["category"], r["kind"]): r["n"] for r in events.values("category", "kind").annotate(n=Count("pk"))}
    sections = []
    for category in DutyCategory:
        kinds = [(kind, n) for (cat, kind), n in counts.items() if cat == category.value]
        if not kinds:
            continue
        clauses = [Clause(kind, _("%(kind)s: %(n)s") % {"kind": DutyEventKind(kind).label, "n": n}, n)
                   for kind, n in sorted(kinds, key=lambda kv: -kv[1])]
        items = [Highlight(f"event:{e.pk}", f"{e.occurred_at.date()} {e.title or e.get_kind_display()}")
                 for e in events.filter(category=category.value)[:HIGHLIGHTS * 2]]
        sections.append(Section(category.value, str(category.label), clauses, items))
    person = member.person.name
    return Summary(
        title=_("%(name)s: report on my duties in %(year)s") % {"name": person, "year": year}, organisation=member.organisation,
        start=dt.date(year, 1, 1), end=dt.date(year, 12, 31),
        intro=_("In %(year)s, as a member of %(org)s, I performed my duties as follows.") % {
            "year": year, "org": member.organisation.short_name},
        sections=sections)
