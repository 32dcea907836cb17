"""What the coach sees when the disk fills up mid-session or a workspace file is damaged:
a clear message, nothing lost, and the app goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from disk_support import tiny_disk
from textual.pilot import Pilot
from ui_support import FakeClock, frozen, session_at, settle

from sitante_tui.services import Services, build_services
from sitante_tui.services.demo_workspace import seed_demo
from sitante_tui.store.records import Records
from sitante_tui.ui.app import SitanteApp
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.screens.home_screen import HomeScreen
from sitante_tui.ui.screens.session_screen import SessionScreen


def notices(app: SitanteApp) -> list[str]:
    return [n.message for n in app._notifications]


async def save_now(app: SitanteApp, pilot: Pilot[None], screen: SessionScreen) -> None:
    screen.autosave(force=True)
    await app.workers.wait_for_complete()
    await settle(pilot)


async def test_a_full_disk_is_said_once_and_the_session_saves_when_space_is_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    with tiny_disk(tmp_path / "disk", monkeypatch) as disk:
        services = frozen(build_services(disk.path), clock)
        seed_demo(services)
        app = SitanteApp(services)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            session_at(app, "e-ayu", "goal")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            await save_now(app, pilot, screen)
            session_id = screen.flow.session.id

            disk.fill()
            screen.flow.set_notes("goal", "Presentasi 10 menit di depan kepala dinas")
            await save_now(app, pilot, screen)
            await save_now(app, pilot, screen)  # the next autosave tick fails the same way
            full = [n for n in notices(app) if n.startswith("Disk penuh")]
            assert len(full) == 1  # said once, not on every tick
            assert "Versi sebelumnya tetap utuh" in full[0]
            # ctrl+s says it again, and never "saved" while nothing was written.
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert len([n for n in notices(app) if n.startswith("Disk penuh")]) == 2
            assert not any(n.startswith("Tersimpan") for n in notices(app))
            on_disk = Records(services.vault_required()).load().sessions[session_id]
            assert "kepala dinas" not in on_disk.notes.get("goal", "")  # previous version intact

            # Leaving now would be risky: the question says what is not saved.
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            assert "BELUM tersimpan" in app.screen.question
            await pilot.press("escape")  # stay
            await settle(pilot)

            disk.free()
            screen.autosave()  # the timer's tick, with no new edit since the failure
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert any(n.startswith("Tersimpan kembali") for n in notices(app))
        saved = Records(services.vault_required()).load().sessions[session_id]
        assert saved.notes["goal"] == "Presentasi 10 menit di depan kepala dinas"


async def test_a_damaged_file_is_named_and_everything_else_opens(demo_services: Services) -> None:
    roster = demo_services.load_roster()
    gede = next(c for c in roster.coachees.values() if c.name.startswith("I Gede"))
    damaged = demo_services.vault_required().path(f"data/coachees/{gede.id}")
    data = bytearray(damaged.read_bytes())
    data[-20] ^= 0x01  # one flipped bit in the ciphertext
    damaged.write_bytes(bytes(data))

    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        [message] = [n for n in notices(app) if n.startswith("Berkas berikut")]
        assert f"data/coachees/{gede.id}" in message and "Data lain tetap terbuka" in message
        assert gede.id not in app.roster.coachees
        assert len(app.roster.coachees) == len(roster.coachees) - 1
    assert damaged.read_bytes() == bytes(data)  # kept for recovery, never deleted


async def test_a_record_that_cannot_be_written_is_said_not_a_crash(
    demo_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Registration, follow-up and erasure all save through ``save_record``. A full disk is made
    for real in the test above; here the write is refused directly, for speed."""
    from sitante_tui.store.vault import DiskFull

    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)

        def full(self: object, record: object) -> None:
            raise DiskFull("data/coachees/x")

        monkeypatch.setattr(Records, "save", full)
        coachee = next(iter(app.roster.coachees.values()))
        assert app.save_record(coachee) is False
        await settle(pilot)
        assert any(n.startswith("Disk penuh: data ini BELUM tersimpan") for n in notices(app))
        assert isinstance(app.screen, HomeScreen)
