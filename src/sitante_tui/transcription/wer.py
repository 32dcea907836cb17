"""Word error rate, on normalised words: case folded, punctuation and symbols removed."""

from __future__ import annotations

import unicodedata


def normalise_words(text: str) -> list[str]:
    """Lower-case (casefold) words of ``text`` with punctuation and symbols taken out.

    Apostrophes and hyphens inside words are removed rather than split on, so that "it's" and
    "its", or "sehari-hari" and "seharihari", compare equal.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char in "'’-‐":
            continue
        out.append(" " if category[0] in "PSZC" else char)
    return "".join(out).split()


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """``(edits, reference_words)``: substitutions + deletions + insertions, and the length."""
    ref = normalise_words(reference)
    hyp = normalise_words(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        current = [i] + [0] * len(hyp)
        for j, hyp_word in enumerate(hyp, start=1):
            current[j] = min(
                previous[j] + 1,  # deletion
                current[j - 1] + 1,  # insertion
                previous[j - 1] + (ref_word != hyp_word),  # substitution or match
            )
        previous = current
    return previous[-1], len(ref)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Edits per reference word (0.0 is perfect; can exceed 1.0 with many insertions).

    An empty reference gives 0.0 for an empty hypothesis and 1.0 otherwise.
    """
    edits, words = word_errors(reference, hypothesis)
    if words == 0:
        return 0.0 if edits == 0 else 1.0
    return edits / words
