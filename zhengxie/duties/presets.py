"""Two presets an organisation starts its rule set from, modelled on published local schemes. Both are data:
once created, administrators edit every figure.

- ``hundred``: a 100-point scheme split like Tongcheng's — meetings 50 (full attendance keeps them, absences
  deduct), proposals up to 25, activities up to 10, public-opinion reports up to 15; joint proposals give the
  first proposer half of the points and the co-signers share the other half.
- ``base_bonus``: 70 base points plus up to 50 bonus points, like Jinan's: absences deduct from the base,
  proposals, reports, speeches, activities, study and contact with the public add bonus points.

Both express the "三个一" minimum with the same rules: attend the plenary; at least one proposal or
public-opinion report; at least one inspection or research activity.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .choices import BandTone, DutyCategory, DutyEventKind, RuleMode

K = DutyEventKind
C = DutyCategory


@dataclass(frozen=True)
class PresetRule:
    label: object
    kind: str
    points: str
    section: str
    conditions: dict = field(default_factory=dict)
    mode: str = RuleMode.FIXED
    cap: str | None = None
    first_share: str = "0.5"
    key: str = ""  # referenced by the requirements


@dataclass(frozen=True)
class Preset:
    key: str
    name: object
    description: object
    base: str
    bonus_cap: str | None
    max_total: str | None
    sections: list  # (category, start, floor, cap)
    rules: list
    bands: list  # (label, min points, tone, needs talk)
    requirements: list = field(default_factory=list)  # (label, [rule keys], min count)


PLENARY = {"meeting_type": ["plenary"]}
STANDING = {"meeting_type": ["standing"]}
SIGNERS = {"role": ["cosigner", "first"]}
FIRST = {"role": ["first"]}
COSIGNER = {"role": ["cosigner"]}
COLLECTIVE = {"role": ["collective"]}
RESEARCH = {"report_type": ["research"]}

MINIMUM = [
    (_("Attend the plenary session"), ["plenary"], 1),
    (_("Submit at least one proposal or public-opinion report"), ["proposal_submitted", "opinion_submitted"], 1),
    (_("Take part in at least one inspection or research activity"), ["inspection", "research", "self_research"], 1),
]

HUNDRED = Preset(
    key="hundred",
    name=_("Hundred-point scheme"),
    description=_("Meetings 50 points (absences deduct), proposals up to 25, activities up to 10, public-opinion "
                  "reports up to 15; joint proposals: the first proposer half, the co-signers share the rest."),
    base="0", bonus_cap=None, max_total="100",
    sections=[(C.MEETING, "50", "0", "50"), (C.PROPOSAL, "0", "0", "25"), (C.ACTIVITY, "0", "0", "10"),
              (C.OPINION, "0", "0", "15"), (C.OTHER, "0", None, None)],
    rules=[
        PresetRule(_("Unexcused absence from the plenary session"), K.MEETING_ABSENT, "-10", C.MEETING, PLENARY),
        PresetRule(_("Unexcused absence from a standing committee meeting"), K.MEETING_ABSENT, "-5", C.MEETING, STANDING),
        PresetRule(_("Unexcused absence from another meeting"), K.MEETING_ABSENT, "-3", C.MEETING),
        PresetRule(_("Excused absence from the plenary session"), K.MEETING_LEAVE, "-2", C.MEETING, PLENARY),
        PresetRule(_("Excused absence from another meeting"), K.MEETING_LEAVE, "-1", C.MEETING),
        PresetRule(_("Late arrival"), K.MEETING_LATE, "-1", C.MEETING, cap="5"),
        PresetRule(_("Early leave"), K.MEETING_LEFT_EARLY, "-1", C.MEETING, cap="5"),
        PresetRule(_("Attended the plenary session"), K.MEETING_ATTENDED, "0", C.MEETING, PLENARY, key="plenary"),
        PresetRule(_("Proposal registered (joint: first proposer half)"), K.PROPOSAL_REGISTERED, "5", C.PROPOSAL,
                   SIGNERS, mode=RuleMode.JOINT),
        PresetRule(_("Collective proposal registered"), K.PROPOSAL_REGISTERED, "2", C.PROPOSAL, COLLECTIVE),
        PresetRule(_("Key proposal"), K.PROPOSAL_KEY, "5", C.PROPOSAL, SIGNERS, mode=RuleMode.JOINT),
        PresetRule(_("Excellent proposal"), K.PROPOSAL_EXCELLENT, "10", C.PROPOSAL, SIGNERS, mode=RuleMode.JOINT),
        PresetRule(_("Proposal submitted"), K.PROPOSAL_SUBMITTED, "0", C.PROPOSAL, key="proposal_submitted"),
        PresetRule(_("Public-opinion report submitted"), K.OPINION_SUBMITTED, "1", C.OPINION, cap="5",
                   key="opinion_submitted"),
        PresetRule(_("Report adopted at county level"), K.OPINION_ADOPTED_COUNTY, "2", C.OPINION),
        PresetRule(_("Report adopted at city level"), K.OPINION_ADOPTED_CITY, "3", C.OPINION),
        PresetRule(_("Report adopted at provincial level"), K.OPINION_ADOPTED_PROVINCE, "5", C.OPINION),
        PresetRule(_("Report adopted by the national committee"), K.OPINION_ADOPTED_NATIONAL, "10", C.OPINION),
        PresetRule(_("Report used by the media"), K.OPINION_ADOPTED_MEDIA, "1", C.OPINION),
        PresetRule(_("Report instructed by a county leader"), K.OPINION_INSTRUCTED_COUNTY, "3", C.OPINION),
        PresetRule(_("Report instructed by a city leader"), K.OPINION_INSTRUCTED_CITY, "5", C.OPINION),
        PresetRule(_("Report instructed by a provincial leader"), K.OPINION_INSTRUCTED_PROVINCE, "8", C.OPINION),
        PresetRule(_("Report instructed by a central leader"), K.OPINION_INSTRUCTED_CENTRAL, "15", C.OPINION),
        PresetRule(_("Inspection"), K.INSPECTION_ATTENDED, "2", C.ACTIVITY, key="inspection"),
        PresetRule(_("Research"), K.RESEARCH_ATTENDED, "2", C.ACTIVITY, key="research"),
        PresetRule(_("Consultation"), K.CONSULTATION_ATTENDED, "2", C.ACTIVITY),
        PresetRule(_("Speech delivered at a meeting"), K.SPEECH_DELIVERED, "3", C.ACTIVITY),
        PresetRule(_("Written speech"), K.SPEECH_SUBMITTED, "1", C.ACTIVITY),
        PresetRule(_("Suggestion in an adopted outcome report"), K.SUGGESTION_ADOPTED, "2", C.ACTIVITY),
        PresetRule(_("Study session"), K.STUDY_ATTENDED, "1", C.ACTIVITY),
        PresetRule(_("Training"), K.TRAINING_ATTENDED, "1", C.ACTIVITY),
        PresetRule(_("Knowledge contest"), K.CONTEST_TAKEN, "0.5", C.ACTIVITY),
        PresetRule(_("Post in an online deliberation"), K.DELIBERATION_POSTED, "0.5", C.ACTIVITY, cap="2"),
        PresetRule(_("Activity at a studio or workstation"), K.OUTREACH_ACTIVITY, "1", C.ACTIVITY),
        PresetRule(_("Constituent's concern handled"), K.CONCERN_HANDLED, "1", C.ACTIVITY),
        PresetRule(_("Visit or talk under a contact duty"), K.CONTACT_VISIT, "0.5", C.ACTIVITY, cap="3"),
        PresetRule(_("Investment project brought in and signed"), K.INVESTMENT_SIGNED, "3", C.ACTIVITY),
        PresetRule(_("Self-reported research or field visit (confirmed)"), K.SELF_REPORTED, "1", C.ACTIVITY,
                   RESEARCH, key="self_research"),
        PresetRule(_("Other self-reported duty (confirmed)"), K.SELF_REPORTED, "1", C.ACTIVITY, cap="5"),
        PresetRule(_("Added by staff"), K.MANUAL, "0", C.OTHER, mode=RuleMode.RECORDED),
    ],
    bands=[(_("Excellent"), "85", BandTone.SUCCESS, False), (_("Competent"), "60", BandTone.PRIMARY, False),
           (_("Not competent"), "0", BandTone.DANGER, True)],
    requirements=MINIMUM,
)

BASE_BONUS = Preset(
    key="base_bonus",
    name=_("Base 70 plus bonus 50"),
    description=_("Every member starts with 70 base points; absences deduct from them. Proposals, reports, "
                  "speeches, activities, study and contact with the public add up to 50 bonus points."),
    base="70", bonus_cap="50", max_total="120",
    sections=[(C.MEETING, "0", "-70", "0"), (C.PROPOSAL, "0", None, "20"), (C.OPINION, "0", None, "20"),
              (C.SPEECH, "0", None, "10"), (C.ACTIVITY, "0", None, "10"), (C.STUDY, "0", None, "5"),
              (C.DELIBERATION, "0", None, "3"), (C.OUTREACH, "0", None, "10"), (C.OTHER, "0", None, None)],
    rules=[
        PresetRule(_("Unexcused absence from the plenary session"), K.MEETING_ABSENT, "-10", C.MEETING, PLENARY),
        PresetRule(_("Unexcused absence from a standing committee meeting"), K.MEETING_ABSENT, "-5", C.MEETING, STANDING),
        PresetRule(_("Unexcused absence from another meeting"), K.MEETING_ABSENT, "-2", C.MEETING),
        PresetRule(_("Late arrival"), K.MEETING_LATE, "-1", C.MEETING, cap="5"),
        PresetRule(_("Early leave"), K.MEETING_LEFT_EARLY, "-1", C.MEETING, cap="5"),
        PresetRule(_("Attended the plenary session"), K.MEETING_ATTENDED, "0", C.MEETING, PLENARY, key="plenary"),
        PresetRule(_("Proposal registered, as first proposer"), K.PROPOSAL_REGISTERED, "5", C.PROPOSAL, FIRST),
        PresetRule(_("Proposal registered, as co-signer"), K.PROPOSAL_REGISTERED, "1", C.PROPOSAL, COSIGNER),
        PresetRule(_("Collective proposal registered"), K.PROPOSAL_REGISTERED, "3", C.PROPOSAL, COLLECTIVE),
        PresetRule(_("Key proposal, as first proposer"), K.PROPOSAL_KEY, "5", C.PROPOSAL, FIRST),
        PresetRule(_("Key proposal, as co-signer"), K.PROPOSAL_KEY, "2", C.PROPOSAL, COSIGNER),
        PresetRule(_("Excellent proposal, as first proposer"), K.PROPOSAL_EXCELLENT, "10", C.PROPOSAL, FIRST),
        PresetRule(_("Excellent proposal, as co-signer"), K.PROPOSAL_EXCELLENT, "3", C.PROPOSAL, COSIGNER),
        PresetRule(_("Proposal submitted"), K.PROPOSAL_SUBMITTED, "0", C.PROPOSAL, key="proposal_submitted"),
        PresetRule(_("Public-opinion report submitted"), K.OPINION_SUBMITTED, "0.5", C.OPINION, cap="5",
                   key="opinion_submitted"),
        PresetRule(_("Report adopted at county level"), K.OPINION_ADOPTED_COUNTY, "2", C.OPINION),
        PresetRule(_("Report adopted at city level"), K.OPINION_ADOPTED_CITY, "3", C.OPINION),
        PresetRule(_("Report adopted at provincial level"), K.OPINION_ADOPTED_PROVINCE, "5", C.OPINION),
        PresetRule(_("Report adopted by the national committee"), K.OPINION_ADOPTED_NATIONAL, "20", C.OPINION),
        PresetRule(_("Report used by the media"), K.OPINION_ADOPTED_MEDIA, "2", C.OPINION),
        PresetRule(_("Report instructed by a county leader"), K.OPINION_INSTRUCTED_COUNTY, "3", C.OPINION),
        PresetRule(_("Report instructed by a city leader"), K.OPINION_INSTRUCTED_CITY, "10", C.OPINION),
        PresetRule(_("Report instructed by a provincial leader"), K.OPINION_INSTRUCTED_PROVINCE, "15", C.OPINION),
        PresetRule(_("Report instructed by a central leader"), K.OPINION_INSTRUCTED_CENTRAL, "30", C.OPINION),
        PresetRule(_("Speech delivered at a meeting"), K.SPEECH_DELIVERED, "5", C.SPEECH),
        PresetRule(_("Written speech"), K.SPEECH_SUBMITTED, "2", C.SPEECH),
        PresetRule(_("Inspection"), K.INSPECTION_ATTENDED, "2", C.ACTIVITY, key="inspection"),
        PresetRule(_("Research"), K.RESEARCH_ATTENDED, "2", C.ACTIVITY, key="research"),
        PresetRule(_("Consultation"), K.CONSULTATION_ATTENDED, "2", C.ACTIVITY),
        PresetRule(_("Suggestion in an adopted outcome report"), K.SUGGESTION_ADOPTED, "3", C.ACTIVITY),
        PresetRule(_("Self-reported research or field visit (confirmed)"), K.SELF_REPORTED, "1", C.ACTIVITY,
                   RESEARCH, key="self_research"),
        PresetRule(_("Study session"), K.STUDY_ATTENDED, "1", C.STUDY),
        PresetRule(_("Training"), K.TRAINING_ATTENDED, "1", C.STUDY),
        PresetRule(_("Knowledge contest"), K.CONTEST_TAKEN, "1", C.STUDY),
        PresetRule(_("Post in an online deliberation"), K.DELIBERATION_POSTED, "0.5", C.DELIBERATION, cap="3"),
        PresetRule(_("Activity at a studio or workstation"), K.OUTREACH_ACTIVITY, "1", C.OUTREACH),
        PresetRule(_("Constituent's concern handled"), K.CONCERN_HANDLED, "2", C.OUTREACH),
        PresetRule(_("Visit or talk under a contact duty"), K.CONTACT_VISIT, "1", C.OUTREACH, cap="5"),
        PresetRule(_("Investment project brought in and signed"), K.INVESTMENT_SIGNED, "3", C.OUTREACH),
        PresetRule(_("Other self-reported duty (confirmed)"), K.SELF_REPORTED, "1", C.OTHER, cap="5"),
        PresetRule(_("Added by staff"), K.MANUAL, "0", C.OTHER, mode=RuleMode.RECORDED),
    ],
    bands=[(_("Excellent"), "100", BandTone.SUCCESS, False), (_("Competent"), "70", BandTone.PRIMARY, False),
           (_("Not competent"), "0", BandTone.DANGER, True)],
    requirements=MINIMUM,
)

PRESETS = {p.key: p for p in (HUNDRED, BASE_BONUS)}
PRESET_CHOICES = [(p.key, p.name) for p in PRESETS.values()]
