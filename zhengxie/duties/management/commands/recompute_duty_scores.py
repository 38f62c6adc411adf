"""Recompute duty scores from the ledger and the rules: ``manage.py recompute_duty_scores [--year Y]
[--organisation ID …] [--enqueue]``.

Scores follow every duty event through a task already; this is the nightly safety net (run it from cron) and
what an operator runs after restoring data. Closed years are never touched."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from zhengxie.core.models import Organisation
from zhengxie.core.outbox import enqueue_on_commit
from zhengxie.duties import scoring
from zhengxie.duties.choices import RuleSetStatus
from zhengxie.duties.models import RuleSet
from zhengxie.duties.tasks import recompute_organisation_scores


class Command(BaseCommand):
    help = "Recompute the duty scores of the open years (all organisations, or those named)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="only this year (default: every open year)")
        parser.add_argument("--organisation", type=int, action="append", help="organisation id (repeatable)")
        parser.add_argument("--enqueue", action="store_true", help="queue one task per organisation and year")

    def handle(self, *args, year=None, organisation=None, enqueue=False, **options):
        rule_sets = RuleSet.objects.filter(status=RuleSetStatus.OPEN)
        if year:
            rule_sets = rule_sets.filter(year=year)
        if organisation:
            rule_sets = rule_sets.filter(organisation__in=Organisation.objects.filter(pk__in=organisation))
        by_year: dict[int, list[int]] = {}
        for org_id, y in rule_sets.values_list("organisation_id", "year"):
            by_year.setdefault(y, []).append(org_id)
        started = timezone.now()
        for y, org_ids in sorted(by_year.items()):
            if enqueue:
                for org_id in org_ids:
                    enqueue_on_commit(recompute_organisation_scores, org_id, y)
                self.stdout.write(f"{y}: {len(org_ids)} organisations queued")
            else:
                count = scoring.recompute_year(y, org_ids)
                self.stdout.write(f"{y}: {count} scores in {len(org_ids)} organisations")
        self.stdout.write(self.style.SUCCESS(f"Done in {(timezone.now() - started).total_seconds():.1f} s."))
