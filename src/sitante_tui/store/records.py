"""Coach workspace records (coaches, coachees, engagements, sessions) stored through the vault.

Each record is its own encrypted file named by a random id. Loading never stops at a bad file:
it is listed in ``Roster.problems`` and the rest of the workspace opens.
"""

from __future__ import annotations

import json
from typing import Any

from sitante_tui.domain.codec import DecodeError, from_data, to_data
from sitante_tui.domain.models import Coach, Coachee, Engagement, Session
from sitante_tui.domain.roster import Roster
from sitante_tui.store.vault import DamagedFile, Vault

SCHEMA = 1
Record = Coach | Coachee | Engagement | Session

FOLDERS: dict[type, str] = {
    Coach: "data/coaches",
    Coachee: "data/coachees",
    Engagement: "data/engagements",
    Session: "data/sessions",
}
PROFILE = "data/profile"


class Records:
    """Loads and saves the coach's records through an unlocked :class:`Vault`."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def relpath(self, record: Record) -> str:
        """Where a record is stored."""
        return f"{FOLDERS[type(record)]}/{record.id}"

    def payload(self, record: Record) -> tuple[str, bytes]:
        """Where a record goes and its plaintext (kept in memory, encrypted by the vault)."""
        envelope = {"schema": SCHEMA, "data": to_data(record)}
        return self.relpath(record), json.dumps(envelope, ensure_ascii=False).encode()

    def save(self, record: Record) -> None:
        """Encrypt and store one record (atomic replace)."""
        self.vault.write(*self.payload(record))

    def save_profile(self, coach: Coach) -> None:
        """The workspace owner: the coach whose keys sign the summaries."""
        self.save(coach)
        self.vault.write_json(PROFILE, {"schema": SCHEMA, "coach_id": coach.id})

    def delete(self, record: Record) -> None:
        """Remove a record's file."""
        self.vault.delete(self.relpath(record))

    def load(self) -> Roster:
        """Everything in the workspace; unreadable files are named in ``problems``."""
        roster = Roster()
        tables: dict[type, dict[str, Any]] = {
            Coach: roster.coaches,
            Coachee: roster.coachees,
            Engagement: roster.engagements,
            Session: roster.sessions,
        }
        for cls, folder in FOLDERS.items():
            for relpath in self.vault.list(folder):
                record = self._load_one(cls, relpath, roster)
                if record is not None:
                    tables[cls][record.id] = record
        if self.vault.exists(PROFILE):
            try:
                roster.profile = roster.coaches.get(self.vault.read_json(PROFILE)["coach_id"])
            except (DamagedFile, KeyError, TypeError):
                roster.problems.append(PROFILE)
        return roster

    def _load_one(self, cls: type, relpath: str, roster: Roster) -> Any:
        try:
            envelope = self.vault.read_json(relpath)
            return from_data(cls, envelope["data"], where=relpath)
        except (DamagedFile, DecodeError, KeyError, TypeError):
            roster.problems.append(relpath)
            return None
