"""The summary HR receives: validated fields, a stable id, a stable signed encoding."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hr_samples import make_summary

from sitante_tui.domain.hr_summary import (
    SessionSummary,
    SummaryFieldError,
    canonical_json,
    summaries_for_session,
    summary_id_for,
)
from sitante_tui.domain.models import (
    ActionItem,
    AskedQuestion,
    Coach,
    Coachee,
    Engagement,
    Participant,
    Session,
)


def test_round_trip_through_dict_keeps_every_field() -> None:
    summary = make_summary(coachee_nip="198001012005012001", coach_change_requested=True)
    again = SessionSummary.from_dict(summary.to_dict())
    assert again == summary
    assert canonical_json(again.to_dict()) == canonical_json(summary.to_dict())


def test_summary_id_is_deterministic_so_a_reclosed_session_upserts() -> None:
    first = make_summary(session_id="s-1", coachee_id="c-1", reflection="a")
    second = make_summary(session_id="s-1", coachee_id="c-1", reflection="b")
    assert first.summary_id == second.summary_id == summary_id_for("s-1", "c-1")
    assert first.summary_id != make_summary(session_id="s-1", coachee_id="c-2").summary_id
    assert "s-1" not in first.summary_id


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("self_rating", 11, "range"),
        ("coach_rating", 0, "range"),
        ("kind", "counselling", "choice"),
        ("delivery_mode", "fax", "choice"),
        ("session_number", "2", "type"),
        ("held_on", "2/3/2026", "type"),
        ("coachee_name", None, "missing"),
        ("duration_minutes", True, "type"),
    ],
)
def test_invalid_fields_are_named(field: str, value: object, reason: str) -> None:
    data = make_summary().to_dict()
    data[field] = value
    with pytest.raises(SummaryFieldError) as raised:
        SessionSummary.from_dict(data)
    assert raised.value.field == field
    assert raised.value.reason == reason


def test_action_plan_row_errors_name_the_row() -> None:
    data = make_summary().to_dict()
    data["action_plan"][0]["who"] = 3
    with pytest.raises(SummaryFieldError) as raised:
        SessionSummary.from_dict(data)
    assert raised.value.field == "action_plan[0].who"


def test_a_claimed_summary_id_must_match_the_content() -> None:
    data = make_summary().to_dict()
    data["summary_id"] = "0" * 32
    with pytest.raises(SummaryFieldError, match="summary_id"):
        SessionSummary.from_dict(data)


def test_built_from_the_session_form_without_notes_or_questions() -> None:
    coach = Coach("k1", "Gede Wardana")
    coachee = Coachee("c1", "Sinta Javani", unit="Diklat", position="Staf", nip="1990")
    engagement = Engagement("e1", "k1", ["c1"], started_on=date(2026, 3, 1))
    session = Session(
        "s1",
        "e1",
        1,
        started_at=datetime(2026, 3, 2, 9, 0),
        notes={"goal": "RAHASIA: catatan pribadi coach"},
        options=["RAHASIA: pindah unit", "b"],
        asked_questions=[AskedQuestion("goal", "RAHASIA: apa yang ingin Anda capai?")],
        stage_seconds={"goal": 1500.0, "will": 1500.0},
        next_session_on=date(2026, 3, 16),
        participants=[
            Participant(
                "c1",
                agenda="Percaya diri berbicara",
                reality_rating=4,
                action_plan=[ActionItem("Latihan presentasi", when="2026-03-09", who="Tim")],
                reflection="Bermanfaat",
                coach_rating=5,
            )
        ],
    )
    [summary] = summaries_for_session(session, engagement, coach, {"c1": coachee})
    assert summary.coachee_nip == "1990"
    assert summary.duration_minutes == 50.0
    assert summary.options_count == 2
    assert summary.action_plan[0].due_on == date(2026, 3, 9)
    assert "RAHASIA" not in canonical_json(summary.to_dict()).decode()
