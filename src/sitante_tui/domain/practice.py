"""Practice mode: a trainee coaches a scripted coachee through GROW and gets a score.

Scenarios (``prompts/practice_scenarios.toml``) come from the booklet's agenda examples. Each stage
has a purpose, reached after ``needed`` good questions (open, on this stage, no flag), and scripted
replies chosen by what the trainee asked. Everything is deterministic so that tests and snapshots
are stable: reply variants rotate from a per-round ``seed``.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sitante_tui.domain.question_analysis import (
    FLAGS,
    GrowStage,
    QuestionAnalysis,
    analyse_question,
)

LANGS = ("id", "en")
GROW_ROUND: tuple[GrowStage, ...] = tuple(GrowStage)


class ScenarioError(ValueError):
    """The scenario file is malformed; the message names the file and the key."""


class RoundFinished(RuntimeError):
    """A question was asked after the round had reached the end of its last stage."""


class ReplyKind(StrEnum):
    """Which scripted reply the coachee gives, decided by the trainee's question."""

    OPEN = "open"  # open, on this stage, no flag: the conversation moves on
    CLOSED = "closed"  # a short "yes"/"no"
    ADVICE = "advice"  # leading or advice: polite, passive agreement
    WHY = "why"  # a defensive answer
    STACKED = "stacked"  # "which one first?"
    OFF_STAGE = "off_stage"  # a question for another stage (or small talk)


@dataclass(frozen=True)
class Text:
    """A text in both UI languages."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``"id"`` or ``"en"``)."""
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class Persona:
    """The simulated coachee."""

    name: str
    role: Text
    background: Text


@dataclass(frozen=True)
class StageScript:
    """What the coachee says in one GROW stage, and what the trainee must reach there."""

    stage: GrowStage
    purpose: Text
    needed: int
    transition: Text
    replies: Mapping[ReplyKind, tuple[Text, ...]]


@dataclass(frozen=True)
class Scenario:
    """One practice case, built on an agenda example from the booklet."""

    key: str
    agenda: tuple[int, ...]
    title: Text
    persona: Persona
    stages: Mapping[GrowStage, StageScript]


# --- loading --------------------------------------------------------------------------------------

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_REPLY_KINDS_IN_FILE = (ReplyKind.OPEN, ReplyKind.CLOSED, ReplyKind.ADVICE, ReplyKind.WHY)


def _text(value: Any, where: str, what: str, source: str) -> Text:
    if not isinstance(value, dict):
        raise ScenarioError(f"{source}: {where}: {what} must be a table with 'id' and 'en'")
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise ScenarioError(f"{source}: {where}: missing '{lang}' {what}")
    return Text(value["id"].strip(), value["en"].strip())


def _texts(value: Any, where: str, what: str, source: str) -> tuple[Text, ...]:
    if not isinstance(value, list) or not value:
        raise ScenarioError(f"{source}: {where}: {what} must be a non-empty list")
    return tuple(_text(v, f"{where}[{k}]", what, source) for k, v in enumerate(value))


def _stage_script(stage: GrowStage, raw: Any, where: str, source: str) -> StageScript:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{source}: {where}: missing stage")
    needed = raw.get("needed")
    if not isinstance(needed, int) or isinstance(needed, bool) or not 1 <= needed <= 6:
        raise ScenarioError(f"{source}: {where}: 'needed' must be a whole number from 1 to 6")
    replies: dict[ReplyKind, tuple[Text, ...]] = {}
    for kind in (*_REPLY_KINDS_IN_FILE, ReplyKind.OFF_STAGE):
        replies[kind] = _texts(raw.get(kind.value), f"{where}.{kind.value}", "reply", source)
    if len(replies[ReplyKind.OPEN]) < needed:
        raise ScenarioError(f"{source}: {where}.open: needs at least {needed} replies")
    return StageScript(
        stage=stage,
        purpose=_text(raw.get("purpose"), where, "purpose", source),
        needed=needed,
        transition=_text(raw.get("transition"), where, "transition", source),
        replies=replies,
    )


