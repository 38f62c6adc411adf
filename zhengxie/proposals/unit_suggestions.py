"""Handling-unit suggestions for the assignment form (承办单位建议): the units that handled this organisation's
past proposals most like this one, with the reason. A suggestion only: the office decides.

Learnt from the organisation's own past assignments: the similar proposals (``search.similar_signatures``) vote
for the units that replied to them, the kinds of unit that usually handle the title's concepts add a little
(``search.units.rank_units``, the method measured in docs/benchmarks.md); when too few are similar, the units that
most often handled proposals of the same category fill the list. A unit renamed or merged (``UnitSuccession``)
counts for the unit that took over its work."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.translation import gettext as _

from zhengxie.core.models import HandlingUnit
from zhengxie.search.models import UnitSuccession
from zhengxie.search.selectors import engine_for, similar_signatures
from zhengxie.search.services import parse_terms
from zhengxie.search.similarity import default_engine
from zhengxie.search.units import KindReason, rank_units

from .choices import REPLYING_ROLES, TaskStatus
from .models import HandlingTask, Proposal

NEIGHBOURS = 30


def successors(organisation_id: int) -> dict[int, int]:
    """Former unit id -> the id of the unit doing its work today (a chain of renamings followed to its end)."""
    step = dict(UnitSuccession.objects.filter(organisation_id=organisation_id).values_list("old_id", "new_id"))
    result = {}
    for old in step:
        seen, current = {old}, step[old]
        while current in step and step[current] not in seen:
            seen.add(current)
            current = step[current]
        result[old] = current
    return result


def unit_suggestions(proposal: Proposal, *, limit: int = 3) -> list[dict]:
    """[{unit, score, reason, proposal}] best first; ``proposal`` is the similar past proposal given as the reason."""
    hits = similar_signatures(organisation_id=proposal.organisation_id, model=Proposal, title=proposal.title,
                              exclude_object_ids=[proposal.pk], limit=NEIGHBOURS, threshold=0.1)
    by_id = {int(s.object_id): (s, score) for s, score in hits}
    tasks = (HandlingTask.objects.filter(proposal_id__in=list(by_id), role__in=REPLYING_ROLES)
             .exclude(status__in=[TaskStatus.CANCELLED, TaskStatus.PENDING]).select_related("proposal"))
    active = {u.pk: u for u in HandlingUnit.objects.filter(organisation_id=proposal.organisation_id, is_active=True)}
    successor = successors(proposal.organisation_id)
    past = []
    for task in tasks:
        unit_id = successor.get(task.unit_id, task.unit_id)
        if unit_id in active:
            signature, _score = by_id[task.proposal_id]
            past.append((parse_terms(signature.terms), unit_id, task.proposal))
    engine = default_engine()
    query = engine.signature(proposal.title)
    engine = engine_for(proposal.organisation_id, ContentType.objects.get_for_model(Proposal).pk,
                        {*query, *(t for p in past for t in p[0])})
    names = {pk: unit.name for pk, unit in active.items()}
    ranked = [r for r in rank_units(engine, query, past, limit=limit, names=names) if r[2] is not None]
    result = []
    for unit_id, score, why in ranked:
        unit = active[unit_id]
        if isinstance(why, KindReason):
            reason = _("the title is about %(concept)s, usually handled by %(kind)s units") % {
                "concept": why.concept, "kind": why.kind}
            similar = None
        else:
            similar = why
            reason = _("similar to %(number)s, handled by %(unit)s") % {
                "number": similar.number_label or similar.title, "unit": unit.name}
        result.append({"unit": unit, "score": round(score, 3), "proposal": similar, "reason": reason})
    if len(result) < limit and proposal.category:
        taken = {r["unit"].pk for r in result}
        usual = (HandlingTask.objects.filter(organisation_id=proposal.organisation_id, proposal__category=proposal.category,
                                             role__in=REPLYING_ROLES)
                 .exclude(status=TaskStatus.CANCELLED).exclude(proposal=proposal)
                 .values("unit").annotate(n=Count("id")))
        counts: dict[int, int] = {}
        for row in usual:
            unit_id = successor.get(row["unit"], row["unit"])
            if unit_id in active and unit_id not in taken:
                counts[unit_id] = counts.get(unit_id, 0) + row["n"]
        for unit_id in sorted(counts, key=lambda u: (-counts[u], u))[:limit - len(result)]:
            result.append({"unit": active[unit_id], "score": 0.0, "proposal": None,
                           "reason": _("handled %(n)d proposals of the category %(category)s") % {
                               "n": counts[unit_id], "category": proposal.category}})
    return result
