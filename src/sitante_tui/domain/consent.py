"""Recording consent: the coachee's answer, with a timestamp, and its withdrawal.

The consent record is append-only: it keeps every answer and withdrawal so that the history can be
shown and is kept even when a coachee's other data is erased.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class ConsentAnswer(StrEnum):
    """What the coachee said about recording."""

    YES = "yes"
    NO = "no"
    WITHDRAWN = "withdrawn"


class RecordingNotAllowed(PermissionError):
    """A recorder was asked for in a session whose current consent is not "yes"."""


@dataclass(frozen=True)
class ConsentEvent:
    """One answer, stamped with the moment it was given."""

    answer: ConsentAnswer
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"answer": self.answer.value, "at": self.at.isoformat()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConsentEvent:
        return cls(ConsentAnswer(data["answer"]), datetime.fromisoformat(data["at"]))


@dataclass
class ConsentRecord:
    """Every consent answer in a session, oldest first."""

    events: list[ConsentEvent] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        """Whether the coachee has answered the recording question at all."""
        return bool(self.events)

    @property
    def current(self) -> ConsentAnswer | None:
        """The answer in force now (``None`` before the question was asked)."""
        return self.events[-1].answer if self.events else None

    @property
    def recording_allowed(self) -> bool:
        """True only while the latest answer is an explicit "yes"."""
        return self.current is ConsentAnswer.YES

    @property
    def ever_refused(self) -> bool:
        """A "no" given at the consent step means no audio for the whole session."""
        return any(e.answer is ConsentAnswer.NO for e in self.events)

    def answer(self, answer: ConsentAnswer, at: datetime) -> None:
        """Record an answer.

        A "no" is final for the session: no later "yes" can switch recording back on.
        """
        if answer is ConsentAnswer.YES and self.ever_refused:
            raise RecordingNotAllowed("consent was refused earlier in this session")
        if answer is ConsentAnswer.WITHDRAWN and not self.recording_allowed:
            raise ValueError("only a given consent can be withdrawn")
        self.events.append(ConsentEvent(answer, at))

    def ensure_recording_allowed(self) -> None:
        """Raise :class:`RecordingNotAllowed` unless the coachee's current answer is "yes"."""
        if not self.recording_allowed:
            raise RecordingNotAllowed(f"recording needs consent; current answer: {self.current}")

    def to_dict(self) -> dict[str, Any]:
        return {"events": [e.to_dict() for e in self.events]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConsentRecord:
        return cls([ConsentEvent.from_dict(e) for e in data.get("events", [])])
