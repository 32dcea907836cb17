"""The HR app walked with the keyboard, as HR would: unlock, read, approve, drill down, export.

Everything is real: the demo's HR identity file (scrypt at a low work factor), a shared store of
sealed and signed summaries, HR's sealed approvals and cache, real CSV and XLSX files.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from hr_app_support import TODAY, demo_programme, hr_app, settle, unlock
from openpyxl import load_workbook
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static

from sitante_tui.cli.hr import HrOffice
from sitante_tui.i18n import set_language
from sitante_tui.services.hr_demo import HrDemo, demo_photo, seed_hr_demo
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.dialogs.hr_export_dialog import HrExportScreen
from sitante_tui.ui.dialogs.path_dialog import PathScreen
from sitante_tui.ui.screens.hr_coachee_screen import HrCoacheeScreen
from sitante_tui.ui.screens.hr_dashboard_screen import HrDashboardScreen
from sitante_tui.ui.screens.hr_unlock_screen import HrUnlockScreen
from sitante_tui.ui.widgets.hr_tables import CoacheeTable, FlaggedTable, KeyTable, RequestTable

SIZE = (100, 32)


@pytest.fixture
def demo(tmp_path: Path) -> HrDemo:
    return demo_programme(tmp_path / "demo")


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def _text(widget: Static) -> str:
    """The text a Static shows, rich renderables (tables, groups) included, unwrapped."""
    console = Console(width=300, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return " ".join(line.strip() for line in console.export_text().splitlines())


def _names(table: CoacheeTable) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def _row(screen: HrDashboardScreen, name: str) -> list[str]:
    """The cells of a coachee's row (names may be clipped in the table: found by the key)."""
    assert screen.dashboard is not None
    key = next(c.key for c in screen.dashboard.coachees if c.name == name)
    return [str(cell) for cell in screen.query_one(CoacheeTable).get_row(key)]


async def _save(pilot: Pilot[None]) -> None:
    """Submit the dialog from its file-name field, as a keyboard user does."""
    pilot.app.screen.query_one("#path", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


def _dashboard(app: object) -> HrDashboardScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, HrDashboardScreen), screen
    return screen


class TestUnlock:
    """The HR identity file opens only with its passphrase; a wrong one is said plainly."""

    async def test_wrong_passphrase_is_explained_and_can_be_retried(
        self, demo: HrDemo, exports: Path
    ) -> None:
        set_language("en")
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, "not the passphrase")
            assert isinstance(app.screen, HrUnlockScreen)
            message = _text(app.screen.query_one("#passphrase-message", Static))
            assert message == f"Wrong passphrase for {demo.identity_file}."
            passphrase = app.screen.query_one("#passphrase", Input)
            assert passphrase.value == "" and not passphrase.disabled and passphrase.has_focus

            await unlock(pilot, demo.passphrase)
            assert isinstance(app.screen, HrDashboardScreen)
            assert app.desk is not None

    async def test_indonesian_by_default(self, demo: HrDemo, exports: Path) -> None:
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, "salah")
            message = _text(app.screen.query_one("#passphrase-message", Static))
            assert message.startswith("Frasa sandi salah untuk")


