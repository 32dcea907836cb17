"""Messages of the HR app's workers: small dataclasses named as past-tense events."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from sitante_tui.domain.hr_dashboard import HrDashboard


@dataclass
class DashboardLoaded(Message):
    """The store was read, opened, verified and aggregated."""

    dashboard: HrDashboard


@dataclass
class DashboardFailed(Message):
    """The dashboard could not be built; ``reason`` is a catalogue key."""

    reason: str
    path: str = ""


@dataclass
class KeyApproved(Message):
    """HR approved a coach key (the dashboard reloads)."""

    key_id: str
    name: str


@dataclass
class KeyApprovalFailed(Message):
    """Approving a coach key failed; ``reason`` is a catalogue key."""

    key_id: str
    reason: str


@dataclass
class ExportWritten(Message):
    """An export file was written (plaintext, where HR chose)."""

    path: Path
    rows: int


@dataclass
class ExportFailed(Message):
    """Writing an export failed; ``error`` says why (from the OS)."""

    path: Path
    error: str


@dataclass
class PhotoOpened(Message):
    """The photo evidence of a session decrypted and matched its signed hash."""

    data: bytes
    filename: str


@dataclass
class PhotoFailed(Message):
    """The photo evidence could not be opened; ``reason`` is a catalogue key."""

    reason: str
