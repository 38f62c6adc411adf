"""Writes on reports: submit, amend, withdraw, accept, not use, reopen, edit, forward up, and the conversion of a
proposal. Feedback (adoptions, instructions) lives in ``feedback.py`` and bulletin issues in ``bulletins.py``.

Every service checks the state against ``workflow.REPORT_WORKFLOW`` and the actor's right, locks the row, writes a
history row and an audit entry in one transaction, and notifies whoever acts next."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import permissions as core_permissions
from zhengxie.core import transitions
from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import attachment_add, attachments_of, check_upload
from zhengxie.core.models import Attachment, Body, Member, Organisation, User
from zhengxie.core.selectors import users_of_members, users_with_role
from zhengxie.core.services import notify
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_event, retract_duty_events

from . import permissions
from .choices import OPEN_STATUSES, AuthorKind, BulletinStatus, ReportStatus
from .models import Report, ReportTransition
from .org_settings import MAX_LENGTH, categories_of
from .text import count_characters
from .workflow import REPORT_WORKFLOW

# --- helpers shared by the services of the app ----------------------------------------------------------------


def report_url(report) -> str:
    return reverse("opinions:detail", args=[report.pk])


def record_history(report, action: str, from_state: str, actor, *, comment: str = "", data: dict | None = None):
    """A history row alone (an event with no audit entry of its own, e.g. a file added)."""
    return transitions.record(report, action, actor=actor, history=ReportTransition, history_for={"report": report},
                              from_state=from_state, to_state=report.status, audit=None, comment=comment, data=data)


def move(report, action: str, actor, *, audit: str | None, fields=(), comment: str = "", data: dict | None = None,
         changes: dict | None = None) -> str:
    """The locked report along ``action`` (``core.transitions``): the table, the version, the history row and the
    audit entry (``changes``: what it records). Returns the state it came from."""
    return transitions.transition(report, action, workflow=REPORT_WORKFLOW, actor=actor, history=ReportTransition,
                                  history_for={"report": report}, audit=audit, fields=fields, comment=comment,
                                  data=data, audit_changes=changes if changes is not None or audit is None else {})


def record(report, action: str, actor, *, audit: str, comment: str = "", data: dict | None = None,
           changes: dict | None = None, from_state: str | None = None):
    """The history row and the audit entry of an event that keeps the report's state."""
    state = report.status if from_state is None else from_state
    return transitions.record(report, action, actor=actor, history=ReportTransition, history_for={"report": report},
                              from_state=state, to_state=report.status, audit=audit, comment=comment, data=data,
                              audit_changes=changes or {})


def office_users(organisation, role: str = Role.INFORMATION_OFFICE):
    """Users holding ``role`` in the organisation (the information office by default)."""
    return users_with_role(organisation, role)


def author_users(report) -> list:
    """Who hears about what happens to a report: the member, the body's contacts, the informant, or the office
    of the committee that wrote it itself."""
    origin = report if report.depth == 0 else report.origin
    if origin.author_kind == AuthorKind.MEMBER and origin.author_member_id:
        return users_of_members([origin.author_member])
    if origin.author_kind == AuthorKind.BODY and origin.author_body_id:
        return users_with_role(origin.author_body.organisation_id, Role.BODY_CONTACT, body_ids=[origin.author_body_id])
    if origin.author_kind == AuthorKind.INFORMANT and origin.author_user_id:
        return [origin.author_user]
    return list(office_users(origin.organisation))


def _lock(report, version=None) -> Report:
    # Only the report's row is locked (a join would lock its organisation's row too, and serialise the office).
    return transitions.lock(Report, report, version=version)


def _clean_fields(organisation, *, title: str, text: str, category: str, cap: bool = True) -> tuple[str, str, str]:
    """Validate a report's fields; raise a DomainError naming each bad field (the form keeps what was typed)."""
    title, category = (title or "").strip(), (category or "").strip()
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    errors = {}
    if not title:
        errors["title"] = gettext("Give the report a title.")
    elif len(title) > 200:
        errors["title"] = gettext("The title is too long: at most 200 characters.")
    if not text:
        errors["text"] = gettext("Write the text of the report.")
    elif cap:
        from zhengxie.core.org_settings import get_setting

        limit, count = get_setting(organisation, MAX_LENGTH), count_characters(text)
        if count > limit:
            errors["text"] = gettext(
                "The text has %(count)d characters; the limit is %(limit)d. Shorten it by %(over)d characters: "
                "one issue per report, stated briefly."
            ) % {"count": count, "limit": limit, "over": count - limit}
    if category not in categories_of(organisation):
        errors["category"] = gettext("Choose a category from the list.")
    if errors:
        message = errors.get("text") if list(errors) == ["text"] else gettext("Please correct the marked fields.")
        raise DomainError(message, errors=errors, code="invalid_report")
    return title, text, category


