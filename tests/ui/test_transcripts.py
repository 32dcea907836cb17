"""Transcripts in a coachee's history: by GROW stage, searchable, deletable, feeding the
questioning feedback; and the after-session pass with its progress bar and Cancel."""

from __future__ import annotations

import io
import os
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mic_support import require_tools
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar, Static
from ui_support import session_at, settle

from sitante_tui.audio.segment_store import EncryptedSegmentStore
from sitante_tui.audio.segmenter import CutReason
from sitante_tui.audio.segments import ClosedSegment, StageMarker
from sitante_tui.services import Services
from sitante_tui.transcription.transcriber import TranscriptionCancelled
from sitante_tui.transcription.transcript import Transcript, TranscriptSegment
from sitante_tui.transcription.transcript_store import save_transcript
from sitante_tui.ui.app import SitanteApp
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.dialogs.transcribe_dialog import TranscribeScreen
from sitante_tui.ui.screens.session_screen import SessionScreen
from sitante_tui.ui.widgets.transcript_pane import TranscriptPane


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


def shown(app: SitanteApp, selector: str) -> str:
    """The text of one Static as the coach reads it (wide enough not to wrap)."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


async def press_button(pilot: Pilot[None], selector: str) -> None:
    """Scroll the history down to a button (as the coach would) and click it."""
    pilot.app.screen.query_one(selector).scroll_visible(animate=False)
    await settle(pilot)
    await pilot.click(selector)


def notices(app: SitanteApp) -> str:
    return "\n".join(n.message for n in app._notifications)


def last_session_of(services: Services, coachee: str) -> str:
    roster = services.load_roster()
    engagement = roster.engagements_of(coachee)[0]
    return roster.sessions_of(engagement.id)[-1].id


def record_audio(services: Services, session_id: str, pcm: bytes, stages: list[str]) -> Path:
    """Encrypted segments and stage markers on disk, as a recording leaves them."""
    folder = services.audio.audio_dir(session_id)
    store = EncryptedSegmentStore(folder, services.keys.recipient)
    step = len(pcm) // 2 // len(stages) * 2
    for index, stage in enumerate(stages):
        store.write_marker(StageMarker(index * step / 2 / 16_000, stage))
    store.write_segment(
        ClosedSegment(0, 0.0, pcm, CutReason.STOPPED, True, time.monotonic(), time.monotonic())
    )
    return folder


GEDE_TRANSCRIPT = Transcript(
    language="id",
    model="base",
    segments=[
        TranscriptSegment(0.0, 4.0, "Apa yang ingin Bapak capai tahun depan?", "goal"),
        TranscriptSegment(4.0, 9.0, "Saya ingin pindah ke jabatan fungsional JFT.", "goal"),
        TranscriptSegment(9.0, 14.0, "Sejauh mana Bapak sudah membaca aturan JFT?", "reality"),
        TranscriptSegment(14.0, 18.0, "Baru sebagian, belum semua.", "reality"),
    ],
)


async def test_history_shows_searches_and_deletes_the_transcript(demo_services: Services) -> None:
    session_id = last_session_of(demo_services, "gede")
    path = demo_services.audio.transcript_file(session_id)
    save_transcript(path, GEDE_TRANSCRIPT, demo_services.keys.recipient)
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.show_history("gede")
        await settle(pilot)
        text = shown(app, "#transcript-text")
        assert "Goal (Tujuan)" in text and "Reality (Kenyataan)" in text
        assert "Baru sebagian" in text
        assert "Transkrip lengkap (base)" in shown(app, "#transcript-status")
        # What was said feeds the questioning feedback (spoken questions replace typed ones).
        detail = shown(app, "#detail")
        section = detail[detail.index("Umpan balik bertanya") :]
        assert "Reality (Kenyataan): 1 pertanyaan" in section

        search = app.screen.query_one("#transcript-search", Input)
        search.value = "jft"
        await settle(pilot)
        assert '2 temuan untuk "jft"' in shown(app, "#transcript-matches")
        text = shown(app, "#transcript-text")
        assert "fungsional JFT" in text and "membaca aturan JFT" in text
        assert "Baru sebagian" not in text and "tahun depan" not in text
        body = app.screen.query_one("#transcript-text", Static).content
        highlighted = [body.plain[s.start : s.end] for s in body.spans if "yellow" in str(s.style)]
        assert highlighted == ["JFT", "JFT"]
        search.value = "diklat"
        await settle(pilot)
        assert 'Tidak ada temuan untuk "diklat"' in shown(app, "#transcript-matches")

        await press_button(pilot, "#delete_transcript")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#yes")
        await settle(pilot)
        assert "Transkrip dihapus" in notices(app)
        assert "Sesi ini tidak direkam" in shown(app, "#transcript-status")
    assert not path.exists()


def pane_text(app: SitanteApp) -> str:
    return shown(app, "#pane-text")


async def test_the_session_transcript_is_searchable_and_a_resumed_session_shows_it(
    demo_services: Services,
) -> None:
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        session_at(app, "e-gede", "reality")
        await settle(pilot)
        first = app.screen
        assert isinstance(first, SessionScreen)
        # The app was closed mid-session after the live draft had been saved; it is resumed.
        draft_path = demo_services.audio.transcript_file(first.flow.session.id, draft=True)
        save_transcript(draft_path, GEDE_TRANSCRIPT, demo_services.keys.recipient)
        app.pop_screen()
        app.push_screen(SessionScreen(demo_services, first.roster, first.flow))
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        pane = app.screen.query_one(TranscriptPane)
        assert not pane.shown

        await pilot.press("ctrl+f")
        await settle(pilot)
        assert pane.shown and app.focused is app.screen.query_one("#pane-search", Input)
        assert "Goal (Tujuan)" in pane_text(app) and "Baru sebagian" in pane_text(app)
        await pilot.press(*"jft")
        await settle(pilot)
        assert '2 temuan untuk "jft"' in str(pane.border_title)
        text = pane_text(app)
        assert "fungsional JFT" in text and "membaca aturan JFT" in text
        assert "Baru sebagian" not in text and "tahun depan" not in text
        # New draft passages that match join the results as they arrive.
        pane.add([("reality", "Atasan mendukung rencana JFT saya."), ("reality", "Hanya itu.")])
        await settle(pilot)
        assert '3 temuan untuk "jft"' in str(pane.border_title)
        assert "Atasan mendukung" in pane_text(app) and "Hanya itu" not in pane_text(app)
        await pilot.press("escape")  # clears the search, stays in the session
        await settle(pilot)
        assert "temuan" not in str(pane.border_title) and "Hanya itu" in pane_text(app)
        await pilot.press("escape")  # back to the step's fields
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.focused is not None and app.focused.id != "pane-search"


class WaitingTranscriber:
    """A transcriber that reports 40 % and then waits to be cancelled.

    Cancelling at a known point needs a pass that does not finish on its own; the real model
    is exercised in :func:`test_transcribe_now_with_the_real_model`.
    """

    label = "fake"

    def __init__(self) -> None:
        self.reached = threading.Event()

    def transcribe_windows(self, windows: Any, lang: str, **kwargs: Any) -> Transcript:
        list(windows)  # the audio really is decrypted
        kwargs["on_progress"](0.4)
        self.reached.set()
        cancel: threading.Event = kwargs["cancel_event"]
        cancel.wait(10)
        raise TranscriptionCancelled(Transcript(language=lang, complete=False))

    def transcribe_chunk(self, audio: Any, lang: str, *, offset: float = 0.0) -> Any:
        return []


async def test_after_session_pass_shows_progress_and_cancel_keeps_the_draft(
    demo_services: Services,
) -> None:
    session_id = last_session_of(demo_services, "gede")
    record_audio(demo_services, session_id, b"\x10\x00" * 16_000 * 3, ["goal", "reality"])
    draft = Transcript("id", [TranscriptSegment(0, 3, "draf langsung", "goal")], draft=True)
    draft_path = demo_services.audio.transcript_file(session_id, draft=True)
    save_transcript(draft_path, draft, demo_services.keys.recipient)
    before = draft_path.read_bytes()
    fake = WaitingTranscriber()
    demo_services.audio.make_transcriber = lambda lang: fake
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.show_history("gede")
        await settle(pilot)
        assert "Draf langsung" in shown(app, "#transcript-status")
        await press_button(pilot, "#transcribe")
        await settle(pilot)
        assert isinstance(app.screen, TranscribeScreen)
        assert await wait_for(pilot, fake.reached.is_set, 5)
        assert await wait_for(pilot, lambda: app.screen.query_one(ProgressBar).percentage == 0.4, 5)
        assert "Mentranskripsi… 40%" in shown(app, "#transcribe-status")
        await pilot.click("#cancel")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, TranscribeScreen), 5)
        assert "Transkripsi dibatalkan" in notices(app)
        assert "draf langsung" in shown(app, "#transcript-text")
    assert draft_path.read_bytes() == before  # the previous transcript is untouched
    assert not demo_services.audio.transcript_file(session_id).exists()


@pytest.fixture
def model_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The base model is assembled into a temporary cache, not the user's."""
    monkeypatch.setenv("SITANTE_CACHE", str(tmp_path_factory.mktemp("sitante-cache")))