def _scenario(raw: Any, where: str, source: str, stacked: tuple[Text, ...]) -> Scenario:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{source}: {where}: must be a table")
    key = raw.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise ScenarioError(f"{source}: {where}: 'key' must be lowercase letters, digits and '-'")
    agenda = raw.get("agenda", [])
    if not isinstance(agenda, list) or not all(isinstance(a, int) for a in agenda):
        raise ScenarioError(f"{source}: {where}: 'agenda' must be a list of booklet agenda numbers")
    persona = raw.get("persona")
    if not isinstance(persona, dict) or not isinstance(persona.get("name"), str):
        raise ScenarioError(f"{source}: {where}.persona: missing 'name'")
    stages_raw = raw.get("stages")
    if not isinstance(stages_raw, dict):
        raise ScenarioError(f"{source}: {where}: missing 'stages'")
    stages = {}
    for stage in GrowStage:
        script = _stage_script(
            stage, stages_raw.get(stage.value), f"{where}.stages.{stage}", source
        )
        stages[stage] = StageScript(
            script.stage,
            script.purpose,
            script.needed,
            script.transition,
            {**script.replies, ReplyKind.STACKED: stacked},
        )
    return Scenario(
        key=key,
        agenda=tuple(agenda),
        title=_text(raw.get("title"), where, "title", source),
        persona=Persona(
            name=persona["name"].strip(),
            role=_text(persona.get("role"), f"{where}.persona", "role", source),
            background=_text(persona.get("background"), f"{where}.persona", "background", source),
        ),
        stages=stages,
    )


def load_scenarios(path: Path) -> list[Scenario]:
    """Read and validate the scenario file.

    Raises:
        ScenarioError: naming the file and the key, e.g.
            ``prompts/practice_scenarios.toml: scenarios[3].stages.goal: missing 'en' reply``.
        OSError: the file cannot be read.
    """
    source = f"{path.parent.name}/{path.name}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{source}: {exc}") from exc
    common = data.get("common", {})
    stacked = _texts(common.get("stacked"), "common.stacked", "reply", source)
    raw_list = data.get("scenarios")
    if not isinstance(raw_list, list) or not raw_list:
        raise ScenarioError(f"{source}: no [[scenarios]]")
    scenarios = [_scenario(r, f"scenarios[{k}]", source, stacked) for k, r in enumerate(raw_list)]
    seen: set[str] = set()
    for k, scenario in enumerate(scenarios):
        if scenario.key in seen:
            raise ScenarioError(f"{source}: scenarios[{k}]: key {scenario.key!r} is used twice")
        seen.add(scenario.key)
    return scenarios


