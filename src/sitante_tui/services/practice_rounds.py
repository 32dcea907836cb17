"""The trainer's finished practice rounds, stored encrypted in the vault (``data/practice/<id>``).

Practice rounds are the trainer's own data: nothing here is queued for HR or sent anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitante_tui.domain.models import new_id
from sitante_tui.domain.practice import PracticeRound, RoundSummary
from sitante_tui.domain.practice_scenarios import Scenario
from sitante_tui.services import Services
from sitante_tui.store.vault import DamagedFile, DiskFull

FOLDER = "data/practice"
SCHEMA = 1


class RoundNotSaved(Exception):
    """A round could not be written; ``reason`` is ``"disk_full"`` or the system's message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class StoredRound:
    """One saved round: its summary, and the round itself (every question, reply and verdict)."""

    relpath: str
    summary: RoundSummary
    round_data: Mapping[str, Any]

    def restore(self, scenarios: Sequence[Scenario]) -> PracticeRound | None:
        """The round as it was played; ``None`` when its scenario is no longer in the file."""
        try:
            return PracticeRound.from_dict(self.round_data, scenarios)
        except KeyError:
            return None


@dataclass(frozen=True)
class PastRounds:
    """The saved rounds, oldest first, and the files that could not be read."""

    rounds: list[StoredRound] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)
    locked: bool = False  # the workspace was locked: nothing could be read

    @property
    def summaries(self) -> list[RoundSummary]:
        """The rounds' summaries, oldest first (for :func:`~.practice_progress.progress`)."""
        return [r.summary for r in self.rounds]


def save_round(services: Services, practice: PracticeRound, summary: RoundSummary) -> str:
    """Encrypt and store a finished round with its summary; returns where it went.

    Raises:
        RoundNotSaved: the disk is full or the file could not be written (nothing is left
            half-written: the vault writes atomically).
    """
    relpath = f"{FOLDER}/{new_id()}"
    record = {"schema": SCHEMA, "round": practice.to_dict(), "summary": summary.to_dict()}
    try:
        services.vault_required().write_json(relpath, record)
    except DiskFull:
        raise RoundNotSaved("disk_full") from None
    except OSError as exc:
        raise RoundNotSaved(exc.strerror or type(exc).__name__) from exc
    return relpath


def load_rounds(services: Services) -> PastRounds:
    """Every saved round that can be read; damaged or unknown files are listed, not fatal."""
    vault = services.vault_required()
    if not vault.unlocked:
        return PastRounds(locked=True)
    rounds: list[StoredRound] = []
    damaged: list[str] = []
    for relpath in vault.list(FOLDER):
        try:
            record = vault.read_json(relpath)
            if record.get("schema") != SCHEMA or not isinstance(record.get("round"), dict):
                raise ValueError("unknown record")
            summary = RoundSummary.from_dict(record["summary"])
        except (DamagedFile, KeyError, TypeError, ValueError, AttributeError):
            damaged.append(relpath)
            continue
        rounds.append(StoredRound(relpath, summary, record["round"]))
    rounds.sort(key=lambda r: (_sort_time(r.summary), r.relpath))
    return PastRounds(rounds, damaged)


def _sort_time(summary: RoundSummary) -> str:
    # ISO text sorts in time order and never fails on a mix of naive and aware times.
    return summary.started_at.replace(tzinfo=None).isoformat()
