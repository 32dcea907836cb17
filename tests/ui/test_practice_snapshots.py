"""Snapshot tests of the practice screen at 100×32 and 80×24, with frozen time.

Update after a deliberate change with
``uv run pytest tests/ui/test_practice_snapshots.py --snapshot-update`` and look at the report.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual import events
from textual.pilot import Pilot
from ui_support import NOW, settle

from sitante_tui.domain.practice import GROW_ROUND, PracticeRound
from sitante_tui.practice_feedback import bundled_scenarios
from sitante_tui.services import Services
from sitante_tui.services.practice_rounds import save_round
from sitante_tui.ui.app import SitanteApp

SIZES = [pytest.param((100, 32), id="100x32"), pytest.param((80, 24), id="80x24")]
QUESTIONS = [
    "Apa yang ingin Anda capai?",
    "Sebaiknya Anda latihan di depan cermin saja.",
    "Seperti apa keberhasilan itu bagi Anda?",
    "Apakah Anda sudah pernah mencoba?",
]


async def ask(pilot: Pilot[None], *questions: str) -> None:
    for question in questions:
        focused = pilot.app.focused
        assert focused is not None
        focused.post_message(events.Paste(question))
        await pilot.press("enter")
        await pilot.pause()


def with_past_rounds(services: Services) -> Services:
    """Three earlier rounds, a week apart, scoring better each time."""
    scenarios = bundled_scenarios()
    plays = [QUESTIONS[1:2] + QUESTIONS[3:], QUESTIONS[:2], QUESTIONS[:3]]
    for week, questions in enumerate(plays):
        start = NOW - timedelta(weeks=3 - week)
        practice = PracticeRound(scenarios[week], GROW_ROUND, "id", start)
        for question in questions:
            practice.ask(question)
        save_round(services, practice, practice.finish(start + timedelta(minutes=15)))
    return services


@pytest.mark.parametrize("size", SIZES)
class TestPracticeScreen:
    """Choosing a scenario, a round in progress, and the result with the progress chart."""

    def test_choice(self, snap_compare, demo_services: Services, size) -> None:
        app = SitanteApp(with_past_rounds(demo_services), start="practice")

        async def choose(pilot: Pilot[None]) -> None:
            await settle(pilot)
            await pilot.press("down", "enter", "down")  # scenario 2, highlight the Goal stage
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=choose)

    def test_round_in_progress(self, snap_compare, demo_services: Services, size) -> None:
        app = SitanteApp(demo_services, start="practice")

        async def play(pilot: Pilot[None]) -> None:
            await settle(pilot)
            await pilot.press("down", "enter", "enter")
            await settle(pilot)
            await ask(pilot, *QUESTIONS)
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=play)

    def test_result_and_progress(self, snap_compare, demo_services: Services, size) -> None:
        app = SitanteApp(with_past_rounds(demo_services), start="practice")

        async def finish(pilot: Pilot[None]) -> None:
            await settle(pilot)
            await pilot.press("enter", "enter")
            await settle(pilot)
            await ask(pilot, *QUESTIONS)
            await pilot.press("ctrl+e")
            await pilot.app.workers.wait_for_complete()
            await settle(pilot)
            pilot.app.clear_notifications()
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=finish)
