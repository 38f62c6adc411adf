"""iCalendar (RFC 5545) for members' phones: one VEVENT per activity, cancelled ones marked so they vanish."""

import datetime as dt

from django.conf import settings
from django.urls import reverse

from zhengxie.core.links import absolute_url

from .choices import ActivityStatus, Response

PRODID = "-//Zhengxie//Activities//ZH"


def _escape(text: str) -> str:
    return (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (never splitting a character)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_text(participations, *, name: str, now: dt.datetime, request=None) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_escape(name)}", "X-WR-TIMEZONE:" + settings.TIME_ZONE]
    for p in participations:
        a = p.activity
        cancelled = a.status == ActivityStatus.CANCELLED or p.response == Response.LEAVE_APPROVED
        description = a.description or ""
        if a.video_url:
            description = f"{description}\n{a.video_url}".strip()
        lines += [
            "BEGIN:VEVENT",
            f"UID:activity-{a.pk}@zhengxie",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(a.starts_at)}",
            f"DTEND:{_utc(a.ends_at)}",
            f"SUMMARY:{_escape(a.title)}",
            f"LOCATION:{_escape(a.location)}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{absolute_url(reverse('activities:detail', args=[a.pk]), request)}",
            f"CATEGORIES:{_escape(a.get_type_display())}",
            f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
            f"SEQUENCE:{a.version}",
        ]
        if not cancelled:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(a.title)}", "TRIGGER:-PT1H", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
