"""Feedback on coaching questions: GROW stage, open or closed, and habits worth a tip.

Rules over word lists (:mod:`.question_lexicon`), Bahasa Indonesia and English: offline, fast and
able to say which words decided each verdict (:attr:`QuestionAnalysis.reasons`).

Conventions a trainer should know (also used to label ``tests/data/questions_labelled.tsv``):

- "Can you tell me…" / "Bisakah Anda ceritakan…" are invitations, counted as **open**.
- Scaling questions ("Seberapa…", "On a scale of 1 to 10, how…") are **open**.
- A question carrying the coach's solution or pressing for agreement (flags ``advice`` or
  ``leading``) is **closed**: it invites a yes, not the coachee's own thinking.
- "Why" questions are open but flagged ``why`` (they can sound judging).
- Stacked questions: the coachee usually answers the last one, so stage and openness follow the
  last question (earlier ones count half towards the stage); flags are gathered from all of them.
- An advice with no other stage cue serves the options stage (it proposes an option).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from sitante_tui.domain import question_lexicon as lex

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


# --- tokens ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*|[?!.,;:]")
_SENTENCE_END = frozenset("?!.")


@dataclass(frozen=True)
class _Token:
    text: str  # lowercased
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text not in ",;:?!."


def _tokens(text: str) -> list[_Token]:
    lowered = text.replace("’", "'").replace("‘", "'")
    return [_Token(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(lowered)]


def detect_language(text: str) -> str:
    """``"id"`` or ``"en"``: whichever language's common words the text uses more (ties: ``id``)."""
    words = [t.text for t in _tokens(text) if t.is_word]
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


# --- openness -------------------------------------------------------------------------------------


@dataclass
class _Marker:
    """The word that decides whether a question is open."""

    open: bool
    cue: str
    index: int  # position in the part's word list
    why: bool = False
    leading: bool = False
    advice: bool = False


def _words(tokens: Sequence[_Token]) -> tuple[list[str], set[int]]:
    """The words of ``tokens`` and the indices (in that list) that begin a clause."""
    words: list[str] = []
    starts: set[int] = {0}
    for tok in tokens:
        if tok.is_word:
            words.append(tok.text)
        else:
            starts.add(len(words))
    return words, starts


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


def _apa_marker(i: int, words: Sequence[str], starts: set[int]) -> _Marker | None:
    """Indonesian "apa": open "what", or a yes/no particle like "apakah" ("Apa Anda sudah…")."""
    nxt = words[i + 1] if i + 1 < len(words) and i + 1 not in starts else None
    if nxt == "pun":
        return None
    if nxt is None or not _clause_start(i, words, starts, lex.DISCOURSE_ID):
        return _Marker(True, "apa", i)  # at the end, or in situ: "Tujuannya apa?"
    if nxt == "kah":
        return _Marker(False, "apa kah", i)
    if nxt in lex.APA_OPEN_NEXT:
        return _Marker(True, f"apa {nxt}", i)
    if nxt in lex.PRONOUNS_ID:
        after = words[i + 2 : i + 5]
        for w in after:
            if w in lex.AUX_ID:
                return _Marker(False, f"apa {nxt} {w}", i)
        first = after[0] if after else ""
        if first.endswith(("kan", "i")) and not first.startswith(("me", "ber", "di", "ter", "pe")):
            return _Marker(True, f"apa {nxt} {first}", i)  # "Apa Anda harapkan…" (no "yang")
        return _Marker(False, f"apa {nxt}", i)
    if nxt in lex.AUX_ID or (nxt.startswith("di") and len(nxt) > 5):
        return _Marker(False, f"apa {nxt}", i)
    for w in words[i + 1 :]:
        if w in lex.CLAUSE_STOP_ID:
            break
        if w == "yang":
            return _Marker(True, "apa", i)
        if w in lex.APA_PREDICATE_ID:
            return _Marker(False, f"apa … {w}", i)
    return _Marker(True, "apa", i)


