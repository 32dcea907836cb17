"""Open or closed, and the habits worth a tip (leading, advice, why), for one question.

Rules over the word lists in :mod:`.question_lexicon`; every verdict keeps the words that decided
it, so that a tip can quote them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from sitante_tui.domain import question_lexicon as lex
from sitante_tui.domain.question_tokens import Token, words_of


@dataclass
class Marker:
    """The word that decides whether a question is open."""

    open: bool
    cue: str
    index: int  # position in the part's word list
    why: bool = False
    leading: bool = False
    advice: bool = False


def _clause_start(
    i: int, words: Sequence[str], starts: set[int], discourse: frozenset[str]
) -> bool:
    """Whether words[i] opens its clause, ignoring discourse words before it ("Jadi, …")."""
    j = i
    while j not in starts:
        j -= 1
        if words[j] not in discourse:
            return False
    return True


def _apa_marker(i: int, words: Sequence[str], starts: set[int]) -> Marker | None:
    """Indonesian "apa": open "what", or a yes/no particle like "apakah" ("Apa Anda sudah…")."""
    nxt = words[i + 1] if i + 1 < len(words) and i + 1 not in starts else None
    if nxt == "pun":
        return None
    if nxt is None or not _clause_start(i, words, starts, lex.DISCOURSE_ID):
        return Marker(True, "apa", i)  # at the end, or in situ: "Tujuannya apa?"
    if nxt == "kah":
        return Marker(False, "apa kah", i)
    if nxt in lex.APA_OPEN_NEXT:
        return Marker(True, f"apa {nxt}", i)
    if nxt in lex.PRONOUNS_ID:
        after = words[i + 2 : i + 5]
        for w in after:
            if w in lex.AUX_ID:
                return Marker(False, f"apa {nxt} {w}", i)
        first = after[0] if after else ""
        if first.endswith(("kan", "i")) and not first.startswith(("me", "ber", "di", "ter", "pe")):
            return Marker(True, f"apa {nxt} {first}", i)  # "Apa Anda harapkan…" (no "yang")
        return Marker(False, f"apa {nxt}", i)
    if nxt in lex.AUX_ID or (nxt.startswith("di") and len(nxt) > 5):
        return Marker(False, f"apa {nxt}", i)
    for w in words[i + 1 :]:
        if w in lex.CLAUSE_STOP_ID:
            break
        if w == "yang":
            return Marker(True, "apa", i)
        if w in lex.APA_PREDICATE_ID:
            return Marker(False, f"apa … {w}", i)
    return Marker(True, "apa", i)


def find_marker(words: Sequence[str], starts: set[int], lang: str) -> Marker | None:
    """The first word that makes this an open or a closed question, if any."""
    discourse = lex.DISCOURSE_ID if lang == "id" else lex.DISCOURSE_EN
    for i, w in enumerate(words):
        prev = words[i - 1] if i > 0 and i not in starts else None
        if prev in lex.EMBEDDING:
            continue  # "Anda tahu apa yang…": the question word belongs to an embedded clause
        at_start = _clause_start(i, words, starts, discourse)
        if lang == "id":
            if w == "apakah":
                nxt = words[i + 1] if i + 1 < len(words) else ""
                return Marker(nxt == "yang", "apakah yang" if nxt == "yang" else "apakah", i)
            if w in lex.LEADING_KAH or (w in lex.LEADING_START_ID and at_start):
                return Marker(False, w, i, leading=True)
            if w.endswith("kah") and w[:-3] in lex.KAH_STEMS:
                return Marker(False, w, i)
            if w in lex.WH_ID:
                return Marker(True, w, i, why=w in lex.WHY_ID)
            if w == "apa":
                found = _apa_marker(i, words, starts)
                if found:
                    return found
            if at_start and w in lex.INVITE_ID:
                return Marker(True, w, i)
        else:
            if at_start and w in lex.AUX_EN and i + 1 < len(words):
                negative = w in lex.NEGATIVE_AUX_EN
                return Marker(
                    False,
                    f"{w} {words[i + 1]}",
                    i,
                    leading=negative,
                    advice=w == "shouldn't",
                )
            if w in lex.WH_EN:
                why = w in lex.WHY_EN or (w == "how" and words[i + 1 : i + 2] == ["come"])
                return Marker(True, "how come" if why and w == "how" else w, i, why=why)
            if at_start and w in lex.INVITE_EN:
                return Marker(True, w, i)
    return None


def _invitation(words: Sequence[str], marker: Marker, lang: str) -> str | None:
    """A request frame with a telling verb ("Could you describe…"): the invitation's words."""
    frames = lex.REQUEST_FRAMES_ID if lang == "id" else lex.REQUEST_FRAMES_EN
    verbs = lex.INVITE_ID if lang == "id" else lex.INVITE_EN
    if words[marker.index] not in frames and not any(w in frames for w in words[: marker.index]):
        return None
    window = words[marker.index : marker.index + 5]
    for j, w in enumerate(window):
        if w in verbs:
            rest = window[j + 1 : j + 3]
            if any(x in {"if", "whether", "apakah"} for x in rest):
                return None  # "Can you tell me if…" asks for a yes or a no
            return " ".join(window[: j + 1])
    return None


