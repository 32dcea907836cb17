"""Shared helpers of the UI tests: frozen time and a hand-moved monotonic clock."""

from __future__ import annotations

from datetime import date, datetime

from textual.pilot import Pilot

from sitante_tui.domain.models import Template
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


async def settle(pilot: Pilot[None]) -> None:
    """Let the screen catch up with what the test just did (two message-loop turns)."""
    await pilot.pause()
    await pilot.pause()


def frozen(services: Services, clock: FakeClock) -> Services:
    services.clock = clock
    services.now = lambda: NOW
    services.today = lambda: TODAY
    return services


def session_at(
    app: object, engagement_id: str, step: str, template: Template | None = None
) -> None:
    """Open a session of ``engagement_id`` in the running app, filled in up to ``step``.

    Everything is entered through the session flow, as the screens would, so the snapshot shows
    a realistic session at that step.
    """
    from sitante_tui.domain.consent import ConsentAnswer
    from sitante_tui.domain.models import ActionItem, ProgrammePlan
    from sitante_tui.domain.session_flow import start_session
    from sitante_tui.domain.session_steps import Step
    from sitante_tui.ui.screens.session_screen import SessionScreen

    roster = app.roster  # type: ignore[attr-defined]
    services: Services = app.services  # type: ignore[attr-defined]
    engagement = roster.engagements[engagement_id]
    session = start_session(
        engagement, number=roster.next_number(engagement_id), now=NOW, template=template
    )
    roster.sessions[session.id] = session
    flow = services.flow_for(session, engagement, roster)
    fills = {
        Step.PREPARE: lambda: (
            flow.set_plan(
                ProgrammePlan("Percaya diri presentasi", "Presentasi 10 menit", "Senin", True)
            )
            if flow.is_first_session
            else None
        ),
        Step.RAPPORT: lambda: [
            flow.check_in(p.coachee_id, 7, "semangat") for p in session.participants
        ],
        Step.CONSENT: lambda: flow.answer_consent(ConsentAnswer.NO),
        Step.CONFIDENTIALITY: flow.confirm_confidentiality,
        Step.GOAL: lambda: flow.set_notes(
            "goal", "T: Apa yang ingin Anda capai?\nJ: Presentasi 10 menit."
        ),
        Step.SHARING: lambda: flow.set_notes(
            "sharing", "Pengalaman mentor: memimpin rapat lintas bidang pertama kali."
        ),
        Step.MAP_PROBLEM: lambda: flow.set_notes(
            "map_problem", "Laporan bulanan terlambat 2 minggu, tiga bulan berturut-turut."
        ),
        Step.DISCUSS_CAUSES: lambda: flow.set_notes(
            "discuss_causes", "Data dari seksi lain datang terlambat; tidak ada tenggat internal."
        ),
        Step.REALITY: lambda: [
            flow.set_reality_rating(p.coachee_id, 5) for p in session.participants
        ],
        Step.OPTIONS: lambda: (
            flow.add_option("Kelas public speaking"),
            flow.add_option("Latihan di rapat seksi"),
        ),
        Step.ACTION_PLAN: lambda: [
            flow.add_action(
                p.coachee_id,
                ActionItem(
                    "Presentasi 5 menit di rapat seksi",
                    "12 Desember",
                    "kepala seksi",
                    "proyektor",
                    "umpan balik dari 3 rekan",
                ),
            )
            for p in session.participants
        ],
        Step.REVIEW: lambda: [flow.confirm_plan(p.coachee_id) for p in session.participants],
        Step.FOLLOW_UP: lambda: flow.set_next_session(flow.suggested_next_date()),
    }
    target = Step(step)
    while flow.current is not target:
        fill = fills.get(flow.current)
        if fill:
            fill()
        flow.advance()
    app.push_screen(SessionScreen(services, roster, flow))  # type: ignore[attr-defined]
