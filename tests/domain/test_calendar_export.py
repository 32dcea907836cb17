"""The .ics export opens in calendar programs: CRLF, folded lines, escaped text."""

from __future__ import annotations

from datetime import date, datetime, time

from sitante_tui.domain.calendar_export import session_event


def test_event_has_the_date_time_and_escaped_text() -> None:
    ics = session_event(
        uid="abc@sitante",
        day=date(2026, 11, 16),
        start=time(10, 30),
        minutes=60,
        summary="Sesi coaching 2, Ani; GROW",
        description="Rencana: baca Permenpan\nlalu diskusi",
        stamp=datetime(2026, 11, 2, 9, 0),
    )
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20261116T103000\r\n" in ics and "DTEND:20261116T113000\r\n" in ics
    assert "SUMMARY:Sesi coaching 2\\, Ani\\; GROW\r\n" in ics
    assert "\\n" in ics and "\nlalu" not in ics


def test_long_lines_are_folded_at_75_octets_without_splitting_characters() -> None:
    ics = session_event(
        uid="u", day=date(2026, 1, 1), summary="é" * 100, stamp=datetime(2026, 1, 1)
    )
    for line in ics.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    unfolded = ics.replace("\r\n ", "")
    assert "SUMMARY:" + "é" * 100 in unfolded
