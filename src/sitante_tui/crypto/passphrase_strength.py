"""A conservative estimate of how guessable a passphrase is, with advice codes for the UI.

Patterns an attacker tries first (common passwords, names, dates, sequences, repeats) count for
little; the rest is charged per word or per character. Codes map to ``passphrase.advice.<code>``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

MIN_LENGTH = 12
ACCEPTABLE_BITS = 48.0  # about four random words; three common words fall short
STRONG_BITS = 64.0

ADVICE_CODES: tuple[str, ...] = (
    "too_short",
    "common_password",
    "only_digits",
    "repeated_characters",
    "sequence",
    "contains_name",
    "contains_date",
    "dictionary_words_few",
    "predictable",
)

Strength = Literal["weak", "fair", "strong"]

# Most-used first (their rank is the guess count): global leaks, then Indonesian favourites.
# fmt: off
COMMON_PASSWORDS: tuple[str, ...] = (
    "123456", "password", "123456789", "12345678", "12345", "qwerty", "1234567", "111111",
    "1234567890", "123123", "abc123", "000000", "iloveyou", "password1", "qwerty123", "admin",
    "rahasia", "sayang", "indonesia", "bismillah", "merdeka", "sayangku", "cintaku", "welcome",
    "monkey", "dragon", "letmein", "football", "sunshine", "princess", "master", "shadow",
    "superman", "baseball", "trustno1", "654321", "666666", "121212", "qwertyuiop", "passw0rd",
    "asdfghjkl", "zxcvbnm", "1q2w3e4r", "1qaz2wsx", "zaq12wsx", "123qwe", "qweasd", "asdasd",
    "password123", "admin123", "abcd1234", "secret", "hello", "freedom", "whatever", "computer",
    "batman", "internet", "samsung", "google", "changeme", "access", "loveme", "flower", "lovely",
    "pokemon", "starwars", "jakarta", "bandung", "surabaya", "yogyakarta", "jogja", "garuda",
    "pancasila", "cinta", "cintamu", "akucintakamu", "sayangkamu", "kucing", "doraemon",
    "persib", "persija", "arema", "persebaya", "alhamdulillah", "assalamualaikum", "insyaallah",
    "masyaallah", "subhanallah", "allahuakbar", "rahasiaku", "katasandi", "sandi", "terserah",
    "ganteng", "cantik", "selamat", "sukses", "semangat", "berkah", "barokah", "aamiin",
    "mantap", "rezeki", "keluarga", "sahabat", "nusantara", "indonesiaraya", "timnas",
    "juventus", "barcelona", "realmadrid", "liverpool", "manchester", "chelsea", "arsenal",
    "sitante", "coaching", "qwerty12", "aaaaaa", "abcdef", "michael", "jennifer", "charlie",
)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i", "8": "b", "9": "g"})
# fmt: on
_COMMON_RANK = {word: rank for rank, word in enumerate(COMMON_PASSWORDS, start=1)}

_KEYBOARD_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qazwsxedcrfvtgbyhnujm")
_KEYBOARD_RUNS = _KEYBOARD_ROWS + tuple(row[::-1] for row in _KEYBOARD_ROWS)
_ANALYSED = 256  # only this much is assessed: enough for any passphrase, and bounded work
_SEPARATORS = " -_.,/+"
_VOWELS = set("aeiouy")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE = re.compile(r"(?:[0-3]?\d[-/.]?[01]?\d[-/.]?(?:19|20)?\d\d)")
_REPEAT = re.compile(r"(.{1,32}?)\1{2,}|(.{2,32}?)\2+", re.DOTALL)  # bounded: no blow-up
_WORD_BITS = math.log2(20_000)  # a word from a large vocabulary, chosen at random


@dataclass(frozen=True)
class PassphraseAssessment:
    """How guessable a passphrase is.

    Attributes:
        acceptable: Long enough and hard enough to guess to protect the coach's data.
        strength: ``weak`` (not acceptable), ``fair`` or ``strong``.
        entropy_bits: log2 of the estimated number of guesses an informed attacker needs.
        advice: Advice codes, most important first (``passphrase.advice.<code>`` in the catalogue).
    """

    acceptable: bool
    strength: Strength
    entropy_bits: float
    advice: tuple[str, ...]

    @property
    def guesses(self) -> float:
        """The estimated number of guesses (``2 ** entropy_bits``)."""
        return math.pow(2.0, self.entropy_bits)

    @property
    def strength_key(self) -> str:
        """The catalogue key of the strength label."""
        return f"passphrase.strength.{self.strength}"

    @property
    def advice_keys(self) -> tuple[str, ...]:
        """The catalogue keys of the advice texts."""
        return tuple(f"passphrase.advice.{code}" for code in self.advice)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    bits: float
    code: str | None  # the advice this pattern earns, if any


def assess_passphrase(passphrase: str, *, context: Sequence[str] = ()) -> PassphraseAssessment:
    """Estimate how hard ``passphrase`` is to guess and say how to improve it.

    Args:
        passphrase: The candidate passphrase.
        context: Words an attacker would try first: the coach's name, organisation, e-mail.

    Returns:
        The assessment; ``acceptable`` needs at least 12 characters, no common password at its
        heart, and about 48 bits (four random words pass).
    """
    text = unicodedata.normalize("NFKC", passphrase)[:_ANALYSED]
    bits, chosen = _estimate(text, text.lower(), context)
    advice: list[str] = []
    length = min(len(passphrase), len(text))  # NFKC may lengthen what was typed
    if length < MIN_LENGTH:
        advice.append("too_short")
    significant = sum(1 for c in text if c not in _SEPARATORS) or 1
    common = sum(s.end - s.start for s in chosen if s.code == "common_password")
    if common * 2 >= significant:
        advice.append("common_password")
    if text and all(c.isdigit() or c in _SEPARATORS for c in text):
        advice.append("only_digits")
    for code in ("repeated_characters", "sequence", "contains_name", "contains_date"):
        if any(s.code == code for s in chosen):
            advice.append(code)
    acceptable = (
        length >= MIN_LENGTH and bits >= ACCEPTABLE_BITS and "common_password" not in advice
    )
    if not acceptable and bits < ACCEPTABLE_BITS and "common_password" not in advice:
        words = _word_like_chars(text, chosen)
        if words * 10 >= significant * 6:
            advice.append("dictionary_words_few")
        elif not advice:
            advice.append("predictable")
    strength: Strength = "weak" if not acceptable else "strong" if bits >= STRONG_BITS else "fair"
    return PassphraseAssessment(acceptable, strength, round(bits, 1), tuple(advice))


def _estimate(text: str, lowered: str, context: Sequence[str]) -> tuple[float, list[_Span]]:
    """log2 of the guesses for ``text``, and the patterns that explain parts of it."""
    chosen = _choose(_pattern_spans(lowered, lowered.translate(_LEET), context), len(text))
    return sum(s.bits for s in chosen) + _unexplained_bits(text, chosen), chosen


def _pattern_spans(lowered: str, deleeted: str, context: Sequence[str]) -> list[_Span]:
    spans: list[_Span] = []
    names = _context_words(context)
    for name in names:
        for haystack in {lowered, deleeted}:
            for match in re.finditer(re.escape(name), haystack):
                bits = 1 + math.log2(len(names) + 1)
                spans.append(_Span(match.start(), match.end(), bits, "contains_name"))
    for word, rank in _COMMON_RANK.items():
        for haystack in {lowered, deleeted}:
            for match in re.finditer(re.escape(word), haystack):
                extra = 1.0 if haystack is deleeted and deleeted != lowered else 0.0
                bits = math.log2(rank) + 1 + extra
                spans.append(_Span(match.start(), match.end(), bits, "common_password"))
    for match in _DATE.finditer(lowered):
        if sum(c.isdigit() for c in match.group()) >= 6:
            spans.append(_Span(match.start(), match.end(), math.log2(366 * 100), "contains_date"))
    for match in _YEAR.finditer(lowered):
        spans.append(_Span(match.start(), match.end(), math.log2(150), "contains_date"))
    spans.extend(_sequences(lowered))
    for match in _REPEAT.finditer(lowered):
        unit = match.group(1) or match.group(2)
        count = len(match.group()) // len(unit)
        bits = _estimate(unit, unit, ())[0] + math.log2(count) + 1
        spans.append(_Span(match.start(), match.end(), bits, "repeated_characters"))
    return spans


def _context_words(context: Sequence[str]) -> list[str]:
    words: set[str] = set()
    for entry in context:
        cleaned = unicodedata.normalize("NFKC", entry).lower()
        parts = [p for p in re.split(r"[^\w]+|_", cleaned) if len(p) >= 3]
        words.update(parts)
        if len(parts) > 1:
            words.add("".join(parts))
    return sorted(words, key=len, reverse=True)


def _sequences(lowered: str) -> list[_Span]:
    """Runs of four or more: alphabet or digits up/down, or along a keyboard row."""
    spans: list[_Span] = []
    n = len(lowered)
    start = 0
    while start < n - 3:
        end = start + 1
        step = ord(lowered[end]) - ord(lowered[start]) if end < n else 0
        if step in (1, -1) and lowered[start].isalnum():
            while end < n and ord(lowered[end]) - ord(lowered[end - 1]) == step:
                end += 1
        if end - start >= 4:
            spans.append(_Span(start, end, math.log2(36) + math.log2(end - start) + 1, "sequence"))
            start = end
        else:
            start += 1
    for start in range(n - 3):
        end = start + 4
        while end <= n and any(lowered[start:end] in run for run in _KEYBOARD_RUNS):
            end += 1
        if end - 1 - start >= 4:
            bits = math.log2(len(_KEYBOARD_RUNS) * 10) + math.log2(end - 1 - start) + 1
            spans.append(_Span(start, end - 1, bits, "sequence"))
    return spans


def _choose(spans: list[_Span], length: int) -> list[_Span]:
    """Pick non-overlapping spans, longest (and then cheapest) first: the attacker's best cover."""
    taken = [False] * length
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.bits)):
        if not any(taken[span.start : span.end]):
            chosen.append(span)
            for i in range(span.start, span.end):
                taken[i] = True
    return sorted(chosen, key=lambda s: s.start)


