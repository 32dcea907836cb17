"""What the HR dashboard shows, computed from verified summaries: one object, no UI.

Findings come from :mod:`sitante_tui.domain.programme_rules`; this module only groups and counts.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

from sitante_tui.domain.hr_recap import FollowupRecap, build_followup_recap
from sitante_tui.domain.hr_summary import SessionSummary, SummaryVerdict
from sitante_tui.domain.programme_rules import (
    MIN_SESSIONS,
    Finding,
    SessionFact,
    Severity,
    evaluate_engagement,
    month_key,
)

__all__ = [
    "CoachChangeRequest",
    "CoachKeyStatus",
    "CoachView",
    "CoacheeView",
    "EngagementView",
    "FlaggedRecord",
    "HrDashboard",
    "ProgrammeTotals",
    "ReflectionEntry",
    "VerifiedSummary",
    "build_dashboard",
]

_SEVERITY_ORDER = {Severity.BREACH: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class VerifiedSummary:
    """A summary whose seal opened and whose signer HR approved."""

    summary: SessionSummary
    coach_key_id: str
    created_at: str = ""


@dataclass(frozen=True)
class FlaggedRecord:
    """A record that did not verify; listed apart and never counted.

    ``claimed_*`` come from content HR could decrypt but not trust (empty when tampered).
    """

    summary_id: str
    coach_key_id: str
    created_at: str
    verdict: SummaryVerdict
    claimed_coach: str = ""
    claimed_coachee: str = ""


@dataclass(frozen=True)
class CoachKeyStatus:
    """A coach key published in the shared store, and whether HR approved it."""

    key_id: str
    display_name: str
    approved: bool
    published_at: str = ""


@dataclass(frozen=True)
class EngagementView:
    """One programme between a coach and a coachee, with its rule findings."""

    engagement_id: str
    coach_key_id: str
    coach_name: str
    kind: str
    form: str
    started_on: date
    completed: bool
    sessions: tuple[SessionSummary, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class ReflectionEntry:
    """The coachee's words and rating after one session."""

    held_on: date
    session_number: int
    coach_name: str
    reflection: str
    coach_rating: int | None


@dataclass(frozen=True)
class CoacheeView:
    """Everything the dashboard shows about one coachee (across coaches, matched by NIP)."""

    key: str
    name: str
    nip: str | None
    unit: str
    position: str
    coach_names: tuple[str, ...]
    sessions_done: int
    last_session_on: date | None
    next_session_on: date | None
    findings: tuple[Finding, ...]
    durations: tuple[tuple[int, float], ...]  # (session number, minutes)
    spacing_days: tuple[int, ...]
    sessions_per_month: tuple[tuple[str, int], ...]
    self_ratings: tuple[tuple[date, int], ...]
    reflections: tuple[ReflectionEntry, ...]
    engagements: tuple[EngagementView, ...]
    coach_change_requested: bool
    sessions_required: int = MIN_SESSIONS

    @property
    def sessions(self) -> tuple[SessionSummary, ...]:
        """Every summary of this coachee, oldest first (the drill-down)."""
        rows = [s for e in self.engagements for s in e.sessions]
        return tuple(sorted(rows, key=lambda s: (s.held_on, s.session_number)))

    @property
    def overdue_followups(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.code == "followup_overdue")

    @property
    def midpoint_reviews_due(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.code == "midpoint_review_due")

    @property
    def worst_severity(self) -> Severity | None:
        return min(
            (f.severity for f in self.findings), key=lambda s: _SEVERITY_ORDER[s], default=None
        )


@dataclass(frozen=True)
class CoachView:
    """One coach key: coachees, sessions and the average rating coachees gave."""

    coach_key_id: str
    coach_name: str
    coachees: int
    sessions: int
    average_rating: float | None
    ratings_count: int


@dataclass(frozen=True)
class CoachChangeRequest:
    """A coachee asked HR for another coach at the end of a session."""

    coachee_key: str
    coachee_name: str
    coach_name: str
    coach_key_id: str
    held_on: date
    session_number: int


@dataclass(frozen=True)
class ProgrammeTotals:
    """Programme-wide counts for the dashboard header."""

    coachees: int
    coaches: int
    sessions: int
    coachees_completed: int
    coachees_with_breach: int
    coachees_with_warning: int
    flagged: int
    coach_change_requests: int
    keys_pending: int


