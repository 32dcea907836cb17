"""A keyboard-first picker for a rating on a small scale (1–10 check-in, 1–5 coach rating)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class RatingPicker(Widget, can_focus=True):
    """``[1][2]…[10]``: arrows move, digits jump (0 is 10), enter or space picks."""

    DEFAULT_CSS = """
    RatingPicker { height: 1; width: auto; min-width: 12; }
    RatingPicker:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("enter,space", "pick", show=False),
    ]

    value: reactive[int | None] = reactive(None)
    cursor = reactive(1)

    @dataclass
    class Changed(Message):
        """The rating was picked."""

        picker: RatingPicker
        value: int

    def __init__(self, maximum: int = 10, value: int | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.maximum = maximum
        self.set_reactive(RatingPicker.value, value)
        self.set_reactive(RatingPicker.cursor, value or (maximum + 1) // 2)

    def render(self) -> Text:
        text = Text(no_wrap=True)
        for n in range(1, self.maximum + 1):
            style = "reverse bold" if n == self.value else ""
            if n == self.cursor and self.has_focus:
                style += " underline"
            text.append(f" {n} ", style=style.strip())
        return text

    def action_move(self, delta: int) -> None:
        self.cursor = max(1, min(self.maximum, self.cursor + delta))

    def action_pick(self) -> None:
        self.choose(self.cursor)

    def choose(self, value: int) -> None:
        """Pick ``value`` and announce it."""
        self.value = self.cursor = value
        self.post_message(self.Changed(self, value))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            digit = int(event.character) or 10
            if digit <= self.maximum:
                event.stop()
                self.choose(digit)

    def on_click(self, event: events.Click) -> None:
        self.choose(max(1, min(self.maximum, event.x // 3 + 1)))
