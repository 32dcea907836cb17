"""The session flow: step order, the consent/confidentiality guard, timers and follow-up rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from sitante_tui.domain.consent import ConsentAnswer, RecordingNotAllowed
from sitante_tui.domain.models import (
    ActionItem,
    Engagement,
    Form,
    Kind,
    MentoringApproach,
    ProgrammePlan,
    SessionStatus,
    Template,
)
from sitante_tui.domain.programme_rules import SessionFact
from sitante_tui.domain.session_edits import SessionClosedError
from sitante_tui.domain.session_flow import Blocker, SessionFlow, StepBlocked, start_session
from sitante_tui.domain.session_steps import Step, steps_for
from sitante_tui.domain.stage_timer import BudgetState


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, minutes: float) -> None:
        self.t += minutes * 60


NOW = datetime(2026, 11, 2, 9, 0)


def make_flow(
    *,
    number: int = 1,
    coachees: tuple[str, ...] = ("c1",),
    template: Template | None = None,
    history: tuple[SessionFact, ...] = (),
    started_on: date = date(2026, 11, 2),
) -> tuple[SessionFlow, FakeClock]:
    engagement = Engagement(
        id="e1",
        coach_id="k1",
        coachee_ids=list(coachees),
        started_on=started_on,
        form=Form.GROUP if len(coachees) > 1 else Form.ONE_ON_ONE,
        kind=Kind.MENTORING if template is Template.MENTORING else Kind.COACHING,
    )
    session = start_session(engagement, number=number, now=NOW, template=template)
    clock = FakeClock()
    return SessionFlow(session, engagement, history=history, clock=clock, now=lambda: NOW), clock


def walk_to_goal(flow: SessionFlow) -> None:
    flow.set_plan(ProgrammePlan("Karier JFT", "Memilih JFT", "Setiap 2 minggu", True))
    flow.advance()
    for p in flow.session.participants:
        flow.check_in(p.coachee_id, 7, "siap")
    flow.advance()
    flow.answer_consent(ConsentAnswer.NO)
    flow.advance()
    flow.confirm_confidentiality()
    flow.advance()


def test_grow_template_has_the_twelve_steps_in_order() -> None:
    assert [s.value for s in steps_for(Template.GROW)] == [
        "prepare",
        "rapport",
        "consent",
        "confidentiality",
        "goal",
        "reality",
        "options",
        "will",
        "action_plan",
        "review",
        "follow_up",
        "close",
    ]


def test_goal_is_unreachable_before_consent_and_confidentiality() -> None:
    flow, _ = make_flow(number=2)
    flow.check_in("c1", 6)
    with pytest.raises(StepBlocked) as blocked:
        flow.go_to(Step.GOAL)
    assert blocked.value.step is Step.CONSENT
    assert blocked.value.blockers == (Blocker.CONSENT_MISSING,)
    assert flow.current is Step.PREPARE
    assert flow.go_to(Step.CONSENT) is Step.CONSENT
    flow.answer_consent(ConsentAnswer.YES)
    flow.advance()
    with pytest.raises(StepBlocked) as blocked:
        flow.advance()
    assert blocked.value.blockers == (Blocker.CONFIDENTIALITY_MISSING,)
    flow.confirm_confidentiality()
    assert flow.advance() is Step.GOAL


def test_advance_from_consent_without_answer_is_refused() -> None:
    flow, _ = make_flow(number=2)
    flow.check_in("c1", 6)
    flow.advance()
    assert flow.advance() is Step.CONSENT
    with pytest.raises(StepBlocked):
        flow.advance()
    assert flow.current is Step.CONSENT


def test_first_session_needs_the_coaching_plan() -> None:
    flow, _ = make_flow(number=1)
    with pytest.raises(StepBlocked) as blocked:
        flow.advance()
    assert blocked.value.blockers == (Blocker.PLAN_INCOMPLETE,)
    flow.set_plan(ProgrammePlan("agenda", "goal", "", minimum_explained=False))
    assert flow.blockers() == [Blocker.PLAN_INCOMPLETE]  # the minimum must be explained
    flow.set_plan(ProgrammePlan("agenda", "goal", "", minimum_explained=True))
    assert flow.advance() is Step.RAPPORT


def test_a_no_is_final_and_withdrawal_stops_recording() -> None:
    flow, _ = make_flow(number=2)
    flow.answer_consent(ConsentAnswer.NO)
    assert not flow.session.consent.recording_allowed
    with pytest.raises(RecordingNotAllowed):
        flow.answer_consent(ConsentAnswer.YES)
    flow2, _ = make_flow(number=2)
    flow2.answer_consent(ConsentAnswer.YES)
    assert flow2.session.consent.recording_allowed
    flow2.withdraw_consent()
    assert not flow2.session.consent.recording_allowed
    assert [e.answer for e in flow2.session.consent.events] == [
        ConsentAnswer.YES,
        ConsentAnswer.WITHDRAWN,
    ]
    assert flow2.session.consent.events[0].at == NOW


def test_back_is_always_allowed_and_forward_jumps_only_over_done_steps() -> None:
    flow, _ = make_flow(number=1)
    walk_to_goal(flow)
    assert flow.back() is Step.CONFIDENTIALITY
    assert flow.go_to(Step.PREPARE) is Step.PREPARE
    assert flow.go_to(Step.GOAL) is Step.GOAL
    with pytest.raises(StepBlocked) as blocked:
        flow.go_to(Step.OPTIONS)
    assert blocked.value.blockers == (Blocker.GOAL_MISSING,)


def test_stage_and_session_clocks_show_overrun_with_a_fake_clock() -> None:
    flow, clock = make_flow(number=1)
    walk_to_goal(flow)
    clock.advance(5)
    assert flow.stage_reading().state is BudgetState.WITHIN
    clock.advance(1.5)
    assert flow.stage_reading().state is BudgetState.NEAR  # 6.5 of 8 minutes
    clock.advance(2)
    reading = flow.stage_reading()
    assert reading.state is BudgetState.OVER and reading.remaining == pytest.approx(-30)
    assert flow.session_reading().state is BudgetState.UNDER
    flow.timer.pause()
    clock.advance(30)  # a break does not count
    assert flow.stage_reading().elapsed == pytest.approx(8.5 * 60)
    flow.timer.resume()
    clock.advance(40)
    assert flow.session_reading().state is BudgetState.WITHIN
    clock.advance(15)
    assert flow.session_reading().state is BudgetState.OVER


def test_stage_time_is_kept_per_step_and_survives_a_reload() -> None:
    flow, clock = make_flow(number=1)
    walk_to_goal(flow)
    clock.advance(3)
    flow.timer.commit()
    assert flow.session.stage_seconds["goal"] == pytest.approx(180)
    resumed = SessionFlow(flow.session, flow.engagement, clock=clock, now=lambda: NOW)
    clock.advance(1)
    assert resumed.timer.stage_elapsed() == pytest.approx(240)


def full_session(flow: SessionFlow) -> None:
    walk_to_goal(flow)
    flow.set_notes("goal", "Memilih JFT yang cocok dalam 3 bulan")
    flow.advance()
    flow.set_reality_rating("c1", 4)
    flow.advance()
    flow.add_option("Bicara dengan pejabat fungsional")
    flow.advance()
    flow.advance()  # will
    flow.add_action(
        "c1", ActionItem("Membaca Permenpan JFT", "minggu ini", "sendiri", "internet", "daftar JFT")
    )
    flow.advance()
    flow.confirm_plan("c1")
    flow.set_review("c1", reflection="Lebih jelas", coach_rating=5)
    flow.advance()


def test_a_whole_session_reaches_close_and_is_final() -> None:
    flow, clock = make_flow(number=1)
    full_session(flow)
    assert flow.current is Step.FOLLOW_UP
    suggested = flow.suggested_next_date()
    assert suggested == date(2026, 11, 16)
    assert flow.set_next_session(suggested) == []
    flow.advance()
    clock.advance(50)
    session = flow.close()
    assert session.status is SessionStatus.CLOSED and session.ended_at == NOW
    with pytest.raises(SessionClosedError):
        flow.set_notes("goal", "changed")


def test_a_changed_action_plan_needs_a_new_confirmation() -> None:
    flow, _ = make_flow(number=1)
    full_session(flow)
    flow.add_action("c1", ActionItem("Menghubungi mentor"))
    assert flow.blockers(Step.REVIEW) == [Blocker.CONFIRMATION_MISSING]


def test_follow_up_breach_is_shown_and_must_be_acknowledged() -> None:
    history = (SessionFact(1, date(2026, 11, 2) - timedelta(days=1), 50, None),)
    flow, _ = make_flow(number=2, history=history)
    flow.advance()
    flow.check_in("c1", 7)
    flow.advance()
    flow.answer_consent(ConsentAnswer.NO)
    flow.advance()
    flow.confirm_confidentiality()
    flow.advance()
    flow.set_notes("goal", "g")
    flow.advance()
    flow.set_reality_rating("c1", 5)
    flow.advance()
    flow.add_option("o")
    flow.advance()
    flow.advance()
    flow.add_action("c1", ActionItem("a"))
    flow.advance()
    flow.confirm_plan("c1")
    flow.review_later("c1")
    flow.advance()
    findings = flow.set_next_session(date(2026, 11, 20))  # a third session in November
    assert "month_over_cap" in [f.code for f in findings]
    with pytest.raises(StepBlocked) as blocked:
        flow.advance()
    assert blocked.value.blockers == (Blocker.FINDINGS_UNACKNOWLEDGED,)
    flow.acknowledge_findings([f.code for f in findings])
    assert flow.advance() is Step.CLOSE


def test_the_programme_cannot_end_before_three_sessions() -> None:
    flow, _ = make_flow(number=2)
    with pytest.raises(ValueError):
        flow.end_programme()
    flow3, _ = make_flow(number=3)
    flow3.end_programme()
    assert flow3.session.no_next_session


def test_group_session_needs_every_coachee_for_check_in_rating_plan_and_confirmation() -> None:
    flow, _ = make_flow(number=2, coachees=("a", "b"))
    flow.check_in("a", 8)
    assert flow.blockers(Step.RAPPORT) == [Blocker.CHECK_IN_MISSING]
    flow.check_in("b", 6)
    assert flow.blockers(Step.RAPPORT) == []
    flow.add_action("a", ActionItem("x"))
    assert flow.blockers(Step.ACTION_PLAN) == [Blocker.ACTION_PLAN_MISSING]
    flow.add_action("b", ActionItem("y"))
    flow.confirm_plan("a")
    assert flow.blockers(Step.REVIEW) == [Blocker.CONFIRMATION_MISSING]
    flow.confirm_plan("b")
    assert flow.blockers(Step.REVIEW) == []


def test_mentoring_and_performance_templates_keep_the_guard() -> None:
    flow, _ = make_flow(number=2, template=Template.MENTORING)
    assert Step.SHARING in flow.steps and Step.GOAL not in flow.steps
    with pytest.raises(StepBlocked):
        flow.go_to(Step.SHARING)
    flow.check_in("c1", 5)
    flow.answer_consent(ConsentAnswer.NO)
    flow.confirm_confidentiality()
    assert flow.go_to(Step.SHARING) is Step.SHARING
    assert flow.blockers() == [Blocker.APPROACH_MISSING]
    flow.set_mentoring_approach(MentoringApproach.ROLE_PLAYING)
    assert flow.advance() is Step.ACTION_PLAN
    perf, _ = make_flow(number=2, template=Template.PERFORMANCE)
    assert [s.value for s in perf.steps[4:7]] == [
        "map_problem",
        "discuss_causes",
        "identify_solutions",
    ]


def test_ratings_out_of_range_are_refused() -> None:
    flow, _ = make_flow(number=2)
    with pytest.raises(ValueError):
        flow.check_in("c1", 11)
    with pytest.raises(ValueError):
        flow.set_reality_rating("c1", 0)
    flow.add_action("c1", ActionItem("x"))
    with pytest.raises(ValueError):
        flow.set_review("c1", reflection="", coach_rating=6)
