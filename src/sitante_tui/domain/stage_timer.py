"""Session and stage clocks on an injected monotonic clock, with pause/resume and overrun.

Time is accumulated into the session's ``stage_seconds`` table (seconds per step), which is saved
with the session: after a crash the clocks continue from the last save, not from zero.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from enum import StrEnum

Clock = Callable[[], float]

#: A stage clock turns to "near" at this share of its budget.
NEAR_SHARE = 0.8


class BudgetState(StrEnum):
    """Where a clock stands against its budget."""

    UNDER = "under"  # the session has not reached its minimum length yet
    WITHIN = "within"
    NEAR = "near"
    OVER = "over"


@dataclass(frozen=True)
class ClockReading:
    """What a clock shows: elapsed seconds, the budget, and the state to display."""

    elapsed: float
    budget: float
    state: BudgetState

    @property
    def remaining(self) -> float:
        """Seconds left in the budget (negative once over)."""
        return self.budget - self.elapsed


class SessionClock:
    """Times the current step and the whole session; pausing stops both."""

    def __init__(
        self,
        clock: Clock,
        stage_seconds: MutableMapping[str, float],
        step: str,
        *,
        running: bool = True,
    ) -> None:
        self._clock = clock
        self._seconds = stage_seconds
        self._step = step
        self._since: float | None = clock() if running else None

    @property
    def paused(self) -> bool:
        """Whether the clocks are stopped."""
        return self._since is None

    @property
    def step(self) -> str:
        """The step being timed."""
        return self._step

    def commit(self) -> None:
        """Add the running time to the current step's total (called before every save)."""
        if self._since is not None:
            now = self._clock()
            self._seconds[self._step] = self._seconds.get(self._step, 0.0) + (now - self._since)
            self._since = now

    def enter(self, step: str) -> None:
        """Close the current step's time and start timing ``step``."""
        self.commit()
        self._step = step

    def pause(self) -> None:
        """Stop both clocks (a break, or the screen locked with the session on hold)."""
        self.commit()
        self._since = None

    def resume(self) -> None:
        """Start the clocks again."""
        if self._since is None:
            self._since = self._clock()

    def stage_elapsed(self, step: str | None = None) -> float:
        """Seconds spent in ``step`` (default: the current one), the running part included."""
        step = step or self._step
        running = (
            self._clock() - self._since if self._since is not None and step == self._step else 0
        )
        return self._seconds.get(step, 0.0) + running

    def session_elapsed(self) -> float:
        """Seconds spent in the whole session so far, pauses excluded."""
        running = self._clock() - self._since if self._since is not None else 0.0
        return sum(self._seconds.values()) + running

    def stage_reading(self, budget_seconds: float) -> ClockReading:
        """The current stage against its budget."""
        elapsed = self.stage_elapsed()
        if elapsed > budget_seconds:
            state = BudgetState.OVER
        elif elapsed >= NEAR_SHARE * budget_seconds:
            state = BudgetState.NEAR
        else:
            state = BudgetState.WITHIN
        return ClockReading(elapsed, budget_seconds, state)

    def session_reading(self, minimum_seconds: float, maximum_seconds: float) -> ClockReading:
        """The session against its 45–60 minute window."""
        elapsed = self.session_elapsed()
        if elapsed > maximum_seconds:
            state = BudgetState.OVER
        elif elapsed >= maximum_seconds - 5 * 60:
            state = BudgetState.NEAR
        elif elapsed >= minimum_seconds:
            state = BudgetState.WITHIN
        else:
            state = BudgetState.UNDER
        return ClockReading(elapsed, maximum_seconds, state)
