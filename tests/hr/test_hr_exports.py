"""Exports are real spreadsheets: typed cells, translated headers, and a defused formula."""

from __future__ import annotations

import csv
import datetime as dt
from datetime import date
from pathlib import Path

import pytest
from hr_samples import make_summary
from openpyxl import load_workbook

from sitante_tui.domain.hr_dashboard import VerifiedSummary, build_dashboard
from sitante_tui.store.hr_exports import (
    export_recap_csv,
    export_recap_xlsx,
    export_sessions_csv,
    export_xlsx,
)


@pytest.fixture
def dashboard() -> object:
    rows = [
        VerifiedSummary(
            make_summary(
                coachee_id="ayu",
                engagement_id="e-ayu",
                session_number=n,
                held_on=date(2026, 3, 2 + 14 * (n - 1)),
                engagement_started_on=date(2026, 3, 2),
                coachee_nip="198501012010012003",
                agenda_topic="=1+1" if n == 1 else "Karier",
            ),
            "a" * 16,
        )
        for n in (1, 2)
    ]
    return build_dashboard(rows, today=date(2026, 3, 20))


def test_xlsx_has_typed_cells_bold_frozen_headers_and_widths(tmp_path: Path, dashboard) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hr.xlsx"
    export_xlsx(
        path, dashboard, lang="id", recap=dashboard.recap(date(2026, 3, 1), date(2026, 3, 31))
    )
    book = load_workbook(path)
    assert book.sheetnames == ["Sesi", "Coachee", "Coach", "Rekap tindak lanjut"]
    sheet = book["Sesi"]
    headers = [c.value for c in sheet[1]]
    col = {h: i for i, h in enumerate(headers)}
    row = [c for c in sheet[2]]
    assert isinstance(row[col["Tanggal"]].value, dt.datetime)  # a real date cell
    assert row[col["Tanggal"]].number_format == "yyyy-mm-dd"
    assert row[col["Sesi ke-"]].value == 1 and row[col["Sesi ke-"]].data_type == "n"
    assert row[col["Durasi (menit)"]].value == 50.0
    assert row[col["Minta ganti coach"]].value is False
    assert row[col["NIP"]].value == "198501012010012003", "NIP stays text (no lost digits)"
    assert row[col["Agenda/topik"]].value == "=1+1" and row[col["Agenda/topik"]].data_type == "s"
    assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width > 8
    recap = book["Rekap tindak lanjut"]
    statuses = [r[-1].value for r in recap.iter_rows(min_row=2)]
    assert statuses == ["Sudah ditindaklanjuti", "Terlambat"]


@pytest.mark.parametrize(
    ("lang", "first", "status"),
    [("id", "Coachee/mentee", "Tenggat"), ("en", "Coachee/mentee", "Due")],
)
def test_recap_csv_headers_in_both_languages(
    tmp_path: Path,
    dashboard,
    lang: str,
    first: str,
    status: str,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / f"recap-{lang}.csv"
    recap = dashboard.recap(date(2026, 3, 1), date(2026, 3, 31))
    assert export_recap_csv(path, recap, lang=lang) == 2
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == first and status in rows[0]
    assert rows[1][5] == "2026-03-02"


def test_sessions_csv_in_english_and_recap_xlsx_alone(tmp_path: Path, dashboard) -> None:  # type: ignore[no-untyped-def]
    export_sessions_csv(tmp_path / "s.csv", dashboard, lang="en")
    header = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Summary ID,Coach/mentor,Coach key,Coachee/mentee,NIP")
    export_recap_xlsx(
        tmp_path / "r.xlsx", dashboard.recap(date(2026, 3, 1), date(2026, 3, 31)), lang="en"
    )
    assert load_workbook(tmp_path / "r.xlsx").sheetnames == ["Follow-up recap"]
