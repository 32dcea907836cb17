"""HR's app: unlock the HR identity, then the dashboard; wiring only, no programme logic.

``run_hr_app`` (``sitante hr``) hands in an unlock function returning an :class:`HrDesk`; tests
hand in the same, with a frozen ``today``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from sitante_tui.i18n import t
from sitante_tui.ui.screens.hr_base import HrDesk, HrUnlocker
from sitante_tui.ui.screens.hr_unlock_screen import HrUnlockScreen


class HrApp(App[None]):
    """The HR dashboard over the shared store.

    Args:
        unlock: opens HR's identity with a passphrase (see :data:`HrUnlocker`).
        identity_file: shown on the unlock screen.
        shared_dir: shown on the unlock screen.
        export_dir: the folder exports and photos are offered in.
        idle_lock_minutes: lock (and forget the identity) after this long without a key press.
        demo_passphrase: shown on the unlock screen of ``sitante hr demo``.
        today: the date the programme rules are checked against.
    """

    CSS_PATH = "app.tcss"
    TITLE = "sitante SDM"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+l", "lock", t("hr.app.key.lock"), show=False)]

    def __init__(
        self,
        unlock: HrUnlocker,
        *,
        identity_file: Path,
        shared_dir: Path,
        export_dir: Path,
        idle_lock_minutes: int = 10,
        demo_passphrase: str | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.unlocker = unlock
        self.identity_file = identity_file
        self.shared_dir = shared_dir
        self.export_dir = export_dir
        self.idle_lock_minutes = idle_lock_minutes
        self.demo_passphrase = demo_passphrase
        self.today = today
        self.desk: HrDesk | None = None
        self.locked = False
        self.last_activity = time.monotonic()

    def on_mount(self) -> None:
        self.set_interval(5, self.lock_when_idle)
        self.push_screen(self._unlock_screen(locked=False), self._unlocked)

    def _unlock_screen(self, *, locked: bool) -> HrUnlockScreen:
        return HrUnlockScreen(
            self.unlocker,
            identity_file=self.identity_file,
            shared_dir=self.shared_dir,
            locked=locked,
            demo_passphrase=self.demo_passphrase,
        )

    def _unlocked(self, desk: HrDesk | None) -> None:
        if desk is None:
            self.exit()
            return
        from sitante_tui.ui.screens.hr_dashboard_screen import HrDashboardScreen

        self.desk = desk
        self.push_screen(HrDashboardScreen())

    # -- idle lock ----------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown):
            self.last_activity = time.monotonic()
        await super().on_event(event)

    def lock_when_idle(self) -> None:
        """Lock after the idle time: the dashboard shows personal data."""
        idle = time.monotonic() - self.last_activity
        if self.desk is not None and idle > self.idle_lock_minutes * 60:
            self.action_lock()

    def action_lock(self) -> None:
        """Hide everything and forget HR's identity until the passphrase is given again."""
        if self.locked or self.desk is None:
            return
        from sitante_tui.crypto.age_keys import clear_identity_cache

        self.locked = True
        self.desk = None
        clear_identity_cache()

        def unlocked(desk: HrDesk | None) -> None:
            self.locked = False
            self.last_activity = time.monotonic()
            if desk is not None:
                self.desk = desk

        self.push_screen(self._unlock_screen(locked=True), unlocked)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from sitante_tui.ui.screens.hr_dashboard_screen import HrDashboardScreen

        if isinstance(screen, HrDashboardScreen):
            for kind in ("csv", "xlsx", "recap"):
                yield SystemCommand(
                    t(f"hr.export.title_{kind}"),
                    t(f"hr.export.about_{kind}"),
                    partial(screen.action_export, kind),
                )
            yield SystemCommand(
                t("hr.app.key.approve"), t("hr.app.approve_help"), screen.action_approve
            )
            yield SystemCommand(
                t("hr.app.key.reload"), t("hr.app.reload_help"), screen.action_reload
            )
        yield SystemCommand(t("hr.app.key.lock"), t("hr.app.lock_help"), self.action_lock)
        yield SystemCommand(t("hr.app.key.quit"), t("hr.app.quit_help"), self.exit)
