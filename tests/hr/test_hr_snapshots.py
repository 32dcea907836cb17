"""Snapshot tests of the HR dashboard and a coachee's drill-down at 100×32 and 80×24.

The demo programme is dated from a frozen today; key ids (random) and temporary paths are not
on these screens. Update after a deliberate change with
``uv run pytest tests/hr/test_hr_snapshots.py --snapshot-update`` and look at the images.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hr_app_support import demo_programme, hr_app, settle, unlock
from textual.pilot import Pilot

from sitante_tui.services.hr_demo import HrDemo

SIZES = [pytest.param((100, 32), id="100x32"), pytest.param((80, 24), id="80x24")]


@pytest.fixture
def demo(tmp_path: Path) -> HrDemo:
    return demo_programme(tmp_path / "demo")


@pytest.mark.parametrize("size", SIZES)
class TestHrDashboard:
    """The dashboard's tabs after unlocking the demo programme."""

    def test_coachees(self, snap_compare, demo: HrDemo, tmp_path: Path, size) -> None:
        async def open_dashboard(pilot: Pilot[None]) -> None:
            await unlock(pilot, demo.passphrase)
            await pilot.press("down")  # a coachee with several findings in the panel
            await settle(pilot)

        app = hr_app(demo, tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=open_dashboard)

    def test_programme(self, snap_compare, demo: HrDemo, tmp_path: Path, size) -> None:
        async def open_programme(pilot: Pilot[None]) -> None:
            await unlock(pilot, demo.passphrase)
            await pilot.press("3")
            await settle(pilot)

        app = hr_app(demo, tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=open_programme)


@pytest.mark.parametrize("size", SIZES)
class TestHrDrillDown:
    """One coachee's sessions, self-rating chart, findings and the selected session."""

    def test_coachee(self, snap_compare, demo: HrDemo, tmp_path: Path, size) -> None:
        async def open_coachee(pilot: Pilot[None]) -> None:
            await unlock(pilot, demo.passphrase)
            await pilot.press("down", "enter", "up")  # Komang, session 2 (too short)
            await settle(pilot)

        app = hr_app(demo, tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=open_coachee)
