"""Trust between coaches and HR: the coach pins HR's recipient; HR approves coach keys.

Approvals live on HR's side only, sealed for HR (age to HR's own recipient, plus a MAC keyed
from HR's secret identity), never in the shared store: every laptop can write there, and age
files can be made by anyone who knows HR's public recipient, so an approval found in the share
would prove nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from sitante_tui.store.shared_store import CoachPublicKey
from sitante_tui.store.verified_json import atomic_write, read_bytes

_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")


class HrKeyVerdict(StrEnum):
    """What to do with the HR recipient the shared store offers, given the pinned one."""

    MATCH = "match"  # the store offers the pinned key: seal to it
    NOT_OFFERED = "not_offered"  # pinned, store silent or unreachable: seal to the pin
    NOT_PINNED = "not_pinned"  # nothing pinned yet: ask the coach to confirm and pin it
    CHANGED = "changed"  # the store offers another key: keep sealing to the pin, warn
    NO_HR_KEY = "no_hr_key"  # nothing anywhere: seal to the coach only and wait
    INVALID = "invalid"  # the store offers something that is not an age recipient


def is_recipient(text: str | None) -> bool:
    """Whether ``text`` looks like an age X25519 recipient (``age1…``)."""
    return bool(text) and _RECIPIENT.fullmatch(str(text).strip().lower()) is not None


def check_hr_recipient(pinned: str | None, offered: str | None) -> HrKeyVerdict:
    """Compare the pinned HR recipient with the one the shared store offers.

    The app seals only to the pinned key; a different offer is never used until the coach
    confirms it deliberately (then the pin changes and the outbox is resealed).
    """
    if offered is not None and not is_recipient(offered):
        return HrKeyVerdict.INVALID
    if pinned is None:
        return HrKeyVerdict.NO_HR_KEY if offered is None else HrKeyVerdict.NOT_PINNED
    if offered is None:
        return HrKeyVerdict.NOT_OFFERED
    return HrKeyVerdict.MATCH if offered.strip() == pinned.strip() else HrKeyVerdict.CHANGED


class PrivateCodec(Protocol):
    """Seals bytes for HR alone (``crypto.summary_seal.HrPrivateCodec``)."""

    def seal(self, data: bytes) -> bytes: ...
    def open(self, blob: bytes) -> bytes: ...


@dataclass(frozen=True)
class Approval:
    """HR's decision about one coach key."""

    key_id: str
    verify_key_b64: str
    recipient: str
    display_name: str
    approved_at: str


def approvals_path_for(identity_file: Path) -> Path:
    """Approvals travel with HR's identity file (``hr.age`` → ``hr.age.approvals``)."""
    return identity_file.with_name(identity_file.name + ".approvals")


class ApprovalBook:
    """HR's approved coach keys, in one sealed file.

    Raises the codec's error (``PrivateFileTampered``) when the file was altered.
    """

    def __init__(self, path: Path, codec: PrivateCodec) -> None:
        self.path = Path(path)
        self._codec = codec

    def load(self) -> dict[str, Approval]:
        """Key id → approval; empty when nothing was approved yet."""
        blob = read_bytes(self.path)
        if blob is None:
            return {}
        data = json.loads(self._codec.open(blob))
        return {k: Approval(**v) for k, v in data.get("approvals", {}).items()}

    def approved_keys(self) -> dict[str, bytes]:
        """Key id → Ed25519 verify key, for ``open_summaries``."""
        import base64

        return {k: base64.b64decode(a.verify_key_b64) for k, a in self.load().items()}

    def approve(self, key: CoachPublicKey) -> Approval:
        """Approve a published coach key (its verify key is copied: later swaps are caught)."""
        import base64

        approvals = self.load()
        approval = Approval(
            key_id=key.key_id,
            verify_key_b64=base64.b64encode(key.verify_key).decode(),
            recipient=key.recipient,
            display_name=key.display_name,
            approved_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        approvals[key.key_id] = approval
        self._save(approvals)
        return approval

    def revoke(self, key_id: str) -> None:
        """Withdraw an approval; that coach's summaries are flagged from now on."""
        approvals = self.load()
        if approvals.pop(key_id, None) is not None:
            self._save(approvals)

    def _save(self, approvals: dict[str, Approval]) -> None:
        data = {"v": 1, "approvals": {k: asdict(a) for k, a in approvals.items()}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, self._codec.seal(json.dumps(data).encode()))
