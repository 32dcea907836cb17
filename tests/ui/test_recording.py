"""Recording in the session screen, through the real PortAudio stack and the virtual microphone:
consent first, the bar with time and level, pause, stage markers, withdrawal with deletion, and a
clear message (the session goes on) when the microphone is missing or disappears."""

from __future__ import annotations

import sys
import threading
import time
import wave
from collections.abc import Callable, Iterator
from importlib.abc import MetaPathFinder
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from mic_support import play, start_virtual_mic
from textual.pilot import Pilot
from ui_support import session_at, settle

from sitante_tui.audio.segment_store import EncryptedSegmentStore
from sitante_tui.services import Services
from sitante_tui.ui.app import SitanteApp
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.screens.session_screen import SessionScreen
from sitante_tui.ui.screens.settings_screen import SettingsScreen
from sitante_tui.ui.widgets.recording_bar import RecordingBar


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], timeout: float) -> bool:
    """Let the app run until ``condition`` holds (the recorder runs in its own threads)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


def notices(app: SitanteApp) -> str:
    """Every notification shown so far, as one text."""
    return "\n".join(n.message for n in app._notifications)


def bar_text(app: SitanteApp) -> str:
    bar = app.screen.query_one(RecordingBar)
    return bar.render().plain if bar.display else ""


def write_tone(path: Path, seconds: float, level: float = 0.4) -> Path:
    t = np.arange(int(seconds * 16_000)) / 16_000
    pcm = (level * 32767 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16_000)
        wav.writeframes(pcm.tobytes())
    return path


@pytest.fixture
def mic(demo_services: Services) -> Iterator[None]:
    """The real virtual microphone; no live transcription (its own test loads the model)."""
    start_virtual_mic()
    demo_services.settings.transcription_mode = "off"
    yield


async def test_ctrl_r_before_consent_is_refused_with_the_reason(demo_services: Services) -> None:
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        session_at(app, "e-ayu", "consent")  # the question is not answered yet
        await settle(pilot)
        assert bar_text(app) == ""  # no recording line before a "yes"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "Perekaman memerlukan persetujuan coachee" in notices(app)
        session_id = app.screen.flow.session.id
    assert not (demo_services.workspace.audio_dir / session_id).exists()


@pytest.mark.slow
async def test_record_pause_mark_withdraw_and_delete(
    demo_services: Services, mic: None, tmp_path: Path
) -> None:
    app = SitanteApp(demo_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        session_at(app, "e-ayu", "consent")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.click("#consent-yes")
        await settle(pilot)
        assert "ctrl+r" in bar_text(app)  # consent given: the bar offers recording

        await pilot.press("ctrl+r")
        assert await wait_for(pilot, lambda: "● REKAM" in bar_text(app), 10), bar_text(app)
        player = play(write_tone(tmp_path / "tone.wav", 2.5))
        assert await wait_for(pilot, lambda: "▮▮▮▮" in bar_text(app), 8), bar_text(app)
        assert await wait_for(pilot, lambda: "00:02" in bar_text(app), 8), bar_text(app)
        player.wait(5)
        assert "Izin rekaman" in bar_text(app)  # the current stage

        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "‖ JEDA" in bar_text(app) and "ctrl+r lanjut" in bar_text(app)
        paused_at = bar_text(app).split()[2]
        await pilot.pause(0.5)
        assert bar_text(app).split()[2] == paused_at  # the clock stands still while paused
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "● REKAM" in bar_text(app)

        await pilot.press("ctrl+n")  # on to confidentiality: a stage marker goes in
        await settle(pilot)
        assert "Kerahasiaan" in bar_text(app)
        await pilot.press("ctrl+b")  # and back: withdrawal happens at the consent step
        await settle(pilot)
        markers = [m.stage for m in demo_services.audio.active.markers]
        assert markers == ["consent", "confidentiality", "consent"]

        began = time.monotonic()
        await pilot.press("f4")
        await settle(pilot)
        assert time.monotonic() - began < 1.5  # capture stopped within a second
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one(".dialog-text").render())
        assert "Perekaman dihentikan" in question and "Hapus rekaman ini?" in question
        folder = demo_services.workspace.audio_dir / screen.flow.session.id
        files = sorted(p.name for p in folder.iterdir())
        assert "r01-seg00000.age" in files and "r01-markers.age" in files
        store = EncryptedSegmentStore(folder, demo_services.keys.recipient)
        stages = [m.stage for m in store.read_markers(demo_services.keys.identity)]
        assert stages == ["consent", "confidentiality", "consent"]
        await pilot.click("#yes")
        await settle(pilot)
        assert "Rekaman dihapus" in notices(app)
        assert "Izin perekaman ditarik" in str(app.screen.query_one("#consent-status").render())
        assert not folder.exists()  # really gone, not just hidden
        assert "REKAM" not in bar_text(app)


@pytest.mark.slow
async def test_a_missing_microphone_is_explained_and_the_session_goes_on(
    demo_services: Services, mic: None
) -> None:
    demo_services.settings.audio_device = "Mikrofon USB Rapat"  # not connected here
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        session_at(app, "e-ayu", "consent")
        await settle(pilot)
        await pilot.click("#consent-yes")
        await pilot.press("ctrl+r")
        assert await wait_for(pilot, lambda: "tidak tersambung" in notices(app), 10)
        assert "Mikrofon USB Rapat" in notices(app)
        assert "Sesi tetap berjalan tanpa rekaman" in notices(app)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.flow.current.value == "confidentiality"
        session_id = app.screen.flow.session.id
    assert not (demo_services.workspace.audio_dir / session_id).exists()


class VanishingStream:
    """An input stream that delivers a second of tone, then ends by itself.

    A microphone unplugged mid-session cannot be staged on CI (the null sink never goes away),
    so this stands in for ``sounddevice.InputStream`` through the ``stream_factory`` seam; the
    real recorder, segment store and UI run as usual.
    """

    def __init__(self, *, callback: Any, finished_callback: Any, blocksize: int, **_: Any) -> None:
        self.callback, self.finished = callback, finished_callback
        self.blocksize = blocksize
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        tone = (0.3 * 32767 * np.sin(np.arange(self.blocksize) / 3)).astype(np.int16)
        for _ in range(10):
            self.callback(tone.reshape(-1, 1), self.blocksize, None, None)
            time.sleep(0.1)
        self.finished()  # PortAudio's "stream finished" without anyone asking

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None: ...

    def abort(self) -> None: ...

    def close(self) -> None: ...


async def test_a_microphone_lost_mid_session_keeps_what_was_recorded(
    demo_services: Services,
) -> None:
    demo_services.settings.transcription_mode = "off"
    demo_services.audio.stream_factory = VanishingStream
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        session_at(app, "e-ayu", "consent")
        await settle(pilot)
        await pilot.click("#consent-yes")
        await pilot.press("ctrl+r")
        assert await wait_for(pilot, lambda: "Mikrofon terputus" in notices(app), 10)
        assert await wait_for(pilot, lambda: "■ BERHENTI" in bar_text(app), 2), bar_text(app)
        assert "ctrl+r rekam lagi" in bar_text(app)
        folder = demo_services.workspace.audio_dir / app.screen.flow.session.id
        assert any(p.name.startswith("r01-seg") for p in folder.iterdir())  # nothing lost
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.flow.current.value == "confidentiality"  # the session goes on


class _NoPortAudio(MetaPathFinder):
    """``import sounddevice`` fails as it does where libportaudio is not installed."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return None


async def test_settings_say_why_no_microphone_can_be_listed(
    demo_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PortAudio cannot be uninstalled for one test: its import is made to fail exactly as
    sounddevice's own import does without it."""
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPortAudio(), *sys.meta_path])
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        problem = str(app.screen.query_one("#audio-problem").render())
        assert "PortAudio tidak terpasang" in problem
