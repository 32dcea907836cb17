"""HR exports: CSV and real XLSX (typed cells, bold frozen header), and the follow-up recap.

Exports are plaintext by nature: these functions write where they are told; the caller shows the
warning first. Headers and values are translated (``hr.col.*``, ``hr.value.*``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitante_tui.domain.hr_dashboard import HrDashboard, VerifiedSummary
from sitante_tui.domain.hr_recap import FollowupRecap
from sitante_tui.domain.programme_rules import Finding
from sitante_tui.i18n import t
from sitante_tui.store.verified_json import atomic_write

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One export column: its header key, its cell type, and how to get the value."""

    key: str
    kind: str  # text | int | float | date | bool
    get: Callable[[Any], Any]


def _value(code: str, lang: str) -> str:
    return t(f"hr.value.{code}", lang=lang) if code else ""


def finding_text(finding: Finding, lang: str) -> str:
    """A finding in words, from ``hr.finding.<code>``."""
    return t(f"hr.finding.{finding.code}", lang=lang, **finding.params)


def session_columns(lang: str) -> list[Column]:
    """One row per verified summary."""

    def stages(v: VerifiedSummary) -> str:
        items = v.summary.stage_durations.items()
        return "; ".join(f"{k}: {round(s / 60, 1)}" for k, s in items)

    return [
        Column("summary_id", "text", lambda v: v.summary.summary_id),
        Column("coach", "text", lambda v: v.summary.coach_name),
        Column("coach_key", "text", lambda v: v.coach_key_id),
        Column("coachee", "text", lambda v: v.summary.coachee_name),
        Column("nip", "text", lambda v: v.summary.coachee_nip or ""),
        Column("unit", "text", lambda v: v.summary.coachee_unit),
        Column("position", "text", lambda v: v.summary.coachee_position),
        Column("kind", "text", lambda v: _value(v.summary.kind, lang)),
        Column("form", "text", lambda v: _value(v.summary.form, lang)),
        Column("session_number", "int", lambda v: v.summary.session_number),
        Column("held_on", "date", lambda v: v.summary.held_on),
        Column("duration_minutes", "float", lambda v: round(v.summary.duration_minutes, 1)),
        Column("delivery_mode", "text", lambda v: _value(v.summary.delivery_mode, lang)),
        Column("agenda_topic", "text", lambda v: v.summary.agenda_topic),
        Column("stage_minutes", "text", stages),
        Column("self_rating", "int", lambda v: v.summary.self_rating),
        Column("options_count", "int", lambda v: v.summary.options_count),
        Column("actions_count", "int", lambda v: len(v.summary.action_plan)),
        Column("next_session_on", "date", lambda v: v.summary.next_session_on),
        Column("reflection", "text", lambda v: v.summary.reflection),
        Column("coach_rating", "int", lambda v: v.summary.coach_rating),
        Column("coach_change_requested", "bool", lambda v: v.summary.coach_change_requested),
        Column("big_goal", "text", lambda v: v.summary.big_goal),
        Column("photo", "text", lambda v: v.summary.photo.filename if v.summary.photo else ""),
    ]


def coachee_columns(lang: str) -> list[Column]:
    """One row per coachee, with the programme-rule findings in words."""
    return [
        Column("coachee", "text", lambda c: c.name),
        Column("nip", "text", lambda c: c.nip or ""),
        Column("unit", "text", lambda c: c.unit),
        Column("position", "text", lambda c: c.position),
        Column("coaches", "text", lambda c: ", ".join(c.coach_names)),
        Column("sessions_done", "int", lambda c: c.sessions_done),
        Column("sessions_required", "int", lambda c: c.sessions_required),
        Column("last_session_on", "date", lambda c: c.last_session_on),
        Column("next_session_on", "date", lambda c: c.next_session_on),
        Column("findings", "text", lambda c: "; ".join(finding_text(f, lang) for f in c.findings)),
    ]


def coach_columns(lang: str) -> list[Column]:
    """One row per coach key."""
    return [
        Column("coach", "text", lambda c: c.coach_name),
        Column("coach_key", "text", lambda c: c.coach_key_id),
        Column("coachees_count", "int", lambda c: c.coachees),
        Column("sessions_count", "int", lambda c: c.sessions),
        Column("average_rating", "float", lambda c: c.average_rating),
        Column("ratings_count", "int", lambda c: c.ratings_count),
    ]


