"""The programme rules: each returns findings with the figures behind them."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sitante_tui.domain.programme_rules import (
    MAX_SESSIONS_PER_MONTH,
    SessionFact,
    Severity,
    add_months,
    check_monthly_cap,
    check_next_session,
    check_spacing,
    evaluate_engagement,
    midpoint_review_dates,
    month_key,
    suggested_next_session,
)

START = date(2026, 1, 5)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


def codes(findings: list) -> list[str]:
    return [f.code for f in findings]


def test_three_good_sessions_two_weeks_apart_raise_nothing() -> None:
    facts = [
        SessionFact(1, date(2026, 1, 5), 50, date(2026, 1, 19)),
        SessionFact(2, date(2026, 1, 19), 55, date(2026, 2, 2)),
        SessionFact(3, date(2026, 2, 2), 47, None),
    ]
    assert (
        evaluate_engagement(facts, started_on=START, today=date(2026, 2, 3), completed=True) == []
    )


def test_fewer_than_three_sessions_says_how_many_remain() -> None:
    [finding] = evaluate_engagement(
        [SessionFact(1, START, 50, START + timedelta(days=14))],
        started_on=START,
        today=START + timedelta(days=1),
    )
    assert finding.code == "sessions_below_minimum"
    assert finding.params == {"count": 1, "minimum": 3, "remaining": 2}


def test_durations_outside_45_to_60_minutes_are_named_by_session() -> None:
    facts = [SessionFact(1, START, 30), SessionFact(2, START + timedelta(14), 75)]
    found = evaluate_engagement(facts, started_on=START, today=START + timedelta(15))
    short = next(f for f in found if f.code == "session_too_short")
    long = next(f for f in found if f.code == "session_too_long")
    assert (short.params["number"], short.params["minutes"]) == (1, 30)
    assert (long.params["number"], long.params["minutes"]) == (2, 75)


def test_a_third_session_in_one_month_is_a_breach() -> None:
    [finding] = check_monthly_cap([date(2026, 3, 2), date(2026, 3, 12), date(2026, 3, 30)])
    assert finding.severity is Severity.BREACH
    assert finding.params == {"month": "2026-03", "count": 3, "maximum": 2}


def test_spacing_short_and_gap_over_a_month() -> None:
    found = check_spacing([date(2026, 1, 1), date(2026, 1, 5), date(2026, 3, 1)])
    assert codes(found) == ["spacing_short", "gap_over_month"]
    assert found[0].params["number"] == 2 and found[0].params["days"] == 4


def test_overdue_follow_up_counts_the_days() -> None:
    facts = [SessionFact(1, START, 50, START + timedelta(days=14))]
    found = evaluate_engagement(facts, started_on=START, today=START + timedelta(days=20))
    overdue = next(f for f in found if f.code == "followup_overdue")
    assert overdue.params["days"] == 6


def test_programme_past_one_year_is_a_breach() -> None:
    found = evaluate_engagement([], started_on=START, today=START + timedelta(days=400))
    assert "programme_over_year" in codes(found)
    assert found[0].severity is Severity.BREACH  # most serious first


def test_midpoint_review_every_three_months_until_one_is_recorded() -> None:
    today = date(2026, 4, 10)
    found = evaluate_engagement([], started_on=START, today=today)
    review = next(f for f in found if f.code == "midpoint_review_due")
    assert review.params["due_on"] == "2026-04-05"
    found = evaluate_engagement([], started_on=START, today=today, reviews_done=[date(2026, 4, 1)])
    assert "midpoint_review_due" not in codes(found)


def test_add_months_clamps_to_the_end_of_short_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_next_session_checks_cap_spacing_past_and_year() -> None:
    held = [date(2026, 3, 2), date(2026, 3, 16)]
    found = check_next_session(held, date(2026, 3, 20), started_on=START, today=date(2026, 3, 16))
    assert set(codes(found)) == {"month_over_cap", "spacing_short"}
    found = check_next_session(held, date(2026, 3, 1), started_on=START, today=date(2026, 3, 16))
    assert "date_in_past" in codes(found)
    found = check_next_session(held, date(2027, 2, 1), started_on=START, today=date(2026, 3, 16))
    assert "programme_over_year" in codes(found)


# -- properties of the calendar rules ----------------------------------------------------------


@given(st.lists(days, max_size=12))
def test_monthly_cap_flags_exactly_the_months_over_two(dates: list[date]) -> None:
    over = {
        m for m, n in Counter(month_key(d) for d in dates).items() if n > MAX_SESSIONS_PER_MONTH
    }
    assert {f.params["month"] for f in check_monthly_cap(dates)} == over


@given(st.lists(days, min_size=1, max_size=12), days)
def test_suggested_next_session_never_breaks_the_monthly_cap(held: list[date], today: date) -> None:
    proposed = suggested_next_session(held, today=today)
    assert proposed >= today + timedelta(days=14) or proposed >= max(held) + timedelta(days=14)
    assert sum(month_key(d) == month_key(proposed) for d in held) < MAX_SESSIONS_PER_MONTH


@given(st.lists(days, min_size=2, max_size=10))
def test_spacing_findings_match_the_gaps(dates: list[date]) -> None:
    ordered = sorted(dates)
    gaps = [(b - a).days for a, b in itertools.pairwise(ordered)]
    found = check_spacing(dates)
    assert len(found) == sum(g < 10 or g > 31 for g in gaps)


@given(days, st.integers(min_value=0, max_value=400))
def test_midpoint_marks_are_three_months_apart_within_the_year(start: date, span: int) -> None:
    marks = midpoint_review_dates(start, start + timedelta(days=span))
    assert all(m <= start + timedelta(days=365) for m in marks)
    assert len(marks) <= 4
    for earlier, later in itertools.pairwise(marks):
        assert 89 <= (later - earlier).days <= 92
