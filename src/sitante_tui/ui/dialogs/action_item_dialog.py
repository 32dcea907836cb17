"""Add or edit one action-plan row: action, when, who, resources, expected result."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from sitante_tui.domain.models import ActionItem
from sitante_tui.i18n import t

FIELDS = ("action", "when", "who", "resources", "expected_result")


class ActionItemScreen(ModalScreen[ActionItem | None]):
    """Returns the edited row, or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]

    def __init__(self, item: ActionItem | None = None, *, coachee_name: str = "") -> None:
        super().__init__()
        self.item = item or ActionItem("")
        self.coachee_name = coachee_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = t("action.dialog_title_edit" if self.item.action else "action.dialog_title_new")
            yield Static(
                f"{title} — {self.coachee_name}" if self.coachee_name else title,
                classes="dialog-title",
            )
            for name in FIELDS:
                with Horizontal(classes="dialog-row"):
                    yield Label(t(f"action.{name}"))
                    yield Input(
                        getattr(self.item, name),
                        id=name,
                        placeholder=t(f"action.{name}_placeholder"),
                    )
            yield Static("", id="error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.save"), id="save", variant="primary")
                yield Button(t("button.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#action", Input).focus()

    def on_input_submitted(self) -> None:
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss(None)

    def save(self) -> None:
        """Return the row, if it names an action."""
        values = {name: self.query_one(f"#{name}", Input).value.strip() for name in FIELDS}
        if not values["action"]:
            self.query_one("#error", Static).update(t("action.needs_action"))
            self.query_one("#action", Input).focus()
            return
        self.dismiss(ActionItem(**values))

    def action_cancel(self) -> None:
        self.dismiss(None)