# --- a round --------------------------------------------------------------------------------------


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
class StageStats:
    """Questions asked in one stage of a round (or of a real session)."""

    asked: int = 0
    open: int = 0
    counted: int = 0
    reached: bool = False
    flags: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "asked": self.asked,
            "open": self.open,
            "counted": self.counted,
            "reached": self.reached,
            "flags": dict(self.flags),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StageStats:
        return cls(
            int(data["asked"]),
            int(data["open"]),
            int(data.get("counted", 0)),
            bool(data.get("reached", False)),
            dict(data.get("flags", {})),
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
            stage: _stage_stats(
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
            flags=_tally(t.analysis for t in self.turns),
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


def _tally(analyses: Any) -> dict[str, int]:
    counts: Counter[str] = Counter(f for a in analyses for f in a.flags)
    return {f: counts[f] for f in FLAGS if counts[f]}


def _stage_stats(
    analyses: Sequence[QuestionAnalysis], counted: int = 0, reached: bool = False
) -> StageStats:
    return StageStats(
        asked=len(analyses),
        open=sum(a.open for a in analyses),
        counted=counted,
        reached=reached,
        flags=_tally(analyses),
    )


# --- progress over rounds -------------------------------------------------------------------------


class Trend(StrEnum):
    """How scores move over time."""

    IMPROVING = "improving"
    STEADY = "steady"
    DECLINING = "declining"
    NOT_ENOUGH = "not_enough"


@dataclass(frozen=True)
class ProgressReport:
    """Scores over time. ``change`` = mean score of the later half of the rounds minus the
    earlier half; ``trend`` is improving from +5 points, declining from -5."""

    points: tuple[tuple[datetime, int], ...]
    open_shares: tuple[float, ...]
    average: float
    best: int
    latest: int
    change: float
    trend: Trend


def progress(rounds: Sequence[RoundSummary]) -> ProgressReport:
    """Progress over past rounds (any order; sorted by start time)."""
    ordered = sorted(rounds, key=lambda r: r.started_at)
    scores = [r.score for r in ordered]
    if not scores:
        return ProgressReport((), (), 0.0, 0, 0, 0.0, Trend.NOT_ENOUGH)
    half = len(scores) // 2
    change = 0.0
    trend = Trend.NOT_ENOUGH
    if len(scores) >= 2:
        later = scores[len(scores) - half :]
        change = round(sum(later) / len(later) - sum(scores[:half]) / half, 1)
        trend = (
            Trend.IMPROVING if change >= 5 else Trend.DECLINING if change <= -5 else Trend.STEADY
        )
    return ProgressReport(
        points=tuple((r.started_at, r.score) for r in ordered),
        open_shares=tuple(round(r.open_share, 3) for r in ordered),
        average=round(sum(scores) / len(scores), 1),
        best=max(scores),
        latest=scores[-1],
        change=change,
        trend=trend,
    )


# --- feedback on a real session -------------------------------------------------------------------

OTHER = "other"  # questions asked outside the GROW stages (rapport, closing…) or without a marker


@dataclass(frozen=True)
class QuestionFeedback:
    """The coach's own questioning in a real session: shown privately, never sent to HR."""

    count: int
    open_count: int
    flags: Mapping[str, int]
    per_stage: Mapping[str, StageStats]  # keyed by stage value, or OTHER
    on_stage: int  # questions whose analysed stage matches the stage they were asked in
    analyses: tuple[tuple[str, QuestionAnalysis], ...]

    @property
    def open_share(self) -> float:
        return self.open_count / self.count if self.count else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "open_count": self.open_count,
            "open_share": round(self.open_share, 3),
            "flags": dict(self.flags),
            "per_stage": {k: v.to_dict() for k, v in self.per_stage.items()},
            "on_stage": self.on_stage,
        }


def analyse_session_questions(
    questions: Sequence[tuple[str | None, str]], lang: str | None = None
) -> QuestionFeedback:
    """Count, share of open questions, flags and per-stage breakdown of a session's questions.

    Args:
        questions: (stage the question was asked in, or ``None``; question) pairs, e.g. from the
            transcript's stage markers or the coach's typed questions. Stage names that are not
            GROW stages ("rapport", "close") are grouped under :data:`OTHER`.
        lang: ``"id"``/``"en"``, or ``None`` to detect each question's language.
    """
    stage_names = {s.value for s in GrowStage}
    analysed: list[tuple[str, QuestionAnalysis]] = []
    for stage, text in questions:
        if text.strip():
            key = stage if stage in stage_names else OTHER
            analysed.append((key, analyse_question(text, lang)))
    keys = [s.value for s in GrowStage if any(k == s.value for k, _ in analysed)]
    if any(k == OTHER for k, _ in analysed):
        keys.append(OTHER)
    all_analyses = [a for _, a in analysed]
    return QuestionFeedback(
        count=len(analysed),
        open_count=sum(a.open for a in all_analyses),
        flags=_tally(all_analyses),
        per_stage={k: _stage_stats([a for kk, a in analysed if kk == k]) for k in keys},
        on_stage=sum(1 for k, a in analysed if a.stage is not None and a.stage.value == k),
        analyses=tuple(analysed),
    )
