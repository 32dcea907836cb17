"""Where one question ends and the next begins, in typed text or a transcript without "?"."""

from __future__ import annotations

from collections.abc import Sequence

from sitante_tui.domain import question_lexicon as lex
from sitante_tui.domain.question_form import find_marker, is_invitation_statement
from sitante_tui.domain.question_tokens import Token, sentences, tokenize, words_of


def is_kah_word(word: str) -> bool:
    """Whether ``word`` is a yes/no "-kah" word ("apakah", "bisakah", "sudahkah")."""
    return word == "apakah" or (word.endswith("kah") and word[:-3] in lex.KAH_STEMS)


def _opens_question(words: Sequence[str], i: int, lang: str) -> bool:
    w = words[i]
    if lang == "id":
        return w in lex.WH_ID or w == "apa" or is_kah_word(w)
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return w in lex.WH_EN or (w in lex.AUX_EN and nxt in lex.SUBJECTS_EN)


def has_marker(tokens: Sequence[Token], lang: str) -> bool:
    """Whether a question word makes ``tokens`` a question."""
    words, starts = words_of(tokens)
    return bool(words) and find_marker(words, starts, lang) is not None


def _starts_new_question(
    current: Sequence[Token], word: str, rest: Sequence[str], lang: str
) -> bool:
    """Whether ``word`` (followed by ``rest``) opens a second question after ``current``."""
    left = [t for t in current if t.is_word and t.text not in lex.CONJUNCTIONS]
    if len(left) < 2:
        return False
    before_conjunction = [t for t in current if t.text not in lex.CONJUNCTIONS]
    after_break = current[-1].text in lex.CONJUNCTIONS or not before_conjunction[-1].is_word
    if after_break:
        # "…, dan kapan?" is an elliptical tail of the same question, not a new one.
        new = len(left) >= 3 and len(rest) >= 2 and _opens_question(rest, 0, lang)
    else:
        new = lang == "id" and is_kah_word(word)  # "Apa tujuan Anda apakah itu realistis"
    return new and has_marker(current, lang)


def _split_sentence(sentence: Sequence[Token], lang: str) -> list[list[Token]]:
    """Cut a sentence where a new question begins after a comma or "and", or at "apakah"."""
    parts: list[list[Token]] = [[]]
    for k, tok in enumerate(sentence):
        current = parts[-1]
        if tok.is_word and current:
            rest = [t.text for t in sentence[k:] if t.is_word]
            if _starts_new_question(current, tok.text, rest, lang):
                while current and (current[-1].text in lex.CONJUNCTIONS or not current[-1].is_word):
                    current.pop()
                parts.append([])
        parts[-1].append(tok)
    return [p for p in parts if any(t.is_word for t in p)]


def question_parts(text: str, lang: str) -> tuple[list[list[Token]], list[list[Token]]]:
    """(question parts, every part): statements are kept apart; no question → the whole text."""
    tokens = tokenize(text)
    pieces = [p for s in sentences(tokens) for p in _split_sentence(s, lang)]
    questions = [
        p
        for p in pieces
        if p[-1].text == "?" or has_marker(p, lang) or is_invitation_statement(p, lang)
    ]
    if not questions:
        questions = [tokens] if any(t.is_word for t in tokens) else []
    return questions, pieces
