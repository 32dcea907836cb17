"""A whole coaching session, from the home screen to close, by key presses only."""

from __future__ import annotations

from textual.pilot import Pilot
from ui_support import FakeClock

from sitante_tui.domain.consent import ConsentAnswer
from sitante_tui.domain.hr_summary import summary_id_for
from sitante_tui.domain.models import SessionStatus
from sitante_tui.domain.session_steps import Step
from sitante_tui.services import Services
from sitante_tui.store.records import Records
from sitante_tui.store.shared_store import SharedStore
from sitante_tui.ui.app import SitanteApp
from sitante_tui.ui.screens.home_screen import HomeScreen
from sitante_tui.ui.screens.session_screen import SessionScreen


async def step(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, then let the screen settle (a new step focuses its first control)."""
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()


async def test_a_whole_session_by_keyboard(demo_services: Services, clock: FakeClock) -> None:
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # Nyoman's programme has no session yet: the first session fills the coaching plan.
        table = app.screen.query_one("#engagements")
        row = next(i for i, key in enumerate(table.rows) if key.value == "e-nyoman")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        flow = screen.flow
        assert flow.current is Step.PREPARE and flow.session.number == 1

        await pilot.press("ctrl+n")  # refused: the plan is empty
        assert flow.current is Step.PREPARE
        # delivery (select) -> agenda -> goal -> schedule -> "minimum explained"
        await pilot.press("tab", *"Pustaka", "tab", *"Katalog")
        await pilot.press("tab", "tab", "space")
        await step(pilot, "ctrl+n")
        assert flow.current is Step.RAPPORT

        await pilot.press("8", "tab", *"siap")
        await step(pilot, "ctrl+n")
        assert flow.current is Step.CONSENT
        await pilot.press("ctrl+n")  # refused: consent not answered
        assert flow.current is Step.CONSENT
        await pilot.press("tab", "enter")  # "No recording"
        await step(pilot, "ctrl+n")
        assert flow.current is Step.CONFIDENTIALITY
        await pilot.press("enter")  # "I have said it"
        await step(pilot, "ctrl+n")
        assert flow.current is Step.GOAL

        clock.advance(9)  # the Goal stage runs over its 8 minutes
        await pilot.pause(1.1)
        assert screen.query_one("SessionClocks").has_class("-overrun")
        await pilot.press("down", "enter")  # insert the 2nd question into the notes
        await pilot.press(*"3 bulan")
        await step(pilot, "ctrl+n")
        assert flow.current is Step.REALITY
        await pilot.press("tab", "tab", "4")
        await step(pilot, "ctrl+n")
        assert flow.current is Step.OPTIONS
        await pilot.press("tab", "tab", *"SLiMS", "enter", *"Studi", "enter")
        await step(pilot, "ctrl+n")
        assert flow.current is Step.WILL
        await step(pilot, "ctrl+n")
        assert flow.current is Step.ACTION_PLAN

        await step(pilot, "a")
        await pilot.press(*"Instal", "tab", *"Senin", "tab", *"pranata")
        await step(pilot, "enter")
        await step(pilot, "ctrl+n")
        assert flow.current is Step.REVIEW
        await step(pilot, "enter")  # the coachee confirms the plan
        # reflection -> rating -> coach change -> save -> later
        await pilot.press("tab", "tab", "tab", "tab", "tab", "enter")
        await step(pilot, "ctrl+n")
        assert flow.current is Step.FOLLOW_UP
        await step(pilot, "ctrl+n")
        assert flow.current is Step.CLOSE
        clock.advance(40)
        await pilot.press("tab", "tab")  # photo -> attach -> close & seal
        await step(pilot, "enter")
        await step(pilot, "enter")  # confirm
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await app.workers.wait_for_complete()

    stored = Records(demo_services.vault).load().sessions[flow.session.id]
    assert stored.status is SessionStatus.CLOSED
    assert stored.consent.current is ConsentAnswer.NO
    assert "3 bulan" in stored.notes["goal"]
    assert stored.options == ["SLiMS", "Studi"]
    participant = stored.participants[0]
    assert participant.check_in and participant.check_in.score == 8
    assert participant.check_in.word == "siap"
    assert participant.reality_rating == 4
    assert participant.action_plan[0].action == "Instal"
    assert participant.action_plan[0].who == "pranata"
    assert participant.confirmed_at is not None and participant.review_later
    assert stored.next_session_on is not None
    assert stored.stage_seconds["goal"] >= 9 * 60
    assert 49 <= stored.duration_minutes <= 50

    # The summary was sealed for HR at close and synced to the demo's shared folder.
    assert demo_services.pending_summaries() == 0
    store = SharedStore(demo_services.settings.shared_dir)
    [sealed] = store.snapshot().summaries
    assert sealed.summary_id == summary_id_for(stored.id, "nyoman")
    assert b"3 bulan" not in sealed.ciphertext and b"Nyoman" not in sealed.ciphertext
