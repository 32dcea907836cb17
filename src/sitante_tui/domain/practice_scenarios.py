"""Practice scenarios: a coachee persona and scripted replies per GROW stage, and their loader.

Scenarios (``prompts/practice_scenarios.toml``) come from the booklet's agenda examples. Each
stage has a purpose, reached after ``needed`` good questions (open, on this stage, no flag), and
replies chosen by what the trainee asked.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sitante_tui.domain.question_analysis import GrowStage

LANGS = ("id", "en")


class ScenarioError(ValueError):
    """The scenario file is malformed; the message names the file and the key."""


class ReplyKind(StrEnum):
    """Which scripted reply the coachee gives, decided by the trainee's question."""

    OPEN = "open"  # open, on this stage, no flag: the conversation moves on
    CLOSED = "closed"  # a short "yes"/"no"
    ADVICE = "advice"  # leading or advice: polite, passive agreement
    WHY = "why"  # a defensive answer
    STACKED = "stacked"  # "which one first?"
    OFF_STAGE = "off_stage"  # a question for another stage (or small talk)


@dataclass(frozen=True)
class Text:
    """A text in both UI languages."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``"id"`` or ``"en"``)."""
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class Persona:
    """The simulated coachee."""

    name: str
    role: Text
    background: Text


@dataclass(frozen=True)
class StageScript:
    """What the coachee says in one GROW stage, and what the trainee must reach there."""

    stage: GrowStage
    purpose: Text
    needed: int
    transition: Text
    replies: Mapping[ReplyKind, tuple[Text, ...]]


@dataclass(frozen=True)
class Scenario:
    """One practice case, built on an agenda example from the booklet."""

    key: str
    agenda: tuple[int, ...]
    title: Text
    persona: Persona
    stages: Mapping[GrowStage, StageScript]


# --- loading --------------------------------------------------------------------------------------

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_REPLY_KINDS_IN_FILE = (ReplyKind.OPEN, ReplyKind.CLOSED, ReplyKind.ADVICE, ReplyKind.WHY)


def _text(value: Any, where: str, what: str, source: str) -> Text:
    if not isinstance(value, dict):
        raise ScenarioError(f"{source}: {where}: {what} must be a table with 'id' and 'en'")
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise ScenarioError(f"{source}: {where}: missing '{lang}' {what}")
    return Text(value["id"].strip(), value["en"].strip())


def _texts(value: Any, where: str, what: str, source: str) -> tuple[Text, ...]:
    if not isinstance(value, list) or not value:
        raise ScenarioError(f"{source}: {where}: {what} must be a non-empty list")
    return tuple(_text(v, f"{where}[{k}]", what, source) for k, v in enumerate(value))


def _stage_script(stage: GrowStage, raw: Any, where: str, source: str) -> StageScript:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{source}: {where}: missing stage")
    needed = raw.get("needed")
    if not isinstance(needed, int) or isinstance(needed, bool) or not 1 <= needed <= 6:
        raise ScenarioError(f"{source}: {where}: 'needed' must be a whole number from 1 to 6")
    replies: dict[ReplyKind, tuple[Text, ...]] = {}
    for kind in (*_REPLY_KINDS_IN_FILE, ReplyKind.OFF_STAGE):
        replies[kind] = _texts(raw.get(kind.value), f"{where}.{kind.value}", "reply", source)
    if len(replies[ReplyKind.OPEN]) < needed:
        raise ScenarioError(f"{source}: {where}.open: needs at least {needed} replies")
    return StageScript(
        stage=stage,
        purpose=_text(raw.get("purpose"), where, "purpose", source),
        needed=needed,
        transition=_text(raw.get("transition"), where, "transition", source),
        replies=replies,
    )


def _scenario(raw: Any, where: str, source: str, stacked: tuple[Text, ...]) -> Scenario:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{source}: {where}: must be a table")
    key = raw.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise ScenarioError(f"{source}: {where}: 'key' must be lowercase letters, digits and '-'")
    agenda = raw.get("agenda", [])
    if not isinstance(agenda, list) or not all(isinstance(a, int) for a in agenda):
        raise ScenarioError(f"{source}: {where}: 'agenda' must be a list of booklet agenda numbers")
    persona = raw.get("persona")
    if not isinstance(persona, dict) or not isinstance(persona.get("name"), str):
        raise ScenarioError(f"{source}: {where}.persona: missing 'name'")
    stages_raw = raw.get("stages")
    if not isinstance(stages_raw, dict):
        raise ScenarioError(f"{source}: {where}: missing 'stages'")
    stages = {}
    for stage in GrowStage:
        script = _stage_script(
            stage, stages_raw.get(stage.value), f"{where}.stages.{stage}", source
        )
        stages[stage] = StageScript(
            script.stage,
            script.purpose,
            script.needed,
            script.transition,
            {**script.replies, ReplyKind.STACKED: stacked},
        )
    return Scenario(
        key=key,
        agenda=tuple(agenda),
        title=_text(raw.get("title"), where, "title", source),
        persona=Persona(
            name=persona["name"].strip(),
            role=_text(persona.get("role"), f"{where}.persona", "role", source),
            background=_text(persona.get("background"), f"{where}.persona", "background", source),
        ),
        stages=stages,
    )


def load_scenarios(path: Path) -> list[Scenario]:
    """Read and validate the scenario file.

    Raises:
        ScenarioError: naming the file and the key, e.g.
            ``prompts/practice_scenarios.toml: scenarios[3].stages.goal: missing 'en' reply``.
        OSError: the file cannot be read.
    """
    source = f"{path.parent.name}/{path.name}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{source}: {exc}") from exc
    common = data.get("common", {})
    stacked = _texts(common.get("stacked"), "common.stacked", "reply", source)
    raw_list = data.get("scenarios")
    if not isinstance(raw_list, list) or not raw_list:
        raise ScenarioError(f"{source}: no [[scenarios]]")
    scenarios = [_scenario(r, f"scenarios[{k}]", source, stacked) for k, r in enumerate(raw_list)]
    seen: set[str] = set()
    for k, scenario in enumerate(scenarios):
        if scenario.key in seen:
            raise ScenarioError(f"{source}: scenarios[{k}]: key {scenario.key!r} is used twice")
        seen.add(scenario.key)
    return scenarios
