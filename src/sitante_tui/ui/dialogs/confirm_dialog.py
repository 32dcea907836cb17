"""A yes/no question in a modal dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sitante_tui.i18n import t


class ConfirmScreen(ModalScreen[bool]):
    """Returns True when the user confirms."""

    BINDINGS = [Binding("escape", "dismiss(False)", t("key.cancel"))]

    def __init__(
        self, question: str, *, yes: str | None = None, no: str | None = None, danger: bool = False
    ) -> None:
        super().__init__()
        self.question = question
        self.yes = yes or t("button.yes")
        self.no = no or t("button.no")
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="error" if self.danger else "primary")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
