"""Which GROW stage a question serves: weighted cues summed per stage (:mod:`.question_stage_cues`).

Content words (matched on their stems) and phrases weigh most; tense, aspect and modality are
weaker fallbacks. A condition placed before the question ("Kalau tidak ada batasan, apa yang
akan Anda lakukan?") makes its "akan"/"will" hypothetical: it then counts for no stage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sitante_tui.domain import question_stage_cues as cues
from sitante_tui.domain.question_morphology import stems_en, stems_id

# Ties go to "none" (small talk is unambiguous), then to the stage with the strongest content cue
# (a word or phrase, not grammar), then to the earlier stage in GROW order.
_ORDER = ("none", "goal", "reality", "options", "will")


@dataclass
class StageEvidence:
    """Stage totals for one question and the words behind each total, in reading order."""

    scores: dict[str, float] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)
    strongest: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, weight: float, cue: str, *, content: bool = True) -> None:
        """Count ``cue`` towards ``stage``; only content words and phrases break ties."""
        self.scores[stage] = self.scores.get(stage, 0.0) + weight
        strongest = weight if content else 0.0
        self.strongest[stage] = max(self.strongest.get(stage, 0.0), strongest)
        self.cues.setdefault(stage, []).append(cue)


@dataclass(frozen=True)
class QuestionForm:
    """What the openness analysis found, as far as the stage depends on it."""

    question_index: int | None = None  # the word that makes it a question
    is_open: bool = False
    invitation: bool = False
    why: str | None = None  # the "why" word, if the question asks why
    advice: str | None = None  # the coach's proposal, if any ("Bagaimana kalau Anda…")


@dataclass(frozen=True)
class _Tables:
    phrases: list[tuple[str, re.Pattern[str], float]]
    exact: dict[str, list[tuple[str, float]]]
    stems: dict[str, list[tuple[str, float]]]


_TABLES: dict[str, _Tables] = {}


def _tables(lang: str) -> _Tables:
    """The compiled cue tables for ``lang`` (built on first use, about a millisecond)."""
    if lang not in _TABLES:
        words = cues.WORD_CUES_ID if lang == "id" else cues.WORD_CUES_EN
        phrases = cues.PHRASE_CUES_ID if lang == "id" else cues.PHRASE_CUES_EN
        exact: dict[str, list[tuple[str, float]]] = {}
        stems: dict[str, list[tuple[str, float]]] = {}
        for stage, spec in words.items():
            for item in spec.split():
                word, weight = item.rsplit(":", 1)
                table = exact if word.startswith("=") else stems
                table.setdefault(word.lstrip("="), []).append((stage, float(weight)))
        _TABLES[lang] = _Tables(
            [(stage, re.compile(rx), w) for stage, table in phrases.items() for rx, w in table],
            exact,
            stems,
        )
    return _TABLES[lang]


def _hypothetical_frame(
    words: Sequence[str], starts: set[int], lang: str, question_index: int | None
) -> range:
    """The words of a condition placed before the question ("Kalau …, apa …"), if any."""
    conditional = cues.CONDITIONAL_ID if lang == "id" else cues.CONDITIONAL_EN
    i = 0
    while i < len(words) and words[i] in cues.FRAME_DISCOURSE:
        i += 1
    if i >= len(words) or words[i] not in conditional:
        return range(0)
    if " ".join(words[i + 1 : i + 3]) in cues.NOT_CONDITIONAL_ID:
        return range(0)
    ends = [k for k in starts if k > i]
    if question_index is not None and question_index > i:
        ends.append(question_index)
    return range(i, min(ends, default=len(words)))


def _is_verb_id(word: str) -> bool:
    if word in cues.STATIVE_ID or word in cues.FILLERS_ID:
        return False
    return (
        word.startswith(("me", "di", "ber", "ter"))
        or word.endswith(("kan", "in"))
        or word in cues.ACTION_ID
        or bool(stems_id(word) & cues.ACTION_ID)
    )


def _next_verb_id(words: Sequence[str], i: int) -> int | None:
    """The index of the verb that follows ``words[i]`` within three words, skipping pronouns."""
    for j in range(i + 1, min(i + 4, len(words))):
        if _is_verb_id(words[j]):
            return j
        if words[j] not in cues.FILLERS_ID:
            return None
    return None


def _grammar_id(words: Sequence[str], form: QuestionForm) -> list[tuple[str, int, int]]:
    """(kind, first word, last word) of each tense, aspect and modality cue (Indonesian)."""
    found: list[tuple[str, int, int]] = []
    for i, w in enumerate(words):
        base = w[:-3] if w.endswith("kah") else w
        if base in cues.PERFECT_ID:
            found.append(("perfect", i, i))
        elif w == "dulu" and i + 1 < len(words) and _is_verb_id(words[i + 1]):
            found.append(("past", i, i))  # "dulu memilih" (back then); "mulai dulu" = first
        elif base in cues.PROGRESSIVE_ID:
            found.append(("progressive", i, i))
        elif base in cues.FUTURE_ID:
            j = _next_verb_id(words, i)
            found.append(("future_action", i, j) if j is not None else ("future", i, i))
        elif base in cues.DESIRE_ID:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if nxt not in {"mulai", "memulai"}:
                found.append(("desire", i, i))
        elif base in cues.POSSIBILITY_ID and form.is_open and not form.invitation:
            j = _next_verb_id(words, i)
            if j is not None:
                found.append(("possibility", i, j))
    return found


def _asks_about_past(after: Sequence[str]) -> bool:
    return bool(after) and after[0] in cues.PAST_AUX_EN | cues.PERFECT_AUX_EN


def _is_past_en(word: str) -> bool:
    return (word.endswith("ed") and len(word) > 4) or word in cues.PAST_VERBS_EN


def _grammar_en(words: Sequence[str], form: QuestionForm) -> list[tuple[str, int, int]]:
    """(kind, first word, last word) of each tense, aspect and modality cue (English)."""
    found: list[tuple[str, int, int]] = []
    for i, w in enumerate(words):
        after = words[i + 1 : i + 4]
        if w in cues.PERFECT_AUX_EN and after[:1] not in (["to"], ["better"]):
            for k, x in enumerate(after):
                if x.endswith("ed") or x in cues.PARTICIPLES_EN:
                    found.append(("perfect", i, i + 1 + k))
                    break
        elif w in {"already", "yet"}:
            found.append(("perfect", i, i))
        elif w in cues.PAST_AUX_EN:
            found.append(("past", i, i))
        elif w in cues.PAST_SUBJECTS_EN and after and _is_past_en(after[0]):
            found.append(("past", i, i + 1))
        elif w in cues.PROGRESSIVE_AUX_EN:
            for k, x in enumerate(after[:2]):
                if x.endswith("ing") and x != "going" and len(x) > 4:
                    found.append(("progressive", i, i + 1 + k))
                    break
        elif w in cues.FUTURE_EN or (w == "going" and after[:1] == ["to"]):
            rest = after[1:] if w == "going" else after
            verbs = [x for x in rest[:3] if x not in cues.SUBJECTS_EN]
            if verbs and verbs[0] not in cues.STATIVE_EN and verbs[0] not in {"to", "that"}:
                last = i + 1 + len(after) - len(rest) + rest.index(verbs[0])
                found.append(("future_action", i, last))
            else:
                found.append(("future", i, i))
        elif w in cues.DESIRE_EN or (w == "like" and i > 0 and words[i - 1] in {"would", "i'd"}):
            if i == 0 or words[i - 1] not in {"might", "may"}:  # "you might want to…" hedges
                found.append(("desire", i, i))
        elif w.endswith("'d") and after[:1] == ["like"]:
            found.append(("desire", i, i + 1))
        elif w in cues.POSSIBILITY_EN and form.is_open and not form.invitation:
            found.append(("possibility", i, i))
        elif w == "when" and i == form.question_index and not _asks_about_past(after):
            found.append(("when", i, i))
    return found


_GRAMMAR: dict[str, Callable[[Sequence[str], QuestionForm], list[tuple[str, int, int]]]] = {
    "id": _grammar_id,
    "en": _grammar_en,
}


def stage_evidence(
    words: Sequence[str], starts: set[int], lang: str, form: QuestionForm
) -> StageEvidence:
    """Weighted stage cues of one question given as lowercased words (clauses begin at ``starts``).

    Each word counts once: first as part of a phrase cue, else as a word cue (its best family per
    stage), and tense/aspect/modality cues only for words no phrase has claimed.
    """
    tables = _tables(lang)
    evidence = StageEvidence()
    flat = " ".join(words)
    offsets: list[int] = []
    pos = 0
    for w in words:
        offsets.append(pos)
        pos += len(w) + 1
    covered: set[int] = set()
    matches = [(m, stage, w) for stage, rx, w in tables.phrases if (m := rx.search(flat))]
    # Longest first; a phrase overlapping a longer one is part of it ("seberapa besar komitmen"
    # is no "seberapa besar").
    for m, stage, weight in sorted(matches, key=lambda x: x[0].start() - x[0].end()):
        claimed = {
            k for k, o in enumerate(offsets) if o < m.end() and o + len(words[k]) > m.start()
        }
        if not claimed & covered:
            evidence.add(stage, weight, m.group().strip())
            covered |= claimed
    stemmer = stems_id if lang == "id" else stems_en
    used: set[tuple[str, str]] = set()
    for i, w in enumerate(words):
        if i in covered:
            continue
        best: dict[str, tuple[float, str]] = {}
        hits = [(s, wt, "=" + w) for s, wt in tables.exact.get(w, [])]
        hits += [(s, wt, stem) for stem in stemmer(w) for s, wt in tables.stems.get(stem, [])]
        for stage, weight, family in hits:
            if (stage, family) not in used and weight > best.get(stage, (0.0, ""))[0]:
                best[stage] = (weight, family)
        for stage, (weight, family) in best.items():
            used.add((stage, family))
            evidence.add(stage, weight, w)
    frame = _hypothetical_frame(words, starts, lang, form.question_index)
    seen_kinds: set[str] = set()
    for kind, first, last in _GRAMMAR[lang](words, form):
        if first in covered or kind in seen_kinds:
            continue
        if frame and (kind.startswith("future") or first in frame):
            continue  # a consequence of a hypothetical, or the hypothetical itself
        stage, weight = cues.GRAMMAR_WEIGHTS[kind]
        seen_kinds.add(kind)
        evidence.add(stage, weight, " ".join(words[first : last + 1]), content=False)
    if form.why:
        stage, weight = cues.WHY_STAGE_BONUS
        evidence.add(stage, weight, form.why, content=False)
    if form.advice:
        stage, weight = cues.ADVICE_STAGE_BONUS
        evidence.add(stage, weight, form.advice, content=False)
    return evidence


def best_stage(evidence: StageEvidence) -> str | None:
    """The winning stage name (or ``"none"`` for small talk), or ``None`` below the threshold."""
    if not evidence.scores:
        return None
    best = max(
        _ORDER,
        key=lambda s: (
            round(evidence.scores.get(s, 0.0), 6),
            s == "none",
            evidence.strongest.get(s, 0.0),
            -_ORDER.index(s),
        ),
    )
    return best if evidence.scores.get(best, 0.0) >= cues.STAGE_THRESHOLD else None
