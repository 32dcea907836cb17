"""Question counts per GROW stage, for practice rounds and for the coach's real sessions.

:func:`analyse_session_questions` is the coach's private questioning feedback on a real session:
count, share of open questions, flags and a per-stage breakdown. Never sent to HR.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitante_tui.domain.question_analysis import (
    FLAGS,
    GrowStage,
    QuestionAnalysis,
    analyse_question,
)

OTHER = "other"  # questions asked outside the GROW stages (rapport, closing…) or without a marker


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


def tally_flags(analyses: Iterable[QuestionAnalysis]) -> dict[str, int]:
    """How often each flag occurs, in :data:`FLAGS` order (flags that never occur left out)."""
    counts: Counter[str] = Counter(f for a in analyses for f in a.flags)
    return {f: counts[f] for f in FLAGS if counts[f]}


def stage_stats(
    analyses: Sequence[QuestionAnalysis], counted: int = 0, reached: bool = False
) -> StageStats:
    """The :class:`StageStats` of the questions asked in one stage."""
    return StageStats(
        asked=len(analyses),
        open=sum(a.open for a in analyses),
        counted=counted,
        reached=reached,
        flags=tally_flags(analyses),
    )


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
        flags=tally_flags(all_analyses),
        per_stage={k: stage_stats([a for kk, a in analysed if kk == k]) for k in keys},
        on_stage=sum(1 for k, a in analysed if a.stage is not None and a.stage.value == k),
        analyses=tuple(analysed),
    )
