"""The coachee's reflection and rating of the coach, filled after the session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, Static, TextArea

from sitante_tui.i18n import t
from sitante_tui.ui.widgets.rating_picker import RatingPicker


class LateReviewScreen(ModalScreen[tuple[str, int | None, bool] | None]):
    """Returns ``(reflection, rating 1–5 or None, coach change requested)``."""

    BINDINGS = [Binding("escape", "dismiss(None)", t("key.cancel"))]

    def __init__(self, coachee_name: str) -> None:
        super().__init__()
        self.coachee_name = coachee_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("review.late_title", name=self.coachee_name), classes="dialog-title")
            yield Label(t("review.reflection"))
            yield TextArea(id="reflection")
            with Horizontal(classes="dialog-row"):
                yield Label(t("review.coach_rating"))
                yield RatingPicker(5, id="rating")
            yield Checkbox(t("review.coach_change"), id="change")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.save"), id="save", variant="primary")
                yield Button(t("button.cancel"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "save":
            self.dismiss(None)
            return
        self.dismiss(
            (
                self.query_one("#reflection", TextArea).text,
                self.query_one("#rating", RatingPicker).value,
                self.query_one("#change", Checkbox).value,
            )
        )
