"""Printed proposals, reply letters and the 提案汇编 in the standard layouts, as Word and PDF (Chinese text in the
vendored font). Built from rows the caller has already permission-checked."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.documents import (
    add_field_table,
    add_heading,
    add_outline_heading,
    add_page_break,
    add_page_numbers,
    add_paragraph,
    add_table_of_contents,
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


#: The printed width of a unit's seal (an official seal is about 4 cm across).
SEAL_CM = 4


def _seal_bytes(unit) -> bytes | None:
    """The unit's seal image, or None (the letter is then laid out without it)."""
    from .services.office import unit_seal

    seal = unit_seal(unit)
    if seal is None:
        return None
    try:
        with seal.file.open("rb") as handle:
            return handle.read()
    except OSError:
        return None


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


def letter_marks(reply) -> list[str]:
    """The lines above a reply letter's title as offices print them: 文号, 签发人, 公开属性, 类别."""
    marks = [reply.document_number] if reply.document_number else []
    if reply.issuer:
        marks.append(_("Signed by: %(name)s") % {"name": reply.issuer})
    marks.append(_("Disclosure: %(how)s") % {"how": reply.get_disclosure_display()})
    marks.append(_("Result category: %(category)s") % {"category": reply.category})
    return marks


def reply_docx(reply, signers):
    document = new_docx()
    for mark in letter_marks(reply):
        add_paragraph(document, mark, indent=False, align="right")
    add_title(document, reply_heading(reply), size=18)
    salutation, opening, contact = _reply_lines(reply, signers)
    if not _greets(reply, reply.task.proposal.proposer_label):
        add_paragraph(document, salutation, indent=False)
        add_paragraph(document, opening)
    for line in reply.text.splitlines():
        if line.strip():
            add_paragraph(document, line)
    seal = _seal_bytes(reply.task.unit)
    if seal:  # the seal stands over the signature, as a stamped letter has it
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        picture = document.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        picture.paragraph_format.space_after = Pt(0)
        picture.add_run().add_picture(io.BytesIO(seal), width=Cm(SEAL_CM))
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
    flow = [Paragraph(pdf_text(mark), s["right"]) for mark in letter_marks(reply)]
    flow.append(Paragraph(pdf_text(reply_heading(reply)), s["title"]))
    if not _greets(reply, reply.task.proposal.proposer_label):
        flow += [Paragraph(pdf_text(salutation), s["plain"]), Paragraph(pdf_text(opening), s["body"])]
    flow += [Paragraph(pdf_text(line), s["body"]) for line in reply.text.splitlines() if line.strip()]
    flow.append(Spacer(1, 18))
    seal = _seal_bytes(reply.task.unit)
    if seal:  # the seal over the signature: the unit's name and the date overlap its lower half
        from reportlab.lib.units import cm
        from reportlab.platypus import Image

        flow += [Image(io.BytesIO(seal), width=SEAL_CM * cm, height=SEAL_CM * cm, kind="proportional",
                       hAlign="RIGHT"), Spacer(1, -SEAL_CM * cm / 2)]
    flow += [Paragraph(pdf_text(reply.task.unit.name), s["right"]),
             Paragraph(pdf_text(_date(reply.signed_off_at or reply.updated_at)), s["right"]), Spacer(1, 12),
             Paragraph(pdf_text(contact), s["small"]),
             Paragraph(pdf_text(_("Copy to: the proposal committee of %(org)s")
                                % {"org": reply.task.proposal.organisation.name}), s["small"])]
    return flow


# --- the compilations ----------------------------------------------------------------------------------------------

#: How a compilation groups its proposals (the first-level headings).
GROUPINGS = ("category", "unit")


def _cover(document, organisation, session, title: str, count_line: str):
    add_title(document, organisation.name, size=22)
    add_title(document, f"{session.term.name}{session.name}", size=18)
    for _blank in range(3):
        add_paragraph(document, "", indent=False)
    add_title(document, title, size=36)
    for _blank in range(6):
        add_paragraph(document, "", indent=False)
    add_paragraph(document, count_line, indent=False, align="center")
    add_paragraph(document, _("Compiled by the proposal committee of %(org)s") % {"org": organisation.name},
                  indent=False, align="center")
    add_paragraph(document, _date(timezone.now()), indent=False, align="center")
    add_page_break(document)
    add_title(document, _("Contents"), size=18)
    add_table_of_contents(document, levels=2, placeholder=_(
        "The table of contents is filled in when Word updates the fields (answer Yes when asked, or press F9)."))


def group_proposals(proposals, group_by: str, units_of: dict) -> list[tuple[str, list]]:
    """[(heading, proposals)]: by category in the organisation's order, or by the lead (or sole) handling unit."""
    groups: dict[str, list] = {}
    for proposal in proposals:
        if group_by == "unit":
            keys = units_of.get(proposal.pk) or [_("Not assigned")]
        else:
            keys = [proposal.category or _("Other")]
        for key in keys:
            groups.setdefault(key, []).append(proposal)
    return list(groups.items())


def _proposal_section(document, proposal):
    add_outline_heading(document, f"{proposal.number_label}　{proposal.title}", level=2)
    first, cosigners = proposer_lines(proposal, proposal.signers.all())
    add_paragraph(document, _("Proposer: %(name)s") % {"name": first}, indent=False)
    if cosigners:
        add_paragraph(document, _("Co-signers: %(names)s") % {"names": cosigners}, indent=False)
    add_paragraph(document, _("Category: %(category)s") % {"category": proposal.category}, indent=False)


