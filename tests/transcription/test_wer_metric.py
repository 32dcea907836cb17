"""Word error rate on normalised words."""

from __future__ import annotations

import pytest

from sitante_tui.transcription.wer import normalise_words, word_error_rate, word_errors


def test_case_and_punctuation_do_not_count() -> None:
    assert word_error_rate("Selamat pagi, Bu Ani!", "selamat pagi bu ani") == 0.0
    assert normalise_words("It's a well-known fact.") == ["its", "a", "wellknown", "fact"]


def test_substitutions_deletions_and_insertions() -> None:
    assert word_errors("a b c d", "a x c") == (2, 4)  # one substitution, one deletion
    assert word_error_rate("a b", "a b c d") == pytest.approx(1.0)  # two insertions


def test_empty_reference() -> None:
    assert word_error_rate("", "") == 0.0
    assert word_error_rate("", "hello") == 1.0
