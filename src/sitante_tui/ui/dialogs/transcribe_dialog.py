"""The after-session pass over a whole recording, with a progress bar and a Cancel button."""

from __future__ import annotations

import threading

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, ProgressBar, Static

from sitante_tui.i18n import t
from sitante_tui.services import Services
from sitante_tui.services.audio_problems import RecordingProblem, TranscriptionCancelledByUser
from sitante_tui.ui.messages import TranscriptionFinished, TranscriptionProgressed


class TranscribeScreen(ModalScreen[bool]):
    """Transcribes ``session_id`` in a thread worker; returns True when a transcript was saved.

    Cancel stops between passages (within seconds); nothing is saved then, so the previous
    transcript or live draft stays as it was.
    """

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]

    def __init__(self, services: Services, session_id: str, number: int) -> None:
        super().__init__()
        self.services = services
        self.session_id = session_id
        self.number = number
        self.cancel_event = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="transcribe-dialog"):
            yield Static(t("transcription.dialog.title"), classes="dialog-title")
            yield Static(t("transcription.dialog.intro", n=self.number), classes="dialog-text")
            yield ProgressBar(total=100, show_eta=False, id="transcribe-progress")
            yield Static(t("transcription.dialog.loading"), id="transcribe-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("transcription.dialog.cancel"), id="cancel", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()
        self.run_pass()

    @work(thread=True, group="transcribe", exclusive=True, exit_on_error=False)
    def run_pass(self) -> None:
        """Decrypt, transcribe and save, off the UI thread; progress arrives as messages."""
        try:
            self.services.audio.transcribe(
                self.session_id,
                on_progress=lambda f: self.post_message(TranscriptionProgressed(f)),
                cancel=self.cancel_event,
            )
        except TranscriptionCancelledByUser:
            message = t("transcription.dialog.cancelled")
            self.post_message(TranscriptionFinished("cancelled", message))
        except RecordingProblem as exc:
            message = t("transcription.dialog.failed", reason=exc.message)
            self.post_message(TranscriptionFinished("failed", message))
        else:
            self.post_message(TranscriptionFinished("done", t("transcript.saved")))

    def on_transcription_progressed(self, event: TranscriptionProgressed) -> None:
        percent = round(event.fraction * 100)
        self.query_one(ProgressBar).update(progress=percent)
        if not self.cancel_event.is_set():
            self.query_one("#transcribe-status", Static).update(
                t("transcription.progress", percent=percent)
            )

    def on_transcription_finished(self, event: TranscriptionFinished) -> None:
        severity = "error" if event.outcome == "failed" else "information"
        self.app.notify(event.message, severity=severity, timeout=10)
        self.dismiss(event.outcome == "done")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.action_cancel()

    def action_cancel(self) -> None:
        """Stop at the next passage; the worker then reports "cancelled"."""
        self.cancel_event.set()
        self.query_one("#transcribe-status", Static).update(t("transcription.dialog.cancelling"))
        self.query_one("#cancel", Button).disabled = True
