"""Records survive the trip to stored data and back; bad data names the field."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sitante_tui.domain.codec import DecodeError, from_data, to_data
from sitante_tui.domain.consent import ConsentAnswer
from sitante_tui.domain.models import (
    ActionItem,
    CheckIn,
    Engagement,
    Level,
    MentoringApproach,
    Session,
    SkillWill,
)


def test_a_full_session_round_trips() -> None:
    session = Session(id="s", engagement_id="e", number=2, started_at=datetime(2026, 11, 2, 9))
    session.consent.answer(ConsentAnswer.YES, datetime(2026, 11, 2, 9, 5))
    session.notes["goal"] = "Menjadi pembicara yang percaya diri"
    session.options = ["latihan", "mentor"]
    session.stage_seconds = {"goal": 12.5}
    session.mentoring_approach = MentoringApproach.EMPTY_CHAIR
    session.next_session_on = date(2026, 11, 16)
    from sitante_tui.domain.models import Participant

    session.participants = [
        Participant("c", check_in=CheckIn(7, "tenang"), action_plan=[ActionItem("a", "b")])
    ]
    data = to_data(session)
    assert data["consent"]["events"][0]["answer"] == "yes"
    assert from_data(Session, data) == session


def test_engagement_with_skill_will_round_trips() -> None:
    engagement = Engagement("e", "k", ["c"], skill_will=SkillWill(Level.LOW, Level.HIGH))
    back = from_data(Engagement, to_data(engagement))
    assert back == engagement and back.skill_will and back.skill_will.approach.value == "guide"


def test_unknown_keys_are_ignored_and_missing_ones_take_defaults() -> None:
    back = from_data(Session, {"id": "s", "engagement_id": "e", "number": 1, "future": 1})
    assert back.options == [] and back.step == "prepare"


def test_bad_data_names_the_field() -> None:
    with pytest.raises(DecodeError, match=r"Session\.number"):
        from_data(Session, {"id": "s", "engagement_id": "e", "number": "two"})
    with pytest.raises(DecodeError, match=r"Session\.started_at"):
        from_data(Session, {"id": "s", "engagement_id": "e", "number": 1, "started_at": "x"})