def compilation_docx(organisation, session, proposals, *, group_by: str = "category", units_of=None):
    """提案汇编: the cover, an automatic table of contents, then the registered proposals of the session grouped by
    category or by unit (level-1 headings), each under its number and title (level 2), page numbers below."""
    document = new_docx()
    _cover(document, organisation, session, _("Compilation of proposals"),
           _("%(n)d registered proposals") % {"n": len(proposals)})
    for heading, rows in group_proposals(proposals, group_by, units_of or {}):
        add_page_break(document)
        add_outline_heading(document, heading, level=1)
        for proposal in rows:
            _proposal_section(document, proposal)
            add_heading(document, _("Background"))
            for line in text_lines(proposal, "background"):
                add_paragraph(document, line)
            add_heading(document, _("Suggestions"))
            for line in text_lines(proposal, "suggestions"):
                add_paragraph(document, line)
    add_page_numbers(document)
    return document


def replies_compilation_docx(organisation, session, proposals, replies_of: dict, *, group_by: str = "category",
                             units_of=None):
    """答复汇编: the same cover and contents; under each proposal, every unit's accepted reply (its latest round)."""
    document = new_docx()
    count = sum(len(v) for v in replies_of.values())
    _cover(document, organisation, session, _("Compilation of replies"),
           _("%(n)d replies to %(p)d proposals") % {"n": count, "p": len(proposals)})
    for heading, rows in group_proposals(proposals, group_by, units_of or {}):
        add_page_break(document)
        add_outline_heading(document, heading, level=1)
        for proposal in rows:
            _proposal_section(document, proposal)
            for reply in replies_of.get(proposal.pk, []):
                add_outline_heading(document, f"{reply.task.unit.name}（{reply.get_category_display()}）", level=3)
                if reply.document_number:
                    add_paragraph(document, reply.document_number, indent=False, align="right")
                for line in reply.text.splitlines():
                    if line.strip():
                        add_paragraph(document, line)
    add_page_numbers(document)
    return document


# --- the assignment paper (交办单) and its receipt (回执) -------------------------------------------------------------


def assignment_rules(organisation) -> list[str]:
    """The rules printed under the list, from the organisation's settings."""
    from .org_settings import setting

    rules = [
        _("Reply within %(months)d months of the assignment; a complex case may ask for an extension (at most "
          "%(max)d months in all) with its reason, before the due date.")
        % {"months": setting(organisation, "reply_due_months"), "max": setting(organisation, "max_extension_months")},
        _("A unit that considers a proposal outside its remit says so with its reason within %(days)d days; it may "
          "not pass the proposal on itself.") % {"days": setting(organisation, "objection_days")},
        _("Co-handling units send their input to the lead unit within one month; the lead unit replies for all."),
        _("The reply is signed off by the unit's leader and states its result category (A solved or adopted, B being "
          "solved or planned, C kept for reference)."),
    ]
    if setting(organisation, "contact_required"):
        rules.insert(2, _("Contact the proposers (面商) before replying and record the contact."))
    return rules


def assignment_paper_docx(organisation, unit, tasks, *, printed_on):
    """提案交办单: the proposals assigned to one unit, their role and due dates, the rules, and the receipt."""
    document = new_docx()
    add_title(document, organisation.name, size=20)
    add_title(document, _("Assignment of proposals"), size=26)
    add_paragraph(document, _("%(unit)s:") % {"unit": unit.name}, indent=False)
    add_paragraph(document, _("The following %(n)d proposals are assigned to your unit for handling. Please handle "
                              "and reply to them as the rules below require.") % {"n": len(tasks)})
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    headers = [_("No."), _("Proposal number"), _("Title"), _("First proposer"), _("Handling role"), _("Reply due")]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(str(text)).bold = True
    for position, task in enumerate(tasks, start=1):
        cells = table.add_row().cells
        values = [str(position), task.proposal.number_label, task.proposal.title, task.proposal.proposer_label,
                  task.get_role_display(), _date(task.input_due_on or task.due_on)]
        for cell, text in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(text)
    add_heading(document, _("Rules for handling"))
    for number, rule in enumerate(assignment_rules(organisation), start=1):
        add_paragraph(document, f"{number}. {rule}")
    add_paragraph(document, _("The proposal committee of %(org)s") % {"org": organisation.name}, indent=False,
                  align="right")
    add_paragraph(document, _date(printed_on), indent=False, align="right")
    add_paragraph(document, "—" * 20 + _("cut here") + "—" * 20, indent=False, align="center")
    add_title(document, _("Receipt"), size=18)
    add_paragraph(document, _("%(unit)s has received the %(n)d proposals listed above.")
                  % {"unit": unit.name, "n": len(tasks)})
    add_paragraph(document, _("Received by:　　　　　　Telephone:　　　　　　Date:"), indent=False)
    add_paragraph(document, _("The receipt can also be confirmed online on the unit's workbench (proposals → my "
                              "unit → confirm the receipt)."), indent=False)
    add_page_numbers(document)
    return document


def assessment_rows(ranking):
    """The ranking of the yearly assessment of handling units, as Excel rows."""
    def percent(value):
        return "—" if value is None else f"{value:.1%}"

    for item in ranking:
        yield (item.rank, item.unit.name, item.assigned, item.replied, item.on_time, percent(item.on_time_rate),
               percent(item.contact_rate), percent(item.satisfaction), percent(item.quality), item.redone, item.score,
               _("Yes") if item.awarded else "")


def assessment_columns():
    return [(_("Rank"), 6), (_("Handling unit"), 30), (_("Replies owed"), 10), (_("Replied"), 8),
            (_("Replied on time"), 10), (_("On-time rate"), 10), (_("Contact rate"), 10), (_("Satisfaction"), 10),
            (_("Reply quality"), 10), (_("Redone"), 8), (_("Score"), 8), (_("Advanced handling unit"), 12)]
