"""Pilot tests of the screens around the session: registration, follow-up rules, the idle lock,
group review, and a coachee's data requests from the history screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from ui_support import FakeClock, frozen, session_at, settle

from sitante_tui.domain.models import Form, Kind
from sitante_tui.i18n import t
from sitante_tui.services import Services, build_services
from sitante_tui.store.records import Records
from sitante_tui.ui.app import SitanteApp
from sitante_tui.ui.dialogs.path_dialog import PathScreen
from sitante_tui.ui.screens.home_screen import HomeScreen
from sitante_tui.ui.screens.session_screen import SessionScreen
from sitante_tui.ui.screens.unlock_screen import UnlockScreen


def screen_text(app: SitanteApp) -> str:
    """Everything the current screen shows, as plain text."""
    return "\n".join(
        str(widget.render()) for widget in app.screen.query("Static") if widget.display
    )


async def test_registering_a_group_programme_by_keyboard(empty_services: Services) -> None:
    app = SitanteApp(empty_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        for name in ("Ayu Pratiwi", "Budi Santoso"):
            await pilot.press(*name, "enter")  # the new-coachee name field adds on enter
            await settle(pilot)
        app.screen.query_one("#agenda").value = "Layanan surat lebih cepat"
        app.screen.query_one("#big-goal").value = "Pelayanan publik lebih baik"
        app.screen.query_one("#skill").query("RadioButton").last().value = True
        app.screen.query_one("#will").query("RadioButton").first().value = True
        await settle(pilot)
        assert "Excite" in str(app.screen.query_one("#approach").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    [engagement] = Records(empty_services.vault).load().engagements.values()
    assert engagement.form is Form.GROUP and engagement.kind is Kind.COACHING
    assert engagement.big_goal == "Pelayanan publik lebih baik"
    assert engagement.skill_will is not None and engagement.skill_will.approach.value == "excite"
    assert set(engagement.agendas.values()) == {"Layanan surat lebih cepat"}


async def test_follow_up_shows_rule_findings_and_a_breach_needs_acknowledging(
    demo_services: Services,
) -> None:
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        session_at(app, "e-ayu", "follow_up")
        await settle(pilot)
        flow = app.screen.flow
        date_input = app.screen.query_one("#next-date")
        date_input.value = "2026-11-30"  # two days after today's session
        await settle(pilot)
        findings = str(app.screen.query_one("#findings").render())
        assert "hanya berjarak 2 hari" in findings and "disarankan sekitar 14 hari" in findings
        assert not app.screen.query_one("#acknowledge").display  # a warning needs no tick
        date_input.value = "2026-11-20"  # in the past: a breach
        await settle(pilot)
        assert "sudah lewat" in str(app.screen.query_one("#findings").render())
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert flow.current.value == "follow_up"  # refused until acknowledged
        app.screen.query_one("#acknowledge").value = True
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert flow.current.value == "close"
        assert flow.session.acknowledged_findings == ["date_in_past"]


async def test_idle_lock_hides_everything_and_saving_goes_on(
    demo_services: Services, clock: FakeClock
) -> None:
    demo_services.settings.idle_lock_minutes = 10
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        session_at(app, "e-ayu", "goal")
        await settle(pilot)
        session_screen = app.screen
        clock.advance(11)
        app.lock_when_idle()
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert "Ni Luh Putu" not in screen_text(app)
        assert not demo_services.vault.unlocked
        # The command palette offers nothing but quitting while locked.
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert commands == [t("command.quit")]
        # While locked, the session still saves (encryption needs only the public key).
        session_screen.flow.set_notes("goal", "ditulis saat terkunci")
        session_screen.autosave(force=True)
        await app.workers.wait_for_complete()
        path = demo_services.vault.path(f"data/sessions/{session_screen.flow.session.id}")
        assert path.exists()
        await pilot.press(*"salah sekali", "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "Frasa sandi salah" in screen_text(app)
        await pilot.press(*"kopi-pagi-di-denpasar", "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.screen is session_screen
    saved = Records(demo_services.vault).load().sessions[session_screen.flow.session.id]
    assert saved.notes["goal"] == "ditulis saat terkunci"


async def test_a_lost_key_file_is_never_mistaken_for_a_first_run(
    demo_services: Services, sitante_home: Path, clock: FakeClock
) -> None:
    """A workspace full of records whose key file went missing must not offer to create new keys
    (they could never open the old data): the coach is told to restore the file, and once it is
    back the same screen opens the workspace."""
    key_file = demo_services.workspace.coach_key_file
    backup = sitante_home.parent / "coach-key-backup.age"
    key_file.rename(backup)
    services = frozen(build_services(sitante_home), clock)
    app = SitanteApp(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert "Berkas kunci tidak ditemukan" in screen_text(app)
        await pilot.press(*"kopi-pagi-di-denpasar", "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert not key_file.exists()  # nothing was created in its place
        backup.rename(key_file)  # restored from the backup
        await pilot.press(*"kopi-pagi-di-denpasar", "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Ni Luh Putu" in screen_text(app)


async def test_follow_up_writes_the_next_session_as_a_calendar_file(
    demo_services: Services, tmp_path: Path
) -> None:
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        session_at(app, "e-ayu", "follow_up")
        await settle(pilot)
        flow = app.screen.flow

        async def export_to(path: Path) -> str:
            await pilot.click("#ics")
            await settle(pilot)
            assert isinstance(app.screen, PathScreen)
            app.screen.query_one("#path", Input).value = str(path)
            await pilot.click("#save")
            await settle(pilot)
            return str(app.screen.query_one("#ics-status", Static).render())

        app.screen.query_one("#next-date", Input).value = "2026-12-14"
        await settle(pilot)
        target = tmp_path / "kalender" / "sesi-4.ics"
        status = await export_to(target)
        assert f"Tersimpan: {target}" in status
        ics = target.read_bytes().decode()
        assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
        assert "DTSTART" in ics and "20261214" in ics
        assert "Sesi coaching 4 — Ni Luh Putu Ayu Lestari" in ics.replace("\r\n ", "")

        # A folder that cannot be written: the reason is shown and the session goes on.
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x")
        status = await export_to(blocker / "sesi-4.ics")
        assert "Gagal menyimpan:" in status
        assert isinstance(app.screen, SessionScreen) and app.screen.flow is flow

        # The programme ends with this session: there is no next date to put in a calendar.
        await pilot.click("#end-programme")
        await settle(pilot)
        status = await export_to(tmp_path / "none.ics")
        assert "Gagal menyimpan: belum ada tanggal sesi berikutnya" in status
        assert not (tmp_path / "none.ics").exists()


async def test_each_group_member_confirms_their_own_plan(demo_services: Services) -> None:
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        session_at(app, "e-group", "review")
        await settle(pilot)
        flow = app.screen.flow
        app.screen.query_one("#confirm-made").press()
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert flow.current.value == "review"  # Ketut has not confirmed yet
        app.screen.query_one("#confirm-ketut").press()
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert flow.current.value == "follow_up"


async def test_history_exports_and_erases_a_coachee(
    demo_services: Services, tmp_path: Path
) -> None:
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.show_history("wayan")
        await settle(pilot)
        assert "Wayan Budiasa" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#path").value = str(tmp_path / "wayan.zip")
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "wayan.zip").exists()
        await pilot.press("ctrl+delete")
        await settle(pilot)
        await pilot.press("tab", "enter")  # the dangerous choice needs a deliberate move
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "wayan" not in app.roster.coachees
    assert "wayan" not in Records(demo_services.vault).load().coachees
