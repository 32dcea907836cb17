"""Ask for a file path (exports), with a warning about what the file will contain."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from sitante_tui.i18n import t


class PathScreen(ModalScreen[Path | None]):
    """Returns the chosen path (``~`` expanded), or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", t("key.cancel"))]

    def __init__(self, title: str, default: Path, *, warning: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.warning = warning

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            if self.warning:
                yield Static(self.warning, classes="dialog-warning")
            yield Input(str(self.default), id="path")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.save"), id="save", variant="primary")
                yield Button(t("button.cancel"), id="cancel")

    def on_input_submitted(self) -> None:
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        self.dismiss(Path(text).expanduser() if text else None)
