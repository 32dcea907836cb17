"""Progress over practice rounds: the figures and trend, and a small bar chart of the scores."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from sitante_tui.domain.practice import RoundSummary
from sitante_tui.domain.practice_progress import Trend, progress
from sitante_tui.i18n import t
from sitante_tui.practice_feedback import progress_lines

_BLOCKS = " ▁▂▃▄▅▆▇█"
MAX_BAR_ROWS = 6
_TREND_STYLE = {Trend.IMPROVING: "green", Trend.DECLINING: "yellow"}


def score_bar_rows(scores: Sequence[int], height: int) -> list[str]:
    """Rows of a vertical bar chart (top row first) for scores from 0 to 100."""
    rows = []
    for level in range(height, 0, -1):
        cells = []
        for score in scores:
            filled = score / 100 * height - (level - 1)
            # A zero still gets a sliver on the bottom row, so that every round has its bar.
            lowest = 1 if level == 1 else 0
            cells.append(_BLOCKS[max(lowest, min(8, round(filled * 8)))] * 3)
        rows.append(" ".join(cells))
    return rows


class ScoreChart(Widget):
    """Bars of the latest round scores that fit the width, with the scores below."""

    DEFAULT_CSS = """
    ScoreChart { width: 1fr; height: 100%; color: $accent; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scores: list[int] = []

    def show(self, scores: Sequence[int]) -> None:
        """Show another series (oldest first)."""
        self.scores = list(scores)
        self.refresh()

    def render(self) -> Text:
        if not self.scores:
            return Text("")
        fit = max(1, (self.size.width + 1) // 4)
        scores = self.scores[-fit:]
        height = max(1, min(MAX_BAR_ROWS, self.size.height - 2))
        text = Text(no_wrap=True, overflow="crop")
        text.append(t("practice.screen.chart") + "\n", style="bold")
        for row in score_bar_rows(scores, height):
            text.append(row + "\n")
        text.append(" ".join(f"{s:^3}" for s in scores), style="bold")
        return text


class PracticeProgress(Horizontal):
    """Scores over past rounds: average, best, latest and trend beside the bars."""

    DEFAULT_CSS = """
    PracticeProgress { height: 7; border: round $secondary; padding: 0 1; }
    PracticeProgress.-empty { height: 3; }
    PracticeProgress.-empty > ScoreChart { display: none; }
    PracticeProgress > #progress-text { width: 1fr; height: 100%; margin-right: 2; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="progress-text")
        yield ScoreChart()

    def on_mount(self) -> None:
        self.border_title = t("practice.progress.title")

    def show(self, summaries: Sequence[RoundSummary]) -> None:
        """Show the progress over ``summaries`` (any order)."""
        report = progress(summaries)
        lines = progress_lines(report)
        self.set_class(not report.points, "-empty")
        text = Text(lines[0])
        if len(lines) > 1:
            text.append("\n" + lines[1], style=_TREND_STYLE.get(report.trend, ""))
        self.query_one("#progress-text", Static).update(text)
        self.query_one(ScoreChart).show([score for _, score in report.points])
