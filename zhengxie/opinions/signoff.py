"""The bulletin's multi-step sign-off (拟稿 → 审核 … → 签发, the steps an organisation's setting) and its 红头
template (masthead, issuer, colours, numbering), which the information office edits and the Word and PDF use."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.selectors import users_with_role
from zhengxie.core.services import audit_log, notify

from . import permissions
from .models import BulletinIssue, BulletinTemplate, BulletinTransition
from .org_settings import compiler_of
from .workflow import BULLETIN_WORKFLOW

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
PLACEHOLDERS = re.compile(r"\{(\w*)\}")
TEMPLATE_FIELDS = ("masthead", "issuer", "masthead_colour", "rule_colour", "numbering", "secrecy_mark")


def notify_reviewers(bulletin) -> None:
    """Tell whoever acts next: the current step's reviewers, else the leaders who sign off."""
    from django.urls import reverse

    step = permissions.current_review_step(bulletin)
    role = step["role"] if step else "leader"
    submitter = permissions.submitter_of(bulletin)
    recipients = [u for u in users_with_role(bulletin.organisation, role) if u.pk != submitter]
    title = (_("《社情民意》 %(label)s awaits your review (%(step)s)") if step
             else _("《社情民意》 %(label)s awaits your sign-off"))
    notify(recipients=recipients, organisation=bulletin.organisation, code="opinions.bulletin.pending", title=title,
           params={"label": bulletin.label, "step": step["name"] if step else ""},
           url=reverse("opinions:bulletin_detail", args=[bulletin.pk]), obj=bulletin)


def bulletin_review(*, actor, bulletin: BulletinIssue, comment: str = "", version: int | None = None) -> BulletinIssue:
    """审核: the reviewer of the current step approves; the issue goes to the next step, or to the leaders."""
    with transaction.atomic():
        bulletin = transitions.lock(BulletinIssue, bulletin, version=version)
        step = permissions.current_review_step(bulletin)
        if step is None:
            raise DomainError(_("This issue is not waiting for a review."), code="no_review")
        index, allowed = bulletin.review_step, permissions.can_review_bulletin(actor, bulletin)
        bulletin.review_step += 1
        transitions.transition(
            bulletin, "review", workflow=BULLETIN_WORKFLOW, actor=actor, allowed=allowed,
            refused=_("The step “%(step)s” is taken by someone else than the one who submitted the issue.") % {
                "step": step["name"]},
            history=BulletinTransition, history_for={"bulletin": bulletin}, audit="opinions.bulletin.reviewed",
            fields=["review_step"], comment=(comment or "").strip()[:500], data={"step": step["name"], "index": index})
        notify_reviewers(bulletin)
    return bulletin


def signoff_sheet(bulletin) -> list[dict]:
    """The 发文稿纸 of the issue: 拟稿, each review step, 签发, with who and when (the current round)."""
    rows = list(bulletin.transitions.select_related("actor", "actor__person").order_by("created_at", "pk"))
    start = max((i for i, r in enumerate(rows) if r.action == "submit"), default=None)
    current = rows[start:] if start is not None else []
    submitted = current[0] if current else None
    reviews = [r for r in current if r.action == "review"]
    signed = next((r for r in current if r.action == "sign_off"), None)
    sheet = [{"name": "拟稿", "entry": submitted}]
    for index, step in enumerate(bulletin.review_steps or []):
        sheet.append({"name": step["name"], "entry": reviews[index] if index < len(reviews) else None,
                      "current": bulletin.status == "pending" and index == bulletin.review_step})
    sheet.append({"name": "签发", "entry": signed, "current": permissions.current_review_step(bulletin) is None
                  and bulletin.status == "pending"})
    return sheet


# --- the 红头 template ---------------------------------------------------------------------------------------------


def template_of(organisation) -> BulletinTemplate:
    """The organisation's template, else its nearest ancestor's, else the default (not saved)."""
    org = organisation
    while org is not None:
        found = BulletinTemplate.objects.filter(organisation=org).first()
        if found is not None:
            return found
        org = org.parent if org.parent_id else None
    return BulletinTemplate(organisation=organisation, issuer=compiler_of(organisation))


def _check_template(values: dict) -> dict:
    errors = {}
    for key in ("masthead_colour", "rule_colour"):
        if not COLOUR.match(values.get(key) or ""):
            errors[key] = gettext("A colour is written #RRGGBB, e.g. #C00000.")
    unknown = set(PLACEHOLDERS.findall(values.get("numbering") or "")) - {"year", "number", "serial"}
    if unknown or "{number}" not in (values.get("numbering") or ""):
        errors["numbering"] = gettext("Use {year}, {number} and {serial} only; {number} is needed.")
    if not (values.get("masthead") or "").strip():
        errors["masthead"] = gettext("Required.")
    return errors


def bulletin_template_save(*, actor, organisation, values: dict, version: int | None = None) -> BulletinTemplate:
    if not permissions.can_edit_bulletin_template(actor, organisation):
        raise NotAllowed()
    values = {k: (values.get(k) or "").strip() for k in TEMPLATE_FIELDS}
    errors = _check_template(values)
    if errors:
        raise DomainError(_("Correct the fields marked below."), errors=errors)
    with transaction.atomic():
        template, _created = BulletinTemplate.objects.select_for_update().get_or_create(organisation=organisation)
        if version is not None and not _created and template.version != version:
            from zhengxie.core.exceptions import ConcurrentChange

            raise ConcurrentChange()
        before = {k: getattr(template, k) for k in TEMPLATE_FIELDS}
        for key, value in values.items():
            setattr(template, key, value.upper() if key.endswith("colour") else value)
        template.updated_by, template.updated_at = actor, timezone.now()
        template.version += 0 if _created else 1
        template.save()
        audit_log(actor=actor, organisation=organisation, action="opinions.template.saved", obj=template,
                  changes={k: [before[k], getattr(template, k)] for k in TEMPLATE_FIELDS
                           if before[k] != getattr(template, k)})
    return template


def issue_number(template, bulletin) -> str:
    return template.numbering.format(year=bulletin.year, number=bulletin.number, serial=bulletin.serial)
