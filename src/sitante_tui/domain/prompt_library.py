"""The coaching content in ``prompts/*.toml`` (question banks, scripts, reference), in id and en.

The bundled folder ships with the app; a user prompts folder (from settings) overrides or extends
it, file by file. A user file with the same name as a bundled one is merged over it:

- questions (``[[goal]]`` ...) are appended to that stage's bank and marked ``source = "user"``;
  a question already in the bank is skipped;
- an entry with a ``key`` (``[[agenda]]``, ``[[faq]]`` ...) replaces the bundled entry with the
  same key, in place; a new key is appended;
- a table (a script such as ``[consent]``, or ``[programme_rules]``) replaces the bundled table;
- ``replace = true`` at the top of a user file replaces the bundled file entirely.

Everything is validated at load time. A :class:`PromptError` names the file (relative to its
folder), the key path (entries counted from 1, as they appear in the file) and the problem, e.g.
``prompts/grow_questions.toml: goal[3]: missing 'en' text``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sitante_tui.domain.prompt_models import (
    AGENDA_EXAMPLE_COUNT,
    FILES,
    GROW_STAGES,
    LANGUAGES,
    MIN_GROW_QUESTIONS,
    MIN_OTHER_QUESTIONS,
    SCRIPT_NAMES,
    STAGES,
    AgendaExample,
    ComparisonTable,
    Definition,
    FaqEntry,
    MentoringApproach,
    PerformanceStep,
    PromptError,
    PromptLibrary,
    Question,
    QuestionSource,
    Role,
    Script,
    SkillWillQuadrant,
    _Content,
)

_KEY = re.compile(r"[a-z0-9][a-z0-9_-]*")
_TOML_AT = re.compile(r"\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)\s*$")


# --- reading and merging files ----------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """A table from a file, remembering where it came from for error messages."""

    file: str
    path: str
    data: Mapping[str, Any]
    from_user: bool

    def error(self, problem: str, path: str | None = None) -> PromptError:
        return PromptError(f"{self.file}: {path or self.path}: {problem}")


_Section = list[_Item] | _Item


@dataclass
class _Doc:
    """One prompt file after merging: ``file`` is the file that owns its overall shape."""

    file: str
    sections: dict[str, _Section]
    bundled_sizes: dict[str, int] = field(default_factory=dict)

    def error(self, name: str, problem: str) -> PromptError:
        """An error about section ``name`` as a whole (missing entries, too few)."""
        return PromptError(f"{self.file}: {name}: {problem}")

    def shape_error(self, name: str, problem: str) -> PromptError:
        """An error about how section ``name`` is written, blamed on the file that wrote it."""
        section = self.sections.get(name)
        owner = self.file
        if isinstance(section, _Item):
            owner = section.file
        elif section:
            owner = section[0].file
        return PromptError(f"{owner}: {name}: {problem}")


def _label(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _read(path: Path) -> dict[str, Any]:
    label = _label(path)
    try:
        # utf-8-sig: Windows editors may save a byte-order mark
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise PromptError(f"{label}: cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise PromptError(f"{label}: byte {exc.start}: not UTF-8 text") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT.search(message)
        if at is None:
            raise PromptError(f"{label}: invalid TOML: {message}") from exc
        where = f"line {at['line']}, column {at['column']}"
        raise PromptError(f"{label}: {where}: invalid TOML: {message[: at.start()]}") from exc


def _parse(label: str, raw: Mapping[str, Any], from_user: bool) -> _Doc:
    sections: dict[str, _Section] = {}
    for name, value in raw.items():
        if name == "replace":
            if not isinstance(value, bool):
                raise PromptError(f"{label}: replace: must be true or false")
        elif isinstance(value, dict):
            sections[name] = _Item(label, name, value, from_user)
        elif isinstance(value, list) and all(isinstance(entry, dict) for entry in value):
            items = [_Item(label, f"{name}[{i}]", e, from_user) for i, e in enumerate(value, 1)]
            seen: dict[str, str] = {}
            for item in items:
                key = item.data.get("key")
                if isinstance(key, str):
                    if key in seen:
                        raise item.error(f"duplicate key {key!r} (also {seen[key]})")
                    seen[key] = item.path
            sections[name] = items
        else:
            raise PromptError(f"{label}: {name}: expected a table or an array of tables")
    return _Doc(label, sections)


def _merge(base: _Doc, user: _Doc) -> None:
    for name, theirs in user.sections.items():
        ours = base.sections.get(name)
        if ours is None or (isinstance(ours, _Item) and isinstance(theirs, _Item)):
            base.sections[name] = theirs
        elif isinstance(ours, list) and isinstance(theirs, list):
            merged = list(ours)
            index = {item.data.get("key"): i for i, item in enumerate(merged)}
            for item in theirs:
                key = item.data.get("key")
                if isinstance(key, str) and key in index:
                    merged[index[key]] = item
                else:
                    merged.append(item)
            base.sections[name] = merged
        else:
            shape = "an array of tables" if isinstance(ours, list) else "a table"
            raise PromptError(f"{user.file}: {name}: expected {shape}, as in {base.file}")


def _load_doc(name: str, bundled: Path, user_dir: Path | None) -> _Doc:
    bundled_path = bundled / name
    user_doc: _Doc | None = None
    if user_dir is not None and (user_dir / name).is_file():
        raw = _read(user_dir / name)
        user_doc = _parse(_label(user_dir / name), raw, from_user=True)
        if raw.get("replace") is True or not bundled_path.is_file():
            return user_doc
    if not bundled_path.is_file():
        raise PromptError(f"{_label(bundled_path)}: required file is missing")
    doc = _parse(_label(bundled_path), _read(bundled_path), from_user=False)
    doc.bundled_sizes = {k: len(v) for k, v in doc.sections.items() if isinstance(v, list)}
    if user_doc is not None:
        _merge(doc, user_doc)
    return doc


# --- validating entries -----------------------------------------------------------------------


def _texts(item: _Item, data: Mapping[str, Any], path: str, lang: str) -> str:
    """Checks both languages of ``data`` (so errors do not depend on ``lang``), returns one."""
    texts: dict[str, str] = {}
    for code in LANGUAGES:
        value = data.get(code)
        if value is None:
            raise item.error(f"missing {code!r} text", path)
        if not isinstance(value, str):
            raise item.error(f"{code!r} text must be a string", path)
        if not value.strip():
            raise item.error(f"empty {code!r} text", path)
        texts[code] = value.strip()
    return texts[lang]


def _field(item: _Item, name: str, lang: str) -> str:
    value = item.data.get(name)
    if value is None:
        raise item.error(f"missing {name!r}")
    if not isinstance(value, dict):
        raise item.error(f"{name!r} must be a table with 'id' and 'en' texts")
    return _texts(item, value, f"{item.path}.{name}", lang)


def _tables(item: _Item, name: str) -> list[tuple[str, Mapping[str, Any]]]:
    value = item.data.get(name)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise item.error(f"{name!r} must be a non-empty array of tables ([[...{name}]])")
    return [(f"{item.path}.{name}[{i}]", entry) for i, entry in enumerate(value, 1)]


def _array(doc: _Doc, name: str) -> list[_Item]:
    section = doc.sections.get(name)
    if section is None:
        raise PromptError(f"{doc.file}: {name}: missing section")
    if not isinstance(section, list):
        raise doc.shape_error(name, f"expected an array of tables ([[{name}]])")
    return section


def _keyed(doc: _Doc, name: str, required: tuple[str, ...]) -> list[tuple[str, _Item]]:
    entries: list[tuple[str, _Item]] = []
    for item in _array(doc, name):
        key = item.data.get("key")
        if key is None:
            raise item.error("missing 'key'")
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise item.error(f"key {key!r} must use lowercase letters, digits, '_' or '-'")
        entries.append((key, item))
    keys = {key for key, _ in entries}
    for key in required:
        if key not in keys:
            raise doc.error(name, f"missing entry with key {key!r}")
    if not entries:
        raise doc.error(name, "no entries")
    return entries


def _only(doc: _Doc, allowed: tuple[str, ...]) -> None:
    for name in doc.sections:
        if name not in allowed:
            raise doc.shape_error(name, f"unknown section (expected one of: {', '.join(allowed)})")


def _question_banks(doc: _Doc) -> dict[str, tuple[Question, ...]]:
    _only(doc, STAGES)
    banks: dict[str, tuple[Question, ...]] = {}
    for stage in STAGES:
        bank: list[Question] = []
        seen: dict[str, str] = {}
        for item in _array(doc, stage):
            text_id, text_en = (_texts(item, item.data, item.path, code) for code in LANGUAGES)
            earlier = seen.get(text_id.casefold()) or seen.get(text_en.casefold())
            if earlier is not None:
                if item.from_user:
                    continue  # a user question that is already in the bank
                raise item.error(f"duplicate question (same as {earlier})")
            seen[text_id.casefold()] = seen[text_en.casefold()] = item.path
            source: QuestionSource = "user"
            if not item.from_user:
                given = item.data.get("source")
                if given == "booklet" or given == "sitante":
                    source = given
                else:
                    raise item.error(f"source must be 'booklet' or 'sitante', not {given!r}")
            bank.append(Question(text_id, text_en, source))
        minimum = MIN_GROW_QUESTIONS if stage in GROW_STAGES else MIN_OTHER_QUESTIONS
        if len(bank) < minimum:
            raise doc.error(
                stage, f"too few questions: {len(bank)} in each language, at least {minimum}"
            )
        banks[stage] = tuple(bank)
    return banks


def _scripts(doc: _Doc, lang: str) -> dict[str, Script]:
    scripts: dict[str, Script] = {}
    for name, section in doc.sections.items():
        if not isinstance(section, _Item):
            raise doc.shape_error(name, f"expected a table ([{name}]) with 'title' and 'text'")
        scripts[name] = Script(_field(section, "title", lang), _field(section, "text", lang))
    for name in SCRIPT_NAMES:
        if name not in scripts:
            raise PromptError(f"{doc.file}: {name}: missing section")
    return scripts


def _approaches(doc: _Doc, lang: str) -> tuple[MentoringApproach, ...]:
    _only(doc, ("approach",))
    required = ("role_modeling", "role_playing", "empty_chair")
    return tuple(
        MentoringApproach(
            key,
            _field(item, "title", lang),
            _field(item, "description", lang),
            tuple(_texts(item, step, path, lang) for path, step in _tables(item, "steps")),
        )
        for key, item in _keyed(doc, "approach", required)
    )


def _steps(doc: _Doc, lang: str) -> tuple[PerformanceStep, ...]:
    _only(doc, ("step",))
    required = ("map_problem", "discuss_causes", "identify_solutions", "action_plan", "follow_up")
    steps: list[PerformanceStep] = []
    for number, (key, item) in enumerate(_keyed(doc, "step", required), 1):
        stage = item.data.get("questions")
        if stage is not None and stage not in STAGES:
            raise item.error(f"questions {stage!r} is not a stage of grow_questions.toml")
        title, description, guidance = (
            _field(item, name, lang) for name in ("title", "description", "guidance")
        )
        steps.append(PerformanceStep(key, number, title, description, guidance, stage))
    return tuple(steps)


def _agenda(doc: _Doc, lang: str) -> tuple[AgendaExample, ...]:
    _only(doc, ("agenda",))
    entries = _keyed(doc, "agenda", ())
    bundled = doc.bundled_sizes.get("agenda")
    if bundled is not None and bundled != AGENDA_EXAMPLE_COUNT:
        raise PromptError(
            f"{doc.file}: agenda: {bundled} agenda examples, expected {AGENDA_EXAMPLE_COUNT}"
        )
    return tuple(
        AgendaExample(key, _texts(item, item.data, item.path, lang)) for key, item in entries
    )


def _tables_of(doc: _Doc, lang: str) -> tuple[ComparisonTable, ...]:
    tables: list[ComparisonTable] = []
    for key, item in _keyed(
        doc, "comparison", ("training", "consulting", "counselling", "mentoring")
    ):
        rows: list[tuple[str, str]] = []
        for path, row in _tables(item, "rows"):
            row_item = _Item(item.file, path, row, item.from_user)
            rows.append((_field(row_item, "other", lang), _field(row_item, "coaching", lang)))
        headers = (_field(item, "other", lang), _field(item, "coaching", lang))
        tables.append(ComparisonTable(key, _field(item, "title", lang), headers, tuple(rows)))
    return tuple(tables)


def _quadrants(doc: _Doc, lang: str) -> tuple[SkillWillQuadrant, ...]:
    quadrants: list[SkillWillQuadrant] = []
    corners: dict[tuple[str, str], str] = {}
    for key, item in _keyed(doc, "skill_will", ("direct", "guide", "excite", "delegate")):
        skill, will = item.data.get("skill"), item.data.get("will")
        if skill not in ("low", "high") or will not in ("low", "high"):
            raise item.error("'skill' and 'will' must each be 'low' or 'high'")
        if (skill, will) in corners:
            raise item.error(f"same skill and will as {corners[(skill, will)]!r}")
        corners[(skill, will)] = key
        title, description = _field(item, "title", lang), _field(item, "description", lang)
        quadrants.append(SkillWillQuadrant(key, skill, will, title, description))
    return tuple(quadrants)


def _reference(doc: _Doc, lang: str) -> tuple[tuple[Definition, ...], tuple[Role, ...], str]:
    _only(doc, ("definition", "comparison", "skill_will", "programme_rules", "role"))
    definitions = tuple(
        Definition(key, _field(item, "title", lang), _field(item, "text", lang))
        for key, item in _keyed(doc, "definition", ("coaching_icf", "model_70_20_10"))
    )
    roles = tuple(
        Role(
            key,
            _field(item, "title", lang),
            tuple(_texts(item, duty, path, lang) for path, duty in _tables(item, "duties")),
        )
        for key, item in _keyed(doc, "role", ("supervisor", "hr", "coach", "coachee"))
    )
    rules = doc.sections.get("programme_rules")
    if rules is None:
        raise PromptError(f"{doc.file}: programme_rules: missing section")
    if not isinstance(rules, _Item):
        raise doc.shape_error("programme_rules", "expected a table ([programme_rules])")
    return definitions, roles, _field(rules, "text", lang)


def _faq(doc: _Doc, lang: str) -> tuple[FaqEntry, ...]:
    _only(doc, ("faq",))
    entries: list[FaqEntry] = []
    for key, item in _keyed(doc, "faq", ()):
        number = item.data.get("number")
        if not isinstance(number, str) or not number.strip():
            raise item.error("missing 'number' (a string such as \"7.3\")")
        question, answer = _field(item, "question", lang), _field(item, "answer", lang)
        entries.append(FaqEntry(key, number.strip(), question, answer))
    return tuple(entries)


def load_prompt_library(bundled: Path, user_dir: Path | None = None) -> PromptLibrary:
    """Load and validate the bundled prompts, merged with ``user_dir``'s files if given.

    Args:
        bundled: The bundled ``prompts`` folder (``sitante_tui.paths.bundled_dir("prompts")``).
        user_dir: The user's prompts folder from settings; ignored if it does not exist.

    Raises:
        PromptError: A file is missing, unreadable, not valid TOML, or breaks a content rule.
    """
    if user_dir is not None and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.toml")):
            if path.name not in FILES:
                raise PromptError(
                    f"{_label(path)}: unknown prompt file (expected one of: {', '.join(FILES)})"
                )
    docs = {name: _load_doc(name, bundled, user_dir) for name in FILES}
    content: dict[str, _Content] = {}
    for lang in LANGUAGES:
        definitions, roles, rules = _reference(docs["reference.toml"], lang)
        content[lang] = _Content(
            scripts=MappingProxyType(_scripts(docs["scripts.toml"], lang)),
            approaches=_approaches(docs["mentoring.toml"], lang),
            steps=_steps(docs["performance_procedure.toml"], lang),
            agenda=_agenda(docs["agenda_examples.toml"], lang),
            tables=_tables_of(docs["reference.toml"], lang),
            faq=_faq(docs["faq.toml"], lang),
            quadrants=_quadrants(docs["reference.toml"], lang),
            rules=rules,
            roles=roles,
            definitions=definitions,
        )
    return PromptLibrary(
        banks=MappingProxyType(_question_banks(docs["grow_questions.toml"])),
        content=MappingProxyType(content),
    )
