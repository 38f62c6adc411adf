"""Services of the feedback that comes back down a report's chain: adoptions (本级采用 when a level's bulletin is
signed off, 上级采用 by a higher level that is not on the platform, 媒体采用) and leaders' instructions (批示).

Each is recorded once, at one level, and shown on every record below it. ``feedback_deliver`` (run by a task after
commit) tells the author — a notification and a duty event whose kind carries the level — and the offices below;
it delivers each act exactly once, however often the task runs."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.choices import OrganisationLevel
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.outbox import enqueue_on_commit
from zhengxie.core.services import notify
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_event

from . import permissions
from .choices import (
    ADOPTION_DUTY_KIND,
    INSTRUCTION_DUTY_KIND,
    INSTRUCTION_LEVEL_OF,
    INSTRUCTION_RANK,
    AdoptionKind,
    InstructionLevel,
)
from .models import Adoption, Instruction, Report
from .services import author_users, office_users, record, report_url
from .workflow import REPORT_WORKFLOW

FEEDBACK_MODELS = {"adoption": Adoption, "instruction": Instruction}


def _enqueue(kind: str, pk: int) -> None:
    from .tasks import deliver_feedback

    enqueue_on_commit(deliver_feedback, kind, pk)


def _locked_published(actor, report) -> Report:
    if not permissions.can_handle_report(actor, report):
        raise NotAllowed()
    report = Report.objects.select_for_update().get(pk=report.pk)
    REPORT_WORKFLOW.target("record_feedback", report.status)
    return report


def adopt_locally(*, actor, report: Report, bulletin) -> Adoption:
    """本级采用: the report was published in this level's bulletin (called when the issue is signed off)."""
    adoption = Adoption.objects.create(
        origin_id=report.origin_id, report=report, organisation=report.organisation, kind=AdoptionKind.LOCAL,
        level=report.organisation.level, adopted_by=f"{report.organisation.short_name}《社情民意》{bulletin.label}",
        adopted_on=timezone.localdate(), bulletin=bulletin, recorded_by=actor,
    )
    _enqueue("adoption", adoption.pk)
    return adoption


def adoption_record(*, actor, report: Report, kind: str, adopted_by: str, adopted_on: dt.date, level: str = "",
                    note: str = "") -> Adoption:
    """Record an adoption the platform cannot see by itself: by a higher level that is not on the platform (or
    that the report reached another way), or by the media."""
    adopted_by = (adopted_by or "").strip()
    errors = {}
    if kind not in (AdoptionKind.UPPER, AdoptionKind.MEDIA):
        errors["kind"] = gettext("Choose a higher level or the media.")
    if not adopted_by:
        errors["adopted_by"] = gettext("Name the body or the medium that adopted it.")
    if adopted_on is None or adopted_on > timezone.localdate():
        errors["adopted_on"] = gettext("Give the date (not in the future).")
    if kind == AdoptionKind.UPPER and level not in OrganisationLevel.values:
        errors["level"] = gettext("Choose the level that adopted it.")
    if errors:
        raise DomainError(_("Please correct the marked fields."), errors=errors)
    with transaction.atomic():
        report = _locked_published(actor, report)
        if kind == AdoptionKind.MEDIA:
            level = ""
        else:
            if OrganisationLevel.rank(level) >= report.organisation.level_rank:
                raise DomainError(_("Only a level above %(org)s can be recorded here.") % {"org": report.organisation},
                                  errors={"level": gettext("Choose a higher level.")})
            holder = Report.objects.filter(origin_id=report.origin_id, organisation__level=level).select_related(
                "organisation").first()
            if holder is not None:
                raise DomainError(
                    _("%(org)s holds this report on the platform: its adoption is recorded there.")
                    % {"org": holder.organisation.short_name}, errors={"level": gettext("Recorded by that level.")})
        try:
            with transaction.atomic():
                adoption = Adoption.objects.create(
                    origin_id=report.origin_id, report=report, organisation=report.organisation, kind=kind,
                    level=level, adopted_by=adopted_by[:120], adopted_on=adopted_on, note=note.strip()[:200],
                    recorded_by=actor,
                )
        except IntegrityError:
            raise DomainError(_("This adoption is recorded already."), code="duplicate") from None
        record(report, "adoption", actor, audit="opinions.report.adoption_recorded", comment=str(adoption),
               data={"adoption": adoption.pk, "kind": kind, "level": level},
               changes={"kind": kind, "level": level, "adopted_by": adopted_by, "on": adopted_on})
        _enqueue("adoption", adoption.pk)
    return adoption


