"""Printed proposals, reply letters and the 提案汇编 in the standard layouts, as Word and PDF (Chinese text in the
vendored font). Built from rows the caller has already permission-checked."""

from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.documents import (
    add_field_table,
    add_heading,
    add_paragraph,
    add_title,
    new_docx,
    pdf_styles,
    pdf_text,
)

from .choices import TEXT_LIMITS, SignerRole, SignerStatus


def _date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return f"{value.year}年{value.month}月{value.day}日"


def _session_label(proposal) -> str:
    if proposal.session_id is None:
        return ""
    return f"{proposal.session.term.name}{proposal.session.name}"


def proposer_lines(proposal, signers) -> tuple[str, str]:
    """(first proposer or body, the co-signers who confirmed), as printed."""
    first = proposal.proposer_label
    cosigners = [s.name for s in signers if s.status == SignerStatus.CONFIRMED
                 and (s.role in (SignerRole.COSIGNER, SignerRole.DRAFTER) or s.merged_from_id is not None)]
    return first, "、".join(cosigners)


def _fields(proposal, signers, units: str):
    first, cosigners = proposer_lines(proposal, signers)
    seat = proposal.first_proposer
    rows = [
        (_("Proposal number"), proposal.number_label or _("(not registered)")),
        (_("First proposer") if not proposal.body_id else _("Submitting body"), first),
    ]
    if cosigners:
        rows.append((_("Co-signers") if not proposal.body_id else _("Drafting members"), cosigners))
    if seat is not None:
        rows.append((_("Sector"), seat.sector.name))
        rows.append((_("Work unit and position"), f"{seat.person.work_unit} {seat.person.job_title}".strip()))
    rows += [
        (_("Proposal category"), proposal.category),
        (_("Proposal type"), f"{proposal.get_kind_display()} · {_session_label(proposal)}" if proposal.kind else ""),
        (_("Submitted on"), _date(proposal.submitted_at)),
        (_("Suggested handling units"), units),
    ]
    return rows


def text_lines(proposal, field: str) -> list[str]:
    """The non-empty lines of 案由 or 建议, cut at the field's limit: a text saved before the limits existed cannot
    make a document of hundreds of pages (or hold a worker for a minute)."""
    text = getattr(proposal, field) or ""
    limit = TEXT_LIMITS[field]
    lines = [line for line in text[:limit].splitlines() if line.strip()]
    if len(text) > limit:
        lines.append(_("(Shortened for printing; the full text is in the system.)"))
    return lines


def _organisation_heading(proposal) -> str:
    return proposal.organisation.name


def proposal_docx(proposal, signers, units: str):
    document = new_docx()
    add_title(document, _organisation_heading(proposal), size=18)
    add_title(document, _("Proposal"), size=26)
    add_field_table(document, _fields(proposal, signers, units))
    add_title(document, proposal.title, size=18)
    add_heading(document, _("Background"))
    for line in text_lines(proposal, "background") or [""]:
        add_paragraph(document, line)
    add_heading(document, _("Suggestions"))
    for line in text_lines(proposal, "suggestions") or [""]:
        add_paragraph(document, line)
    return document