def recap_columns(lang: str) -> list[Column]:
    """The follow-up recap ("rekap tindak lanjut"): one row per action-plan row."""
    return [
        Column("coachee", "text", lambda r: r.coachee_name),
        Column("nip", "text", lambda r: r.coachee_nip or ""),
        Column("unit", "text", lambda r: r.coachee_unit),
        Column("coach", "text", lambda r: r.coach_name),
        Column("session_number", "int", lambda r: r.session_number),
        Column("held_on", "date", lambda r: r.held_on),
        Column("action", "text", lambda r: r.action),
        Column("when", "text", lambda r: r.when),
        Column("who", "text", lambda r: r.who),
        Column("resources", "text", lambda r: r.resources),
        Column("expected_result", "text", lambda r: r.expected_result),
        Column("due_on", "date", lambda r: r.due_on),
        Column("next_session_on", "date", lambda r: r.next_session_on),
        Column("status", "text", lambda r: _value(str(r.status), lang)),
    ]


def _csv_cell(value: Any, kind: str, lang: str) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return _value("yes" if value else "no", lang)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    # A cell starting like a formula would run in a spreadsheet (CSV injection).
    return "'" + text if kind == "text" and text.startswith(_FORMULA_START) else text


def write_csv(path: Path, columns: Sequence[Column], rows: Sequence[Any], *, lang: str) -> int:
    """Write rows as UTF-8 CSV (with BOM, so spreadsheet apps read the accents); returns rows."""
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([t(f"hr.col.{c.key}", lang=lang) for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(c.get(row), c.kind, lang) for c in columns])
    atomic_write(Path(path), ("\ufeff" + buffer.getvalue()).encode("utf-8"))
    return len(rows)


def export_sessions_csv(path: Path, dashboard: HrDashboard, *, lang: str) -> int:
    """Every verified summary, one row each."""
    rows = sorted(dashboard.summaries, key=lambda v: (v.summary.held_on, v.summary.coachee_name))
    return write_csv(path, session_columns(lang), rows, lang=lang)


def export_recap_csv(path: Path, recap: FollowupRecap, *, lang: str) -> int:
    """The follow-up recap for its period."""
    return write_csv(path, recap_columns(lang), list(recap.rows), lang=lang)


def export_xlsx(
    path: Path, dashboard: HrDashboard, *, lang: str, recap: FollowupRecap | None = None
) -> None:
    """A workbook with sheets for sessions, coachees, coaches (and the recap when given)."""
    from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]

    workbook = Workbook()
    sessions = sorted(
        dashboard.summaries, key=lambda v: (v.summary.held_on, v.summary.coachee_name)
    )
    sheets: list[tuple[str, list[Column], Sequence[Any]]] = [
        ("sessions", session_columns(lang), sessions),
        ("coachees", coachee_columns(lang), list(dashboard.coachees)),
        ("coaches", coach_columns(lang), list(dashboard.coaches)),
    ]
    if recap is not None:
        sheets.append(("recap", recap_columns(lang), list(recap.rows)))
    workbook.remove(workbook.active)
    for name, columns, rows in sheets:
        _fill_sheet(
            workbook.create_sheet(t(f"hr.sheet.{name}", lang=lang)[:31]), columns, rows, lang
        )
    _save_workbook(workbook, Path(path))


def export_recap_xlsx(path: Path, recap: FollowupRecap, *, lang: str) -> None:
    """The follow-up recap alone, as a one-sheet workbook."""
    from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("hr.sheet.recap", lang=lang)[:31]
    _fill_sheet(sheet, recap_columns(lang), list(recap.rows), lang)
    _save_workbook(workbook, Path(path))


def _fill_sheet(sheet: Any, columns: Sequence[Column], rows: Sequence[Any], lang: str) -> None:
    from openpyxl.styles import Font  # type: ignore[import-untyped,unused-ignore]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped,unused-ignore]

    bold = Font(bold=True)
    widths = []
    for col, column in enumerate(columns, start=1):
        header = t(f"hr.col.{column.key}", lang=lang)
        sheet.cell(row=1, column=col, value=header).font = bold
        widths.append(len(header))
    for r, row in enumerate(rows, start=2):
        for col, column in enumerate(columns, start=1):
            value = column.get(row)
            cell = sheet.cell(row=r, column=col)
            if value is None:
                continue
            if column.kind == "date":
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
                shown = 10
            elif column.kind in ("int", "float", "bool"):
                cell.value = value
                shown = len(str(value))
            else:
                cell.value = str(value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
                shown = len(str(value))
            widths[col - 1] = max(widths[col - 1], shown)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"


def _save_workbook(workbook: Any, path: Path) -> None:
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic_write(path, buffer.getvalue())
