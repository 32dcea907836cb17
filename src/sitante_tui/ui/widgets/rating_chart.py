"""A small bar chart of the coachee's Reality self-rating (1–10) across sessions."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from sitante_tui.i18n import t

_BLOCKS = " ▁▂▃▄▅▆▇█"


def bar_rows(points: Sequence[tuple[int, int]], height: int) -> list[str]:
    """Rows of a vertical bar chart (top row first) for ratings on a 1–10 scale."""
    rows = []
    for level in range(height, 0, -1):
        row = []
        for _, value in points:
            filled = value / 10 * height - (level - 1)
            index = max(0, min(8, round(filled * 8)))
            row.append(_BLOCKS[index] * 3)
        rows.append(" ".join(row))
    return rows


class RatingChart(Widget):
    """Bars of the self-rating per session, with the values and session numbers below."""

    DEFAULT_CSS = """
    RatingChart { height: 7; width: 1fr; padding: 0 1; color: $accent; }
    """

    def __init__(self, points: Sequence[tuple[int, int]] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.points = list(points)

    def update_points(self, points: Sequence[tuple[int, int]]) -> None:
        """Show another series."""
        self.points = list(points)
        self.refresh()

    def render(self) -> Text:
        if not self.points:
            return Text(t("chart.no_ratings"), style="dim")
        text = Text(no_wrap=True)
        text.append(t("chart.self_rating") + "\n", style="bold")
        for row in bar_rows(self.points, height=4):
            text.append(row + "\n")
        text.append(" ".join(f"{v:^3}" for _, v in self.points) + "\n", style="bold")
        text.append(" ".join(f"{'#' + str(n):^3}" for n, _ in self.points), style="dim")
        return text