@dataclass(frozen=True)
class HrDashboard:
    """Everything an HR screen shows. Build it with :func:`build_dashboard`."""

    today: date
    coachees: tuple[CoacheeView, ...]
    coaches: tuple[CoachView, ...]
    totals: ProgrammeTotals
    sessions_per_month: tuple[tuple[str, int], ...]
    coach_change_requests: tuple[CoachChangeRequest, ...]
    flagged: tuple[FlaggedRecord, ...]
    coach_keys: tuple[CoachKeyStatus, ...] = ()
    identity_mismatch: bool = False
    store_damaged: int = 0  # store files lost with their last-good copy
    store_repaired: int = 0  # store files read from their last-good copy
    summaries: tuple[VerifiedSummary, ...] = field(default=(), repr=False)

    def coachee(self, key: str) -> CoacheeView:
        """One coachee by :attr:`SessionSummary.coachee_key`; ``KeyError`` when unknown."""
        for view in self.coachees:
            if view.key == key:
                return view
        raise KeyError(key)

    def recap(self, period_from: date, period_to: date) -> FollowupRecap:
        """The follow-up recap of the verified summaries for a period."""
        return build_followup_recap(
            [v.summary for v in self.summaries],
            period_from=period_from,
            period_to=period_to,
            today=self.today,
        )


def build_dashboard(
    verified: Sequence[VerifiedSummary],
    flagged: Sequence[FlaggedRecord] = (),
    *,
    today: date,
    coach_keys: Sequence[CoachKeyStatus] = (),
    identity_mismatch: bool = False,
    store_damaged: int = 0,
    store_repaired: int = 0,
) -> HrDashboard:
    """Aggregate verified summaries into the dashboard. Flagged records are only listed."""
    by_coachee: dict[str, list[VerifiedSummary]] = defaultdict(list)
    for item in verified:
        by_coachee[item.summary.coachee_key].append(item)
    coachees = [_coachee_view(key, items, today) for key, items in by_coachee.items()]
    coachees.sort(key=lambda c: (_severity_rank(c.worst_severity), c.name.casefold()))
    requests = sorted(
        (
            CoachChangeRequest(
                v.summary.coachee_key,
                v.summary.coachee_name,
                v.summary.coach_name,
                v.coach_key_id,
                v.summary.held_on,
                v.summary.session_number,
            )
            for v in verified
            if v.summary.coach_change_requested
        ),
        key=lambda r: r.held_on,
        reverse=True,
    )
    totals = ProgrammeTotals(
        coachees=len(coachees),
        coaches=len({v.coach_key_id for v in verified}),
        sessions=len({v.summary.session_id for v in verified}),
        coachees_completed=sum(1 for c in coachees if c.sessions_done >= MIN_SESSIONS),
        coachees_with_breach=sum(1 for c in coachees if c.worst_severity is Severity.BREACH),
        coachees_with_warning=sum(1 for c in coachees if c.worst_severity is Severity.WARNING),
        flagged=len(flagged),
        coach_change_requests=len(requests),
        keys_pending=sum(1 for k in coach_keys if not k.approved),
    )
    return HrDashboard(
        today=today,
        coachees=tuple(coachees),
        coaches=_coach_views(verified),
        totals=totals,
        sessions_per_month=_per_month(
            {(v.summary.session_id, v.summary.held_on) for v in verified}
        ),
        coach_change_requests=tuple(requests),
        flagged=tuple(sorted(flagged, key=lambda f: f.created_at, reverse=True)),
        coach_keys=tuple(coach_keys),
        identity_mismatch=identity_mismatch,
        store_damaged=store_damaged,
        store_repaired=store_repaired,
        summaries=tuple(verified),
    )


def _severity_rank(severity: Severity | None) -> int:
    return 3 if severity is None else _SEVERITY_ORDER[severity]


