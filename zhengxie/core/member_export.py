"""Exporting members to Excel: the layout of the sheet and the audit entry of the export (the view only answers)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .masking import mask_id_number, mask_phone
from .services import audit_log


def members_export_sheet(*, actor, organisation, members, filters: dict) -> tuple[str, list, object]:
    """(file name, columns, rows) of the members sheet; phone and ID numbers masked unless the actor may see them.
    The export is audited with the filters it used."""
    sensitive = permissions.can_see_sensitive(actor, organisation)
    columns = [(_("Name"), 10), (_("Gender"), 6), (_("Ethnicity"), 8), (_("Date of birth"), 12), (_("Political affiliation"), 18),
               (_("Sector"), 18), (_("Special committee"), 22), (_("Standing committee member"), 8), (_("Office"), 10),
               (_("Work unit"), 30), (_("Position"), 20), (_("Mobile phone"), 14), (_("ID card number"), 22),
               (_("Member number"), 10), (_("Status"), 8)]
    rows = (
        (m.person.name, m.person.get_gender_display(), m.person.ethnicity, m.person.birth_date,
         m.person.get_affiliation_display(), m.sector.name, m.committee.name if m.committee else "",
         _("Yes") if m.is_standing_committee else _("No"), m.get_position_display(), m.person.work_unit,
         m.person.job_title, m.person.phone if sensitive else mask_phone(m.person.phone),
         m.person.id_number if sensitive else mask_id_number(m.person.id_number), m.member_number,
         m.get_status_display())
        for m in members.iterator(chunk_size=2000)
    )
    audit_log(actor=actor, organisation=organisation, action="core.member.exported", changes={"filters": filters, "unmasked": sensitive})
    filename = f"{organisation.short_name}{_('Members')}{timezone.localdate():%Y%m%d}.xlsx"
    return filename, columns, rows
