"""The practice conversation: the trainee's questions, the coachee's replies and the feedback."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static


class PracticeLog(VerticalScroll):
    """A transcript-like log that grows at the bottom and keeps the newest entry in view."""

    DEFAULT_CSS = """
    PracticeLog { height: 1fr; border: round $primary 50%; padding: 0 1; }
    PracticeLog:focus { border: round $primary; }
    PracticeLog > Static { height: auto; }
    PracticeLog > .-you { margin-top: 1; text-style: bold; }
    PracticeLog > .-coachee { padding-left: 2; }
    PracticeLog > .-feedback { height: auto; padding-left: 2; color: $success; }
    PracticeLog > .-feedback.-warn { color: $warning; }
    PracticeLog > .-feedback > .-verdict { text-style: bold; }
    PracticeLog > .-feedback > .-tip { padding-left: 2; }
    PracticeLog > .-event { color: $accent; text-style: bold; }
    PracticeLog > .-scene { color: $text-muted; text-style: italic; }
    """

    def add_scene(self, text: str) -> None:
        """The situation the coachee is in, read before the first question."""
        self._add(Text(text), "-scene")

    def add_question(self, label: str, question: str) -> None:
        """The trainee's question."""
        self._add(Text.assemble((f"{label}: ", "bold"), question), "-you")

    def add_reply(self, label: str, reply: str) -> None:
        """What the simulated coachee answers."""
        self._add(Text.assemble((f"{label}: ", "italic"), reply), "-coachee")

    def add_feedback(self, verdict: str, tips: Sequence[str], *, good: bool) -> None:
        """The verdict on a question (stage, open/closed, flags) and the tips that explain it."""
        lines = [Static(Text(("✓ " if good else "• ") + verdict), classes="-verdict")]
        lines += [Static(Text(tip), classes="-tip") for tip in tips]
        entry = Vertical(*lines, classes="-feedback")
        entry.set_class(not good, "-warn")
        self._mount(entry)

    def add_event(self, message: str) -> None:
        """A change in the round: a stage reached or skipped, the round complete."""
        self._add(Text(message), "-event")

    def feedback(self) -> list[str]:
        """The feedback shown so far, one text per question (verdict and tips, one a line)."""
        return [
            "\n".join(str(line.content) for line in entry.query(Static))
            for entry in self.query(".-feedback")
        ]

    def clear_log(self) -> None:
        """Start an empty conversation."""
        self.remove_children()

    def _add(self, text: Text, kind: str) -> None:
        self._mount(Static(text, classes=kind))

    def _mount(self, entry: Widget) -> None:
        self.mount(entry)
        self.call_after_refresh(self.scroll_end, animate=False)
