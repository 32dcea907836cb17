"""After ``kill -9`` mid-session, the next start offers to resume the session where it was."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from tmux_support import TmuxSession, app_environment, sitante_argv

from sitante_tui.domain.models import Coach, Coachee, Engagement, ProgrammePlan
from sitante_tui.services import build_services

PASSPHRASE = "mangga manis di pagi hari"


def seed(home: Path) -> None:
    services = build_services(home)
    services.create_keys(PASSPHRASE, work_factor=10)
    services.save_profile(Coach("coach", "Ibu Penguji"))
    records = services.records
    records.save(Coachee("c1", "Putu Resume", "Seksi Diklat", "Analis"))
    plan = ProgrammePlan("Prioritas kerja", "Daftar prioritas mingguan", "", True)
    records.save(Engagement("e1", "coach", ["c1"], agendas={"c1": "Prioritas kerja"}, plan=plan))


def wait_for_autosave(home: Path, text: str, timeout: float = 20.0) -> None:
    """Wait until the session on disk (decrypted here) holds ``text`` in its Goal notes."""
    services = build_services(home)
    services.unlock(PASSPHRASE)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sessions = services.load_roster().sessions.values()
        if any(text in s.notes.get("goal", "") for s in sessions):
            return
        time.sleep(0.5)
    raise AssertionError("autosave did not write the notes")


def unlock(session: TmuxSession) -> None:
    session.wait_for("Buka sitante")
    session.type(PASSPHRASE)
    session.send("Enter")


def test_a_killed_session_resumes_at_its_step_with_its_notes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    seed(home)
    env = app_environment(home)
    first = TmuxSession(sitante_argv(), env=env)
    try:
        unlock(first)
        first.wait_for("Putu Resume")
        first.send("Enter")  # start a session with the highlighted coachee
        first.wait_for("Persiapan")
        first.send("C-n")
        first.wait_for("Check-in Putu Resume")
        first.send("7")
        first.send("C-n")
        first.wait_for("Belum ada jawaban")
        first.send("Tab", "Enter")  # no recording
        first.wait_for("Coachee tidak mengizinkan")  # answered before moving on, even under load
        first.send("C-n")
        first.wait_for("Sudah saya sampaikan")
        first.send("Enter")
        first.wait_for("Kerahasiaan sudah disampaikan")
        first.send("C-n")
        first.wait_for("Bank pertanyaan")
        first.send("Tab")
        first.type("TITIK-PULIH target 5 prioritas")
        wait_for_autosave(home, "TITIK-PULIH target 5 prioritas")
        os.kill(first.app_pid(), signal.SIGKILL)
        first.wait_for("EXITED:")
    finally:
        first.close()

    second = TmuxSession(sitante_argv(), env=env)
    try:
        unlock(second)
        screen = second.wait_for("belum selesai")
        assert "Sesi 1 dengan Putu Resume belum selesai" in screen and "Goal" in screen
        second.send("Enter")  # resume
        screen = second.wait_for("TITIK-PULIH target 5 prioritas")
        assert "▶5 Goal (Tujuan)" in screen
        assert "Tahap 00:0" in screen  # the clocks continue from the last save
    finally:
        second.close()