class TestDashboard:
    """What HR sees after unlocking, and what HR can do from there."""

    async def test_coachees_with_their_findings_and_the_flagged_records_apart(
        self, demo: HrDemo, exports: Path
    ) -> None:
        set_language("en")
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, demo.passphrase)
            screen = _dashboard(app)
            table = screen.query_one(CoacheeTable)
            names = _names(table)
            assert len(names) == 9, "Gusti's coach key is not approved: her sessions do not count"
            assert not any(name.startswith("Gusti") for name in names)
            assert names[0] == "Ketut Suartini", "a breach sorts first"
            komang = _row(screen, "Komang Sri Handayani")
            assert komang[2:5] == ["3/3", "17 Oct 26", "31 Oct 26"]
            assert komang[5].startswith("● > 2 a month")
            assert _row(screen, "Wayan Budiasa")[5] == "● Under 3 sessions"
            assert _row(screen, "Ni Luh Putu Ayu Lestari")[5] == "On track"

            # The panel under the table explains every finding of the highlighted coachee.
            await pilot.press("down")
            panel = _text(screen.query_one("#hr-coachee-summary", Static))
            assert "3 sessions in October 2026; at most 2 a month." in panel
            assert "Session 2 lasted only 38 minutes (should be 45–60)." in panel

            alerts = _text(screen.query_one("#hr-alerts", Static))
            assert "Coach keys awaiting approval: 1 (a)" in alerts
            assert "Flagged summaries: 4 (5)" in alerts

            await pilot.press("5")
            flagged = screen.query_one(FlaggedTable)
            reasons = [str(flagged.get_row_at(i)[1]) for i in range(flagged.row_count)]
            assert sorted(reasons) == [
                "Altered/damaged",
                "Key not approved",
                "Key not approved",
                "Unknown key",
            ]
            assert flagged.has_focus

            await pilot.press("4")
            requests = screen.query_one(RequestTable)
            assert str(requests.get_row_at(0)[0]) == "Nyoman Tri Wahyuni"

    async def test_approving_the_waiting_coach_key_counts_their_summaries(
        self, demo: HrDemo, exports: Path
    ) -> None:
        set_language("en")
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, demo.passphrase)
            screen = _dashboard(app)
            await pilot.press("a")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ConfirmScreen)
            assert demo.pending_key_id in dialog.question and "Kadek Yuliana" in dialog.question
            assert screen.query_one(KeyTable).selected_key() == demo.pending_key_id

            await pilot.press("enter")  # "Approve" has the focus
            await settle(pilot)
            assert app.screen is screen
            names = _names(screen.query_one(CoacheeTable))
            assert "Gusti Ayu Ratna Dewi" in names and len(names) == 10
            assert screen.dashboard is not None
            assert screen.dashboard.totals.keys_pending == 0
            assert len(screen.dashboard.flagged) == 2, "only the tampered and unknown-key records"

            await pilot.press("a")
            await pilot.pause()
            assert app.screen is screen, "nothing left to approve: no dialog"

        # The approval is HR's own sealed file: a fresh unlock finds it.
        office = HrOffice.unlock(
            demo.identity_file, demo.passphrase, demo.shared_dir, cache_dir=None
        )
        assert demo.pending_key_id in office.approvals.approved_keys()

    async def test_cancelling_the_approval_changes_nothing(
        self, demo: HrDemo, exports: Path
    ) -> None:
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, demo.passphrase)
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("escape")
            await settle(pilot)
            assert _dashboard(app).dashboard.totals.keys_pending == 1  # type: ignore[union-attr]


class TestDrillDown:
    """One coachee's summaries, reflections, ratings, findings and photo evidence."""

    async def test_a_coachee_in_detail(self, demo: HrDemo, exports: Path) -> None:
        set_language("en")
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, demo.passphrase)
            await pilot.press("down", "enter")  # Komang
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, HrCoacheeScreen)
            assert screen.view.name == "Komang Sri Handayani"
            sessions = screen.query_one("#hr-sessions")
            assert sessions.row_count == 3  # type: ignore[attr-defined]
            detail = _text(screen.query_one("#hr-session-detail", Static))
            assert "Session 3 · Saturday, 17 October 2026 · 47 min" in detail
            assert "Menyusun daftar prioritas mingguan" in detail, "the action plan"
            assert "3 sessions in October 2026; at most 2 a month." in detail
            assert "Reflections and coach ratings" in detail

            await pilot.press("up")  # session 2: too short, a lower rating
            detail = _text(screen.query_one("#hr-session-detail", Static))
            assert "Session 2 · Saturday, 10 October 2026 · 38 min" in detail
            assert "Masih bingung menentukan prioritas" in detail and "3/5" in detail

            await pilot.press("p")
            await pilot.pause()
            assert app.screen is screen, "no photo with this session"

            await pilot.press("escape")
            assert isinstance(app.screen, HrDashboardScreen)

    async def test_photo_evidence_is_opened_checked_and_saved_on_request(
        self, demo: HrDemo, exports: Path
    ) -> None:
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, demo.passphrase)
            dashboard = _dashboard(app)
            assert dashboard.dashboard is not None
            ayu = next(c.key for c in dashboard.dashboard.coachees if c.name.startswith("Ni Luh"))
            table = dashboard.query_one(CoacheeTable)
            table.move_cursor(row=table.get_row_index(ayu))
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("up")  # session 2 has the photo
            await pilot.press("p")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, PathScreen)
            assert "TANPA enkripsi" in dialog.warning
            dialog.query_one("#path", Input).value = str(exports / "foto.png")
            await pilot.press("enter")
            await pilot.pause()
            assert (exports / "foto.png").read_bytes() == demo_photo()


