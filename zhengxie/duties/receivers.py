"""The scores listen to the ledger: when events change, the members concerned are recomputed by a task
queued on commit (the ledger announces changes only once they are committed)."""

from django.dispatch import receiver

from zhengxie.core.outbox import enqueue_on_commit

from .services.ledger import duty_events_changed


@receiver(duty_events_changed, dispatch_uid="duties.recompute_on_change")
def recompute_on_change(sender, member_years, **kwargs):
    from .tasks import recompute_member_scores

    pairs = sorted([int(member_id), int(year)] for member_id, year in member_years)
    if pairs:
        enqueue_on_commit(recompute_member_scores, pairs)
