"""The QR poster of a place: an A4 page to print and put up at the door, whose QR code opens the place's public
page (send a concern, follow it with the tracking code)."""

import segno
from django.utils.translation import gettext
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from zhengxie.core.documents import pdf_bytes, pdf_styles, pdf_text

from .choices import PlaceKind


class QrCode(Flowable):
    """A QR code drawn as vector squares: sharp at any printer resolution, no image library involved."""

    def __init__(self, data: str, size: float):
        super().__init__()
        self.qr = segno.make(data, error="m")
        self.size = size
        self.width = self.height = size

    def draw(self):
        matrix = list(self.qr.matrix_iter(scale=1, border=2))
        cell = self.size / len(matrix)
        canvas = self.canv
        canvas.setFillColor(colors.black)
        for y, row in enumerate(matrix):
            for x, dark in enumerate(row):
                if dark:
                    canvas.rect(x * cell, self.size - (y + 1) * cell, cell, cell, stroke=0, fill=1)


def _page(place, team_names: list[str], request) -> list:
    styles = pdf_styles()
    title = styles["title"].clone("poster-title", fontSize=26, leading=36)
    big = styles["subtitle"].clone("poster-big", fontSize=16, leading=26)
    flow = [
        Paragraph(pdf_text(place.organisation.name), styles["subtitle"]),
        Spacer(1, 0.4 * cm),
        Paragraph(pdf_text(place.name), title),
        Paragraph(pdf_text(PlaceKind(place.kind).label), styles["subtitle"]),
        Spacer(1, 0.8 * cm),
        Paragraph(pdf_text(gettext("Scan with your phone to tell us your difficulties and wishes")), big),
        Spacer(1, 0.5 * cm),
    ]
    qr = Table([[QrCode(place.public_url(request), 9 * cm)]], colWidths=[9.6 * cm])
    qr.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#a4161a"))]))
    flow += [qr, Spacer(1, 0.5 * cm),
             Paragraph(pdf_text(gettext("Each concern gets a tracking code to follow its progress on the same page.")),
                       styles["subtitle"]),
             Spacer(1, 0.6 * cm)]
    rows = []
    if place.address:
        rows.append((gettext("Address"), place.address))
    if place.opening_hours:
        rows.append((gettext("Opening hours"), place.opening_hours))
    if place.contact_phone:
        rows.append((gettext("Phone"), f"{place.contact_phone} {place.contact_name}".strip()))
    if place.lead_member_id:
        rows.append((gettext("Lead member"), place.lead_member.person.name))
    if team_names:
        rows.append((gettext("Members on duty"), "、".join(team_names[:12])))
    if rows:
        table = Table([[Paragraph(pdf_text(k), styles["plain"]), Paragraph(pdf_text(v), styles["plain"])] for k, v in rows],
                      colWidths=[3.2 * cm, 12.4 * cm])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey)]))
        flow.append(table)
    flow += [Spacer(1, 0.4 * cm), Paragraph(pdf_text(place.public_url(request)), styles["small"])]
    return flow


def poster_pdf(places, *, request=None) -> bytes:
    """One A4 page per place; the QR codes point to the address being served (or ``SITE_URL``)."""
    flow = []
    for index, place in enumerate(places):
        if index:
            flow.append(PageBreak())
        flow += _page(place, [pm.member.person.name for pm in place.team.all()], request)
    return pdf_bytes(flow, title=gettext("QR posters"))
