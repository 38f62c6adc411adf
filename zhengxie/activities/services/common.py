"""Helpers every service module of the app uses: history rows and the accounts behind members."""

from django.urls import reverse

from zhengxie.core.transitions import record

from ..models import ActivityEvent, ParticipantEvent


def activity_history(activity, *, action, actor, from_state="", to_state="", comment="", data=None):
    """A history row of the activity, through the one mechanism (the caller writes the audit entry)."""
    return record(activity, action, actor=actor, history=ActivityEvent, history_for={"activity": activity},
                  from_state=from_state, to_state=to_state or from_state, audit=None, comment=comment[:2000],
                  data=data)


def participant_history(participant, *, action, actor, from_state="", to_state="", comment="", data=None):
    """A history row of one participant's answer, sign-in or leave, through the one mechanism."""
    return record(participant, action, actor=actor, history=ParticipantEvent,
                  history_for={"participant": participant}, from_state=from_state, to_state=to_state or from_state,
                  audit=None, comment=comment[:2000], data=data)


def activity_url(activity) -> str:
    return reverse("activities:detail", args=[activity.pk])