def _resolve_author(actor, organisation, *, member=None, body=None, as_organisation=False) -> dict:  # noqa: C901 (one branch per kind of author, each with its own refusal)
    """The author of a new report, and whether the actor may submit in that name."""
    office = permissions.is_information_office(actor, organisation)
    if body is not None:
        if body.organisation_id != organisation.pk:
            raise NotAllowed()
        if not (office or body.pk in core_permissions.body_ids_of(actor, organisation)):
            raise NotAllowed(_("Only the contacts of %(body)s submit in its name.") % {"body": body.name})
        return {"author_kind": AuthorKind.BODY, "author_body": body, "author_name": body.name,
                "author_user": actor if not office else None}
    if member is not None:
        own = actor.person_id and member.person_id == actor.person_id
        if member.organisation_id != organisation.pk or not (own or office):
            raise NotAllowed()
        return {"author_kind": AuthorKind.MEMBER, "author_member": member, "author_name": member.person.name,
                "author_user": User.objects.filter(person_id=member.person_id).first()}
    if as_organisation:
        if not office:
            raise NotAllowed()
        return {"author_kind": AuthorKind.ORGANISATION, "author_name": organisation.short_name}
    seat = core_permissions.current_member(actor, organisation)
    if seat is not None:
        return _resolve_author(actor, organisation, member=seat)
    if core_permissions.has_role(actor, organisation, Role.INFORMANT):
        return {"author_kind": AuthorKind.INFORMANT, "author_user": actor, "author_name": actor.label}
    bodies = core_permissions.body_ids_of(actor, organisation)
    if len(bodies) == 1:
        return _resolve_author(actor, organisation, body=Body.objects.get(pk=next(iter(bodies))))
    if bodies or office:
        raise DomainError(_("Choose in whose name the report is submitted."), errors={"author": gettext("Required.")})
    raise NotAllowed(_("Only members, contacts of bodies and invited informants submit reports."))


# --- submit, amend, withdraw ------------------------------------------------------------------------------------


def report_submit(*, actor, organisation: Organisation, title: str, text: str, category: str,
                  member: Member | None = None, body: Body | None = None, as_organisation: bool = False,
                  uploads=()) -> Report:
    """Submit a report (一事一报). A member submits as themself, a contact in their body's name, an informant as
    an informant; the information office registers a report received on paper in any of these names or in the
    committee's own."""
    if not permissions.can_submit(actor, organisation):
        raise NotAllowed(_("Only members, contacts of bodies and invited informants submit reports."))
    REPORT_WORKFLOW.target("submit", "")
    author = _resolve_author(actor, organisation, member=member, body=body, as_organisation=as_organisation)
    title, text, category = _clean_fields(organisation, title=title, text=text, category=category)
    for upload in uploads:  # refuse a bad file before anything is written
        check_upload(upload)
    with transaction.atomic():
        report = Report.objects.create(
            organisation=organisation, origin_organisation=organisation, submitted_by=actor, title=title,
            original_title=title, text=text, original_text=text, category=category, **author,
        )
        Report.objects.filter(pk=report.pk).update(origin=report.pk)
        report.origin_id = report.pk
        for upload in uploads:
            attachment_add(actor=actor, organisation=organisation, owner=report, upload=upload)
        record(report, "submit", actor, from_state="", audit="opinions.report.submitted",
               data={"characters": count_characters(text)},
               changes={"title": title, "category": category, "author": report.author_name})
        if report.author_member_id:
            record_duty_event(member=report.author_member, kind=DutyEventKind.OPINION_SUBMITTED, source=report,
                              occurred_at=report.received_at, title=title, actor=actor)
        notify(recipients=office_users(organisation), organisation=organisation, code="opinions.report.received",
               title=_("New public-opinion report: %(title)s"), body=_("From %(author)s."),
               params={"title": title, "author": report.author_name}, url=report_url(report), obj=report)
    return report


