"""Dates, durations and findings as the coach reads them, in the UI language."""

from __future__ import annotations

from datetime import date, datetime

from sitante_tui.domain.programme_rules import Finding
from sitante_tui.i18n import t


def format_date(day: date | None, *, weekday: bool = False, short: bool = False) -> str:
    """``16 November 2026``; with the weekday ``Senin, 16 November 2026``; short ``16 Nov 2026``."""
    if day is None:
        return "—"
    month = t(f"date.month_short.{day.month}") if short else t(f"date.month.{day.month}")
    text = f"{day.day} {month} {day.year}"
    return f"{t(f'date.day.{day.weekday()}')}, {text}" if weekday else text


def format_time(moment: datetime | None) -> str:
    """``16 November 2026 09:05``."""
    if moment is None:
        return "—"
    return f"{format_date(moment.date())} {moment:%H:%M}"


def format_minutes(seconds: float) -> str:
    """``52 mnt`` / ``52 min``."""
    return t("unit.minutes", n=round(seconds / 60))


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def parse_date(text: str) -> date | None:
    """A date typed as ``YYYY-MM-DD`` or ``DD-MM-YYYY`` (``/`` or ``.`` also accepted)."""
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def format_finding(finding: Finding) -> str:
    """The sentence for a programme-rule finding, with its figures."""
    params = dict(finding.params)
    for key in ("due_on", "date", "started_on", "ended_on"):
        value = params.get(key)
        if isinstance(value, str):
            params[key] = format_date(date.fromisoformat(value))
    month = params.get("month")
    if isinstance(month, str) and len(month) == 7:
        year, number = month.split("-")
        params["month"] = f"{t(f'date.month.{int(number)}')} {year}"
    return t(f"finding.{finding.code}", **params)


SEVERITY_STYLE = {"breach": "bold red", "warning": "yellow", "info": "cyan"}
