"""The validated coaching content: question banks, scripts and reference, in id and en.

:func:`sitante_tui.domain.prompt_library.load_prompt_library` builds a :class:`PromptLibrary`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

LANGUAGES: tuple[str, ...] = ("id", "en")
GROW_STAGES: tuple[str, ...] = ("goal", "reality", "options", "will")
STAGES: tuple[str, ...] = (
    "rapport",
    *GROW_STAGES,
    "sharing",
    "map_problem",
    "discuss_causes",
    "identify_solutions",
)
MIN_GROW_QUESTIONS = 12
MIN_OTHER_QUESTIONS = 8
AGENDA_EXAMPLE_COUNT = 20
SCRIPT_NAMES: tuple[str, ...] = (
    "rapport",
    "consent",
    "confidentiality",
    "coaching_plan",
    "mentoring_plan",
    "closing",
    "coachee_review",
    "group_intro",
)
FILES: tuple[str, ...] = (
    "grow_questions.toml",
    "scripts.toml",
    "mentoring.toml",
    "performance_procedure.toml",
    "agenda_examples.toml",
    "reference.toml",
    "faq.toml",
)

QuestionSource = Literal["booklet", "sitante", "user"]


class PromptError(ValueError):
    """A prompt file is missing or malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Question:
    """One open question of a stage's bank, in both languages."""

    text_id: str
    text_en: str
    source: QuestionSource

    def text(self, lang: str) -> str:
        """The question in ``lang`` (``"id"`` or ``"en"``)."""
        return self.text_en if _checked(lang) == "en" else self.text_id


@dataclass(frozen=True)
class Script:
    """A text the coach reads aloud."""

    title: str
    text: str


@dataclass(frozen=True)
class MentoringApproach:
    """A sharing-session approach (role modelling, role playing, empty chair) with its guide."""

    key: str
    title: str
    description: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class PerformanceStep:
    """One step of the 5-step performance procedure; ``question_stage`` names its bank."""

    key: str
    number: int
    title: str
    description: str
    guidance: str
    question_stage: str | None


@dataclass(frozen=True)
class AgendaExample:
    """One of the booklet's agenda examples."""

    key: str
    text: str


@dataclass(frozen=True)
class ComparisonTable:
    """Coaching compared with another practice: headers and rows are (other, coaching)."""

    key: str
    title: str
    headers: tuple[str, str]
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FaqEntry:
    """A frequently asked question (``number`` as in the booklet, e.g. ``"7.3"``) and its answer."""

    key: str
    number: str
    question: str
    answer: str


@dataclass(frozen=True)
class SkillWillQuadrant:
    """A quadrant of the Skill/Will matrix (``skill``/``will`` are ``"low"`` or ``"high"``)."""

    key: str
    skill: str
    will: str
    title: str
    description: str


@dataclass(frozen=True)
class Role:
    """The duties of one party in the programme."""

    key: str
    title: str
    duties: tuple[str, ...]


@dataclass(frozen=True)
class Definition:
    """A titled reference text (a definition, a model)."""

    key: str
    title: str
    text: str


@dataclass(frozen=True)
class _Content:
    """Everything except the question banks, in one language."""

    scripts: Mapping[str, Script]
    approaches: tuple[MentoringApproach, ...]
    steps: tuple[PerformanceStep, ...]
    agenda: tuple[AgendaExample, ...]
    tables: tuple[ComparisonTable, ...]
    faq: tuple[FaqEntry, ...]
    quadrants: tuple[SkillWillQuadrant, ...]
    rules: str
    roles: tuple[Role, ...]
    definitions: tuple[Definition, ...]


@dataclass(frozen=True)
class PromptLibrary:
    """The loaded, validated content. Build it with :func:`load_prompt_library`."""

    banks: Mapping[str, tuple[Question, ...]] = field(repr=False)
    content: Mapping[str, _Content] = field(repr=False)

    def questions(self, stage: str, lang: str) -> list[str]:
        """The question texts of ``stage`` in ``lang``: bundled ones first, then the user's."""
        return [q.text(lang) for q in self.question_entries(stage)]

    def question_entries(self, stage: str) -> list[Question]:
        """The questions of ``stage`` with both languages and their source."""
        if stage not in self.banks:
            raise KeyError(f"unknown stage {stage!r}; expected one of {', '.join(STAGES)}")
        return list(self.banks[stage])

    def script_names(self) -> list[str]:
        """The names of every script, bundled and user-added."""
        return list(self._in(LANGUAGES[0]).scripts)

    def script(self, name: str, lang: str) -> Script:
        """The script ``name`` (e.g. ``"consent"``) in ``lang``."""
        scripts = self._in(lang).scripts
        if name not in scripts:
            raise KeyError(f"unknown script {name!r}")
        return scripts[name]

    def mentoring_approaches(self, lang: str) -> list[MentoringApproach]:
        return list(self._in(lang).approaches)

    def performance_steps(self, lang: str) -> list[PerformanceStep]:
        return list(self._in(lang).steps)

    def agenda_examples(self, lang: str) -> list[AgendaExample]:
        return list(self._in(lang).agenda)

    def comparison_tables(self, lang: str) -> list[ComparisonTable]:
        return list(self._in(lang).tables)

    def faq(self, lang: str) -> list[FaqEntry]:
        return list(self._in(lang).faq)

    def skill_will_quadrants(self, lang: str) -> list[SkillWillQuadrant]:
        return list(self._in(lang).quadrants)

    def programme_rules_text(self, lang: str) -> str:
        """The programme rules in short, one rule a line."""
        return self._in(lang).rules

    def roles(self, lang: str) -> list[Role]:
        return list(self._in(lang).roles)

    def definitions(self, lang: str) -> list[Definition]:
        return list(self._in(lang).definitions)

    def _in(self, lang: str) -> _Content:
        return self.content[_checked(lang)]


def _checked(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected 'id' or 'en'")
    return lang
