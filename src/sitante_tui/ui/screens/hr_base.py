"""The base of the HR app's screens, and :class:`HrDesk`: what the app needs from HR's side.

The headless HR side (``cli.hr.HrOffice``) sits above the UI layer, so the app names only this
protocol; ``run_hr_app`` hands in an unlock function that returns one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol, cast

from textual.screen import Screen

from sitante_tui.domain.hr_dashboard import HrDashboard
from sitante_tui.domain.hr_summary import SessionSummary

if TYPE_CHECKING:
    from sitante_tui.ui.hr_app import HrApp


class HrDesk(Protocol):
    """HR's unlocked side of the shared store."""

    @property
    def recipient(self) -> str:
        """HR's public key (``age1…``)."""
        ...

    def dashboard(self, *, today: date, save_cache: bool = True) -> HrDashboard:
        """Read, decrypt, verify and aggregate every summary."""
        ...

    def save_cache(self) -> bool:
        """Seal the verified-summary cache of the last dashboard."""
        ...

    def approve(self, key_id: str) -> object:
        """Approve a published coach key; ``KeyError`` when it is not published."""
        ...

    def photo(self, summary: SessionSummary, coach_key_id: str) -> bytes | None:
        """The checked photo evidence of a verified summary, or ``None``."""
        ...


#: Opens HR's identity with a passphrase. When it cannot, it raises an exception whose ``key``
#: attribute is the catalogue key of the reason (and ``params`` its values).
HrUnlocker = Callable[[str], HrDesk]


class HrScreen(Screen[None]):
    """A full screen of the HR app."""

    @property
    def hr_app(self) -> HrApp:
        """The running HR app: it holds the desk and the frozen-able clock."""
        return cast("HrApp", self.app)

    @property
    def desk(self) -> HrDesk:
        """HR's unlocked desk."""
        desk = self.hr_app.desk
        assert desk is not None, "HR screens exist only after unlocking"
        return desk

    def today(self) -> date:
        """Today, as the app sees it (frozen in tests)."""
        return self.hr_app.today()