def _unexplained_runs(text: str, chosen: list[_Span]) -> list[str]:
    covered = {i for s in chosen for i in range(s.start, s.end)}
    runs: list[str] = []
    current = ""
    for i, char in enumerate(text):
        kind = _kind(char) if i not in covered else None
        if current and (kind is None or kind != _kind(current[-1])):
            runs.append(current)
            current = ""
        if kind is not None:
            current += char
    if current:
        runs.append(current)
    return runs


def _unexplained_bits(text: str, chosen: list[_Span]) -> float:
    bits = 0.0
    separators: set[str] = set()
    for run in _unexplained_runs(text, chosen):
        kind = _kind(run[0])
        if kind == "separator":
            separators.update(run)
        elif kind == "letter":
            bits += _letters_bits(run)
        elif kind == "digit":
            bits += len(run) * math.log2(10)
        else:
            bits += len(run) * math.log2(33)
    return bits + 2.0 * len(separators)  # which separator(s) were used


def _letters_bits(run: str) -> float:
    lower = run.lower()
    if _is_word_like(lower):
        base = min(len(run) * 3.3, _WORD_BITS * max(1.0, len(run) / 7))
    else:
        base = len(run) * math.log2(26)
    if run.islower():
        return base
    if run.isupper() or (run[0].isupper() and run[1:].islower()):
        return base + 1.0
    return base + sum(1 for c in run if c.isupper())  # irregular capitals add a bit each


def _is_word_like(lower: str) -> bool:
    """Pronounceable like an Indonesian or English word (random letters rarely are)."""
    if len(lower) < 3 or not lower.isascii():
        return False
    vowels = sum(1 for c in lower if c in _VOWELS)
    if not 0.25 <= vowels / len(lower) <= 0.7:
        return False
    clusters = re.findall(r"[^aeiouy]+", lower)
    return max((len(c) for c in clusters), default=0) <= 3


def _word_like_chars(text: str, chosen: list[_Span]) -> int:
    from_words = sum(len(r) for r in _unexplained_runs(text, chosen) if _is_word_like(r.lower()))
    common = sum(
        s.end - s.start
        for s in chosen
        if s.code == "common_password" and text[s.start : s.end].isalpha()
    )
    return from_words + common


def _kind(char: str) -> str:
    if char in _SEPARATORS:
        return "separator"
    if char.isalpha():
        return "letter"
    if char.isdigit():
        return "digit"
    return "symbol"
