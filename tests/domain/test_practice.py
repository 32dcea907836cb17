"""Practice mode: scenarios, a trainee's round, its score and summary, progress, and feedback on
a real session's questions."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sitante_tui import i18n
from sitante_tui.domain.practice import GROW_ROUND, PracticeRound, RoundFinished, RoundSummary
from sitante_tui.domain.practice_progress import Trend, progress
from sitante_tui.domain.practice_scenarios import ReplyKind, Scenario, ScenarioError, load_scenarios
from sitante_tui.domain.practice_stats import OTHER, analyse_session_questions
from sitante_tui.domain.question_analysis import GrowStage
from sitante_tui.paths import bundled_dir
from sitante_tui.practice_feedback import progress_lines, summary_lines, turn_tips

SCENARIO_FILE = bundled_dir("prompts") / "practice_scenarios.toml"
START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)

GOOD = {
    "id": {
        GrowStage.GOAL: [
            "Apa yang ingin Anda capai?",
            "Seperti apa keberhasilan itu bagi Anda?",
            "Bagaimana Anda akan tahu tujuan itu tercapai?",
        ],
        GrowStage.REALITY: [
            "Apa yang sedang terjadi saat ini?",
            "Apa yang sudah Anda lakukan sejauh ini?",
            "Apa kendala terbesar saat ini?",
        ],
        GrowStage.OPTIONS: [
            "Apa saja pilihan yang Anda lihat?",
            "Apa lagi yang bisa Anda lakukan?",
            "Cara lain apa yang mungkin?",
        ],
        GrowStage.WILL: [
            "Apa langkah pertama yang akan Anda ambil?",
            "Kapan Anda akan mulai?",
            "Dukungan apa yang Anda butuhkan?",
        ],
    },
    "en": {
        GrowStage.GOAL: [
            "What would you like to achieve?",
            "What does success look like for you?",
            "How will you know you have reached your goal?",
        ],
        GrowStage.REALITY: [
            "What is happening at the moment?",
            "What have you tried so far?",
            "What obstacles are you facing right now?",
        ],
        GrowStage.OPTIONS: [
            "What options do you see?",
            "What else could you do?",
            "What other ways are there?",
        ],
        GrowStage.WILL: [
            "What will be your first step?",
            "When will you start?",
            "What support do you need?",
        ],
    },
}


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    return load_scenarios(SCENARIO_FILE)


def new_round(scenario: Scenario, lang: str = "id", **kwargs: object) -> PracticeRound:
    return PracticeRound(scenario, kwargs.pop("stages", GROW_ROUND), lang, START, **kwargs)  # type: ignore[arg-type]


def play_good_round(practice: PracticeRound) -> None:
    while not practice.finished:
        stage = practice.current_stage
        assert stage is not None
        question = GOOD[practice.lang][stage][practice.counted_in(stage)]
        turn = practice.ask(question)
        assert turn.kind is ReplyKind.OPEN, (practice.scenario.key, question, turn.analysis)


class TestScenarios:
    """The bundled scenario file: enough cases, both languages complete."""

    def test_at_least_twelve_scenarios_from_the_booklet_agenda(
        self, scenarios: list[Scenario]
    ) -> None:
        assert len(scenarios) >= 12
        assert len({s.key for s in scenarios}) == len(scenarios)
        agenda = {a for s in scenarios for a in s.agenda}
        assert agenda <= set(range(1, 21)) and len(agenda) >= 10

    def test_every_text_in_both_languages(self, scenarios: list[Scenario]) -> None:
        for scenario in scenarios:
            texts = [scenario.title, scenario.persona.role, scenario.persona.background]
            for script in scenario.stages.values():
                texts += [script.purpose, script.transition]
                texts += [t for replies in script.replies.values() for t in replies]
                assert len(script.replies[ReplyKind.OPEN]) >= script.needed
                assert set(script.replies) == set(ReplyKind)
            assert set(scenario.stages) == set(GrowStage)
            for text in texts:
                assert text.id.strip() and text.en.strip()
                assert text.id != text.en or len(text.id) < 12  # "Ya."/"Yes." may be short

    def test_error_names_file_and_key(self, tmp_path: Path) -> None:
        broken = SCENARIO_FILE.read_text(encoding="utf-8").replace(
            ' en = "Yes." },\n  { id = "Belum, sih."', ' en = "" },\n  { id = "Belum, sih."', 1
        )
        target = tmp_path / "prompts" / "practice_scenarios.toml"
        target.parent.mkdir()
        target.write_text(broken, encoding="utf-8")
        with pytest.raises(ScenarioError) as error:
            load_scenarios(target)
        assert str(error.value) == (
            "prompts/practice_scenarios.toml: "
            "scenarios[0].stages.goal.closed[0]: missing 'en' reply"
        )

    def test_missing_stage_and_bad_toml(self, tmp_path: Path) -> None:
        target = tmp_path / "practice_scenarios.toml"
        text = SCENARIO_FILE.read_text(encoding="utf-8")
        target.write_text(text.replace("[scenarios.stages.will]", "[scenarios.stages.wil]", 1))
        with pytest.raises(ScenarioError, match=r"scenarios\[0\]\.stages\.will: missing stage"):
            load_scenarios(target)
        target.write_text("[[scenarios]\n")
        with pytest.raises(ScenarioError, match=r"practice_scenarios\.toml: "):
            load_scenarios(target)


class TestGoodTrainee:
    """Open, on-stage questions move the coachee through the whole GROW round."""

    @pytest.mark.parametrize("lang", ["id", "en"])
    def test_every_scenario_can_be_completed(self, scenarios: list[Scenario], lang: str) -> None:
        for scenario in scenarios:
            practice = new_round(scenario, lang)
            play_good_round(practice)
            assert practice.reached == GROW_ROUND
            summary = practice.finish(START + timedelta(minutes=20))
            assert summary.completed and summary.score == 100
            assert summary.open_share == 1.0

    def test_replies_read_like_a_conversation(self, scenarios: list[Scenario]) -> None:
        scenario = scenarios[0]
        practice = new_round(scenario)
        first = practice.ask("Apa yang ingin Anda capai?")
        second = practice.ask("Seperti apa keberhasilan itu bagi Anda?")
        goal = scenario.stages[GrowStage.GOAL]
        assert first.reply == goal.replies[ReplyKind.OPEN][0].id
        assert not first.advanced and first.transition is None
        assert second.reply == goal.replies[ReplyKind.OPEN][1].id
        assert second.advanced and second.transition == goal.transition.id
        assert practice.current_stage is GrowStage.REALITY
        assert "Bagus" in turn_tips(second, scenario)[-1]

    def test_a_few_stumbles_still_score_well(self, scenarios: list[Scenario]) -> None:
        practice = new_round(scenarios[1], "en")
        practice.ask("Why do you want this?")
        play_good_round(practice)
        summary = practice.finish(START)
        assert summary.completed and 85 <= summary.score < 100
        assert summary.flags == {"why": 1}


class TestPoorTrainee:
    """Closed and advice questions get realistic replies, do not advance, and score low."""

    def test_closed_and_advice_only(self, scenarios: list[Scenario]) -> None:
        scenario = scenarios[0]
        goal = scenario.stages[GrowStage.GOAL]
        practice = new_round(scenario)
        questions = [
            "Apakah Anda ingin pindah ke jabatan fungsional?",
            "Sebaiknya Anda pilih penyuluh kesehatan saja.",
            "Anda sudah bicara dengan atasan?",
            "Kenapa tidak tanya BKD saja?",
            "Bukankah penyuluh lebih cocok untuk Anda?",
        ]
        turns = [practice.ask(q) for q in questions]
        assert [t.kind for t in turns] == [
            ReplyKind.CLOSED,
            ReplyKind.ADVICE,
            ReplyKind.CLOSED,
            ReplyKind.ADVICE,
            ReplyKind.ADVICE,
        ]
        assert turns[0].reply in {r.id for r in goal.replies[ReplyKind.CLOSED]}
        assert turns[1].reply in {r.id for r in goal.replies[ReplyKind.ADVICE]}
        assert not any(t.counted or t.advanced for t in turns)
        assert practice.current_stage is GrowStage.GOAL
        summary = practice.finish(START)
        assert summary.score <= 10
        assert summary.open_share == 0.0
        assert summary.flags["advice"] == 2 and summary.flags["leading"] == 1
        assert summary.per_stage[GrowStage.GOAL].asked == 5
        assert not summary.per_stage[GrowStage.GOAL].reached

    def test_why_stacked_and_off_stage_replies(self, scenarios: list[Scenario]) -> None:
        scenario = scenarios[2]
        goal = scenario.stages[GrowStage.GOAL]
        practice = new_round(scenario, "en")
        why = practice.ask("Why do you always work late?")
        stacked = practice.ask("What do you want? When will you start?")
        off = practice.ask("What options do you have?")
        small_talk = practice.ask("How are you today?")
        assert why.kind is ReplyKind.WHY and why.reply == goal.replies[ReplyKind.WHY][0].en
        assert stacked.kind is ReplyKind.STACKED and "which one" in stacked.reply.lower()
        assert off.kind is ReplyKind.OFF_STAGE and not off.on_stage
        assert small_talk.kind is ReplyKind.OFF_STAGE
        tips = turn_tips(off, scenario, "en")
        assert "Options" in tips[-1] and "Goal" in tips[-1]
        assert "Small talk" in turn_tips(small_talk, scenario, "en")[-1]
        assert practice.counted_in(GrowStage.GOAL) == 0

    def test_unrecognised_stage_gets_the_benefit_of_the_doubt(
        self, scenarios: list[Scenario]
    ) -> None:
        practice = new_round(scenarios[0], "en")
        turn = practice.ask("Tell me more about that.")
        assert turn.analysis.stage is None and turn.kind is ReplyKind.OPEN and turn.counted


class TestRoundMechanics:
    """Single stages, skipping, the end of a round, determinism and storage."""

    def test_single_stage_round(self, scenarios: list[Scenario]) -> None:
        practice = new_round(scenarios[3], "id", stages=(GrowStage.OPTIONS,))
        assert practice.current_stage is GrowStage.OPTIONS
        play_good_round(practice)
        assert practice.finished and practice.current_stage is None
        with pytest.raises(RoundFinished):
            practice.ask("Apa lagi?")
        assert practice.finish(START).score == 100

    def test_skip_stage(self, scenarios: list[Scenario]) -> None:
        practice = new_round(scenarios[0])
        assert practice.skip_stage() is GrowStage.REALITY
        play_good_round(practice)
        summary = practice.finish(START)
        assert summary.reached == (GrowStage.REALITY, GrowStage.OPTIONS, GrowStage.WILL)
        assert not summary.completed and summary.score == 90

    def test_invalid_rounds(self, scenarios: list[Scenario]) -> None:
        with pytest.raises(ValueError):
            new_round(scenarios[0], stages=())
        with pytest.raises(ValueError):
            new_round(scenarios[0], "fr")
        with pytest.raises(ValueError):
            new_round(scenarios[0]).ask("   ")

    def test_replies_are_deterministic_and_rotate(self, scenarios: list[Scenario]) -> None:
        def closed_replies(seed: int) -> list[str]:
            practice = new_round(scenarios[0], seed=seed)
            return [practice.ask("Apakah Anda siap?").reply for _ in range(3)]

        assert closed_replies(0) == closed_replies(0)
        assert closed_replies(0)[0] != closed_replies(0)[1]
        assert closed_replies(1)[0] == closed_replies(0)[1]

    def test_round_survives_storage(self, scenarios: list[Scenario]) -> None:
        practice = new_round(scenarios[4], "en", seed=3)
        practice.ask("What would you like to achieve?")
        practice.ask("Do you like reading?")
        practice.skip_stage()
        stored = json.loads(json.dumps(practice.to_dict()))
        restored = PracticeRound.from_dict(stored, scenarios)
        assert restored == practice
        assert restored.current_stage is GrowStage.REALITY
        assert restored.ask("What is happening right now?").reply == (
            practice.ask("What is happening right now?").reply
        )

    def test_summary_survives_storage(self, scenarios: list[Scenario]) -> None:
        practice = new_round(scenarios[5])
        play_good_round(practice)
        summary = practice.finish(START + timedelta(minutes=12))
        assert RoundSummary.from_dict(json.loads(json.dumps(summary.to_dict()))) == summary


class TestSummaryAndProgress:
    """What the trainee sees at the end of a round and over time."""

    def test_summary_lines_in_both_languages(self, scenarios: list[Scenario]) -> None:
        practice = new_round(scenarios[0])
        practice.ask("Kenapa Anda belum memilih?")
        practice.ask("Apakah Anda siap?")
        summary = practice.finish(START)
        lines = summary_lines(summary)
        assert lines[0] == f"Skor: {summary.score}/100"
        assert "Pertanyaan terbuka: 50%" in lines
        assert any("Goal (Tujuan): 2 pertanyaan, 1 terbuka" in line for line in lines)
        i18n.set_language("en")
        assert summary_lines(summary)[-1] == 'Notes: "why" question ×1'

    def test_progress_over_rounds(self) -> None:
        def summary(day: int, score: int) -> RoundSummary:
            at = START + timedelta(days=day)
            return RoundSummary("x", "id", GROW_ROUND, at, at, score, 4, 2, {}, {}, ())

        report = progress([summary(3, 80), summary(1, 40), summary(2, 60), summary(4, 85)])
        assert [s for _, s in report.points] == [40, 60, 80, 85]
        assert report.trend is Trend.IMPROVING and report.change == 32.5
        assert report.best == 85 and report.latest == 85 and report.average == 66.2
        assert progress([summary(1, 70), summary(2, 72)]).trend is Trend.STEADY
        assert progress([summary(1, 90), summary(2, 60)]).trend is Trend.DECLINING
        assert progress([summary(1, 90)]).trend is Trend.NOT_ENOUGH
        assert progress([]).points == ()
        assert progress_lines(report, "en")[1] == "Improving (+32.5 points)"


class TestSessionFeedback:
    """The same analysis over a real session's questions, grouped by the stage of asking."""

    def test_counts_share_flags_and_stages(self) -> None:
        feedback = analyse_session_questions(
            [
                ("rapport", "Bagaimana kabar Ibu hari ini?"),
                ("goal", "Apa yang ingin Ibu capai?"),
                ("goal", "Apakah itu realistis?"),
                ("reality", "Kenapa belum dikerjakan?"),
                ("reality", "Apa yang sudah Ibu coba sejauh ini?"),
                ("options", "Sebaiknya Ibu minta bantuan atasan."),
                ("will", "Kapan Ibu akan mulai?"),
                (None, "   "),
            ]
        )
        assert feedback.count == 7
        assert feedback.open_count == 5
        assert feedback.open_share == pytest.approx(5 / 7)
        assert feedback.flags == {"advice": 1, "why": 1, "closed": 2}
        assert list(feedback.per_stage) == ["goal", "reality", "options", "will", OTHER]
        assert feedback.per_stage["goal"].asked == 2 and feedback.per_stage["goal"].open == 1
        assert feedback.per_stage[OTHER].asked == 1
        assert feedback.on_stage == 5
        assert json.loads(json.dumps(feedback.to_dict()))["open_share"] == 0.714
