"""Messages posted by workers and widgets: small dataclasses named as past-tense events."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class Unlocked(Message):
    """The passphrase was right and the workspace is open."""


@dataclass
class UnlockFailed(Message):
    """Unlocking failed; ``reason`` is a catalogue key explaining why."""

    reason: str
    detail: str = ""


@dataclass
class SessionSaved(Message):
    """An autosave finished (``ok`` False: the previous version is intact, ``reason`` says why)."""

    ok: bool
    reason: str = ""


@dataclass
class StepChanged(Message):
    """The session flow moved to another step."""

    step: str


@dataclass
class SyncFinished(Message):
    """A background sync of the outbox ended: how many summaries went out and wait."""

    sent: int
    pending: int
    problem: str = ""
    announce: bool = False
    offered_key: str | None = None


@dataclass
class FlowEdited(Message):
    """A step panel changed the session (the screen refreshes the stepper; autosave follows)."""


@dataclass
class RecordingStarted(Message):
    """The microphone opened; ``notice`` says why there is no live draft, if there is none."""

    notice: str | None = None


@dataclass
class RecordingFailed(Message):
    """Recording could not start or stopped by itself; ``message`` is translated."""

    message: str


@dataclass
class TranscriptDrafted(Message):
    """New live-draft passages: ``(stage, text)`` pairs, in time order."""

    passages: list[tuple[str | None, str]]


@dataclass
class LiveTranscriptStopped(Message):
    """The live draft stopped (the recording goes on); ``message`` is translated."""

    message: str


@dataclass
class TranscriptionProgressed(Message):
    """The after-session pass is ``fraction`` (0..1) done."""

    fraction: float

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TranscriptionProgressed)


@dataclass
class TranscriptionFinished(Message):
    """The after-session pass ended: ``outcome`` is done, cancelled or failed."""

    outcome: str
    message: str = ""
