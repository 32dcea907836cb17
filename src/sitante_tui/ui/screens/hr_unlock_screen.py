"""Unlock HR's identity (at start, and after the idle lock) with its passphrase.

Key derivation is slow on purpose (scrypt), so it runs in a thread worker and the screen stays
live. The screen is opaque: while it is up, nothing of the programme is visible.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, LoadingIndicator, Static

from sitante_tui.i18n import t
from sitante_tui.ui.screens.hr_base import HrDesk, HrUnlocker
from sitante_tui.ui.screens.hr_messages import HrUnlocked, HrUnlockFailed


class HrUnlockScreen(ModalScreen[HrDesk | None]):
    """Asks for the passphrase until it is right; dismisses with the unlocked desk."""

    DEFAULT_CSS = """
    HrUnlockScreen { background: $background; align: center middle; }
    HrUnlockScreen #hr-unlock-box {
        width: 72; max-width: 100%; height: auto; border: round $primary; padding: 1 2;
    }
    HrUnlockScreen .hr-unlock-path { color: $text-muted; height: auto; }
    HrUnlockScreen #passphrase { margin-top: 1; }
    HrUnlockScreen #hr-unlock-message { height: auto; margin-top: 1; }
    HrUnlockScreen #hr-unlock-message.-error { color: $error; }
    HrUnlockScreen LoadingIndicator { height: 1; }
    """

    BINDINGS = [Binding("escape", "quit", t("hr.app.key.quit"))]

    def __init__(
        self,
        unlocker: HrUnlocker,
        *,
        identity_file: Path,
        shared_dir: Path,
        locked: bool = False,
        demo_passphrase: str | None = None,
    ) -> None:
        super().__init__()
        self.unlocker = unlocker
        self.identity_file = identity_file
        self.shared_dir = shared_dir
        self.locked = locked
        self.demo_passphrase = demo_passphrase
        self.attempts = 0

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="hr-unlock-box"):
            title = t("hr.app.locked_title" if self.locked else "hr.dashboard.unlock")
            yield Static(title, classes="dialog-title")
            yield Static(
                t("hr.app.identity_file", path=self.identity_file), classes="hr-unlock-path"
            )
            yield Static(t("hr.app.shared_folder", path=self.shared_dir), classes="hr-unlock-path")
            yield Input(password=True, id="passphrase", placeholder=t("hr.app.passphrase"))
            yield LoadingIndicator(id="deriving")
            message = ""
            if self.demo_passphrase:
                message = t("hr.app.demo_hint", passphrase=self.demo_passphrase)
            yield Static(message, id="hr-unlock-message")

    def on_mount(self) -> None:
        self.query_one("#deriving").display = False
        self.query_one("#passphrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        event.input.disabled = True
        self.query_one("#deriving").display = True
        self._show(t("hr.app.deriving"), error=False)
        self.derive(event.value)

    @work(thread=True, group="hr-unlock", exclusive=True, exit_on_error=False)
    def derive(self, passphrase: str) -> None:
        """Open the identity off the UI thread; report the outcome as a message."""
        try:
            desk = self.unlocker(passphrase)
        except OSError as exc:
            self.post_message(HrUnlockFailed("hr.app.unreadable", {"error": exc.strerror or exc}))
        except Exception as exc:  # the unlocker names its reason with a catalogue key
            key = getattr(exc, "key", None)
            params = dict(getattr(exc, "params", {}) or {})
            if not isinstance(key, str):
                key, params = "hr.app.unlock_failed", {"error": type(exc).__name__}
            self.post_message(HrUnlockFailed(key, params))
        else:
            self.post_message(HrUnlocked(desk))

    def on_hr_unlocked(self, event: HrUnlocked) -> None:
        self.dismiss(event.desk)

    def on_hr_unlock_failed(self, event: HrUnlockFailed) -> None:
        self.attempts += 1
        passphrase = self.query_one("#passphrase", Input)
        passphrase.disabled = False
        passphrase.value = ""
        passphrase.focus()
        self.query_one("#deriving").display = False
        self._show(t(event.reason, **event.params), error=True)

    def action_quit(self) -> None:
        self.app.exit()

    def _show(self, text: str, *, error: bool) -> None:
        message = self.query_one("#hr-unlock-message", Static)
        message.update(text)
        message.set_class(error, "-error")
