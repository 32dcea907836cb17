"""Unlock (at start, and after the idle lock): the passphrase opens the coach's keys.

Key derivation is slow on purpose (scrypt), so it runs in a thread worker and the screen stays
live. The screen is opaque: while it is up, nothing of the workspace is visible.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, LoadingIndicator, Static

from sitante_tui.crypto import coach_keys
from sitante_tui.crypto.age_errors import AgeError, WrongPassphrase
from sitante_tui.i18n import t
from sitante_tui.services import Services
from sitante_tui.ui.messages import Unlocked, UnlockFailed


class UnlockScreen(ModalScreen[bool]):
    """Asks for the passphrase until it is right; dismisses with True once unlocked."""

    DEFAULT_CSS = """
    UnlockScreen { background: $background; align: center middle; }
    UnlockScreen #unlock-box { width: 64; height: auto; border: round $primary; padding: 1 2; }
    UnlockScreen #unlock-message { height: auto; margin-top: 1; }
    UnlockScreen #unlock-message.-error { color: $error; }
    UnlockScreen LoadingIndicator { height: 1; }
    """

    def __init__(self, services: Services, *, locked: bool = False) -> None:
        super().__init__()
        self.services = services
        self.locked = locked
        self.attempts = 0

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="unlock-box"):
            title = t("unlock.locked_title" if self.locked else "unlock.title")
            yield Static(title, classes="dialog-title")
            yield Static(t("unlock.prompt"), classes="hint")
            yield Input(password=True, id="passphrase", placeholder=t("unlock.placeholder"))
            yield LoadingIndicator(id="deriving")
            message = ""
            if self.services.demo_passphrase:
                message = t("unlock.demo_hint", passphrase=self.services.demo_passphrase)
            yield Static(message, id="unlock-message")

    def on_mount(self) -> None:
        self.query_one("#deriving").display = False
        self.query_one("#passphrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        event.input.disabled = True
        self.query_one("#deriving").display = True
        self._show(t("unlock.deriving"), error=False)
        self.derive(event.value)

    @work(thread=True, group="unlock", exclusive=True, exit_on_error=False)
    def derive(self, passphrase: str) -> None:
        """Run the slow key derivation off the UI thread; report the outcome as a message."""
        try:
            self.services.unlock(passphrase)
        except WrongPassphrase:
            self.post_message(UnlockFailed("unlock.wrong"))
        except coach_keys.MissingKeyFile:
            self.post_message(
                UnlockFailed("unlock.missing", str(self.services.workspace.coach_key_file))
            )
        except AgeError:
            self.post_message(
                UnlockFailed("unlock.damaged", str(self.services.workspace.coach_key_file))
            )
        except OSError as exc:
            self.post_message(UnlockFailed("unlock.unreadable", exc.strerror or ""))
        else:
            self.post_message(Unlocked())

    def on_unlocked(self, event: Unlocked) -> None:
        self.dismiss(True)

    def on_unlock_failed(self, event: UnlockFailed) -> None:
        self.attempts += 1
        passphrase = self.query_one("#passphrase", Input)
        passphrase.disabled = False
        passphrase.value = ""
        passphrase.focus()
        self.query_one("#deriving").display = False
        self._show(
            t(event.reason, path=event.detail, error=event.detail, n=self.attempts), error=True
        )

    def _show(self, text: str, *, error: bool) -> None:
        message = self.query_one("#unlock-message", Static)
        message.update(text)
        message.set_class(error, "-error")