class TestExports:
    """CSV, XLSX and the follow-up recap, each behind the plaintext warning."""

    async def _export(self, pilot: object, key: str, path: Path, **inputs: str) -> None:
        await pilot.press(key)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        dialog = pilot.app.screen  # type: ignore[attr-defined]
        assert isinstance(dialog, HrExportScreen)
        warning = _text(dialog.query_one("#hr-export-warning", Static))
        assert warning.startswith("WARNING: export files are NOT encrypted.")
        for name, value in {"path": str(path), **inputs}.items():
            dialog.query_one(f"#{name}", Input).value = value
        await _save(pilot)  # type: ignore[arg-type]
        await settle(pilot)  # type: ignore[arg-type]

    async def test_csv_xlsx_and_recap(self, demo: HrDemo, exports: Path) -> None:
        set_language("en")
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, demo.passphrase)

            await self._export(pilot, "c", exports / "sessions.csv")
            with (exports / "sessions.csv").open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
            assert len(rows) == 24
            assert {r["Coachee/mentee"] for r in rows} >= {"Komang Sri Handayani"}
            assert "Gusti Ayu Ratna Dewi" not in {r["Coachee/mentee"] for r in rows}

            await self._export(pilot, "x", exports / "programme.xlsx")
            book = load_workbook(exports / "programme.xlsx")
            assert book.sheetnames == ["Sessions", "Coachees", "Coaches"]
            sessions = book["Sessions"]
            headers = [cell.value for cell in sessions[1]]
            assert headers[:4] == ["Summary ID", "Coach/mentor", "Coach key", "Coachee/mentee"]
            column = {name: i for i, name in enumerate(headers)}
            first = [cell.value for cell in sessions[2]]
            assert isinstance(first[column["Date"]], datetime), "dates are date cells"
            assert isinstance(first[column["Session no."]], int)
            assert isinstance(first[column["Duration (minutes)"]], int | float)
            assert sessions.cell(row=2, column=column["Duration (minutes)"] + 1).data_type == "n"
            assert sessions.cell(row=2, column=column["Coach/mentor"] + 1).data_type == "s"
            assert sessions.max_row == 25
            coachees = book["Coachees"]
            findings = [row[-1].value or "" for row in coachees.iter_rows(min_row=2)]
            assert any("at most 2 a month" in f for f in findings)

            recap = exports / "recap.xlsx"
            await self._export(
                pilot, "r", recap, **{"period-from": "2026-10-01", "period-to": "2026-10-31"}
            )
            sheet = load_workbook(recap)["Follow-up recap"]
            header = [cell.value for cell in sheet[1]]
            assert header[0] == "Coachee/mentee" and header[-1] == "Status"
            statuses = {row[-1].value for row in sheet.iter_rows(min_row=2)}
            assert statuses <= {"Followed up", "Overdue", "Due"} and "Overdue" in statuses
            held = [row[header.index("Date")].value for row in sheet.iter_rows(min_row=2)]
            assert all(isinstance(day, datetime) for day in held)

    async def test_recap_period_is_checked(self, demo: HrDemo, exports: Path) -> None:
        set_language("en")
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, demo.passphrase)
            await pilot.press("r")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, HrExportScreen)
            assert dialog.query_one("#period-from", Input).value == "2026-11-01"
            dialog.query_one("#period-to", Input).value = "2026-10-01"
            await _save(pilot)
            assert "before the start date" in _text(dialog.query_one("#error", Static))
            dialog.query_one("#period-to", Input).value = "31-13-2026"
            await _save(pilot)
            assert "Invalid date" in _text(dialog.query_one("#error", Static))
            assert app.screen is dialog
            await pilot.press("escape")
            assert not list(exports.iterdir())

    async def test_an_existing_file_is_replaced_only_when_asked_twice(
        self, demo: HrDemo, exports: Path
    ) -> None:
        set_language("en")
        target = exports / "sessions.csv"
        target.write_text("old")
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, demo.passphrase)
            await pilot.press("c")
            await pilot.pause()
            dialog = app.screen
            dialog.query_one("#path", Input).value = str(target)
            await _save(pilot)
            assert "already exists" in _text(dialog.query_one("#error", Static))
            assert target.read_text() == "old"
            await _save(pilot)
            await settle(pilot)
            assert target.read_text(encoding="utf-8-sig").startswith("Summary ID,")