def _marker(words: Sequence[str], starts: set[int], lang: str) -> _Marker | None:
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
                return _Marker(nxt == "yang", "apakah yang" if nxt == "yang" else "apakah", i)
            if w in lex.LEADING_KAH:
                return _Marker(False, w, i, leading=True)
            if w.endswith("kah") and w[:-3] in lex.KAH_STEMS:
                return _Marker(False, w, i)
            if w in lex.WH_ID:
                return _Marker(True, w, i, why=w in lex.WHY_ID)
            if w == "apa":
                found = _apa_marker(i, words, starts)
                if found:
                    return found
            if at_start and w in lex.INVITE_ID:
                return _Marker(True, w, i)
        else:
            if at_start and w in lex.AUX_EN and i + 1 < len(words):
                negative = w in lex.NEGATIVE_AUX_EN
                return _Marker(
                    False,
                    f"{w} {words[i + 1]}",
                    i,
                    leading=negative,
                    advice=w == "shouldn't",
                )
            if w in lex.WH_EN:
                why = w in lex.WHY_EN or (w == "how" and words[i + 1 : i + 2] == ["come"])
                return _Marker(True, "how come" if why and w == "how" else w, i, why=why)
            if at_start and w in lex.INVITE_EN:
                return _Marker(True, w, i)
    return None


def _invitation(words: Sequence[str], marker: _Marker, lang: str) -> str | None:
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


# --- one question ---------------------------------------------------------------------------------


@dataclass
class _Part:
    open: bool
    open_cue: Cue
    no_marker: bool = False  # closed because no question word opens it ("Anda sudah…?")
    flags: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    stage_cues: dict[str, list[str]] = field(default_factory=dict)


class _Tables(NamedTuple):
    stage: list[tuple[str, re.Pattern[str], float]]
    strong: list[tuple[re.Pattern[str], str]]
    guarded: list[tuple[re.Pattern[str], str]]
    declarative: list[tuple[re.Pattern[str], str]]
    invite: list[re.Pattern[str]]


_COMPILED: dict[str, _Tables] = {}


def _compiled(lang: str) -> _Tables:
    """Compiled cue tables for ``lang`` (built on first use, a few milliseconds)."""
    if lang not in _COMPILED:
        stage_table = lex.STAGE_CUES_ID if lang == "id" else lex.STAGE_CUES_EN
        strong = lex.STRONG_CUES_ID if lang == "id" else lex.STRONG_CUES_EN
        guarded = lex.GUARDED_CUES_ID if lang == "id" else lex.GUARDED_CUES_EN
        declarative = lex.DECLARATIVE_CUES_ID if lang == "id" else lex.DECLARATIVE_CUES_EN
        _COMPILED[lang] = _Tables(
            [(stage, re.compile(rx), w) for stage, cues in stage_table.items() for rx, w in cues],
            [(re.compile(rx), flag) for rx, flag in strong],
            [(re.compile(rx), flag) for rx, flag in guarded],
            [(re.compile(rx), flag) for rx, flag in declarative],
            [re.compile(rx) for rx in lex.INVITE_STATEMENTS],
        )
    return _COMPILED[lang]


def _tag(tokens: Sequence[_Token], words: Sequence[str], lang: str) -> str | None:
    """A tag pressing for agreement at the end ("…, kan?", "…, right?")."""
    last_comma = max((k for k, t in enumerate(tokens) if t.text == ","), default=-1)
    tail = " ".join(t.text for t in tokens[last_comma + 1 :] if t.is_word)
    if lang == "id":
        if tail in lex.TAGS_ID:
            return tail
        if words and words[-1] in {"kan", "bukan"} and (len(words) < 2 or words[-2] != "atau"):
            return words[-1]
        return None
    return tail if last_comma >= 0 and tail in lex.TAGS_EN else None


