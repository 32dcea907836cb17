"""Practice mode: a trainee coaches a scripted coachee through GROW and gets a score.

A :class:`PracticeRound` runs one stage or a whole GROW round over a scenario
(:mod:`.practice_scenarios`). Everything is deterministic so that tests and snapshots are stable:
reply variants rotate from a per-round ``seed``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sitante_tui.domain.practice_scenarios import LANGS, ReplyKind, Scenario, StageScript
from sitante_tui.domain.practice_stats import StageStats, stage_stats, tally_flags
from sitante_tui.domain.question_analysis import (
    GrowStage,
    QuestionAnalysis,
    analyse_question,
)

GROW_ROUND: tuple[GrowStage, ...] = tuple(GrowStage)


class RoundFinished(RuntimeError):
    """A question was asked after the round had reached the end of its last stage."""


def question_points(analysis: QuestionAnalysis, on_stage: bool) -> float:
    """What one question is worth in the round score (0 to 1).

    An open question on the current stage with no flag is worth 1; closed 0.3; off the stage
    minus 0.5; a "why" minus 0.4; stacked minus 0.3; a leading or advice question 0.
    """
    if {"advice", "leading"} & set(analysis.flags):
        return 0.0
    points = 1.0 if analysis.open else 0.3
    if not on_stage:
        points -= 0.5
    if "why" in analysis.flags:
        points -= 0.4
    if "stacked" in analysis.flags:
        points -= 0.3
    return max(0.0, round(points, 2))


def _on_stage(analysis: QuestionAnalysis, stage: GrowStage) -> bool:
    # No stage cue at all (and not small talk): give the trainee the benefit of the doubt, so that
    # a gap in the word lists never blocks a good question.
    if analysis.stage is None:
        return analysis.cue("small_talk") is None
    return analysis.stage is stage


def _reply_kind(analysis: QuestionAnalysis, on_stage: bool) -> ReplyKind:
    flags = set(analysis.flags)
    if flags & {"advice", "leading"}:
        return ReplyKind.ADVICE
    if "stacked" in flags:
        return ReplyKind.STACKED
    if "why" in flags:
        return ReplyKind.WHY
    if not analysis.open:
        return ReplyKind.CLOSED
    return ReplyKind.OPEN if on_stage else ReplyKind.OFF_STAGE


@dataclass(frozen=True)
class PracticeTurn:
    """One question of the trainee and what came of it."""

    question: str
    stage: GrowStage  # the stage the round was in when the question was asked
    analysis: QuestionAnalysis
    on_stage: bool
    kind: ReplyKind
    reply: str  # the coachee's answer, in the round's language
    counted: bool  # counted towards the stage's purpose
    advanced: bool  # the stage's purpose was reached with this question
    transition: str | None  # the coachee's closing line of the stage, when advanced
    points: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "stage": self.stage.value,
            "analysis": self.analysis.to_dict(),
            "on_stage": self.on_stage,
            "kind": self.kind.value,
            "reply": self.reply,
            "counted": self.counted,
            "advanced": self.advanced,
            "transition": self.transition,
            "points": self.points,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PracticeTurn:
        return cls(
            question=data["question"],
            stage=GrowStage(data["stage"]),
            analysis=QuestionAnalysis.from_dict(data["analysis"]),
            on_stage=bool(data["on_stage"]),
            kind=ReplyKind(data["kind"]),
            reply=data["reply"],
            counted=bool(data["counted"]),
            advanced=bool(data["advanced"]),
            transition=data.get("transition"),
            points=float(data["points"]),
        )


@dataclass(frozen=True)
class RoundSummary:
    """The result of a round: score, counts and flags, kept (encrypted) for progress over time.

    ``score`` (0–100) = 60 × the mean of :func:`question_points` over the round's questions
    + 40 × the share of chosen stages whose purpose was reached.
    """

    scenario_key: str
    lang: str
    stages: tuple[GrowStage, ...]
    started_at: datetime
    finished_at: datetime
    score: int
    question_count: int
    open_count: int
    flags: Mapping[str, int]
    per_stage: Mapping[GrowStage, StageStats]
    reached: tuple[GrowStage, ...]

    @property
    def open_share(self) -> float:
        """Open questions / all questions (0 when nothing was asked)."""
        return self.open_count / self.question_count if self.question_count else 0.0

    @property
    def completed(self) -> bool:
        """Whether every chosen stage reached its purpose."""
        return set(self.stages) <= set(self.reached)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario_key": self.scenario_key,
            "lang": self.lang,
            "stages": [s.value for s in self.stages],
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat(),
            "score": self.score,
            "question_count": self.question_count,
            "open_count": self.open_count,
            "flags": dict(self.flags),
            "per_stage": {s.value: st.to_dict() for s, st in self.per_stage.items()},
            "reached": [s.value for s in self.reached],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RoundSummary:
        return cls(
            scenario_key=data["scenario_key"],
            lang=data["lang"],
            stages=tuple(GrowStage(s) for s in data["stages"]),
            started_at=datetime.fromisoformat(data["started_at"]),
            finished_at=datetime.fromisoformat(data["finished_at"]),
            score=int(data["score"]),
            question_count=int(data["question_count"]),
            open_count=int(data["open_count"]),
            flags=dict(data["flags"]),
            per_stage={GrowStage(k): StageStats.from_dict(v) for k, v in data["per_stage"].items()},
            reached=tuple(GrowStage(s) for s in data["reached"]),
        )


@dataclass
class PracticeRound:
    """A trainee's round on one scenario: one stage, or a whole GROW round.

    The screen asks (:meth:`ask`), shows the returned :class:`PracticeTurn`, and calls
    :meth:`finish` at the end (or whenever the trainee stops).
    """

    scenario: Scenario
    stages: tuple[GrowStage, ...]
    lang: str
    started_at: datetime
    seed: int = 0
    turns: list[PracticeTurn] = field(default_factory=list)
    skipped: list[GrowStage] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.stages or len(set(self.stages)) != len(self.stages):
            raise ValueError("choose one or more different stages")
        if self.lang not in LANGS:
            raise ValueError(f"unknown language {self.lang!r}")

    @property
    def reached(self) -> tuple[GrowStage, ...]:
        """Stages whose purpose was reached, in order."""
        return tuple(t.stage for t in self.turns if t.advanced)

    @property
    def finished(self) -> bool:
        """Every chosen stage is behind us (reached or skipped)."""
        return len(self.reached) + len(self.skipped) >= len(self.stages)

    @property
    def current_stage(self) -> GrowStage | None:
        """The stage being practised now (``None`` once finished)."""
        done = len(self.reached) + len(self.skipped)
        return None if done >= len(self.stages) else self.stages[done]

    @property
    def script(self) -> StageScript | None:
        """The current stage's script (purpose, replies)."""
        stage = self.current_stage
        return self.scenario.stages[stage] if stage else None

    def counted_in(self, stage: GrowStage) -> int:
        """Good questions asked so far in ``stage``."""
        return sum(t.counted for t in self.turns if t.stage is stage)

    def ask(self, question: str) -> PracticeTurn:
        """Analyse the trainee's question and let the coachee answer.

        Raises:
            RoundFinished: every chosen stage is already behind us.
            ValueError: the question is empty.
        """
        stage, script = self.current_stage, self.script
        if stage is None or script is None:
            raise RoundFinished("the round is over")
        if not question.strip():
            raise ValueError("empty question")
        # The question's language is detected: the trainee may type in either language.
        analysis = analyse_question(question)
        on_stage = _on_stage(analysis, stage)
        kind = _reply_kind(analysis, on_stage)
        advanced = False
        transition = None
        if kind is ReplyKind.OPEN:
            done = self.counted_in(stage)
            replies = script.replies[kind]
            reply = replies[min(done, len(replies) - 1)].get(self.lang)
            advanced = done + 1 >= script.needed
            transition = script.transition.get(self.lang) if advanced else None
        else:
            earlier = sum(1 for t in self.turns if t.stage is stage and t.kind is kind)
            variants = script.replies[kind]
            reply = variants[(self.seed + earlier) % len(variants)].get(self.lang)
        turn = PracticeTurn(
            question=question.strip(),
            stage=stage,
            analysis=analysis,
            on_stage=on_stage,
            kind=kind,
            reply=reply,
            counted=kind is ReplyKind.OPEN,
            advanced=advanced,
            transition=transition,
            points=question_points(analysis, on_stage),
        )
        self.turns.append(turn)
        return turn

    def skip_stage(self) -> GrowStage | None:
        """Move on without reaching the current stage's purpose; returns the next stage."""
        stage = self.current_stage
        if stage is None:
            raise RoundFinished("the round is over")
        self.skipped.append(stage)
        return self.current_stage

    def finish(self, at: datetime | None = None) -> RoundSummary:
        """Score the round (see :class:`RoundSummary` for the formula)."""
        reached = self.reached
        per_stage = {
            stage: stage_stats(
                [t.analysis for t in self.turns if t.stage is stage],
                counted=self.counted_in(stage),
                reached=stage in reached,
            )
            for stage in self.stages
        }
        quality = sum(t.points for t in self.turns) / len(self.turns) if self.turns else 0.0
        completion = len(reached) / len(self.stages)
        score = round(100 * (0.6 * quality + 0.4 * completion)) if self.turns else 0
        return RoundSummary(
            scenario_key=self.scenario.key,
            lang=self.lang,
            stages=self.stages,
            started_at=self.started_at,
            finished_at=at or datetime.now(UTC),
            score=score,
            question_count=len(self.turns),
            open_count=sum(t.analysis.open for t in self.turns),
            flags=tally_flags(t.analysis for t in self.turns),
            per_stage=per_stage,
            reached=reached,
        )

    def to_dict(self) -> dict[str, Any]:
        """Everything needed to resume the round (the scenario is stored by key)."""
        return {
            "scenario_key": self.scenario.key,
            "stages": [s.value for s in self.stages],
            "lang": self.lang,
            "started_at": self.started_at.isoformat(),
            "seed": self.seed,
            "turns": [t.to_dict() for t in self.turns],
            "skipped": [s.value for s in self.skipped],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], scenarios: Sequence[Scenario]) -> PracticeRound:
        """Restore a round; ``scenarios`` are the loaded ones (looked up by key).

        Raises:
            KeyError: the round's scenario no longer exists.
        """
        by_key = {s.key: s for s in scenarios}
        return cls(
            scenario=by_key[data["scenario_key"]],
            stages=tuple(GrowStage(s) for s in data["stages"]),
            lang=data["lang"],
            started_at=datetime.fromisoformat(data["started_at"]),
            seed=int(data.get("seed", 0)),
            turns=[PracticeTurn.from_dict(t) for t in data.get("turns", [])],
            skipped=[GrowStage(s) for s in data.get("skipped", [])],
        )