@pytest.mark.slow
async def test_transcribe_now_with_the_real_model(
    demo_services: Services, model_cache: None, tmp_path: Path
) -> None:
    require_tools("espeak-ng")
    wav = tmp_path / "speech.wav"
    text = "Apa yang ingin Bapak capai dalam satu tahun ke depan?"
    subprocess.run(
        ["espeak-ng", "-v", "id", "-s", "140", "-w", str(wav), text], check=True, timeout=30
    )
    from sitante_tui.transcription.transcriber import decode_file

    pcm = (decode_file(wav) * 32767).astype("<i2").tobytes()
    session_id = last_session_of(demo_services, "gede")
    record_audio(demo_services, session_id, pcm + b"\0\0" * 8000, ["goal"])
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.show_history("gede")
        await settle(pilot)
        assert "Belum ada transkrip" in shown(app, "#transcript-status")
        await press_button(pilot, "#transcribe")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, TranscribeScreen), 120)
        assert "Transkrip lengkap disimpan" in notices(app)
        assert "Goal (Tujuan)" in shown(app, "#transcript-text")
        app.screen.query_one("#transcript-search", Input).value = "tahun"
        await settle(pilot)
        assert "1 temuan" in shown(app, "#transcript-matches")
    stored = demo_services.audio.transcript_file(session_id).read_bytes()
    assert stored.startswith(b"age-encryption.org/v1\n") and b"tahun" not in stored
    assert os.environ["SITANTE_CACHE"]
