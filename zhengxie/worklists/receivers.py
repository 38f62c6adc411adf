"""What this app hears from the others through ``core.hooks``: promises to follow, and the panel it shows on a
proposal's page (the proposers see the progress of what was promised to them)."""

from django.template.loader import render_to_string

from zhengxie.core import hooks


@hooks.listen("commitment.made")
def track_commitment(*, organisation, source, title, kind, unit=None, text="", due_on=None, actor=None, origin=None,
                     followers=(), origin_url="", source_label="", part=None, **_ignored):
    from .services import commitment_track

    commitment_track(organisation=organisation, source=source, title=title, kind=kind, unit=unit, text=text,
                     due_on=due_on, origin=origin, followers=followers, origin_url=origin_url,
                     source_label=source_label, actor=actor, part=part)


def promise_panel(request, proposal) -> str:
    """The items that follow the proposal (its page already checked that the user may see it)."""
    from django.db.models import Prefetch

    from .models import ProgressReport
    from .selectors import items_of_origin

    # The latest report of each item only (a promise followed for years may have dozens).
    latest = Prefetch("reports", queryset=ProgressReport.objects.order_by("-reported_at", "-pk")[:1], to_attr="latest")
    items = list(items_of_origin(proposal, proposal.organisation).prefetch_related(latest))
    if not items:
        return ""
    return render_to_string("worklists/partials/promise_panel.html", {"items": items}, request=request)


hooks.register_panel("proposals.detail", promise_panel)
