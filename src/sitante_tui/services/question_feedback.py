"""The questions a coach asked in a real session, gathered for private questioning feedback.

Sources: the questions taken from the bank (``Session.asked_questions``), the question lines of the
notes ("T: …" / "Q: …"), and — once transcripts carry stage markers — passages of running text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from sitante_tui.domain.models import Session
from sitante_tui.domain.practice_stats import QuestionFeedback, analyse_session_questions
from sitante_tui.domain.question_analysis import extract_questions
from sitante_tui.i18n import LANGUAGES, t

#: (stage the text belongs to, or ``None``; text): a question, or a passage of running text.
Passage = tuple[str | None, str]


def question_prefixes() -> tuple[str, ...]:
    """The notes' question prefixes in every language ("T:", "Q:"): notes outlive a switch."""
    return tuple(dict.fromkeys(t("notes.question_prefix", lang).strip() for lang in LANGUAGES))


def _key(text: str) -> str:
    """A question as compared for duplicates: case, spacing and end punctuation ignored."""
    return re.sub(r"\s+", " ", text).strip(" ?.!").casefold()


def noted_questions(notes: str) -> list[str]:
    """The questions in one step's notes: the lines that start with a question prefix."""
    prefixes = [p.casefold() for p in question_prefixes()]
    found = []
    for line in notes.splitlines():
        stripped = line.strip()
        for prefix in prefixes:
            if stripped.casefold().startswith(prefix):
                question = stripped[len(prefix) :].strip()
                if question:
                    found.append(question)
                break
    return found


def typed_questions(session: Session) -> list[Passage]:
    """The questions the coach noted or took from the bank, by the step they were asked in.

    Inserting a bank question both records it and writes a "T: " line, so each question counts
    once: per step, a bank question is added only where the notes do not already hold it (as
    often as it was inserted, so a question really asked twice counts twice).
    """
    questions: list[Passage] = []
    steps = list(dict.fromkeys([*session.notes, *(q.step for q in session.asked_questions)]))
    for step in steps:
        noted = noted_questions(session.notes.get(step, ""))
        questions += [(step, q) for q in noted]
        unmatched = Counter(_key(q) for q in noted)
        for asked in session.asked_questions:
            if asked.step != step or not asked.text.strip():
                continue
            if unmatched[_key(asked.text)] > 0:
                unmatched[_key(asked.text)] -= 1
            else:
                questions.append((step, asked.text.strip()))
    return questions


def session_questions(
    session: Session, passages: Iterable[Passage] = (), lang: str | None = None
) -> list[Passage]:
    """Every question of a session as (stage or step, question) pairs.

    Args:
        session: the session record (bank questions and notes).
        passages: running text by stage, e.g. a transcript cut at its stage markers; the
            questions in it are found with :func:`extract_questions`. Where a stage has such
            text, it replaces that stage's typed questions: it is what was actually said, and
            the coach often reads a noted question out word for word.
        lang: the language of ``passages`` (``None``: detected per line).
    """
    spoken: list[Passage] = []
    covered: set[str | None] = set()
    for stage, text in passages:
        if text.strip():
            covered.add(stage)
            spoken += [(stage, q) for q in extract_questions(text, lang)]
    typed = [(stage, q) for stage, q in typed_questions(session) if stage not in covered]
    return typed + spoken


def session_feedback(session: Session, passages: Iterable[Passage] = ()) -> QuestionFeedback:
    """Count, share of open questions, flags and per-stage breakdown of a session's questions."""
    return analyse_session_questions(session_questions(session, passages))
