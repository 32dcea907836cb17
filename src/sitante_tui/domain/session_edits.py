"""Everything the coach records during a session, as checked changes to the session form.

:class:`SessionEdits` is the editing half of :class:`~sitante_tui.domain.session_flow.SessionFlow`:
each method validates its input, changes the session, and bumps the revision for autosave.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from sitante_tui.domain.consent import ConsentAnswer
from sitante_tui.domain.models import (
    ActionItem,
    AskedQuestion,
    CheckIn,
    Delivery,
    Engagement,
    MentoringApproach,
    Participant,
    ProgrammePlan,
    Session,
    SessionStatus,
)
from sitante_tui.domain.programme_rules import (
    MIN_SESSIONS,
    Finding,
    SessionFact,
    check_next_session,
    suggested_next_session,
)
from sitante_tui.domain.stage_timer import SessionClock

RATING_RANGE = range(1, 11)
COACH_RATING_RANGE = range(1, 6)


class SessionClosedError(RuntimeError):
    """A closed session's form is final; it can be read but not changed."""


def _check_range(value: int, allowed: range, what: str) -> int:
    if value not in allowed:
        raise ValueError(f"{what} must be between {allowed.start} and {allowed.stop - 1}")
    return value


class SessionEdits:
    """The checked changes a coach makes to a session form (mixed into ``SessionFlow``)."""

    session: Session
    engagement: Engagement
    history: tuple[SessionFact, ...]
    now: Callable[[], datetime]
    timer: SessionClock
    revision: int

    # -- bookkeeping --------------------------------------------------------------------------

    def touch(self) -> None:
        """Mark the session changed (autosave watches :attr:`revision`)."""
        self.revision += 1

    def ensure_open(self) -> None:
        """Raise :class:`SessionClosedError` for a closed session."""
        if self.session.status is SessionStatus.CLOSED:
            raise SessionClosedError(self.session.id)

    def _participant(self, coachee_id: str) -> Participant:
        self.ensure_open()
        return self.session.participant(coachee_id)

    # -- prepare ------------------------------------------------------------------------------

    def set_delivery(self, delivery: Delivery) -> None:
        """How this session is held (face to face, phone, online)."""
        self.ensure_open()
        self.session.delivery = delivery
        self.touch()

    def set_plan(self, plan: ProgrammePlan) -> None:
        """The coaching (or mentoring) plan agreed at the first session."""
        self.ensure_open()
        self.engagement.plan = plan
        self.touch()

    def set_agenda(self, coachee_id: str, agenda: str) -> None:
        """A coachee's agenda for this session."""
        self._participant(coachee_id).agenda = agenda.strip()
        self.touch()

    def set_big_goal(self, text: str) -> None:
        """The group's shared big goal."""
        self.ensure_open()
        self.session.big_goal = text.strip()
        self.touch()

    # -- rapport, consent, confidentiality ----------------------------------------------------

    def check_in(self, coachee_id: str, score: int, word: str = "") -> None:
        """How the coachee feels: 1–10 and a word."""
        _check_range(score, RATING_RANGE, "check-in")
        self._participant(coachee_id).check_in = CheckIn(score, word.strip())
        self.touch()

    def answer_consent(self, answer: ConsentAnswer) -> None:
        """The coachee's answer to "may this session be recorded?", stamped with the time."""
        self.ensure_open()
        if answer is ConsentAnswer.WITHDRAWN:
            raise ValueError("use withdraw_consent to withdraw")
        if self.session.consent.current is answer:
            return
        self.session.consent.answer(answer, self.now())
        self.touch()

    def withdraw_consent(self) -> None:
        """The coachee takes back a "yes": recording must stop (the recorder watches this)."""
        self.ensure_open()
        self.session.consent.answer(ConsentAnswer.WITHDRAWN, self.now())
        self.touch()

    def confirm_confidentiality(self) -> None:
        """The coach has said aloud that the conversation is confidential."""
        self.ensure_open()
        if self.session.confidentiality_confirmed_at is None:
            self.session.confidentiality_confirmed_at = self.now()
            self.touch()

    # -- the conversation ---------------------------------------------------------------------

    def set_notes(self, step: str, text: str) -> None:
        """The coach's notes for a step (only ever stored encrypted)."""
        self.ensure_open()
        if self.session.notes.get(step, "") != text:
            self.session.notes[step] = text
            self.touch()

    def record_question(self, step: str, text: str) -> None:
        """A question the coach asked (for their private questioning feedback)."""
        self.ensure_open()
        self.session.asked_questions.append(AskedQuestion(step, text.strip()))
        self.touch()

    def set_reality_rating(self, coachee_id: str, rating: int) -> None:
        """The coachee's 1–10 rating of their current situation."""
        _check_range(rating, RATING_RANGE, "reality rating")
        self._participant(coachee_id).reality_rating = rating
        self.touch()

    def add_option(self, text: str) -> None:
        """Add an option the coachee came up with."""
        self.ensure_open()
        if text.strip():
            self.session.options.append(text.strip())
            self.touch()

    def edit_option(self, index: int, text: str) -> None:
        """Reword an option."""
        self.ensure_open()
        self.session.options[index] = text.strip()
        self.touch()

    def remove_option(self, index: int) -> None:
        """Drop an option."""
        self.ensure_open()
        del self.session.options[index]
        self.touch()

    def set_mentoring_approach(self, approach: MentoringApproach) -> None:
        """The sharing-session approach of a mentoring session."""
        self.ensure_open()
        self.session.mentoring_approach = approach
        self.touch()

    # -- action plan and review ---------------------------------------------------------------

    def add_action(self, coachee_id: str, item: ActionItem) -> None:
        """Add a row to a coachee's action plan (a changed plan needs a new confirmation)."""
        if not item.action.strip():
            raise ValueError("an action needs a description")
        participant = self._participant(coachee_id)
        participant.action_plan.append(item)
        participant.confirmed_at = None
        self.touch()

    def update_action(self, coachee_id: str, index: int, item: ActionItem) -> None:
        """Replace a row of a coachee's action plan."""
        if not item.action.strip():
            raise ValueError("an action needs a description")
        participant = self._participant(coachee_id)
        participant.action_plan[index] = item
        participant.confirmed_at = None
        self.touch()

    def remove_action(self, coachee_id: str, index: int) -> None:
        """Delete a row of a coachee's action plan."""
        participant = self._participant(coachee_id)
        del participant.action_plan[index]
        participant.confirmed_at = None
        self.touch()

    def confirm_plan(self, coachee_id: str) -> None:
        """The coachee has read the action plan on screen and agrees with it."""
        participant = self._participant(coachee_id)
        if not participant.action_plan:
            raise ValueError("there is no action plan to confirm")
        participant.confirmed_at = self.now()
        self.touch()

    def set_review(
        self,
        coachee_id: str,
        *,
        reflection: str,
        coach_rating: int | None,
        coach_change_requested: bool = False,
    ) -> None:
        """The coachee's self-reflection and rating of the coach (1–5)."""
        if coach_rating is not None:
            _check_range(coach_rating, COACH_RATING_RANGE, "coach rating")
        participant = self._participant(coachee_id)
        participant.reflection = reflection.strip()
        participant.coach_rating = coach_rating
        participant.coach_change_requested = coach_change_requested
        participant.review_later = False
        self.touch()

    def review_later(self, coachee_id: str) -> None:
        """The coachee will fill in the reflection and rating after the session."""
        self._participant(coachee_id).review_later = True
        self.touch()

    # -- follow-up ----------------------------------------------------------------------------

    def held_dates(self) -> list[date]:
        """Dates of the engagement's sessions, this one included."""
        today = self.session.held_on or self.now().date()
        return sorted([fact.held_on for fact in self.history] + [today])

    def suggested_next_date(self) -> date:
        """Two weeks on, moved out of a month that already holds two sessions."""
        return suggested_next_session(self.held_dates(), today=self.now().date())

    def next_session_findings(self, proposed: date | None = None) -> list[Finding]:
        """What the proposed (or chosen) next date would break or miss."""
        proposed = proposed or self.session.next_session_on
        if proposed is None:
            return []
        return check_next_session(
            self.held_dates(),
            proposed,
            started_on=self.engagement.started_on,
            today=self.now().date(),
        )

    def set_next_session(self, day: date) -> list[Finding]:
        """Schedule the next session; returns the findings the coach must see (and acknowledge)."""
        self.ensure_open()
        self.session.next_session_on = day
        self.session.no_next_session = False
        self.session.acknowledged_findings = []
        self.touch()
        return self.next_session_findings()

    def acknowledge_findings(self, codes: Sequence[str]) -> None:
        """The coach saw the breaches of the chosen date and keeps it deliberately."""
        self.ensure_open()
        self.session.acknowledged_findings = sorted(set(codes))
        self.touch()

    def end_programme(self) -> None:
        """No further session: only once the minimum number of sessions is reached."""
        self.ensure_open()
        if self.session.number < MIN_SESSIONS:
            raise ValueError(f"the programme needs at least {MIN_SESSIONS} sessions")
        self.session.no_next_session = True
        self.session.next_session_on = None
        self.touch()

    def set_photo_evidence(self, reference: str | None) -> None:
        """The (encrypted) photo evidence attached to the session form."""
        self.ensure_open()
        self.session.photo_evidence = reference
        self.touch()

    # -- close --------------------------------------------------------------------------------

    def close(self) -> Session:
        """Complete the session form: stop the clocks, stamp the end. Final."""
        self.ensure_open()
        self.timer.pause()
        self.session.ended_at = self.now()
        self.session.status = SessionStatus.CLOSED
        self.touch()
        return self.session


def record_late_review(
    session: Session,
    coachee_id: str,
    *,
    reflection: str,
    coach_rating: int | None,
    coach_change_requested: bool = False,
) -> None:
    """The reflection and rating a coachee chose to give after the session was closed."""
    participant = session.participant(coachee_id)
    if not participant.review_later:
        raise ValueError("this coachee's review was not left for later")
    if coach_rating is not None:
        _check_range(coach_rating, COACH_RATING_RANGE, "coach rating")
    participant.reflection = reflection.strip()
    participant.coach_rating = coach_rating
    participant.coach_change_requested = coach_change_requested
    participant.review_later = False
