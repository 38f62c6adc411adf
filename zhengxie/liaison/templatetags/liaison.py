"""Template tags of the liaison app, for other apps' pages: the information a proposal or report used."""

from django import template

from .. import permissions, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def information_used_by(context, target):
    """The items linked from ``target`` that the user may read (a proposal's page, a report's page)."""
    request = context.get("request")
    if request is None or getattr(request, "organisation", None) is None or target is None:
        return []
    visible = selectors.info_items_visible_to(request.user, request.organisation)
    ids = selectors.links_to(target).values_list("item_id", flat=True)
    return list(visible.filter(pk__in=ids).order_by("-published_at"))


@register.simple_tag(takes_context=True)
def topics_for_drafting(context, proposal=None):
    """The listed topics a proposal being written can answer (the member's claimed ones first), and the one chosen:
    the posted choice, else the proposal's, else the one the member came from (``?topic=``)."""
    request = context.get("request")
    if request is None or getattr(request, "organisation", None) is None:
        return {"topics": [], "chosen": None}
    if not permissions.can_use_topics(request.user, request.organisation):
        return {"topics": [], "chosen": None}
    topics = list(selectors.topics_for_drafting(request.user, request.organisation)[:300])
    chosen = request.POST.get("answers_topic") if request.method == "POST" else None
    if chosen is None and proposal is not None and getattr(proposal, "pk", None):
        current = selectors.topic_of_proposal(proposal)
        chosen = str(current.pk) if current else None
        if current is not None and all(t.pk != current.pk for t in topics):
            topics.insert(0, current)  # taken off the list since: still shown as chosen
    if chosen is None:
        chosen = request.GET.get("topic")
    return {"topics": topics, "chosen": str(chosen or "")}


@register.simple_tag(takes_context=True)
def topic_answered_by(context, proposal):
    """The topic a proposal answers, if the user may see it."""
    request = context.get("request")
    if request is None or getattr(request, "organisation", None) is None or proposal is None:
        return None
    topic = selectors.topic_of_proposal(proposal)
    if topic is None:
        return None
    return selectors.topics_visible_to(request.user, request.organisation).filter(pk=topic.pk).first()
