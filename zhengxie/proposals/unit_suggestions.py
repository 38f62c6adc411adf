"""Handling-unit suggestions for the assignment form (承办单位建议): the units that handled this organisation's
past proposals most like this one, with the reason. A suggestion only: the office decides.

Learnt from the organisation's own past assignments: the similar proposals (``search.similar_signatures``) vote
for the units that replied to them (``search.units.rank_units``, the method measured in docs/benchmarks.md); when
too few are similar, the units that most often handled proposals of the same category fill the list."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.translation import gettext as _

from zhengxie.core.models import HandlingUnit
from zhengxie.search.selectors import engine_for, similar_signatures
from zhengxie.search.services import parse_terms
from zhengxie.search.similarity import default_engine
from zhengxie.search.units import rank_units

from .choices import REPLYING_ROLES, TaskStatus
from .models import HandlingTask, Proposal

NEIGHBOURS = 30


def unit_suggestions(proposal: Proposal, *, limit: int = 3) -> list[dict]:
    """[{unit, score, reason, proposal}] best first; ``proposal`` is the similar past proposal given as the reason."""
    hits = similar_signatures(organisation_id=proposal.organisation_id, model=Proposal, title=proposal.title,
                              exclude_object_ids=[proposal.pk], limit=NEIGHBOURS, threshold=0.1)
    by_id = {int(s.object_id): (s, score) for s, score in hits}
    tasks = (HandlingTask.objects.filter(proposal_id__in=list(by_id), role__in=REPLYING_ROLES, unit__is_active=True)
             .exclude(status__in=[TaskStatus.CANCELLED, TaskStatus.PENDING]).select_related("unit", "proposal"))
    units, past = {}, []
    for task in tasks:
        signature, _score = by_id[task.proposal_id]
        units[task.unit_id] = task.unit
        past.append((parse_terms(signature.terms), task.unit_id, task.proposal))
    engine = default_engine()
    if past:
        engine = engine_for(proposal.organisation_id, ContentType.objects.get_for_model(Proposal).pk, {t for p in past for t in p[0]})
    ranked = [r for r in rank_units(engine, engine.signature(proposal.title), past, limit=limit) if r[2] is not None]
    result = [{"unit": units[unit_id], "score": round(score, 3), "proposal": similar,
               "reason": _("similar to %(number)s, handled by %(unit)s") % {
                   "number": similar.number_label or similar.title, "unit": units[unit_id].name}}
              for unit_id, score, similar in ranked]
    if len(result) < limit and proposal.category:
        taken = {r["unit"].pk for r in result}
        usual = (HandlingTask.objects.filter(organisation_id=proposal.organisation_id, proposal__category=proposal.category,
                                             role__in=REPLYING_ROLES, unit__is_active=True)
                 .exclude(status=TaskStatus.CANCELLED).exclude(proposal=proposal).exclude(unit_id__in=taken)
                 .values("unit").annotate(n=Count("id")).order_by("-n")[:limit - len(result)])
        counts = {row["unit"]: row["n"] for row in usual}
        for unit in sorted(HandlingUnit.objects.filter(pk__in=counts), key=lambda u: -counts[u.pk]):
            result.append({"unit": unit, "score": 0.0, "proposal": None,
                           "reason": _("handled %(n)d proposals of the category %(category)s") % {
                               "n": counts[unit.pk], "category": proposal.category}})
    return result
