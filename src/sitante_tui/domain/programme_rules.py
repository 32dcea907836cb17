"""The programme rules of the coaching clinic, encoded once.

From the booklet (and Perlan LAN 10/2018): at least 3 sessions of 45–60 minutes, at most 2 sessions
per calendar month, about 2 weeks apart, a programme of up to one year with a mid-point review
every 3 months. Every rule returns :class:`Finding` objects — a code, a severity and the figures
behind it — never a bare bool, so the coach and HR see *why*.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

MIN_SESSIONS = 3
SESSION_MINUTES = (45, 60)
MAX_SESSIONS_PER_MONTH = 2
RECOMMENDED_SPACING_DAYS = 14
#: Closer than this is reported: the coachee needs time to carry out the action plan.
MIN_SPACING_DAYS = 10
#: A gap longer than a month between sessions is reported (monitoring is every 2 weeks or monthly).
MAX_GAP_DAYS = 31
PROGRAMME_MAX_DAYS = 365
MIDPOINT_REVIEW_MONTHS = 3
#: A mid-point review counts for a 3-month mark when held this close to it (either side).
MIDPOINT_REVIEW_WINDOW_DAYS = 14


class Severity(StrEnum):
    """How much a finding matters: information, a recommendation missed, or a rule broken."""

    INFO = "info"
    WARNING = "warning"
    BREACH = "breach"


@dataclass(frozen=True)
class Finding:
    """One observation about a programme: ``code`` names the rule, ``params`` hold the figures."""

    code: str
    severity: Severity
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SessionFact:
    """What the rules need to know about one held session."""

    number: int
    held_on: date
    duration_minutes: float | None = None
    next_session_on: date | None = None


def month_key(day: date) -> str:
    """``YYYY-MM`` of a date: the calendar month the monthly cap counts in."""
    return f"{day.year:04d}-{day.month:02d}"


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in range(day.day, 27, -1):
        try:
            return date(year, month, candidate_day)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def check_session_count(facts: Sequence[SessionFact]) -> list[Finding]:
    """Fewer than the minimum number of sessions so far."""
    if len(facts) >= MIN_SESSIONS:
        return []
    return [
        Finding(
            "sessions_below_minimum",
            Severity.INFO,
            {"count": len(facts), "minimum": MIN_SESSIONS, "remaining": MIN_SESSIONS - len(facts)},
        )
    ]


def check_duration(fact: SessionFact) -> list[Finding]:
    """A session shorter than 45 or longer than 60 minutes."""
    minutes = fact.duration_minutes
    if minutes is None:
        return []
    low, high = SESSION_MINUTES
    params: dict[str, object] = {
        "number": fact.number,
        "minutes": round(minutes),
        "low": low,
        "high": high,
    }
    if minutes < low:
        return [Finding("session_too_short", Severity.WARNING, params)]
    if minutes > high:
        return [Finding("session_too_long", Severity.WARNING, params)]
    return []


def check_monthly_cap(days: Iterable[date]) -> list[Finding]:
    """Calendar months holding more than the allowed number of sessions."""
    counts = Counter(month_key(day) for day in days)
    return [
        Finding(
            "month_over_cap",
            Severity.BREACH,
            {"month": month, "count": count, "maximum": MAX_SESSIONS_PER_MONTH},
        )
        for month, count in sorted(counts.items())
        if count > MAX_SESSIONS_PER_MONTH
    ]


def check_spacing(days: Sequence[date], *, first_number: int = 1) -> list[Finding]:
    """Consecutive sessions closer than ~2 weeks, or further apart than a month.

    ``first_number`` is the session number of the earliest date, so findings name the right one.
    """
    findings: list[Finding] = []
    ordered = sorted(days)
    pairs = itertools.pairwise(ordered)
    for number, (before, after) in enumerate(pairs, start=first_number + 1):
        gap = (after - before).days
        params: dict[str, object] = {"number": number, "days": gap}
        if gap < MIN_SPACING_DAYS:
            params["recommended"] = RECOMMENDED_SPACING_DAYS
            findings.append(Finding("spacing_short", Severity.WARNING, params))
        elif gap > MAX_GAP_DAYS:
            params["maximum"] = MAX_GAP_DAYS
            findings.append(Finding("gap_over_month", Severity.WARNING, params))
    return findings


def programme_end(started_on: date) -> date:
    """The last day of a programme that started on ``started_on`` (up to one year)."""
    return started_on + timedelta(days=PROGRAMME_MAX_DAYS)


def check_programme_length(
    days: Sequence[date], *, started_on: date, today: date, completed: bool
) -> list[Finding]:
    """Sessions held, or a programme still open, past one year."""
    end = programme_end(started_on)
    late = [day for day in days if day > end]
    if late or (not completed and today > end):
        return [
            Finding(
                "programme_over_year",
                Severity.BREACH,
                {"started_on": started_on.isoformat(), "ended_on": end.isoformat()},
            )
        ]
    return []


def midpoint_review_dates(started_on: date, until: date) -> list[date]:
    """The 3-monthly review marks of a programme, up to ``until`` and within its year."""
    marks: list[date] = []
    months = MIDPOINT_REVIEW_MONTHS
    end = min(until, programme_end(started_on))
    while (mark := add_months(started_on, months)) <= end:
        marks.append(mark)
        months += MIDPOINT_REVIEW_MONTHS
    return marks


def check_midpoint_reviews(
    *, started_on: date, today: date, reviews_done: Sequence[date] = ()
) -> list[Finding]:
    """A 3-month mark that is near or past without a review held around it."""
    window = timedelta(days=MIDPOINT_REVIEW_WINDOW_DAYS)
    findings: list[Finding] = []
    for mark in midpoint_review_dates(started_on, today + window):
        if any(mark - window <= review for review in reviews_done if review <= today):
            continue
        severity = Severity.WARNING if today > mark + window else Severity.INFO
        findings.append(Finding("midpoint_review_due", severity, {"due_on": mark.isoformat()}))
    return findings


def check_followup(
    facts: Sequence[SessionFact], *, today: date, completed: bool = False
) -> list[Finding]:
    """The agreed next session date has passed and no later session was held."""
    if not facts or completed:
        return []
    last = max(facts, key=lambda fact: (fact.held_on, fact.number))
    due = last.next_session_on
    if due is None or due >= today:
        return []
    return [
        Finding(
            "followup_overdue",
            Severity.WARNING,
            {"due_on": due.isoformat(), "days": (today - due).days},
        )
    ]


def evaluate_engagement(
    facts: Sequence[SessionFact],
    *,
    started_on: date,
    today: date,
    completed: bool = False,
    reviews_done: Sequence[date] = (),
) -> list[Finding]:
    """Every finding for one coachee's programme, most serious first."""
    days = [fact.held_on for fact in facts]
    findings = [
        *check_session_count(facts),
        *(finding for fact in facts for finding in check_duration(fact)),
        *check_monthly_cap(days),
        *check_spacing(days),
        *check_programme_length(days, started_on=started_on, today=today, completed=completed),
        *check_followup(facts, today=today, completed=completed),
    ]
    if not completed:
        findings += check_midpoint_reviews(
            started_on=started_on, today=today, reviews_done=reviews_done
        )
    order = {Severity.BREACH: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(findings, key=lambda finding: order[finding.severity])


def check_next_session(
    held: Sequence[date], proposed: date, *, started_on: date, today: date
) -> list[Finding]:
    """What scheduling the next session on ``proposed`` would break or miss.

    Used at the follow-up step: ``held`` are the dates of the sessions held so far, the current
    one included.
    """
    findings: list[Finding] = []
    if proposed < today:
        findings.append(Finding("date_in_past", Severity.BREACH, {"date": proposed.isoformat()}))
    same_month = [day for day in held if month_key(day) == month_key(proposed)]
    if len(same_month) + 1 > MAX_SESSIONS_PER_MONTH:
        findings.append(
            Finding(
                "month_over_cap",
                Severity.BREACH,
                {
                    "month": month_key(proposed),
                    "count": len(same_month) + 1,
                    "maximum": MAX_SESSIONS_PER_MONTH,
                },
            )
        )
    if held:
        findings += check_spacing([max(held), proposed], first_number=len(held))
    end = programme_end(started_on)
    if proposed > end:
        findings.append(
            Finding(
                "programme_over_year",
                Severity.BREACH,
                {"started_on": started_on.isoformat(), "ended_on": end.isoformat()},
            )
        )
    return findings


def suggested_next_session(held: Sequence[date], *, today: date) -> date:
    """The default next date: two weeks after the latest session, moved past a full month."""
    latest = max(held, default=today)
    proposed = max(latest, today) + timedelta(days=RECOMMENDED_SPACING_DAYS)
    while sum(1 for day in held if month_key(day) == month_key(proposed)) >= MAX_SESSIONS_PER_MONTH:
        proposed = add_months(proposed.replace(day=1), 1)
    return proposed
