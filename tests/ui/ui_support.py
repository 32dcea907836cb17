"""Shared helpers of the UI tests: frozen time and a hand-moved monotonic clock."""

from __future__ import annotations

from datetime import date, datetime

from sitante_tui.services import Services

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, 30)


class FakeClock:
    """A monotonic clock the test moves by hand (the timers never move on their own)."""

    def __init__(self) -> None:
        self.t = 5000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, minutes: float) -> None:
        self.t += minutes * 60


def frozen(services: Services, clock: FakeClock) -> Services:
    services.clock = clock
    services.now = lambda: NOW
    services.today = lambda: TODAY
    return services