class _Tables(NamedTuple):
    strong: list[tuple[re.Pattern[str], str]]
    guarded: list[tuple[re.Pattern[str], str]]
    declarative: list[tuple[re.Pattern[str], str]]
    invite: list[re.Pattern[str]]


_COMPILED: dict[str, _Tables] = {}


def _compiled(lang: str) -> _Tables:
    """Compiled flag tables for ``lang`` (built on first use)."""
    if lang not in _COMPILED:
        strong = lex.STRONG_CUES_ID if lang == "id" else lex.STRONG_CUES_EN
        guarded = lex.GUARDED_CUES_ID if lang == "id" else lex.GUARDED_CUES_EN
        declarative = lex.DECLARATIVE_CUES_ID if lang == "id" else lex.DECLARATIVE_CUES_EN
        _COMPILED[lang] = _Tables(
            [(re.compile(rx), flag) for rx, flag in strong],
            [(re.compile(rx), flag) for rx, flag in guarded],
            [(re.compile(rx), flag) for rx, flag in declarative],
            [re.compile(rx) for rx in lex.INVITE_STATEMENTS],
        )
    return _COMPILED[lang]


def _tag(tokens: Sequence[Token], words: Sequence[str], lang: str) -> str | None:
    """A tag pressing for agreement at the end ("…, kan?", "…, right?")."""
    last_comma = max((k for k, t in enumerate(tokens) if t.text == ","), default=-1)
    tail = " ".join(t.text for t in tokens[last_comma + 1 :] if t.is_word)
    if lang == "id":
        if tail in lex.TAGS_ID or (last_comma >= 0 and tail in lex.COMMA_TAGS_ID):
            return tail
        if words and words[-1] in {"kan", "bukan"} and (len(words) < 2 or words[-2] != "atau"):
            return words[-1]
        return None
    return tail if last_comma >= 0 and tail in lex.TAGS_EN else None


@dataclass
class FormVerdict:
    """Openness and flags of one question, with the words that decided them."""

    words: list[str]
    starts: set[int]
    marker: Marker | None
    open: bool
    open_kind: str  # "open", "closed" or "invitation"
    open_cue: str
    no_marker: bool = False  # closed because no question word opens it ("Anda sudah…?")
    flags: dict[str, str] = field(default_factory=dict)


def analyse_form(tokens: Sequence[Token], lang: str) -> FormVerdict:
    """Open or closed, and the leading/advice/why flags, of one question's tokens."""
    words, starts = words_of(tokens)
    flat = " ".join(words)
    tables = _compiled(lang)
    marker = find_marker(words, starts, lang)
    if marker is None:
        invite = next((m.group() for rx in tables.invite if (m := rx.search(flat))), None)
        if invite:
            form = FormVerdict(words, starts, None, True, "invitation", invite)
        else:
            form = FormVerdict(words, starts, None, False, "closed", " ".join(words[:2]), True)
    else:
        invite = None if marker.open else _invitation(words, marker, lang)
        if invite:
            form = FormVerdict(words, starts, marker, True, "invitation", invite)
        else:
            kind = "open" if marker.open else "closed"
            form = FormVerdict(words, starts, marker, marker.open, kind, marker.cue)
        if marker.leading:
            form.flags["leading"] = marker.cue
        if marker.advice:
            form.flags["advice"] = marker.cue
    # Guarded cues count only before an open question word, declarative ones before any.
    before_any = len(" ".join(words[: marker.index])) if marker else len(flat)
    limit = before_any if marker and marker.open else len(flat)
    for rx, flag in tables.strong:
        if flag not in form.flags and (m := rx.search(flat)):
            form.flags[flag] = m.group().strip()
    for rx, flag in tables.guarded:
        if flag not in form.flags and (m := rx.search(flat)) and m.start() < limit:
            form.flags[flag] = m.group().strip()
    for rx, flag in tables.declarative:
        if flag not in form.flags and (m := rx.search(flat)) and m.start() < before_any:
            form.flags[flag] = m.group().strip()
    tag = _tag(tokens, words, lang)
    if tag and "leading" not in form.flags:
        form.flags["leading"] = tag
    if marker and marker.why and "advice" not in form.flags:
        form.flags["why"] = marker.cue
    return form


def is_invitation_statement(tokens: Sequence[Token], lang: str) -> bool:
    """Whether ``tokens`` invite an answer without asking ("Saya penasaran…", "I wonder…")."""
    flat = " ".join(t.text for t in tokens if t.is_word)
    return any(rx.search(flat) for rx in _compiled(lang).invite)
