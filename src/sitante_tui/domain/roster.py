"""Everything in a coach's workspace, in memory, and the questions the home screen asks of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sitante_tui.domain.models import (
    Coach,
    Coachee,
    Engagement,
    EngagementStatus,
    Session,
    SessionStatus,
)
from sitante_tui.domain.programme_rules import Finding, SessionFact, evaluate_engagement


@dataclass(frozen=True)
class FollowUp:
    """An agreed next session: when, with whom, and whether it is overdue."""

    engagement_id: str
    coachee_ids: tuple[str, ...]
    due_on: date
    overdue: bool


@dataclass
class Roster:
    """The coach's people and records. Files that could not be read are listed in ``problems``."""

    profile: Coach | None = None
    coaches: dict[str, Coach] = field(default_factory=dict)
    coachees: dict[str, Coachee] = field(default_factory=dict)
    engagements: dict[str, Engagement] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def sessions_of(self, engagement_id: str) -> list[Session]:
        """An engagement's sessions, by number."""
        found = [s for s in self.sessions.values() if s.engagement_id == engagement_id]
        return sorted(found, key=lambda s: (s.number, s.started_at or 0))

    def engagements_of(self, coachee_id: str) -> list[Engagement]:
        """The engagements a coachee takes part in, newest first."""
        found = [e for e in self.engagements.values() if coachee_id in e.coachee_ids]
        return sorted(found, key=lambda e: e.started_on, reverse=True)

    def active_engagements(self) -> list[Engagement]:
        """Engagements still running, oldest first."""
        active = [e for e in self.engagements.values() if e.status is EngagementStatus.ACTIVE]
        return sorted(active, key=lambda e: e.started_on)

    def history(self, engagement_id: str, *, before: Session | None = None) -> list[SessionFact]:
        """The closed sessions of an engagement as facts for the rules (``before`` excluded)."""
        return [
            s.fact()
            for s in self.sessions_of(engagement_id)
            if s.status is SessionStatus.CLOSED and s is not before
        ]

    def next_number(self, engagement_id: str) -> int:
        """The number the engagement's next session gets."""
        return max((s.number for s in self.sessions_of(engagement_id)), default=0) + 1

    def in_progress(self) -> list[Session]:
        """Sessions that were not closed: after a crash, these can be resumed."""
        return [s for s in self.sessions.values() if s.status is SessionStatus.IN_PROGRESS]

    def findings(self, engagement_id: str, today: date) -> list[Finding]:
        """The programme rules applied to one engagement."""
        engagement = self.engagements[engagement_id]
        return evaluate_engagement(
            self.history(engagement_id),
            started_on=engagement.started_on,
            today=today,
            completed=engagement.status is EngagementStatus.COMPLETED,
            reviews_done=engagement.midpoint_reviews,
        )

    def follow_ups(self, today: date) -> list[FollowUp]:
        """The next agreed session of every active engagement, soonest (or most overdue) first."""
        due: list[FollowUp] = []
        for engagement in self.active_engagements():
            closed = [
                s for s in self.sessions_of(engagement.id) if s.status is SessionStatus.CLOSED
            ]
            if closed and closed[-1].next_session_on:
                day = closed[-1].next_session_on
                due.append(FollowUp(engagement.id, tuple(engagement.coachee_ids), day, day < today))
        return sorted(due, key=lambda f: f.due_on)

    def self_ratings(self, coachee_id: str) -> list[tuple[int, int]]:
        """``(session number, Reality self-rating)`` across a coachee's sessions."""
        points: list[tuple[int, int]] = []
        for engagement in reversed(self.engagements_of(coachee_id)):
            for session in self.sessions_of(engagement.id):
                for participant in session.participants:
                    if participant.coachee_id == coachee_id and participant.reality_rating:
                        points.append((session.number, participant.reality_rating))
        return points

    def coachee_names(self, engagement: Engagement) -> str:
        """The coachees of an engagement, by name."""
        return ", ".join(
            self.coachees[cid].name for cid in engagement.coachee_ids if cid in self.coachees
        )
