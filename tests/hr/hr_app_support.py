"""Shared helpers of the HR app tests: the demo programme on a frozen date, and the app over it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from sitante_tui.cli.hr import HrOffice
from sitante_tui.services.hr_demo import HrDemo, seed_hr_demo
from sitante_tui.ui.hr_app import HrApp

TODAY = date(2026, 11, 28)


def demo_programme(root: Path) -> HrDemo:
    """The demo's HR identity (real file, low work factor) and shared store, as of :data:`TODAY`."""
    return seed_hr_demo(root, today=TODAY)


def hr_app(demo: HrDemo, export_dir: Path) -> HrApp:
    """The HR app as ``run_hr_app`` builds it, with today frozen."""

    def unlock(passphrase: str) -> HrOffice:
        return HrOffice.unlock(
            demo.identity_file, passphrase, demo.shared_dir, cache_dir=demo.cache_dir
        )

    return HrApp(
        unlock,
        identity_file=demo.identity_file,
        shared_dir=demo.shared_dir,
        export_dir=export_dir,
        today=lambda: TODAY,
    )


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker finish and the screen catch up with the messages they posted."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def unlock(pilot: Pilot[None], passphrase: str) -> None:
    """Type the passphrase on the unlock screen and wait for the dashboard."""
    await pilot.press(*passphrase, "enter")
    await settle(pilot)