def instruction_record(*, actor, report: Report, leader_name: str, level: str, text: str, instructed_on: dt.date,
                       leader_title: str = "", note: str = "") -> Instruction:
    """批示: a leader of this level or of a higher one wrote an instruction on the report."""
    leader_name, text = (leader_name or "").strip(), (text or "").strip()
    errors = {}
    if not leader_name:
        errors["leader_name"] = gettext("Name the leader.")
    if level not in InstructionLevel.values:
        errors["level"] = gettext("Choose the leader's level.")
    if not text:
        errors["text"] = gettext("Copy the text of the instruction.")
    if instructed_on is None or instructed_on > timezone.localdate():
        errors["instructed_on"] = gettext("Give the date (not in the future).")
    if errors:
        raise DomainError(_("Please correct the marked fields."), errors=errors)
    with transaction.atomic():
        report = _locked_published(actor, report)
        own = INSTRUCTION_LEVEL_OF[report.organisation.level]
        if INSTRUCTION_RANK[level] > INSTRUCTION_RANK[own]:
            raise DomainError(_("An instruction recorded by %(org)s comes from its own level or a higher one.")
                              % {"org": report.organisation}, errors={"level": gettext("Choose a higher level.")})
        instruction = Instruction.objects.create(
            origin_id=report.origin_id, report=report, organisation=report.organisation, leader_name=leader_name[:40],
            leader_title=(leader_title or "").strip()[:80], level=level, text=text, instructed_on=instructed_on,
            note=(note or "").strip()[:200], recorded_by=actor,
        )
        record(report, "instruction", actor, audit="opinions.report.instruction_recorded", comment=text,
               data={"instruction": instruction.pk, "level": level, "leader": leader_name},
               changes={"leader": leader_name, "level": level, "on": instructed_on})
        _enqueue("instruction", instruction.pk)
    return instruction


# --- delivery to the author ---------------------------------------------------------------------------------------


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _duty_kind_and_scope(row, origin) -> tuple[str, str]:
    """The duty-event kind (it carries the level) and whether the act was by the author's own level ("local"),
    a higher one ("upper") or the media."""
    own_rank = origin.organisation.level_rank
    if isinstance(row, Adoption):
        if row.kind == AdoptionKind.MEDIA:
            return DutyEventKind.OPINION_ADOPTED_MEDIA, "media"
        return ADOPTION_DUTY_KIND[row.level], "local" if OrganisationLevel.rank(row.level) == own_rank else "upper"
    own = INSTRUCTION_RANK[INSTRUCTION_LEVEL_OF[origin.organisation.level]]
    return INSTRUCTION_DUTY_KIND[row.level], "local" if INSTRUCTION_RANK[row.level] == own else "upper"


def feedback_messages(row, origin) -> tuple:
    """The title, body and parameters of the author's notification about an adoption or an instruction."""
    if isinstance(row, Adoption):
        return _("Your report “%(title)s” was adopted: %(by)s"), "", {"title": origin.title, "by": row.adopted_by}
    return (_("%(level)s %(leader)s gave an instruction on your report “%(title)s”"), _("Instruction: %(text)s"),
            {"title": origin.title, "level": InstructionLevel(row.level).label, "leader": row.leader_name,
             "text": row.text})


def feedback_deliver(*, kind: str, pk: int) -> bool:
    """Tell the author (inbox, and the duty ledger when a member wrote it) and the offices of the levels below
    about one adoption or instruction. Runs once per act: a second run finds it delivered and does nothing."""
    model = FEEDBACK_MODELS[kind]
    with transaction.atomic():
        row = (model.objects.select_for_update(of=("self",))
               .select_related("origin__organisation", "origin__author_member__person", "report__organisation")
               .filter(pk=pk).first())
        if row is None or row.delivered_at is not None:
            return False
        origin = row.origin
        duty_kind, scope = _duty_kind_and_scope(row, origin)
        when = _noon(row.adopted_on if kind == "adoption" else row.instructed_on)
        title, body, params = feedback_messages(row, origin)
        below_title = (_("“%(title)s” was adopted: %(by)s") if kind == "adoption"
                       else _("%(level)s %(leader)s gave an instruction on “%(title)s”"))
        notify(recipients=author_users(origin), organisation=origin.organisation, code=f"opinions.report.{kind}",
               title=title, body=body, params=params, url=report_url(origin), obj=origin)
        below = Report.objects.filter(origin_id=origin.pk, depth__lt=row.report.depth).select_related("organisation")
        for record in below:
            notify(recipients=office_users(record.organisation), organisation=record.organisation,
                   code=f"opinions.report.{kind}_above", title=below_title, body=body,
                   params={**params, "title": record.title}, url=report_url(record), obj=record)
        if origin.author_member_id:
            record_duty_event(member=origin.author_member, kind=duty_kind, source=row, occurred_at=when,
                              title=origin.title, attributes={"by": scope})
        row.delivered_at = timezone.now()
        row.save(update_fields=["delivered_at"])
    return True
