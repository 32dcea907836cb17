"""Progress over practice rounds: scores over time and their trend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sitante_tui.domain.practice import RoundSummary


class Trend(StrEnum):
    """How scores move over time."""

    IMPROVING = "improving"
    STEADY = "steady"
    DECLINING = "declining"
    NOT_ENOUGH = "not_enough"


@dataclass(frozen=True)
class ProgressReport:
    """Scores over time. ``change`` = mean score of the later half of the rounds minus the
    earlier half; ``trend`` is improving from +5 points, declining from -5."""

    points: tuple[tuple[datetime, int], ...]
    open_shares: tuple[float, ...]
    average: float
    best: int
    latest: int
    change: float
    trend: Trend


def progress(rounds: Sequence[RoundSummary]) -> ProgressReport:
    """Progress over past rounds (any order; sorted by start time)."""
    ordered = sorted(rounds, key=lambda r: r.started_at)
    scores = [r.score for r in ordered]
    if not scores:
        return ProgressReport((), (), 0.0, 0, 0, 0.0, Trend.NOT_ENOUGH)
    half = len(scores) // 2
    change = 0.0
    trend = Trend.NOT_ENOUGH
    if len(scores) >= 2:
        later = scores[len(scores) - half :]
        change = round(sum(later) / len(later) - sum(scores[:half]) / half, 1)
        trend = (
            Trend.IMPROVING if change >= 5 else Trend.DECLINING if change <= -5 else Trend.STEADY
        )
    return ProgressReport(
        points=tuple((r.started_at, r.score) for r in ordered),
        open_shares=tuple(round(r.open_share, 3) for r in ordered),
        average=round(sum(scores) / len(scores), 1),
        best=max(scores),
        latest=scores[-1],
        change=change,
        trend=trend,
    )
