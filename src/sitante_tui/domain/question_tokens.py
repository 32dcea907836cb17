"""Words and punctuation of a coaching question, with their places in the text as written."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*|[?!.,;:]")
_SENTENCE_END = frozenset("?!.")
_PUNCTUATION = frozenset(",;:?!.")


@dataclass(frozen=True)
class Token:
    """A lowercased word or punctuation mark and its span in the original text."""

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        """Whether this is a word rather than punctuation."""
        return self.text not in _PUNCTUATION


def tokenize(text: str) -> list[Token]:
    """The words (lowercased, curly apostrophes straightened) and punctuation of ``text``."""
    lowered = text.replace("’", "'").replace("‘", "'")
    return [Token(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(lowered)]


def words_of(tokens: Sequence[Token]) -> tuple[list[str], set[int]]:
    """The words of ``tokens`` and the indices (in that list) that begin a clause."""
    words: list[str] = []
    starts: set[int] = {0}
    for tok in tokens:
        if tok.is_word:
            words.append(tok.text)
        else:
            starts.add(len(words))
    return words, starts


def sentences(tokens: Sequence[Token]) -> list[list[Token]]:
    """``tokens`` cut after each ``?``, ``!`` and ``.`` (sentences without words dropped)."""
    out: list[list[Token]] = [[]]
    for tok in tokens:
        out[-1].append(tok)
        if tok.text in _SENTENCE_END:
            out.append([])
    return [s for s in out if any(t.is_word for t in s)]


def span(text: str, tokens: Sequence[Token]) -> str:
    """The part of ``text`` that ``tokens`` cover, as written."""
    return text[tokens[0].start : tokens[-1].end].strip(" ,;:")