def _analyse_part(tokens: Sequence[_Token], lang: str) -> _Part:
    words, starts = _words(tokens)
    flat = " ".join(words)
    tables = _compiled(lang)
    marker = _marker(words, starts, lang)
    if marker is None:
        invite = next((m.group() for rx in tables.invite if (m := rx.search(flat))), None)
        part = (
            _Part(True, Cue("invitation", invite))
            if invite
            else _Part(False, Cue("closed", " ".join(words[:2])), no_marker=True)
        )
    else:
        invite = None if marker.open else _invitation(words, marker, lang)
        if invite:
            part = _Part(True, Cue("invitation", invite))
        else:
            part = _Part(marker.open, Cue("open" if marker.open else "closed", marker.cue))
        if marker.leading:
            part.flags["leading"] = marker.cue
        if marker.advice:
            part.flags["advice"] = marker.cue
    # Guarded cues count only before an open question word, declarative ones before any.
    before_any = len(" ".join(words[: marker.index])) if marker else len(flat)
    limit = before_any if marker and marker.open else len(flat)
    for rx, flag in tables.strong:
        if flag not in part.flags and (m := rx.search(flat)):
            part.flags[flag] = m.group().strip()
    for rx, flag in tables.guarded:
        if flag not in part.flags and (m := rx.search(flat)) and m.start() < limit:
            part.flags[flag] = m.group().strip()
    for rx, flag in tables.declarative:
        if flag not in part.flags and (m := rx.search(flat)) and m.start() < before_any:
            part.flags[flag] = m.group().strip()
    tag = _tag(tokens, words, lang)
    if tag and "leading" not in part.flags:
        part.flags["leading"] = tag
    if marker and marker.why and "advice" not in part.flags:
        part.flags["why"] = marker.cue
        bonus_stage, bonus = lex.WHY_STAGE_BONUS
        part.scores[bonus_stage] = bonus
        part.stage_cues[bonus_stage] = [marker.cue]
    for stage, rx, weight in tables.stage:
        if m := rx.search(flat):
            part.scores[stage] = part.scores.get(stage, 0.0) + weight
            part.stage_cues.setdefault(stage, []).append(m.group())
    return part


# --- splitting ------------------------------------------------------------------------------------


def _sentences(tokens: Sequence[_Token]) -> list[list[_Token]]:
    out: list[list[_Token]] = [[]]
    for tok in tokens:
        out[-1].append(tok)
        if tok.text in _SENTENCE_END:
            out.append([])
    return [s for s in out if any(t.is_word for t in s)]


def _opens_question(words: Sequence[str], i: int, lang: str) -> bool:
    w = words[i]
    if lang == "id":
        return w in lex.WH_ID or w == "apa" or _is_kah_word(w)
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return w in lex.WH_EN or (w in lex.AUX_EN and nxt in lex.SUBJECTS_EN)


def _has_marker(tokens: Sequence[_Token], lang: str) -> bool:
    words, starts = _words(tokens)
    return bool(words) and _marker(words, starts, lang) is not None


def _is_kah_word(word: str) -> bool:
    return word == "apakah" or (word.endswith("kah") and word[:-3] in lex.KAH_STEMS)


