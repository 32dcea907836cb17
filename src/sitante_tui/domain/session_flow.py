"""The session-flow state machine: where the session is, what blocks the next step, and moves.

Screens never edit a session directly: they call a :class:`SessionFlow` method and render the
result. The flow makes a conversation step (Goal, Reality, …) unreachable until the recording
question is answered and confidentiality was confirmed, whatever route the coach takes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum

from sitante_tui.domain.models import (
    Engagement,
    Participant,
    Session,
    SessionStatus,
    Template,
    new_id,
)
from sitante_tui.domain.programme_rules import MIN_SESSIONS, SessionFact, Severity
from sitante_tui.domain.session_edits import SessionEdits
from sitante_tui.domain.session_steps import CONVERSATION_STEPS, Step, budget_seconds, steps_for
from sitante_tui.domain.stage_timer import Clock, ClockReading, SessionClock

WallClock = Callable[[], datetime]


class Blocker(StrEnum):
    """Why the flow cannot move past a step yet."""

    PLAN_INCOMPLETE = "plan_incomplete"
    CHECK_IN_MISSING = "check_in_missing"
    CONSENT_MISSING = "consent_missing"
    CONFIDENTIALITY_MISSING = "confidentiality_missing"
    GOAL_MISSING = "goal_missing"
    REALITY_RATING_MISSING = "reality_rating_missing"
    OPTIONS_MISSING = "options_missing"
    APPROACH_MISSING = "approach_missing"
    ACTION_PLAN_MISSING = "action_plan_missing"
    CONFIRMATION_MISSING = "confirmation_missing"
    NEXT_SESSION_MISSING = "next_session_missing"
    FINDINGS_UNACKNOWLEDGED = "findings_unacknowledged"
    SESSION_CLOSED = "session_closed"


class StepBlocked(Exception):
    """A move was refused; ``blockers`` say what is missing and on which step."""

    def __init__(self, step: Step, blockers: Sequence[Blocker]) -> None:
        super().__init__(f"{step.value}: {', '.join(b.value for b in blockers)}")
        self.step = step
        self.blockers = tuple(blockers)


def start_session(
    engagement: Engagement,
    *,
    number: int,
    now: datetime,
    template: Template | None = None,
) -> Session:
    """A new session of ``engagement``, with one participant record per coachee."""
    return Session(
        id=new_id(),
        engagement_id=engagement.id,
        number=number,
        template=template or engagement.template,
        delivery=engagement.delivery,
        started_at=now,
        big_goal=engagement.big_goal,
        participants=[
            Participant(coachee_id=cid, agenda=engagement.agenda_for(cid))
            for cid in engagement.coachee_ids
        ],
    )


class SessionFlow(SessionEdits):
    """Drives one session through the steps of its template.

    Args:
        session: the session being run (changed in place; save it after each call).
        engagement: its engagement (the first session fills the engagement's plan).
        history: the engagement's earlier sessions, for the programme rules.
        clock: a monotonic clock for the timers.
        now: the wall clock, for timestamps (consent, confirmation).
    """

    def __init__(
        self,
        session: Session,
        engagement: Engagement,
        *,
        history: Sequence[SessionFact] = (),
        clock: Clock,
        now: WallClock,
    ) -> None:
        self.session = session
        self.engagement = engagement
        self.history = tuple(history)
        self.now = now
        self.steps = steps_for(session.template)
        running = session.status is SessionStatus.IN_PROGRESS
        self.timer = SessionClock(clock, session.stage_seconds, session.step, running=running)
        self.revision = 0

    # -- where we are -------------------------------------------------------------------------

    @property
    def current(self) -> Step:
        """The step on screen."""
        return Step(self.session.step)

    @property
    def index(self) -> int:
        """Position of the current step (0-based)."""
        return self.steps.index(self.current)

    @property
    def is_first_session(self) -> bool:
        """The first session fills the coaching (or mentoring) plan."""
        return self.session.number == 1

    @property
    def closed(self) -> bool:
        """Whether the session form was completed."""
        return self.session.status is SessionStatus.CLOSED

    def stage_reading(self) -> ClockReading:
        """The current step's clock against its budget."""
        return self.timer.stage_reading(budget_seconds(self.current))

    def session_reading(self, window_minutes: tuple[int, int] = (45, 60)) -> ClockReading:
        """The session clock against the 45–60 minute window."""
        low, high = window_minutes
        return self.timer.session_reading(low * 60, high * 60)

    # -- what blocks a step -------------------------------------------------------------------

    def blockers(self, step: Step | None = None) -> list[Blocker]:
        """What must be done before leaving ``step`` (default: the current one) forward."""
        step = step or self.current
        s = self.session
        people = s.participants
        checks: dict[Step, list[tuple[bool, Blocker]]] = {
            Step.PREPARE: [
                (
                    not self.is_first_session or self.engagement.plan.complete,
                    Blocker.PLAN_INCOMPLETE,
                ),
            ],
            Step.RAPPORT: [(all(p.check_in for p in people), Blocker.CHECK_IN_MISSING)],
            Step.CONSENT: [(s.consent.answered, Blocker.CONSENT_MISSING)],
            Step.CONFIDENTIALITY: [
                (s.confidentiality_confirmed_at is not None, Blocker.CONFIDENTIALITY_MISSING)
            ],
            Step.GOAL: [(bool(s.notes.get(Step.GOAL, "").strip()), Blocker.GOAL_MISSING)],
            Step.REALITY: [(all(p.reality_rating for p in people), Blocker.REALITY_RATING_MISSING)],
            Step.OPTIONS: [(bool(s.options), Blocker.OPTIONS_MISSING)],
            Step.IDENTIFY_SOLUTIONS: [(bool(s.options), Blocker.OPTIONS_MISSING)],
            Step.SHARING: [(s.mentoring_approach is not None, Blocker.APPROACH_MISSING)],
            Step.ACTION_PLAN: [(all(p.action_plan for p in people), Blocker.ACTION_PLAN_MISSING)],
            Step.REVIEW: [(all(p.confirmed_at for p in people), Blocker.CONFIRMATION_MISSING)],
            Step.FOLLOW_UP: [
                (s.next_session_on is not None or s.no_next_session, Blocker.NEXT_SESSION_MISSING),
                (self._findings_acknowledged(), Blocker.FINDINGS_UNACKNOWLEDGED),
            ],
            Step.CLOSE: [(not self.closed, Blocker.SESSION_CLOSED)],
        }
        return [blocker for ok, blocker in checks.get(step, []) if not ok]

    def reachable(self, step: Step) -> bool:
        """Whether the coach may open ``step`` now: every step before it must be unblocked."""
        target = self.steps.index(step)
        return all(not self.blockers(before) for before in self.steps[:target])

    def first_blocked_before(self, step: Step) -> Step | None:
        """The earliest step that still blocks the way to ``step``."""
        target = self.steps.index(step)
        return next((s for s in self.steps[:target] if self.blockers(s)), None)

    # -- moves --------------------------------------------------------------------------------

    def advance(self) -> Step:
        """Move to the next step, or raise :class:`StepBlocked` naming what is missing."""
        if self.index + 1 >= len(self.steps):
            raise StepBlocked(self.current, [Blocker.SESSION_CLOSED])
        return self.go_to(self.steps[self.index + 1])

    def back(self) -> Step:
        """Move to the previous step (always allowed)."""
        if self.index > 0:
            self._enter(self.steps[self.index - 1])
        return self.current

    def go_to(self, step: Step) -> Step:
        """Open ``step`` if every step before it is done; raise :class:`StepBlocked` if not."""
        blocked_at = self.first_blocked_before(step)
        if blocked_at is not None:
            raise StepBlocked(blocked_at, self.blockers(blocked_at))
        if step in CONVERSATION_STEPS and not self._conversation_allowed():
            # Unreachable through the templates; kept so no future template can skip the checks.
            raise StepBlocked(Step.CONSENT, [Blocker.CONSENT_MISSING])
        self._enter(step)
        return step

    def _conversation_allowed(self) -> bool:
        s = self.session
        return s.consent.answered and s.confidentiality_confirmed_at is not None

    def _enter(self, step: Step) -> None:
        self.timer.enter(step.value)
        self.session.step = step.value
        if self.steps.index(step) > self.steps.index(Step(self.session.furthest_step)):
            self.session.furthest_step = step.value
        self.touch()

    def _findings_acknowledged(self) -> bool:
        breaches = {f.code for f in self.next_session_findings() if f.severity is Severity.BREACH}
        return breaches <= set(self.session.acknowledged_findings)

    def close(self) -> Session:
        """Complete the session form, from the close step only (every step before it done)."""
        if self.current is not Step.CLOSE or not self.reachable(Step.CLOSE):
            blocked_at = self.first_blocked_before(Step.CLOSE) or self.current
            raise StepBlocked(blocked_at, self.blockers(blocked_at) or [Blocker.SESSION_CLOSED])
        return super().close()

    @property
    def minimum_reached(self) -> bool:
        """Whether this session completes the programme's minimum number of sessions."""
        return self.session.number >= MIN_SESSIONS
