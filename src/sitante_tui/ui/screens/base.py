"""The base of the coach app's screens: typed access to the app, its services and roster."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from sitante_tui.domain.roster import Roster
from sitante_tui.i18n import language
from sitante_tui.services import Services

if TYPE_CHECKING:
    from sitante_tui.ui.app import SitanteApp


class SitanteScreen(Screen[None]):
    """A full screen of the coach app."""

    @property
    def app_state(self) -> SitanteApp:
        """The running app: it owns the roster and performs saves."""
        return cast("SitanteApp", self.app)

    @property
    def services(self) -> Services:
        """The services of this run."""
        return self.app_state.services

    @property
    def roster(self) -> Roster:
        """The coach's records, in memory."""
        return self.app_state.roster

    @property
    def lang(self) -> str:
        """The UI language."""
        return language()