def test_the_demo_programme_is_dated_from_today(tmp_path: Path) -> None:
    """The demo works on any day: its findings do not depend on the calendar."""
    for today in (date(2026, 1, 2), date(2027, 3, 31), TODAY):
        demo = seed_hr_demo(tmp_path / today.isoformat(), today=today)
        office = HrOffice.unlock(
            demo.identity_file, demo.passphrase, demo.shared_dir, cache_dir=None
        )
        board = office.dashboard(today=today)
        codes = {c.name.split()[0]: {f.code for f in c.findings} for c in board.coachees}
        assert "month_over_cap" in codes["Komang"] and "session_too_short" in codes["Komang"]
        assert "followup_overdue" in codes["I"]  # I Gede Wirawan
        assert "programme_over_year" in codes["Ketut"]
        assert "midpoint_review_due" in codes["Made"]
        assert "session_too_long" in codes["Nyoman"]
        assert {f.verdict.value for f in board.flagged} == {
            "tampered",
            "unknown_signer",
            "unapproved_signer",
        }
        assert len(board.coach_change_requests) == 1


class TestLock:
    """The dashboard shows personal data: it locks, and forgets HR's identity, on request."""

    async def test_lock_hides_everything_until_the_passphrase_is_given_again(
        self, demo: HrDemo, exports: Path
    ) -> None:
        app = hr_app(demo, exports)
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, demo.passphrase)
            dashboard = _dashboard(app)
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert isinstance(app.screen, HrUnlockScreen) and app.screen.locked
            assert app.desk is None, "the identity is dropped while locked"
            await pilot.press("c")  # keys go to the passphrase field, not to the dashboard
            assert isinstance(app.screen, HrUnlockScreen)
            await pilot.press("ctrl+u")
            await unlock(pilot, demo.passphrase)
            assert app.screen is dashboard and app.desk is not None


def test_the_hr_app_needs_an_identity_and_a_shared_folder(tmp_path: Path) -> None:
    """``sitante hr`` without them says what is missing instead of starting the app."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    base = [sys.executable, "-m", "sitante_tui", "--lang", "en", "hr"]
    no_identity = subprocess.run(
        [*base, "--shared", str(tmp_path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert no_identity.returncode == 2
    assert "HR identity file --identity not found." in no_identity.stderr
    no_share = subprocess.run(
        [*base, "--identity", str(tmp_path / "hr.age")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert no_share.returncode == 2 and "No shared folder set" in no_share.stderr