def _starts_new_question(
    current: Sequence[_Token], word: str, rest: Sequence[str], lang: str
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
        new = lang == "id" and _is_kah_word(word)  # "Apa tujuan Anda apakah itu realistis"
    return new and _has_marker(current, lang)


def _split_sentence(sentence: Sequence[_Token], lang: str) -> list[list[_Token]]:
    """Cut a sentence where a new question begins after a comma or "and", or at "apakah"."""
    parts: list[list[_Token]] = [[]]
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


def _question_parts(text: str, lang: str) -> tuple[list[list[_Token]], list[list[_Token]]]:
    """(question parts, every part): statements are kept apart; no question → the whole text."""
    tokens = _tokens(text)
    pieces = [p for s in _sentences(tokens) for p in _split_sentence(s, lang)]
    questions = [
        p
        for p in pieces
        if p[-1].text == "?" or _has_marker(p, lang) or _is_invitation_statement(p, lang)
    ]
    if not questions:
        questions = [tokens] if any(t.is_word for t in tokens) else []
    return questions, pieces


def _is_invitation_statement(tokens: Sequence[_Token], lang: str) -> bool:
    flat = " ".join(t.text for t in tokens if t.is_word)
    return any(rx.search(flat) for rx in _compiled(lang).invite)


def _span(text: str, tokens: Sequence[_Token]) -> str:
    return text[tokens[0].start : tokens[-1].end].strip(" ,;:")


def split_questions(text: str, lang: str | None = None) -> list[str]:
    """The separate questions in ``text`` ("Apa tujuan Anda? Kapan mulai?" gives two).

    Splits at ``?``, ``!`` and ``.``, at a comma or "dan"/"and" followed by a new question word,
    and (Indonesian) at a bare "apakah"/"-kah" inside a sentence. Statements are left out unless
    the text holds no question at all.
    """
    lang = _normalise_lang(lang, text)
    questions, _ = _question_parts(text, lang)
    return [_span(text, q) for q in questions]


# --- the public verdict ---------------------------------------------------------------------------


def _best_stage(scores: dict[str, float]) -> str | None:
    if not scores:
        return None
    # Ties go to the earlier stage in GROW order; "none" wins ties (small talk is unambiguous).
    order = ["none", "goal", "reality", "options", "will"]
    best = max(order, key=lambda s: (scores.get(s, 0.0), -order.index(s)))
    return best if scores.get(best, 0.0) >= lex.STAGE_THRESHOLD else None


def analyse_question(text: str, lang: str | None = None) -> QuestionAnalysis:
    """Analyse one question (or several stacked ones) in Bahasa Indonesia or English.

    Args:
        text: what the coach said or typed; a question mark is not needed.
        lang: ``"id"`` or ``"en"``; detected from the words when ``None``.
    """
    lang = _normalise_lang(lang, text)
    questions, pieces = _question_parts(text, lang)
    if not questions:
        return QuestionAnalysis(text, lang, None, False, ("closed",), (Cue("closed", ""),))
    analysed = [_analyse_part(q, lang) for q in questions]
    last = analysed[-1]
    flags: dict[str, str] = {}
    for piece in pieces:  # advice in a statement before the question still counts
        if piece not in questions:
            for flag, cue in _analyse_part(piece, lang).flags.items():
                if flag in {"advice", "leading"}:
                    flags.setdefault(flag, cue)
    for part in analysed:
        for flag, cue in part.flags.items():
            flags.setdefault(flag, cue)
    if len(questions) > 1:
        flags["stacked"] = str(len(questions))
    scores: dict[str, float] = {}
    for k, part in enumerate(analysed):
        weight = 1.0 if k == len(analysed) - 1 else 0.5
        for name, score in part.scores.items():
            scores[name] = scores.get(name, 0.0) + weight * score
    best = _best_stage(scores)
    reasons: list[Cue] = []
    if best and best != "none":
        cues = list(dict.fromkeys(c for p in analysed for c in p.stage_cues.get(best, [])))
        # "ingin anda capai" already says "capai" and "ingin"
        kept = [c for c in cues if not any(c != o and f" {c} " in f" {o} " for o in cues)]
        reasons.append(Cue("stage", ", ".join(kept)))
    if best == "none":
        reasons.append(
            Cue("small_talk", ", ".join(c for p in analysed for c in p.stage_cues["none"]))
        )
    stage: GrowStage | None = GrowStage(best) if best and best != "none" else None
    if stage is None and "advice" in flags and best != "none":
        stage = GrowStage.OPTIONS
        reasons.append(Cue("stage", flags["advice"]))
    is_open = last.open and not ({"advice", "leading"} & flags.keys())
    if last.open and not is_open:
        cue = flags.get("advice") or flags["leading"]
        reasons.append(Cue("closed", cue))
    else:
        reasons.append(last.open_cue)
        if last.no_marker:
            reasons.append(Cue("no_question_word", last.open_cue.text))
    if not is_open:
        flags["closed"] = next(c.text for c in reasons if c.kind == "closed")
    ordered = tuple(f for f in FLAGS if f in flags)
    reasons.extend(Cue(f, flags[f]) for f in ordered if f != "closed")
    parts = tuple(_span(text, q) for q in questions)
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
        for sentence in _sentences(_tokens(line)):
            words, starts = _words(sentence)
            marker = _marker(words, starts, line_lang)
            # A question word deep inside a long statement ("…saya tahu apa…") is not a question.
            is_question = sentence[-1].text == "?" or (
                marker is not None and (marker.index <= 4 or marker.index in starts)
            )
            if is_question:
                group.append(_span(line, sentence))
            elif group:
                out.append(" ".join(group))
                group = []
        if group:
            out.append(" ".join(group))
    return out


def analyse_many(questions: Iterable[str], lang: str | None = None) -> list[QuestionAnalysis]:
    """:func:`analyse_question` over several questions (each one's language detected if needed)."""
    return [analyse_question(q, lang) for q in questions if q.strip()]
