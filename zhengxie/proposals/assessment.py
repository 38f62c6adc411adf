"""The yearly assessment of handling units (承办单位考核): replies on time, contact with the proposers before
replying, the proposers' satisfaction (per reply), the office's quality rating and the redos, weighted into a score
out of 100 and ranked; the office selects the 先进承办单位 from the top. Read-only: five queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from zhengxie.core.models import HandlingUnit

from .choices import REPLIED_TASK_STATES, REPLYING_ROLES, ReplyQuality, TaskStatus
from .models import ContactRecord, HandlingTask, Reply
from .selectors import _reply_satisfaction

#: Points of each part (out of 100); a redo (重新办理 after a dissatisfied rating) takes ``REDO_PENALTY`` off.
WEIGHTS = {"on_time": 30, "contact": 15, "satisfaction": 35, "quality": 20}
REDO_PENALTY = 2
QUALITY_POINTS = {ReplyQuality.EXCELLENT: 1.0, ReplyQuality.GOOD: 0.8, ReplyQuality.FAIR: 0.6, ReplyQuality.POOR: 0.3}


@dataclass
class UnitAssessment:
    unit: HandlingUnit
    assigned: int = 0
    replied: int = 0
    on_time: int = 0
    contacted: int = 0
    rated: int = 0
    satisfied: int = 0  # satisfied or basically satisfied
    quality_rated: int = 0
    quality_points: float = 0.0
    redone: int = 0
    awarded: bool = False
    rank: int = 0

    @staticmethod
    def _share(part, whole):
        return part / whole if whole else None

    @property
    def on_time_rate(self):
        return self._share(self.on_time, self.assigned)

    @property
    def contact_rate(self):
        return self._share(self.contacted, self.assigned)

    @property
    def satisfaction(self):
        return self._share(self.satisfied, self.rated)

    @property
    def quality(self):
        return self._share(self.quality_points, self.quality_rated)

    @property
    def score(self) -> float:
        """Each part's share times its weight (a part with nothing to count gives its full weight to no one: it
        counts as 0, so a unit is not ranked up for replies it did not give), less the redos."""
        total = sum((getattr(self, name) or 0) * weight for name, weight in (
            ("on_time_rate", WEIGHTS["on_time"]), ("contact_rate", WEIGHTS["contact"]),
            ("satisfaction", WEIGHTS["satisfaction"]), ("quality", WEIGHTS["quality"])))
        return round(max(0.0, total - REDO_PENALTY * self.redone), 1)


def unit_assessment(organisation, year: int) -> list[UnitAssessment]:
    """Every unit with a replying assignment of the year's session, best score first. A reply is on time when its
    first round reached the office by the due date (extensions included); quality and satisfaction are those of
    each reply's latest round."""
    from django.utils import timezone

    from .models import Award

    tasks = (HandlingTask.objects.filter(organisation=organisation, role__in=REPLYING_ROLES, proposal__session__year=year)
             .exclude(status__in=[TaskStatus.CANCELLED, TaskStatus.PENDING]))
    rows = tasks.annotate(contact=Exists(ContactRecord.objects.filter(task=OuterRef("pk")))).values("unit_id").annotate(
        assigned=Count("pk"),
        replied=Count("pk", filter=Q(status__in=REPLIED_TASK_STATES)),
        contacted=Count("pk", filter=Q(contact=True)),
        redone=Count("pk", filter=Q(round__gt=1)),
    )
    result = {r["unit_id"]: r for r in rows}
    units = {u.pk: u for u in HandlingUnit.objects.filter(pk__in=list(result))}
    result = {pk: UnitAssessment(unit=units[pk], **{k: v for k, v in row.items() if k != "unit_id"})
              for pk, row in result.items()}
    latest: dict[int, tuple] = {}
    for task_id, unit_id, round_, submitted, due, quality in Reply.objects.filter(task__in=tasks).values_list(
            "task_id", "task__unit_id", "round", "submitted_at", "task__due_on", "quality").order_by("round"):
        if round_ == 1 and submitted and due and timezone.localtime(submitted).date() <= due:
            result[unit_id].on_time += 1
        latest[task_id] = (unit_id, quality)
    for unit_id, quality in latest.values():
        if quality in QUALITY_POINTS:
            result[unit_id].quality_rated += 1
            result[unit_id].quality_points += QUALITY_POINTS[quality]
    for unit_id, counts in _reply_satisfaction(tasks).items():
        if unit_id in result:
            result[unit_id].rated = sum(counts.values())
            result[unit_id].satisfied = counts["satisfied"] + counts["basically"]
    awarded = set(Award.objects.filter(organisation=organisation, year=year, unit__isnull=False)
                  .values_list("unit_id", flat=True))
    ranked = sorted(result.values(), key=lambda a: (-a.score, -(a.on_time_rate or 0), a.unit.sort_order, a.unit.pk))
    for position, item in enumerate(ranked, start=1):
        item.rank, item.awarded = position, item.unit.pk in awarded
    return ranked
