"""HR's charts: sessions per month, and a coachee's self-rating over sessions (vertical bars).

Both fit their bars to the height they are given and never wrap (a wrapped row would shift the
bars under the wrong labels).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from sitante_tui.i18n import t
from sitante_tui.ui.formatting import clip
from sitante_tui.ui.widgets.rating_chart import bar_rows

_BLOCKS = " ▁▂▃▄▅▆▇█"
COLUMN = 4  # characters per month: a 3-wide bar and a gap
MAX_BAR_HEIGHT = 10


def month_bars(counts: Sequence[int], height: int) -> list[str]:
    """Rows of a vertical bar chart (top row first), scaled to the largest count."""
    top = max(counts, default=0) or 1
    rows = []
    for level in range(height, 0, -1):
        row = []
        for value in counts:
            filled = value / top * height - (level - 1)
            row.append(_BLOCKS[max(0, min(8, round(filled * 8)))] * 3)
        rows.append(" ".join(row))
    return rows


class MonthChart(Widget):
    """Sessions per calendar month, the latest months that fit the width, counts on top."""

    DEFAULT_CSS = """
    MonthChart {
        height: 9; width: 1fr; padding: 0 1; color: $accent;
        text-wrap: nowrap; text-overflow: clip;
    }
    """

    def __init__(self, series: Sequence[tuple[str, int]] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.series = list(series)

    def update_series(self, series: Sequence[tuple[str, int]]) -> None:
        """Show another series of ``(YYYY-MM, sessions)``."""
        self.series = list(series)
        self.refresh()

    def render(self) -> Text:
        if not self.series:
            return Text(t("hr.dashboard.no_data"), style="dim")
        fits = max(1, (self.size.width - 2 + 1) // COLUMN)
        shown = self.series[-fits:]
        counts = [count for _, count in shown]
        text = Text(no_wrap=True, overflow="crop")
        title = t("hr.dashboard.sessions_per_month_chart")
        if len(shown) < len(self.series):
            title = t("hr.app.chart_latest", n=len(shown))
        text.append(clip(title, self.size.width), style="bold")
        text.append("\n" + " ".join(f"{c:^3}" for c in counts) + "\n", style="bold")
        height = max(1, min(MAX_BAR_HEIGHT, self.size.height - 5))
        for row in month_bars(counts, height):
            text.append(row + "\n")
        months = [t(f"date.month_short.{int(key[5:])}")[:3] for key, _ in shown]
        text.append(" ".join(f"{m:^3}" for m in months) + "\n", style="dim")
        years = []
        for index, (key, _) in enumerate(shown):
            first = index == 0 or key[5:] == "01"
            years.append(f"'{key[2:4]}" if first else "   ")
        text.append(" ".join(years).rstrip(), style="dim")
        return text


class SelfRatingChart(Widget):
    """The coachee's Reality self-rating (1–10) per session, bars as tall as the widget allows."""

    DEFAULT_CSS = """
    SelfRatingChart {
        height: 8; width: 1fr; padding: 0 1; color: $accent;
        text-wrap: nowrap; text-overflow: clip;
    }
    """

    def __init__(self, ratings: Sequence[int] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.ratings = list(ratings)

    def update_ratings(self, ratings: Sequence[int]) -> None:
        """Show another coachee's ratings, oldest session first."""
        self.ratings = list(ratings)
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        text.append(clip(t("hr.app.self_rating_chart"), self.size.width) + "\n", style="bold")
        if not self.ratings:
            text.append(t("chart.no_ratings"), style="dim")
            return text
        fits = max(1, (self.size.width + 1) // COLUMN)
        shown = list(enumerate(self.ratings, start=1))[-fits:]
        height = max(1, min(MAX_BAR_HEIGHT, self.size.height - 3))
        for row in bar_rows([(n, value) for n, value in shown], height=height):
            text.append(row + "\n")
        text.append(" ".join(f"{v:^3}" for _, v in shown) + "\n", style="bold")
        text.append(" ".join(f"{'#' + str(n):^3}" for n, _ in shown), style="dim")
        return text
