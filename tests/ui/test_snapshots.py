"""Snapshot tests of each main screen at 100×32 and 80×24, with frozen time.

Update after a deliberate change with ``uv run pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from ui_support import session_at, settle

from sitante_tui.domain.models import Template
from sitante_tui.services import Services
from sitante_tui.ui.app import SitanteApp

SIZES = [pytest.param((100, 32), id="100x32"), pytest.param((80, 24), id="80x24")]


@pytest.mark.parametrize("size", SIZES)
class TestHome:
    """The coach's overview of the demo workspace."""

    def test_home(self, snap_compare, demo_services: Services, size) -> None:
        assert snap_compare(SitanteApp(demo_services), terminal_size=size, run_before=settle)

    def test_help(self, snap_compare, demo_services: Services, size) -> None:
        assert snap_compare(
            SitanteApp(demo_services), press=["f1"], terminal_size=size, run_before=settle
        )

    def test_settings(self, snap_compare, demo_services: Services, size) -> None:
        # The shared folder lives in a temporary path, the demo's HR key is new on every run,
        # and microphones differ between machines.
        demo_services.settings.shared_dir = Path("/srv/coaching/shared")
        demo_services.settings.hr_recipient = (
            "age1hfnj6gz7mrqten8z2tylnks5yv0c49tzsm8shs22jxlzuallgyysvkqnac"
        )
        demo_services.input_device_names = lambda: ["Mikrofon USB"]  # type: ignore[method-assign]
        assert snap_compare(
            SitanteApp(demo_services), press=["s"], terminal_size=size, run_before=settle
        )

    def test_registration(self, snap_compare, demo_services: Services, size) -> None:
        assert snap_compare(
            SitanteApp(demo_services), press=["n"], terminal_size=size, run_before=settle
        )

    def test_history_with_rating_chart(self, snap_compare, demo_services: Services, size) -> None:
        async def open_history(pilot: Pilot[None]) -> None:
            await settle(pilot)
            pilot.app.show_history("gede")  # type: ignore[attr-defined]
            await settle(pilot)

        assert snap_compare(SitanteApp(demo_services), terminal_size=size, run_before=open_history)


STEPS = [
    "prepare",
    "rapport",
    "consent",
    "confidentiality",
    "goal",
    "reality",
    "options",
    "will",
    "action_plan",
    "review",
    "follow_up",
    "close",
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step", STEPS)
class TestSessionSteps:
    """One session (Ayu's third) at each step, filled in as a coach would."""

    def test_step(self, snap_compare, demo_services: Services, size, step: str) -> None:
        async def open_step(pilot: Pilot[None]) -> None:
            await settle(pilot)
            session_at(pilot.app, "e-ayu", step)
            await settle(pilot)
            await pilot.wait_for_scheduled_animations()  # scrolling to the focused button
            await settle(pilot)

        assert snap_compare(SitanteApp(demo_services), terminal_size=size, run_before=open_step)


@pytest.mark.parametrize("size", SIZES)
class TestFirstSessionAndGroup:
    """The first session's plan form, and a group session's review."""

    def test_first_session_plan(self, snap_compare, demo_services: Services, size) -> None:
        async def open_step(pilot: Pilot[None]) -> None:
            await settle(pilot)
            session_at(pilot.app, "e-nyoman", "prepare")
            await settle(pilot)

        assert snap_compare(SitanteApp(demo_services), terminal_size=size, run_before=open_step)

    def test_group_review(self, snap_compare, demo_services: Services, size) -> None:
        async def open_step(pilot: Pilot[None]) -> None:
            await settle(pilot)
            session_at(pilot.app, "e-group", "review")
            await settle(pilot)

        assert snap_compare(SitanteApp(demo_services), terminal_size=size, run_before=open_step)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("engagement", "template", "step"),
    [
        pytest.param("e-wayan", None, "sharing", id="mentoring-sharing"),
        pytest.param("e-gede", Template.PERFORMANCE, "map_problem", id="performance-map"),
        pytest.param("e-gede", Template.PERFORMANCE, "identify_solutions", id="performance-solve"),
    ],
)
class TestOtherTemplates:
    """Mentoring (sharing experience) and the 5-step performance procedure."""

    def test_step(
        self, snap_compare, demo_services: Services, size, engagement, template, step
    ) -> None:
        async def open_step(pilot: Pilot[None]) -> None:
            await settle(pilot)
            session_at(pilot.app, engagement, step, template)
            await settle(pilot)

        assert snap_compare(SitanteApp(demo_services), terminal_size=size, run_before=open_step)


@pytest.mark.parametrize("size", SIZES)
class TestLockAndSetup:
    """What a coach sees before the workspace is open."""

    def test_unlock(self, snap_compare, empty_services: Services, size) -> None:
        empty_services.lock()
        empty_services.vault = None
        assert snap_compare(SitanteApp(empty_services), terminal_size=size, run_before=settle)

    def test_first_run_setup(self, snap_compare, sitante_home, clock, size) -> None:
        from ui_support import frozen

        from sitante_tui.services import build_services

        services = frozen(build_services(sitante_home), clock)
        assert snap_compare(SitanteApp(services), terminal_size=size, run_before=settle)