def proposal_flowables(proposal, signers, units: str):
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    s = pdf_styles()
    table = Table([[Paragraph(pdf_text(str(k)), s["plain"]), Paragraph(pdf_text(str(v)), s["plain"])]
                   for k, v in _fields(proposal, signers, units)], colWidths=[4 * cm, 11.6 * cm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2"))]))
    flow = [Paragraph(pdf_text(_organisation_heading(proposal)), s["subtitle"]),
            Paragraph(pdf_text(_("Proposal")), s["title"]), table, Spacer(1, 12),
            Paragraph(pdf_text(proposal.title), s["title"]),
            Paragraph(pdf_text(_("Background")), s["heading"])]
    flow += [Paragraph(pdf_text(line), s["body"]) for line in text_lines(proposal, "background")]
    flow.append(Paragraph(pdf_text(_("Suggestions")), s["heading"]))
    flow += [Paragraph(pdf_text(line), s["body"]) for line in text_lines(proposal, "suggestions")]
    return flow


# --- reply letters -------------------------------------------------------------------------------------------------


def reply_heading(reply) -> str:
    proposal = reply.task.proposal
    kind = _("supplementary reply") if reply.is_supplementary else _("reply")
    return _("%(unit)s: %(kind)s to proposal %(number)s of %(org)s") % {
        "unit": reply.task.unit.name, "kind": kind, "number": proposal.number_label, "org": proposal.organisation.name,
    }


def _greets(reply, first: str) -> bool:
    """The unit's text opens with its own greeting of the proposer (then the letter adds none)."""
    lines = [line for line in reply.text.splitlines() if line.strip()]
    return bool(lines) and first in lines[0][:40]


def _reply_lines(reply, signers):
    proposal = reply.task.proposal
    first, _cosigners = proposer_lines(proposal, signers)
    if proposal.body_id:
        salutation = _("Dear %(name)s,") % {"name": first}
    else:  # a member is addressed as a member: 严伟委员：
        salutation = _("Dear member %(name)s,") % {"name": first}
    opening = _("Your proposal “%(title)s” has been received. Our reply is as follows:") % {"title": proposal.title}
    contact = _("Contact: %(name)s  Telephone: %(phone)s") % {"name": reply.contact_name or "—",
                                                             "phone": reply.contact_phone or "—"}
    return salutation, opening, contact


def reply_docx(reply, signers):
    document = new_docx()
    add_title(document, reply_heading(reply), size=18)
    add_paragraph(document, _("Result category: %(category)s") % {"category": reply.category}, indent=False, align="right")
    salutation, opening, contact = _reply_lines(reply, signers)
    if not _greets(reply, reply.task.proposal.proposer_label):
        add_paragraph(document, salutation, indent=False)
        add_paragraph(document, opening)
    for line in reply.text.splitlines():
        if line.strip():
            add_paragraph(document, line)
    add_paragraph(document, reply.task.unit.name, indent=False, align="right")
    add_paragraph(document, _date(reply.signed_off_at or reply.updated_at), indent=False, align="right")
    add_paragraph(document, contact, indent=False)
    add_paragraph(document, _("Copy to: the proposal committee of %(org)s") % {"org": reply.task.proposal.organisation.name},
                  indent=False)
    return document


def reply_flowables(reply, signers):
    from reportlab.platypus import Paragraph, Spacer

    s = pdf_styles()
    salutation, opening, contact = _reply_lines(reply, signers)
    flow = [Paragraph(pdf_text(reply_heading(reply)), s["title"]),
            Paragraph(pdf_text(_("Result category: %(category)s") % {"category": reply.category}), s["right"])]
    if not _greets(reply, reply.task.proposal.proposer_label):
        flow += [Paragraph(pdf_text(salutation), s["plain"]), Paragraph(pdf_text(opening), s["body"])]
    flow += [Paragraph(pdf_text(line), s["body"]) for line in reply.text.splitlines() if line.strip()]
    flow += [Spacer(1, 18), Paragraph(pdf_text(reply.task.unit.name), s["right"]),
             Paragraph(pdf_text(_date(reply.signed_off_at or reply.updated_at)), s["right"]), Spacer(1, 12),
             Paragraph(pdf_text(contact), s["small"]),
             Paragraph(pdf_text(_("Copy to: the proposal committee of %(org)s")
                                % {"org": reply.task.proposal.organisation.name}), s["small"])]
    return flow


# --- the compilation ------------------------------------------------------------------------------------------------


def compilation_docx(organisation, session, proposals):
    """提案汇编: a title page, the table of contents, then every registered proposal of the session."""
    from docx.enum.text import WD_BREAK

    document = new_docx()
    add_title(document, organisation.name, size=22)
    add_title(document, f"{session.term.name}{session.name}", size=18)
    add_title(document, _("Compilation of proposals"), size=26)
    add_paragraph(document, _("%(n)d registered proposals") % {"n": len(proposals)}, indent=False, align="center")
    add_paragraph(document, _date(timezone.now()), indent=False, align="center")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    add_title(document, _("Contents"), size=18)
    for proposal in proposals:
        add_paragraph(document, f"{proposal.number_label}　{proposal.title}（{proposal.proposer_label}）", indent=False)
    for proposal in proposals:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_paragraph(document, proposal.number_label, indent=False, bold=True)
        add_title(document, proposal.title, size=16)
        first, cosigners = proposer_lines(proposal, proposal.signers.all())
        add_paragraph(document, _("Proposer: %(name)s") % {"name": first}, indent=False)
        if cosigners:
            add_paragraph(document, _("Co-signers: %(names)s") % {"names": cosigners}, indent=False)
        add_paragraph(document, _("Category: %(category)s") % {"category": proposal.category}, indent=False)
        add_heading(document, _("Background"))
        for line in text_lines(proposal, "background"):
            add_paragraph(document, line)
        add_heading(document, _("Suggestions"))
        for line in text_lines(proposal, "suggestions"):
            add_paragraph(document, line)
    return document
