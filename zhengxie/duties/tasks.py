"""Background tasks of the duties app: keep scores equal to the ledger and the rules. They take ids, are
queued on commit and are idempotent (a score is recomputed from scratch each time)."""

from django.tasks import task

from . import scoring


@task()
def recompute_member_scores(member_years: list[list[int]]) -> int:
    """Recompute the scores of these [member id, year] pairs (events of theirs changed)."""
    return scoring.recompute_members((member_id, year) for member_id, year in member_years)


@task()
def recompute_organisation_scores(organisation_id: int, year: int) -> int:
    """Recompute every score of an organisation's open year (its rules changed)."""
    return scoring.recompute_year(year, [organisation_id])
