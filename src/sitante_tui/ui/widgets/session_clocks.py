"""The session clock (against the 45–60 minute window) and the current stage's clock."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from sitante_tui.domain.session_flow import SessionFlow
from sitante_tui.domain.stage_timer import BudgetState
from sitante_tui.i18n import t


def clock_text(seconds: float) -> str:
    """``mm:ss`` (or ``-mm:ss`` for time over budget)."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(int(seconds))
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


class SessionClocks(Widget):
    """``Sesi 23:10 / 45–60 · Tahap 04:12 / 08:00``; ``-overrun`` and ``-near`` classes warn."""

    DEFAULT_CSS = """
    SessionClocks { width: auto; height: 1; padding: 0 1; }
    SessionClocks.-near { color: $warning; }
    SessionClocks.-overrun { color: $error; text-style: bold; }
    SessionClocks.-paused { color: $text-muted; }
    """

    def __init__(self, flow: SessionFlow, window: tuple[int, int], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.flow = flow
        self.window = window

    def on_mount(self) -> None:
        self.set_interval(1, self.refresh)

    def render(self) -> Text:
        flow = self.flow
        session = flow.session_reading(self.window)
        stage = flow.stage_reading()
        over = BudgetState.OVER in (session.state, stage.state)
        near = BudgetState.NEAR in (session.state, stage.state)
        self.set_class(over, "-overrun")
        self.set_class(near and not over, "-near")
        self.set_class(flow.timer.paused, "-paused")
        low, high = self.window
        text = Text(no_wrap=True)
        text.append(t("clock.session", elapsed=clock_text(session.elapsed), low=low, high=high))
        text.append("  ")
        stage_label = t(
            "clock.stage", elapsed=clock_text(stage.elapsed), budget=clock_text(stage.budget)
        )
        text.append(stage_label, style="bold" if stage.state is BudgetState.OVER else "")
        if stage.state is BudgetState.OVER:
            text.append(" " + t("clock.stage_over"))
        elif session.state is BudgetState.OVER:
            text.append(" " + t("clock.session_over"))
        if flow.timer.paused:
            text.append(" " + t("clock.paused"))
        return text