def report_amend(*, actor, report: Report, title: str, text: str, category: str, version: int | None = None) -> Report:
    """The author corrects a report the office has not taken up yet."""
    if not permissions.is_author(actor, report):
        raise NotAllowed()
    title, text, category = _clean_fields(report.organisation, title=title, text=text, category=category)
    with transaction.atomic():
        report = _lock(report, version)
        REPORT_WORKFLOW.target("amend", report.status)
        before = {"title": report.title, "category": report.category, "characters": count_characters(report.text)}
        report.title = report.original_title = title
        report.text = report.original_text = text
        report.category = category
        transitions.bump(report, "title", "original_title", "text", "original_text", "category")
        record(report, "amend", actor, audit="opinions.report.amended",
               data={"before": before, "characters": count_characters(text)},
               changes={"title": [before["title"], title], "category": [before["category"], category]})
    return report


def report_withdraw(*, actor, report: Report, version: int | None = None) -> Report:
    if not permissions.is_author(actor, report):
        raise NotAllowed()
    with transaction.atomic():
        report = _lock(report, version)
        move(report, "withdraw", actor, audit="opinions.report.withdrawn")
        retract_duty_events(source=report, kind=DutyEventKind.OPINION_SUBMITTED, reason="withdrawn")
    return report


def report_attach(*, actor, report: Report, upload) -> Attachment:
    """Add a file to a report: its author while it is only received, the office until it is published."""
    office = permissions.can_handle_report(actor, report)
    if not (office or permissions.is_author(actor, report)):
        raise NotAllowed()
    allowed = OPEN_STATUSES if office else (ReportStatus.RECEIVED,)
    if report.status not in allowed:
        raise DomainError(_("Files can no longer be added to this report."))
    with transaction.atomic():
        attachment = attachment_add(actor=actor, organisation=report.organisation, owner=report, upload=upload)
        record_history(report, "attach", report.status, actor, comment=attachment.original_name)
    return attachment


# --- the information office ----------------------------------------------------------------------------------------


def _office_check(actor, report):
    if not permissions.can_handle_report(actor, report):
        raise NotAllowed()


def _submitter_recipients(report) -> list:
    """Who submitted the report to this level: the author at the first level, the office below otherwise."""
    if report.depth == 0:
        return author_users(report)
    return list(office_users(report.source.organisation))


def report_accept(*, actor, report: Report, version: int | None = None) -> Report:
    _office_check(actor, report)
    with transaction.atomic():
        report = _lock(report, version)
        report.accepted_at = timezone.now()
        move(report, "accept", actor, audit="opinions.report.accepted", fields=["accepted_at"])
        if report.depth == 0:
            notify(recipients=author_users(report), organisation=report.organisation, code="opinions.report.accepted",
                   title=_("Your report “%(title)s” was accepted for editing"), params={"title": report.title},
                   url=report_url(report), obj=report)
    return report


def report_not_use(*, actor, report: Report, reason: str, version: int | None = None) -> Report:
    """未采用: the reason is sent to whoever submitted the report to this level."""
    _office_check(actor, report)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason: it is sent to the author."), errors={"reason": gettext("Required.")})
    with transaction.atomic():
        report = _lock(report, version)
        report.not_used_at = timezone.now()
        report.not_used_reason = reason
        move(report, "not_use", actor, audit="opinions.report.not_used", fields=["not_used_at", "not_used_reason"],
             comment=reason, changes={"reason": reason})
        notify(recipients=_submitter_recipients(report), organisation=report.organisation,
               code="opinions.report.not_used", title=_("%(org)s did not use the report “%(title)s”"),
               body=_("Reason: %(reason)s"),
               params={"org": report.organisation.short_name, "title": report.title, "reason": reason},
               url=report_url(report.source if report.depth else report), obj=report)
    return report


def report_reopen(*, actor, report: Report, version: int | None = None) -> Report:
    """Take back a “not used” decision made by mistake: the report is received again."""
    _office_check(actor, report)
    with transaction.atomic():
        report = _lock(report, version)
        reason = report.not_used_reason
        report.not_used_at, report.not_used_reason = None, ""
        move(report, "reopen", actor, audit="opinions.report.reopened", fields=["not_used_at", "not_used_reason"],
             data={"previous_reason": reason})
    return report


