"""Gathering a real session's questions for the coach's private questioning feedback."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from sitante_tui.domain.models import AskedQuestion, Session
from sitante_tui.domain.practice_stats import OTHER
from sitante_tui.services.question_feedback import (
    noted_questions,
    session_feedback,
    session_questions,
)


def session(notes: dict[str, str], asked: Sequence[tuple[str, str]] = ()) -> Session:
    return Session(
        "s1",
        "e1",
        1,
        notes=notes,
        asked_questions=[AskedQuestion(step, text) for step, text in asked],
    )


def test_question_lines_of_the_notes_in_either_language() -> None:
    notes = (
        "Coachee datang tepat waktu.\n"
        "T: Apa yang ingin Anda capai?\n"
        "J: Presentasi 10 menit.\n"
        "  q: What does success look like?\n"
        "T:\n"
        "Tanya atasan soal proyektor (bukan pertanyaan coaching)"
    )
    assert noted_questions(notes) == [
        "Apa yang ingin Anda capai?",
        "What does success look like?",
    ]


def test_a_bank_question_also_noted_counts_once() -> None:
    # Inserting from the bank records the question and writes a "T: " line with it.
    record = session(
        {"goal": "T: Apa yang ingin Anda capai?\nJ: Naik jabatan.\nT: Kapan?"},
        [("goal", "Apa yang ingin Anda capai?"), ("goal", "Apa yang ingin Anda capai")],
    )
    assert session_questions(record) == [
        ("goal", "Apa yang ingin Anda capai?"),
        ("goal", "Kapan?"),
        # asked twice from the bank, noted once: the coach deleted one line, but asked it twice
        ("goal", "Apa yang ingin Anda capai"),
    ]


def test_bank_questions_without_notes_and_other_steps() -> None:
    record = session(
        {"rapport": "T: Bagaimana kabar Ibu hari ini?"},
        [("reality", "Apa yang sudah Anda coba sejauh ini?")],
    )
    feedback = session_feedback(record)
    assert feedback.count == 2 and feedback.open_share == 1.0
    assert list(feedback.per_stage) == ["reality", OTHER]


def test_feedback_counts_open_share_and_flags() -> None:
    record = session(
        {
            "goal": "T: Apa yang ingin Anda capai?\nT: Apakah itu realistis?",
            "options": "T: Sebaiknya Ibu minta bantuan atasan.",
        }
    )
    feedback = session_feedback(record)
    assert feedback.count == 3 and feedback.open_count == 1
    assert feedback.flags == {"advice": 1, "closed": 2}
    assert feedback.per_stage["goal"].asked == 2 and feedback.per_stage["options"].asked == 1


def test_an_empty_session_has_no_questions() -> None:
    assert session_feedback(session({})).count == 0


@pytest.mark.parametrize("lang", [None, "id"])
def test_transcript_passages_replace_the_typed_questions_of_their_stage(
    lang: str | None,
) -> None:
    record = session(
        {"goal": "T: Apa yang ingin Anda capai?", "reality": "T: Apa yang sudah dicoba?"}
    )
    passages = [
        ("goal", "Baik, kita mulai. Apa yang ingin Ibu capai dalam tiga bulan? Oke."),
        ("goal", "Bagaimana Ibu akan tahu bahwa itu tercapai?"),
    ]
    questions = session_questions(record, passages, lang)
    assert questions == [
        ("reality", "Apa yang sudah dicoba?"),
        ("goal", "Apa yang ingin Ibu capai dalam tiga bulan?"),
        ("goal", "Bagaimana Ibu akan tahu bahwa itu tercapai?"),
    ]
    assert session_feedback(record, passages).per_stage["goal"].asked == 2
