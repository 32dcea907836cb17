"""Feedback on coaching questions: GROW stage, open or closed, and habits worth a tip.

Rules over word lists, Bahasa Indonesia and English: offline, fast and able to say which words
decided each verdict (:attr:`QuestionAnalysis.reasons`). Openness and flags come from
:mod:`.question_form`, the stage from :mod:`.question_stage`, splitting from :mod:`.question_split`.

Conventions a trainer should know (also used to label ``tests/data/questions_labelled.tsv``):

- "Can you tell me…" / "Bisakah Anda ceritakan…" are invitations, counted as **open**.
- Scaling questions ("Seberapa…", "On a scale of 1 to 10, how…") are **open**.
- A question carrying the coach's solution or pressing for agreement (flags ``advice`` or
  ``leading``) is **closed**: it invites a yes, not the coachee's own thinking.
- "Why" questions are open but flagged ``why`` (they can sound judging).
- Stacked questions: the coachee usually answers the last one, so stage and openness follow the
  last question (earlier ones count half towards the stage); flags are gathered from all of them.
- An advice with no other stage cue serves the options stage (it proposes an option).
- No stage cue at all means no stage: the verdict says so rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sitante_tui.domain import question_lexicon as lex
from sitante_tui.domain.question_form import FormVerdict, analyse_form, find_marker
from sitante_tui.domain.question_split import question_parts
from sitante_tui.domain.question_stage import (
    QuestionForm,
    StageEvidence,
    best_stage,
    stage_evidence,
)
from sitante_tui.domain.question_tokens import Token, sentences, span, tokenize, words_of

LANGUAGES = ("id", "en")
# Order matters: the most useful tip comes first.
FLAGS = ("advice", "leading", "why", "stacked", "closed")


class GrowStage(StrEnum):
    """The four stages of a GROW coaching conversation."""

    GOAL = "goal"
    REALITY = "reality"
    OPTIONS = "options"
    WILL = "will"


@dataclass(frozen=True)
class Cue:
    """One piece of evidence: what was decided (``kind``) and the words that decided it.

    Kinds: ``open``, ``closed``, ``invitation``, ``stage``, ``small_talk`` (no GROW stage because
    the question is small talk or logistics), ``no_question_word`` (closed because nothing but
    intonation makes it a question: "Anda sudah bicara dengan atasan?") and every flag name.
    """

    kind: str
    text: str


@dataclass(frozen=True)
class QuestionAnalysis:
    """The verdict on one question (possibly several stacked ones)."""

    text: str
    lang: str
    stage: GrowStage | None
    open: bool
    flags: tuple[str, ...]
    reasons: tuple[Cue, ...]
    parts: tuple[str, ...] = ()

    def cue(self, kind: str) -> str | None:
        """The first cue text recorded for ``kind``, if any."""
        return next((c.text for c in self.reasons if c.kind == kind), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``sitante practice classify --json`` record, minus tips)."""
        return {
            "text": self.text,
            "lang": self.lang,
            "stage": self.stage.value if self.stage else None,
            "open": self.open,
            "flags": list(self.flags),
            "reasons": [{"kind": c.kind, "cue": c.text} for c in self.reasons],
            "parts": list(self.parts),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuestionAnalysis:
        """The inverse of :meth:`to_dict` (stored practice rounds)."""
        return cls(
            text=data["text"],
            lang=data["lang"],
            stage=GrowStage(data["stage"]) if data.get("stage") else None,
            open=bool(data["open"]),
            flags=tuple(data["flags"]),
            reasons=tuple(Cue(r["kind"], r["cue"]) for r in data.get("reasons", [])),
            parts=tuple(data.get("parts", ())),
        )


# --- language ------------------------------------------------------------------------------------


def detect_language(text: str) -> str:
    """``"id"`` or ``"en"``: whichever language's common words the text uses more (ties: ``id``)."""
    words = [t.text for t in tokenize(text) if t.is_word]
    id_score = float(sum(w in lex.ID_WORDS for w in words))
    en_score = sum(w in lex.EN_WORDS for w in words)
    id_score += 0.5 * sum(len(w) > 4 and w.endswith(("kah", "nya", "kan")) for w in words)
    return "en" if en_score > id_score else "id"


def _normalise_lang(lang: str | None, text: str) -> str:
    if lang is None:
        return detect_language(text)
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


def split_questions(text: str, lang: str | None = None) -> list[str]:
    """The separate questions in ``text`` ("Apa tujuan Anda? Kapan mulai?" gives two).

    Splits at ``?``, ``!`` and ``.``, at a comma or "dan"/"and" followed by a new question word,
    and (Indonesian) at a bare "apakah"/"-kah" inside a sentence. Statements are left out unless
    the text holds no question at all.
    """
    lang = _normalise_lang(lang, text)
    questions, _ = question_parts(text, lang)
    return [span(text, q) for q in questions]


# --- the public verdict ---------------------------------------------------------------------------


def _evidence(form: FormVerdict, lang: str) -> StageEvidence:
    marker = form.marker
    return stage_evidence(
        form.words,
        form.starts,
        lang,
        QuestionForm(
            question_index=marker.index if marker else None,
            is_open=form.open,
            invitation=form.open_kind == "invitation",
            why=form.flags.get("why"),
            advice=form.flags.get("advice"),
        ),
    )


def _stacked_evidence(parts: list[StageEvidence]) -> StageEvidence:
    """One evidence for stacked questions: the last counts fully, earlier ones half."""
    total = StageEvidence()
    for k, part in enumerate(parts):
        weight = 1.0 if k == len(parts) - 1 else 0.5
        for stage, score in part.scores.items():
            total.scores[stage] = total.scores.get(stage, 0.0) + weight * score
            strongest = weight * part.strongest[stage]
            total.strongest[stage] = max(total.strongest.get(stage, 0.0), strongest)
            total.cues.setdefault(stage, []).extend(part.cues[stage])
    return total


def _distinct(cues: Iterable[str]) -> str:
    """The cues without repeats and without those inside a longer one ("capai" in "ingin capai")."""
    unique = list(dict.fromkeys(cues))
    kept = [c for c in unique if not any(c != o and f" {c} " in f" {o} " for o in unique)]
    return ", ".join(kept)


def analyse_question(text: str, lang: str | None = None) -> QuestionAnalysis:
    """Analyse one question (or several stacked ones) in Bahasa Indonesia or English.

    Args:
        text: what the coach said or typed; a question mark is not needed.
        lang: ``"id"`` or ``"en"``; detected from the words when ``None``.
    """
    lang = _normalise_lang(lang, text)
    questions, pieces = question_parts(text, lang)
    if not questions:
        return QuestionAnalysis(text, lang, None, False, ("closed",), (Cue("closed", ""),))
    analysed = [analyse_form(q, lang) for q in questions]
    last = analysed[-1]
    flags: dict[str, str] = {}
    for piece in pieces:  # advice in a statement before the question still counts
        if piece not in questions:
            for flag, cue in analyse_form(piece, lang).flags.items():
                if flag in {"advice", "leading"}:
                    flags.setdefault(flag, cue)
    for part in analysed:
        for flag, cue in part.flags.items():
            flags.setdefault(flag, cue)
    if len(questions) > 1:
        flags["stacked"] = str(len(questions))
    evidence = _stacked_evidence([_evidence(part, lang) for part in analysed])
    best = best_stage(evidence)
    reasons: list[Cue] = []
    if best == "none":
        reasons.append(Cue("small_talk", _distinct(evidence.cues["none"])))
    elif best:
        reasons.append(Cue("stage", _distinct(evidence.cues[best])))
    stage: GrowStage | None = GrowStage(best) if best and best != "none" else None
    if stage is None and "advice" in flags and best != "none":
        stage = GrowStage.OPTIONS
        reasons.append(Cue("stage", flags["advice"]))
    is_open = last.open and not ({"advice", "leading"} & flags.keys())
    if last.open and not is_open:
        cue = flags.get("advice") or flags["leading"]
        reasons.append(Cue("closed", cue))
    else:
        reasons.append(Cue(last.open_kind, last.open_cue))
        if last.no_marker:
            reasons.append(Cue("no_question_word", last.open_cue))
    if not is_open:
        flags["closed"] = next(c.text for c in reasons if c.kind == "closed")
    ordered = tuple(f for f in FLAGS if f in flags)
    reasons.extend(Cue(f, flags[f]) for f in ordered if f != "closed")
    parts = tuple(span(text, q) for q in questions)
    quoted = tuple(
        Cue(c.kind, ", ".join(_as_written(text, piece) for piece in c.text.split(", ")))
        for c in reasons
    )
    return QuestionAnalysis(text.strip(), lang, stage, is_open, ordered, quoted, parts)


def _as_written(text: str, cue: str) -> str:
    """``cue`` (lowercased words) as the coach wrote it, so that a tip can quote it."""
    if not cue or cue.isdigit():
        return cue
    words = [re.escape(w) for w in cue.split()]
    found = re.search(r"\W+".join(words), text.replace("’", "'"), re.IGNORECASE)
    return found.group() if found else cue


def _is_question(sentence: list[Token], lang: str) -> bool:
    # A question word deep inside a long statement ("…saya tahu apa…") is not a question.
    words, starts = words_of(sentence)
    marker = find_marker(words, starts, lang)
    return sentence[-1].text == "?" or (
        marker is not None and (marker.index <= 4 or marker.index in starts)
    )


def extract_questions(transcript_text: str, lang: str | None = None) -> list[str]:
    """The coach's questions in running text such as a transcript (question marks optional).

    A sentence counts as a question when it ends with ``?`` or a question word opens one of its
    clauses (Indonesian apa/apakah/bagaimana/…/-kah, English wh-words and "do you…"), or it is an
    invitation ("Ceritakan…", "Tell me…"). Consecutive questions on one line (one transcript
    segment) stay together, so stacked questions are still seen as stacked.
    """
    out: list[str] = []
    for line in transcript_text.splitlines():
        if not line.strip():
            continue
        line_lang = _normalise_lang(lang, line)
        group: list[str] = []
        for sentence in sentences(tokenize(line)):
            if _is_question(sentence, line_lang):
                group.append(span(line, sentence))
            elif group:
                out.append(" ".join(group))
                group = []
        if group:
            out.append(" ".join(group))
    return out


def analyse_many(questions: Iterable[str], lang: str | None = None) -> list[QuestionAnalysis]:
    """:func:`analyse_question` over several questions (each one's language detected if needed)."""
    return [analyse_question(q, lang) for q in questions if q.strip()]