def report_edit(*, actor, report: Report, title: str, text: str, category: str, note: str = "",
                version: int | None = None) -> Report:
    """The office edits the text; the text as received stays as it was, for the side-by-side comparison. A report
    already in an issue can be corrected until the issue goes for sign-off."""
    _office_check(actor, report)
    title, text, category = _clean_fields(report.organisation, title=title, text=text, category=category, cap=False)
    with transaction.atomic():
        report = _lock(report, version)
        action = "revise" if report.status == ReportStatus.IN_BULLETIN else "edit"
        REPORT_WORKFLOW.target(action, report.status)
        if action == "revise" and report.bulletin.status != BulletinStatus.DRAFT:
            raise DomainError(_("The issue is no longer being compiled: the report cannot be changed."))
        before = {"title": report.title, "text": report.text, "category": report.category}
        report.title, report.text, report.category = title, text, category
        report.edited_at, report.edited_by = timezone.now(), actor
        move(report, action, actor, audit="opinions.report.edited",
             fields=["title", "text", "category", "edited_at", "edited_by"], comment=note.strip(),
             data={"characters": [count_characters(before["text"]), count_characters(text)]},
             changes={k: [v, getattr(report, k)] for k, v in before.items() if v != getattr(report, k)})
    return report


def report_forward(*, actor, report: Report, version: int | None = None) -> Report:
    """报送: the parent organisation receives a record of its own, linked to this one, with the provenance."""
    _office_check(actor, report)
    parent = report.organisation.parent
    if parent is None:
        raise DomainError(_("%(org)s has no organisation above it on the platform.") % {"org": report.organisation})
    with transaction.atomic():
        report = _lock(report, version)
        REPORT_WORKFLOW.target("forward", report.status)
        if report.forwarded_at is not None:
            raise DomainError(_("The report was already forwarded to %(org)s.") % {"org": parent.short_name},
                              code="already_forwarded")
        now = timezone.now()
        upper = Report.objects.create(
            organisation=parent, origin_id=report.origin_id, source=report, depth=report.depth + 1,
            origin_organisation_id=report.origin_organisation_id, author_kind=report.author_kind,
            author_member_id=report.author_member_id, author_body_id=report.author_body_id,
            author_user_id=report.author_user_id, author_name=report.author_name, submitted_by=actor,
            original_title=report.title, title=report.title, original_text=report.text, text=report.text,
            category=report.category, received_at=now,
        )
        Attachment.objects.bulk_create([
            Attachment(organisation=parent, content_type_id=a.content_type_id, object_id=str(upper.pk), role=a.role,
                       file=a.file.name, original_name=a.original_name, media_type=a.media_type, size=a.size,
                       uploaded_by_id=a.uploaded_by_id, uploaded_at=a.uploaded_at)
            for a in attachments_of(report)
        ])
        report.forwarded_at = now
        transitions.bump(report, "forwarded_at")
        record(report, "forward", actor, audit="opinions.report.forwarded", data={"to": parent.pk, "record": upper.pk},
               changes={"to": parent})
        record(upper, "submit", actor, from_state="", audit="opinions.report.received_from_below",
               comment=gettext("Forwarded by %(org)s") % {"org": report.organisation.short_name},
               data={"from": report.organisation_id, "record": report.pk}, changes={"from": report.organisation})
        notify(recipients=office_users(parent), organisation=parent, code="opinions.report.received",
               title=_("New public-opinion report: %(title)s"), body=_("Forwarded by %(org)s."),
               params={"title": upper.title, "org": report.organisation.short_name}, url=report_url(upper), obj=upper)
        origin = report if report.depth == 0 else report.origin
        notify(recipients=author_users(origin), organisation=origin.organisation, code="opinions.report.forwarded",
               title=_("Your report “%(title)s” was forwarded to %(org)s"),
               params={"title": origin.title, "org": parent.short_name}, url=report_url(origin), obj=origin)
    return upper


# --- conversion of a proposal -------------------------------------------------------------------------------------


def _proposal_text(proposal) -> str:
    """案由 and 建议 under their headings (part of the document's Chinese text, not of the interface)."""
    parts = [f"{heading}：\n{value.strip()}" for heading, value in (("案由", proposal.background), ("建议", proposal.suggestions))
             if value.strip()]
    return "\n\n".join(parts) or proposal.title


