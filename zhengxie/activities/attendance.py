"""What attendance comes to, and the duty events it makes.

``evaluate`` turns a participant's sign-in, early leave and answer into an outcome (attended, excused, absent or
not counted), applying the organisation's minimum share of the activity (default 2/3). ``duty_events_for`` maps the
outcome to the duty ledger's kinds with the attributes its docstring prescribes."""

import datetime as dt
from dataclasses import dataclass

from zhengxie.core.org_settings import get_setting
from zhengxie.duties.choices import DutyEventKind as K

from .choices import ActivityType, Outcome, Response, SignInMethod

ATTENDED_KIND = {
    ActivityType.MEETING: K.MEETING_ATTENDED,
    ActivityType.CONSULTATION: K.CONSULTATION_ATTENDED,
    ActivityType.INSPECTION: K.INSPECTION_ATTENDED,
    ActivityType.RESEARCH: K.RESEARCH_ATTENDED,
    ActivityType.STUDY: K.STUDY_ATTENDED,
    ActivityType.TRAINING: K.TRAINING_ATTENDED,
    # the new kinds score under the existing duty events, told apart by their ``activity_type`` attribute (a rule
    # set scores them with a condition on it: rules are data)
    ActivityType.TALK: K.OUTREACH_ACTIVITY,
    ActivityType.PETITION: K.OUTREACH_ACTIVITY,
    ActivityType.ONSITE_OFFICE: K.OUTREACH_ACTIVITY,
    ActivityType.SYMPOSIUM: K.CONSULTATION_ATTENDED,
    ActivityType.READING_CLASS: K.STUDY_ATTENDED,
    ActivityType.PARTY_LECTURE: K.STUDY_ATTENDED,
    ActivityType.THREE_MEETINGS: K.STUDY_ATTENDED,
}
#: Every kind an activity can be the source of (speeches and reports are sources of their own).
ACTIVITY_KINDS = frozenset({*ATTENDED_KIND.values(), K.MEETING_LEAVE, K.MEETING_ABSENT, K.MEETING_LATE,
                            K.MEETING_LEFT_EARLY})


@dataclass(frozen=True)
class Rules:
    fraction: float
    late_after: dt.timedelta

    @classmethod
    def of(cls, organisation) -> "Rules":
        return cls(
            fraction=float(get_setting(organisation, "activities.min_attendance_fraction")),
            late_after=dt.timedelta(minutes=int(get_setting(organisation, "activities.late_after_minutes"))),
        )


@dataclass(frozen=True)
class Evaluation:
    outcome: str
    is_late: bool = False
    left_early: bool = False
    minutes_present: int | None = None


def evaluate(participant, activity, rules: Rules) -> Evaluation:
    if participant.signed_in_at is not None:
        start = max(participant.signed_in_at, activity.starts_at)
        end = min(participant.left_at or activity.ends_at, activity.ends_at)
        present = max(0, int((end - start).total_seconds() // 60))
        is_late = participant.signed_in_at > activity.starts_at + rules.late_after
        left_early = participant.left_at is not None and participant.left_at < activity.ends_at
        if present >= rules.fraction * activity.duration_minutes:
            outcome = Outcome.ATTENDED
        else:
            outcome = Outcome.ABSENT if activity.attendance_required else Outcome.NONE
        return Evaluation(outcome, is_late, left_early, present)
    if participant.response == Response.LEAVE_APPROVED:
        return Evaluation(Outcome.LEAVE if activity.attendance_required else Outcome.NONE)
    if activity.attendance_required:
        return Evaluation(Outcome.ABSENT, minutes_present=0)
    return Evaluation(Outcome.NONE)


def duty_events_for(activity, participant) -> list[tuple[str, dict]]:  # noqa: C901 (one branch per attendance outcome)
    """[(kind, attributes)] for a participant whose outcome is set."""
    meeting = {"meeting_type": activity.duty_meeting_type}
    if activity.type != ActivityType.MEETING:
        meeting["activity_type"] = activity.type
    events = []
    if participant.outcome == Outcome.ATTENDED:
        attributes = dict(meeting) if activity.type == ActivityType.MEETING else {"activity_type": activity.type}
        if activity.consultation_type:
            attributes["consultation_type"] = activity.consultation_type
        if participant.signin_method == SignInMethod.REMOTE:
            attributes["remote"] = True
        if participant.is_late or participant.left_early:
            attributes["minutes"] = participant.minutes_present
        events.append((ATTENDED_KIND[activity.type], attributes))
        if activity.attendance_required and participant.is_late:
            events.append((K.MEETING_LATE, dict(meeting)))
        if activity.attendance_required and participant.left_early:
            events.append((K.MEETING_LEFT_EARLY, dict(meeting)))
    elif participant.outcome == Outcome.LEAVE:
        events.append((K.MEETING_LEAVE, dict(meeting)))
    elif participant.outcome == Outcome.ABSENT:
        attributes = dict(meeting)
        if participant.minutes_present:
            attributes["minutes"] = participant.minutes_present
        events.append((K.MEETING_ABSENT, attributes))
    return events