def _coachee_view(key: str, items: Sequence[VerifiedSummary], today: date) -> CoacheeView:
    ordered = sorted(items, key=lambda v: (v.summary.held_on, v.summary.session_number))
    latest = ordered[-1].summary
    by_engagement: dict[str, list[VerifiedSummary]] = defaultdict(list)
    for item in ordered:
        by_engagement[item.summary.engagement_id].append(item)
    engagements = tuple(
        _engagement_view(group, today)
        for group in sorted(by_engagement.values(), key=lambda g: g[0].summary.held_on)
    )
    sessions = [v.summary for v in ordered]
    findings = sorted(
        (f for e in engagements for f in e.findings), key=lambda f: _SEVERITY_ORDER[f.severity]
    )
    return CoacheeView(
        key=key,
        name=latest.coachee_name,
        nip=latest.coachee_nip,
        unit=latest.coachee_unit,
        position=latest.coachee_position,
        coach_names=tuple(dict.fromkeys(s.coach_name for s in sessions)),
        sessions_done=len(sessions),
        last_session_on=latest.held_on,
        next_session_on=latest.next_session_on,
        findings=tuple(findings),
        durations=tuple((s.session_number, s.duration_minutes) for s in sessions),
        spacing_days=tuple((b.held_on - a.held_on).days for a, b in itertools.pairwise(sessions)),
        sessions_per_month=_per_month({(s.summary_id, s.held_on) for s in sessions}),
        self_ratings=tuple((s.held_on, s.self_rating) for s in sessions if s.self_rating),
        reflections=tuple(
            ReflectionEntry(s.held_on, s.session_number, s.coach_name, s.reflection, s.coach_rating)
            for s in sessions
            if s.reflection.strip() or s.coach_rating is not None
        ),
        engagements=engagements,
        coach_change_requested=any(s.coach_change_requested for s in sessions),
    )


def _engagement_view(items: Sequence[VerifiedSummary], today: date) -> EngagementView:
    sessions = tuple(v.summary for v in items)
    first, last = sessions[0], sessions[-1]
    # A programme is over when the coach said so, or after the minimum with no next date agreed.
    completed = any(s.engagement_completed for s in sessions) or (
        len(sessions) >= MIN_SESSIONS and last.next_session_on is None
    )
    facts = [
        SessionFact(s.session_number, s.held_on, s.duration_minutes, s.next_session_on)
        for s in sessions
    ]
    # Any session held near a 3-month mark serves as its review, plus those the coach recorded.
    reviews = sorted(
        {*(s.held_on for s in sessions), *(d for s in sessions for d in s.midpoint_reviews)}
    )
    findings = evaluate_engagement(
        facts,
        started_on=first.engagement_started_on,
        today=today,
        completed=completed,
        reviews_done=reviews,
    )
    return EngagementView(
        engagement_id=first.engagement_id,
        coach_key_id=items[0].coach_key_id,
        coach_name=last.coach_name,
        kind=first.kind,
        form=first.form,
        started_on=first.engagement_started_on,
        completed=completed,
        sessions=sessions,
        findings=tuple(findings),
    )


def _coach_views(verified: Iterable[VerifiedSummary]) -> tuple[CoachView, ...]:
    groups: dict[str, list[SessionSummary]] = defaultdict(list)
    for item in verified:
        groups[item.coach_key_id].append(item.summary)
    views = []
    for key_id, sessions in groups.items():
        ratings = [s.coach_rating for s in sessions if s.coach_rating is not None]
        latest = max(sessions, key=lambda s: s.held_on)
        views.append(
            CoachView(
                coach_key_id=key_id,
                coach_name=latest.coach_name,
                coachees=len({s.coachee_key for s in sessions}),
                sessions=len({s.session_id for s in sessions}),
                average_rating=round(fmean(ratings), 2) if ratings else None,
                ratings_count=len(ratings),
            )
        )
    return tuple(sorted(views, key=lambda v: v.coach_name.casefold()))


def _per_month(sessions: Iterable[tuple[str, date]]) -> tuple[tuple[str, int], ...]:
    """Distinct sessions per calendar month, months without sessions included as 0."""
    counts: dict[str, int] = defaultdict(int)
    for _, held_on in sessions:
        counts[month_key(held_on)] += 1
    if not counts:
        return ()
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:])
    series: list[tuple[str, int]] = []
    while (key := f"{year:04d}-{month:02d}") <= last:
        series.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(series)
