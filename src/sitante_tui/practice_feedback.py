"""Words for question feedback: tips, verdicts and summaries in the UI language.

The domain (:mod:`sitante_tui.domain.question_analysis`, :mod:`sitante_tui.domain.practice` and
the ``domain.practice_*`` modules) returns flag codes and the cue words behind them; this module
turns them into kind, short texts from the translation catalogue (``locales/practice.toml``).
Usable from the CLI and the UI.
"""

from __future__ import annotations

from pathlib import Path

from sitante_tui.domain.practice import PracticeTurn, RoundSummary
from sitante_tui.domain.practice_progress import ProgressReport
from sitante_tui.domain.practice_scenarios import ReplyKind, Scenario, load_scenarios
from sitante_tui.domain.practice_stats import QuestionFeedback, StageStats
from sitante_tui.domain.question_analysis import GrowStage, QuestionAnalysis
from sitante_tui.i18n import language, t

SCENARIOS_FILE = "practice_scenarios.toml"


def scenarios_file(prompts_dir: Path | None = None) -> Path:
    """The scenario file: the user's copy in ``prompts_dir`` if there is one, else the bundled."""
    if prompts_dir is not None and (prompts_dir / SCENARIOS_FILE).is_file():
        return prompts_dir / SCENARIOS_FILE
    from sitante_tui.paths import bundled_dir

    return bundled_dir("prompts") / SCENARIOS_FILE


def bundled_scenarios(prompts_dir: Path | None = None) -> list[Scenario]:
    """The practice scenarios (raises ``ScenarioError`` naming the file and key when invalid)."""
    return load_scenarios(scenarios_file(prompts_dir))


def stage_name(stage: GrowStage | str | None, lang: str | None = None) -> str:
    """A stage's display name; ``None`` and non-GROW stages read "outside the GROW stages"."""
    value = stage.value if isinstance(stage, GrowStage) else stage
    known = {s.value for s in GrowStage}
    return t(f"practice.stage.{value if value in known else 'none'}", lang)


def _example(stage: GrowStage | None, analysis: QuestionAnalysis) -> str:
    # The rephrasing example is in the language of the question, the tip in the UI language.
    return t(f"practice.example.{stage.value if stage else 'none'}", analysis.lang)


def tip_for(flag: str, analysis: QuestionAnalysis, lang: str | None = None) -> str:
    """A short, kind tip for one flag that says why (quoting the cue) and how to rephrase."""
    cue = analysis.cue(flag) or ""
    if flag == "advice":
        return t(
            "practice.tip.advice", lang, cue=cue, example=_example(GrowStage.OPTIONS, analysis)
        )
    if flag == "closed" and analysis.cue("no_question_word") is not None:
        return t(
            "practice.tip.closed_no_question_word",
            lang,
            cue=analysis.cue("no_question_word"),
            example=_example(analysis.stage, analysis),
        )
    if flag == "closed":
        cue = analysis.cue("closed") or cue
    return t(f"practice.tip.{flag}", lang, cue=cue, example=_example(analysis.stage, analysis))


def tips_for(analysis: QuestionAnalysis, lang: str | None = None) -> list[str]:
    """One tip per flag, most useful first; no "closed" tip when advice or leading explains it."""
    flags = [
        f
        for f in analysis.flags
        if not (f == "closed" and {"advice", "leading"} & set(analysis.flags))
    ]
    return [tip_for(f, analysis, lang) for f in flags]


def explain(analysis: QuestionAnalysis, lang: str | None = None) -> list[str]:
    """Why the analyser decided as it did: the stage line and the open/closed line."""
    lines = []
    if analysis.stage is not None:
        lines.append(
            t(
                "practice.verdict.stage",
                lang,
                stage=stage_name(analysis.stage, lang),
                cue=analysis.cue("stage") or "",
            )
        )
    elif analysis.cue("small_talk"):
        lines.append(t("practice.verdict.small_talk", lang, cue=analysis.cue("small_talk")))
    else:
        lines.append(t("practice.verdict.no_stage", lang))
    if analysis.open:
        kind = "invitation" if analysis.cue("invitation") else "open"
        lines.append(t(f"practice.verdict.{kind}", lang, cue=analysis.cue(kind) or ""))
    else:
        lines.append(t("practice.verdict.closed", lang, cue=analysis.cue("closed") or ""))
    return lines


