"""The HR dashboard's numbers: per coachee, per coach, programme-wide, and the follow-up recap."""

from __future__ import annotations

from datetime import date, timedelta

from hr_samples import make_summary

from sitante_tui.domain.hr_dashboard import FlaggedRecord, VerifiedSummary, build_dashboard
from sitante_tui.domain.hr_recap import RecapStatus, build_followup_recap
from sitante_tui.domain.hr_summary import SessionSummary, SummaryVerdict

KEY_A, KEY_B = "a" * 16, "b" * 16


def _programme(
    coachee: str, dates: list[date], *, key: str = KEY_A, **extra: object
) -> list[VerifiedSummary]:
    rows = []
    for number, held_on in enumerate(dates, start=1):
        later = dates[number] if number < len(dates) else held_on + timedelta(days=14)
        summary = make_summary(
            coachee_id=coachee,
            coachee_name=coachee.title(),
            engagement_id=f"e-{coachee}",
            engagement_started_on=dates[0],
            session_number=number,
            held_on=held_on,
            next_session_on=later,
            **extra,
        )
        rows.append(VerifiedSummary(summary, key, f"2026-01-01T00:00:0{number}"))
    return rows


def test_per_coachee_counts_sessions_against_three_and_reports_rule_findings() -> None:
    on_track = _programme("ayu", [date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 2)])
    crowded = _programme("budi", [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 26)])
    dashboard = build_dashboard([*on_track, *crowded], today=date(2026, 2, 3))

    ayu, budi = dashboard.coachee("id:ayu"), dashboard.coachee("id:budi")
    assert (ayu.sessions_done, ayu.sessions_required) == (3, 3)
    assert ayu.last_session_on == date(2026, 2, 2)
    assert ayu.spacing_days == (14, 14)
    assert {f.code for f in budi.findings} >= {"month_over_cap", "spacing_short"}
    assert dashboard.coachees[0].key == "id:budi", "a breach sorts first"
    assert dashboard.totals.coachees_completed == 2
    assert dashboard.totals.coachees_with_breach == 1


def test_short_session_overdue_follow_up_and_below_minimum_are_found() -> None:
    rows = _programme("citra", [date(2026, 1, 5)], duration_minutes=30.0)
    view = build_dashboard(rows, today=date(2026, 3, 1)).coachee("id:citra")
    codes = {f.code for f in view.findings}
    assert {"session_too_short", "sessions_below_minimum", "followup_overdue"} <= codes
    assert view.overdue_followups[0].params["due_on"] == "2026-01-19"


def test_a_coachee_is_matched_across_coaches_by_nip() -> None:
    first = _programme("dewi", [date(2026, 1, 5)], key=KEY_A, coachee_nip="1985")
    second = _programme("dewi-2", [date(2026, 1, 19)], key=KEY_B, coachee_nip="1985")
    dashboard = build_dashboard([*first, *second], today=date(2026, 1, 20))
    assert [c.key for c in dashboard.coachees] == ["nip:1985"]
    assert dashboard.coachees[0].sessions_done == 2
    assert len(dashboard.coaches) == 2


def test_per_coach_average_rating_and_coach_change_requests() -> None:
    rows = [
        *_programme("eka", [date(2026, 1, 5)], coach_rating=4),
        *_programme("fajar", [date(2026, 1, 6)], coach_rating=2, coach_change_requested=True),
        *_programme("gita", [date(2026, 1, 7)], coach_rating=None),
    ]
    dashboard = build_dashboard(rows, today=date(2026, 1, 8))
    [coach] = dashboard.coaches
    assert (coach.coachees, coach.sessions, coach.average_rating, coach.ratings_count) == (
        3,
        3,
        3.0,
        2,
    )
    assert [r.coachee_name for r in dashboard.coach_change_requests] == ["Fajar"]


def test_sessions_per_month_counts_group_sessions_once_and_fills_empty_months() -> None:
    group = [
        VerifiedSummary(
            make_summary(session_id="g1", coachee_id=c, form="group", held_on=date(2026, 1, 9)),
            KEY_A,
        )
        for c in ("x", "y", "z")
    ]
    later = _programme("hana", [date(2026, 3, 2)])
    dashboard = build_dashboard([*group, *later], today=date(2026, 3, 3))
    assert dashboard.sessions_per_month == (("2026-01", 1), ("2026-02", 0), ("2026-03", 1))
    assert dashboard.totals.sessions == 2


def test_self_ratings_and_reflections_form_the_drill_down() -> None:
    rows = _programme("indra", [date(2026, 1, 5), date(2026, 1, 19)])
    view = build_dashboard(rows, today=date(2026, 1, 20)).coachee("id:indra")
    assert [s.session_number for s in view.sessions] == [1, 2]
    assert view.self_ratings == ((date(2026, 1, 5), 5), (date(2026, 1, 19), 5))
    assert view.reflections[0].reflection.startswith("Saya")


def test_flagged_records_are_listed_apart_and_never_counted() -> None:
    flagged = [FlaggedRecord("f" * 32, KEY_B, "2026-01-02", SummaryVerdict.TAMPERED)]
    dashboard = build_dashboard(
        _programme("joko", [date(2026, 1, 5)]), flagged, today=date(2026, 1, 6)
    )
    assert dashboard.totals.flagged == 1
    assert dashboard.totals.sessions == 1
    assert dashboard.flagged[0].verdict is SummaryVerdict.TAMPERED


def test_followup_recap_marks_rows_done_overdue_or_due() -> None:
    rows = [v.summary for v in _programme("kadek", [date(2026, 3, 2), date(2026, 3, 16)])]
    late = make_summary(coachee_id="lia", engagement_id="e-lia", held_on=date(2026, 3, 3))
    recap = build_followup_recap(
        [*rows, late],
        period_from=date(2026, 3, 1),
        period_to=date(2026, 3, 31),
        today=date(2026, 3, 20),
    )
    status = {(r.coachee_key, r.session_number): r.status for r in recap.rows}
    assert status[("id:kadek", 1)] is RecapStatus.DONE  # a later session followed
    assert status[("id:kadek", 2)] is RecapStatus.OVERDUE  # due 2026-03-09, nothing after
    assert status[(late.coachee_key, 1)] is RecapStatus.OVERDUE
    future: SessionSummary = make_summary(held_on=date(2026, 3, 19), action_plan=())
    assert (
        build_followup_recap(
            [future],
            period_from=date(2026, 3, 1),
            period_to=date(2026, 3, 31),
            today=date(2026, 3, 20),
        ).rows
        == ()
    )
