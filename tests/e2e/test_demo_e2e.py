"""End to end, as a person sees it: ``sitante demo`` in a real terminal (tmux)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from tmux_support import TmuxSession, app_environment, sitante_argv


def test_demo_opens_on_the_home_screen_and_quits_cleanly(tmp_path: Path) -> None:
    session = TmuxSession(sitante_argv("demo"), env=app_environment(tmp_path))
    try:
        screen = session.wait_for("Coachee dan program")
        assert "DEMO — frasa sandi: kopi-pagi-di-denpasar" in screen
        assert "Ni Luh Putu Ayu Lestari" in screen
        assert "Sesi lanjutan" in screen and "(terlambat)" in screen
        session.send("F1")
        session.wait_for("Bantuan dan referensi")
        session.send("Escape")
        session.wait_for("Coachee dan program")
        session.send("q")
        session.wait_for("EXITED:0")
        assert list((tmp_path / "tmp").iterdir()) == []  # the demo workspace is gone
    finally:
        session.close()


def test_english_on_demand(tmp_path: Path) -> None:
    session = TmuxSession(sitante_argv("--lang", "en", "demo"), env=app_environment(tmp_path))
    try:
        screen = session.wait_for("Coachees and programmes")
        assert "DEMO — passphrase:" in screen and "Follow-up sessions" in screen
    finally:
        session.close()


def test_closing_the_terminal_still_removes_the_demo_workspace(tmp_path: Path) -> None:
    session = TmuxSession(sitante_argv("demo"), env=app_environment(tmp_path))
    try:
        session.wait_for("Coachee dan program")
        assert len(list((tmp_path / "tmp").iterdir())) == 1  # the throwaway workspace
        os.kill(session.app_pid(), signal.SIGHUP)  # what closing the terminal window sends
        session.wait_for("EXITED:")
        assert list((tmp_path / "tmp").iterdir()) == []
    finally:
        session.close()
