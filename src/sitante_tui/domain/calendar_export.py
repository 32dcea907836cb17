"""The next session as an iCalendar (RFC 5545) event, for the coach's and coachee's calendars."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

PRODUCT_ID = "-//sitante//coaching clinic//ID"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, as RFC 5545 requires."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def session_event(
    *,
    uid: str,
    day: date,
    summary: str,
    description: str = "",
    start: time = time(9, 0),
    minutes: int = 60,
    stamp: datetime,
    location: str = "",
) -> str:
    """One VEVENT in a VCALENDAR, as text with CRLF line endings.

    Times are floating local times (no time zone): the session happens at that clock time in
    whatever zone the calendar is in, which is what a coach in WITA or WIB expects.
    """
    begin = datetime.combine(day, start)
    end = begin + timedelta(minutes=minutes)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%S}",
        f"DTSTART:{begin:%Y%m%dT%H%M%S}",
        f"DTEND:{end:%Y%m%dT%H%M%S}",
        f"SUMMARY:{_escape(summary)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    lines += [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape(summary)}",
        "TRIGGER:-P1D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)
