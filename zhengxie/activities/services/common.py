"""Helpers every service module of the app uses: history rows and the accounts behind members."""

from django.urls import reverse

from zhengxie.core.context import actor_or_none

from ..models import ActivityEvent, ParticipantEvent


def activity_history(activity, *, action, actor, from_state="", to_state="", comment="", data=None):
    return ActivityEvent.objects.create(
        activity=activity, action=action, actor=actor_or_none(actor),
        from_state=from_state, to_state=to_state or from_state, comment=comment[:2000], data=data or {},
    )


def participant_history(participant, *, action, actor, from_state="", to_state="", comment="", data=None):
    return ParticipantEvent.objects.create(
        participant=participant, action=action, actor=actor_or_none(actor),
        from_state=from_state, to_state=to_state or from_state, comment=comment[:2000], data=data or {},
    )


def activity_url(activity) -> str:
    return reverse("activities:detail", args=[activity.pk])