def turn_tips(turn: PracticeTurn, scenario: Scenario, lang: str | None = None) -> list[str]:
    """Feedback on one practice question: flag tips, or a note that it fits another stage."""
    tips = tips_for(turn.analysis, lang)
    script = scenario.stages[turn.stage]
    purpose = script.purpose.get(lang or language())
    current = stage_name(turn.stage, lang)
    if turn.kind is ReplyKind.OFF_STAGE:
        if turn.analysis.cue("small_talk"):
            tips.append(t("practice.tip.small_talk", lang, current=current, purpose=purpose))
        else:
            tips.append(
                t(
                    "practice.tip.off_stage",
                    lang,
                    stage=stage_name(turn.analysis.stage, lang),
                    current=current,
                    purpose=purpose,
                )
            )
    elif turn.kind is ReplyKind.OPEN:
        tips.append(t("practice.tip.good", lang, stage=current))
    return tips


def _flag_list(flags: dict[str, int], lang: str | None) -> str:
    return ", ".join(
        t("practice.summary.flag_count", lang, flag=t(f"practice.flag.{f}", lang), count=n)
        for f, n in flags.items()
    )


def _stage_line(name: str, stats: StageStats, lang: str | None, with_reached: bool) -> str:
    line = t("practice.summary.stage_line", lang, stage=name, asked=stats.asked, open=stats.open)
    if with_reached:
        key = "practice.summary.reached" if stats.reached else "practice.summary.not_reached"
        line += f" ({t(key, lang)})"
    return line


def summary_lines(summary: RoundSummary, lang: str | None = None) -> list[str]:
    """A round's summary: score, counts, per-stage lines and flags."""
    lines = [
        t("practice.summary.score", lang, score=summary.score),
        t("practice.summary.questions", lang, count=summary.question_count),
        t("practice.summary.open_share", lang, share=round(100 * summary.open_share)),
    ]
    for stage in summary.stages:
        stats = summary.per_stage.get(stage, StageStats())
        lines.append(_stage_line(stage_name(stage, lang), stats, lang, with_reached=True))
    flags = {f: n for f, n in summary.flags.items() if f != "closed"}
    lines.append(
        t("practice.summary.flags", lang, flags=_flag_list(flags, lang))
        if flags
        else t("practice.summary.no_flags", lang)
    )
    return lines


def session_feedback_lines(feedback: QuestionFeedback, lang: str | None = None) -> list[str]:
    """The coach's private questioning feedback on a real session."""
    lines = [
        t("practice.summary.private", lang),
        t("practice.summary.questions", lang, count=feedback.count),
        t("practice.summary.open_share", lang, share=round(100 * feedback.open_share)),
    ]
    for key, stats in feedback.per_stage.items():
        lines.append(_stage_line(stage_name(key, lang), stats, lang, with_reached=False))
    flags = {f: n for f, n in feedback.flags.items() if f != "closed"}
    if flags:
        lines.append(t("practice.summary.flags", lang, flags=_flag_list(flags, lang)))
    return lines


def progress_lines(report: ProgressReport, lang: str | None = None) -> list[str]:
    """Scores over time in two lines: the figures, and the trend."""
    if not report.points:
        return [t("practice.progress.not_enough", lang)]
    return [
        t(
            "practice.progress.rounds",
            lang,
            count=len(report.points),
            average=report.average,
            best=report.best,
            latest=report.latest,
        ),
        t(f"practice.progress.{report.trend.value}", lang, change=report.change),
    ]
