"""The shared shape of the unlock screens (the coach's keys, HR's identity).

Key derivation is slow on purpose (scrypt), so opening runs in a thread worker and the screen stays
live. The screen is opaque: while it is up, nothing behind it is visible. A wrong passphrase (or a
missing, damaged or unreadable key file) is said in the screen's own words and the coach or HR
officer simply tries again.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, LoadingIndicator, Static

from sitante_tui.i18n import t

ResultT = TypeVar("ResultT")


class PassphraseRefused(Exception):
    """Raised by :meth:`PassphraseScreen.open_with`: the catalogue key (and values) to show."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


class PassphraseScreen(ModalScreen[ResultT], Generic[ResultT]):
    """Asks for a passphrase until :meth:`open_with` accepts it; dismisses with its result."""

    DEFAULT_CSS = """
    PassphraseScreen { background: $background; align: center middle; }
    PassphraseScreen #passphrase-box {
        width: 72; max-width: 100%; height: auto; border: round $primary; padding: 1 2;
    }
    PassphraseScreen .passphrase-line { color: $text-muted; height: auto; }
    PassphraseScreen #passphrase { margin-top: 1; }
    PassphraseScreen #passphrase-message { height: auto; margin-top: 1; }
    PassphraseScreen #passphrase-message.-error { color: $error; }
    PassphraseScreen LoadingIndicator { height: 1; }
    """

    class Opened(Message):
        """The passphrase opened the key; ``result`` is what the screen dismisses with."""

        def __init__(self, result: object) -> None:
            super().__init__()
            self.result = result

    class Refused(Message):
        """The passphrase did not open the key (``reason`` is a catalogue key)."""

        def __init__(self, reason: str, params: dict[str, object]) -> None:
            super().__init__()
            self.reason = reason
            self.params = params

    def __init__(
        self, *, title: str, lines: list[str], placeholder: str, deriving: str, demo_hint: str = ""
    ) -> None:
        super().__init__()
        self.deriving = deriving
        self.title_text = title
        self.lines = lines
        self.placeholder = placeholder
        self.demo_hint = demo_hint
        self.attempts = 0

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="passphrase-box"):
            yield Static(self.title_text, classes="dialog-title")
            for line in self.lines:
                yield Static(line, classes="passphrase-line")
            yield Input(password=True, id="passphrase", placeholder=self.placeholder)
            yield LoadingIndicator(id="deriving")
            yield Static(self.demo_hint, id="passphrase-message")

    def on_mount(self) -> None:
        self.query_one("#deriving").display = False
        self.query_one("#passphrase", Input).focus()

    def open_with(self, passphrase: str) -> ResultT:
        """Open the key (on a worker thread); raise :class:`PassphraseRefused` to refuse."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        event.input.disabled = True
        self.query_one("#deriving").display = True
        self._show(self.deriving, error=False)
        self._derive(event.value)

    @work(thread=True, group="unlock", exclusive=True, exit_on_error=False)
    def _derive(self, passphrase: str) -> None:
        try:
            result = self.open_with(passphrase)
        except PassphraseRefused as refused:
            self.post_message(self.Refused(refused.reason, refused.params))
        else:
            self.post_message(self.Opened(result))

    def on_passphrase_screen_opened(self, event: Opened) -> None:
        self.dismiss(event.result)  # type: ignore[arg-type]

    def on_passphrase_screen_refused(self, event: Refused) -> None:
        self.attempts += 1
        passphrase = self.query_one("#passphrase", Input)
        passphrase.disabled = False
        passphrase.value = ""
        passphrase.focus()
        self.query_one("#deriving").display = False
        self._show(t(event.reason, n=self.attempts, **event.params), error=True)

    def _show(self, text: str, *, error: bool) -> None:
        message = self.query_one("#passphrase-message", Static)
        message.update(text)
        message.set_class(error, "-error")