#: Words that tell the default report categories apart (a renamed category is matched by its own name only).
CATEGORY_WORDS = {
    "经济发展": ("企业", "产业", "营商", "招商", "工业", "园区", "金融"),
    "乡村振兴": ("农村", "农业", "农民", "乡村", "种植", "养殖"),
    "教育": ("学校", "教师", "学生", "教学", "幼儿园", "课程"),
    "医疗卫生": ("医院", "医疗", "医生", "卫生", "健康", "疾病", "医保"),
    "社会保障": ("养老", "低保", "就业", "社保", "救助", "残疾"),
    "生态环境": ("污染", "环保", "植被", "水源", "垃圾", "绿化"),
    "城乡建设": ("小区", "城市", "道路", "住房", "棚户", "管网", "供暖", "交通", "停车"),
    "文化旅游": ("文化", "旅游", "景区", "文物", "非遗"),
    "民族宗教": ("民族", "宗教"),
    "社会治理": ("社区", "基层治理", "安全", "矛盾", "网格"),
}


def report_title_of_proposal(title: str) -> str:
    """A report says what it suggests: "关于…的提案" becomes "关于…的建议" (a report is no proposal)."""
    title = title.strip()
    for suffix in ("的提案", "提案"):
        if title.endswith(suffix) and len(title) > len(suffix):
            title = title[: -len(suffix)] + ("的建议" if suffix == "的提案" else "建议")
            break
    return title[:200]


def report_category_of_proposal(proposal, categories: list[str]) -> str:
    """The report category the proposal is about: the proposal's own when the lists share it, else the category
    whose name (or its two-character words) occurs most in the title and text; the last one (其他) when none does."""
    if proposal.category in categories:
        return proposal.category
    text = f"{proposal.title} {proposal.title} {proposal.background} {proposal.suggestions}"

    def score(name):
        words = {name} | {name[i:i + 2] for i in range(len(name) - 1)} | set(CATEGORY_WORDS.get(name, ()))
        return sum(text.count(word) * len(word) for word in words)

    scored = [(score(name), -index, name) for index, name in enumerate(categories[:-1])]
    best = max(scored, default=(0, 0, ""))
    return best[2] if best[0] > 0 else categories[-1]


def report_create_from_proposal(*, actor, proposal) -> Report:
    """Make a received report, in the proposal's organisation, of a proposal its proposer agreed to convert (转为
    社情民意信息). The author is the first proposer (a member) or the collective body; the report links back to the
    proposal. The length cap does not apply to a conversion by the office (the history says so). No "submitted" duty
    event is recorded: the proposal already counts as the member's submission; adoptions and instructions of the report
    count as usual. Converting the same proposal again returns the report made the first time."""
    organisation = proposal.organisation
    if not permissions.can_convert_proposal(actor, organisation):
        raise NotAllowed()
    source_type = ContentType.objects.get_for_model(proposal)
    existing = Report.objects.filter(converted_from_type=source_type, converted_from_id=str(proposal.pk)).first()
    if existing is not None:
        return existing
    member, body = proposal.first_proposer, proposal.body
    if member is not None:
        author = {"author_kind": AuthorKind.MEMBER, "author_member": member, "author_name": member.person.name,
                  "author_user": User.objects.filter(person_id=member.person_id).first()}
    elif body is not None:
        author = {"author_kind": AuthorKind.BODY, "author_body": body, "author_name": body.name}
    else:
        author = {"author_kind": AuthorKind.ORGANISATION, "author_name": organisation.short_name}
    title = report_title_of_proposal(proposal.title)
    text = _proposal_text(proposal)
    category = report_category_of_proposal(proposal, categories_of(organisation))
    with transaction.atomic():
        report = Report.objects.create(
            organisation=organisation, origin_organisation=organisation, submitted_by=actor, title=title,
            original_title=title, text=text, original_text=text, category=category, converted_from_type=source_type,
            converted_from_id=str(proposal.pk), **author,
        )
        Report.objects.filter(pk=report.pk).update(origin=report.pk)
        report.origin_id = report.pk
        record(report, "submit", actor, from_state="", audit="opinions.report.converted_from_proposal", comment=gettext(
            "Converted from a proposal with the proposer's consent; the length cap does not apply to a conversion."
        ), data={"characters": count_characters(text), "proposal": str(proposal.pk)},
            changes={"proposal": proposal.pk, "title": title})
        notify(recipients=office_users(organisation), organisation=organisation, code="opinions.report.received",
               title=_("New public-opinion report: %(title)s"), body=_("Converted from a proposal."),
               params={"title": title}, url=report_url(report), obj=report)
    return report
