"""The coach laptop's outbox: sealed summaries waiting for the shared store.

Closing a session only writes here (local disk, never the share). Files hold age ciphertext and
the non-personal plain fields only. Each version is its own file (``<time>-<summary id>.json``),
so queuing never overwrites what a running sync is sending, and a file is removed only after
the store acknowledged it durably. A summary sealed before HR's key was pinned is sealed to the
coach alone and waits until :meth:`Outbox.reseal` seals it to HR. Beside the queue,
``coach-key.pub`` keeps the coach's public keys (as published to the share in the clear), so a
sync that runs without unlocking publishes them before the summaries they signed.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitante_tui.domain.hr_summary import SealedSummary, SummaryFieldError
from sitante_tui.store.file_lock import FileLock, StoreLocked
from sitante_tui.store.shared_store import (
    CoachPublicKey,
    SharedStore,
    StoreDamaged,
    StoreUnreachable,
)
from sitante_tui.store.verified_json import atomic_write, read_bytes

ENTRY_SUFFIX = ".json"
PHOTO_SUFFIX = ".photo.age"
#: The coach's public keys beside the queue (public by nature: they go to the share in the clear).
COACH_KEY_FILE = "coach-key.pub"


@dataclass(frozen=True)
class OutboxEntry:
    """One queued summary.

    Attributes:
        path: the entry file.
        sealed: the sealed summary.
        hr_recipient: the HR recipient it is sealed to; ``None`` while it waits for HR's key.
    """

    path: Path
    sealed: SealedSummary
    hr_recipient: str | None

    @property
    def waiting_for_hr_key(self) -> bool:
        return self.hr_recipient is None

    @property
    def photo_path(self) -> Path:
        return self.path.with_name(self.path.name[: -len(ENTRY_SUFFIX)] + PHOTO_SUFFIX)


@dataclass
class SyncReport:
    """What one sync pass did.

    Attributes:
        sent: entries the store acknowledged (and that left the outbox).
        pending: entries still queued (waiting for the share, a lock or HR's key).
        errors: error codes met (``unreachable``, ``locked``, ``damaged``, ``busy``, ``invalid``).
        waiting_for_hr_key: pending entries that cannot be sent before HR's key is pinned.
    """

    sent: int = 0
    pending: int = 0
    errors: list[str] = field(default_factory=list)
    waiting_for_hr_key: int = 0

    @property
    def complete(self) -> bool:
        return self.pending == 0


class Outbox:
    """The queue in ``Workspace.outbox_dir``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def enqueue(
        self, sealed: SealedSummary, *, hr_recipient: str | None, photo: bytes | None = None
    ) -> OutboxEntry:
        """Queue a sealed summary (and its sealed photo); older versions of it are dropped.

        Args:
            sealed: the sealed summary.
            hr_recipient: the HR recipient it was sealed to, ``None`` if sealed to the coach only.
            photo: the sealed photo bytes, if any.
        """
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = "".join(ch for ch in sealed.created_at if ch.isdigit())[:20].ljust(20, "0")
        path = self.folder / f"{stamp}-{sealed.summary_id}{ENTRY_SUFFIX}"
        entry = OutboxEntry(path, sealed, hr_recipient)
        if photo is not None:
            atomic_write(entry.photo_path, photo)
        record: dict[str, Any] = {"record": sealed.to_record(), "hr_recipient": hr_recipient}
        atomic_write(path, json.dumps(record).encode())
        for older in self.entries():
            if older.sealed.summary_id == sealed.summary_id and older.path.name < path.name:
                self._remove(older)
        return entry

    def remember_coach_key(self, key: CoachPublicKey) -> None:
        """Keep the coach's public keys with the queue, so that a sync that runs without
        unlocking (``sitante sync``) still publishes them before the summaries they signed."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self.folder / COACH_KEY_FILE
        data = json.dumps(key.to_record()).encode()
        if read_bytes(path) != data:
            atomic_write(path, data)

    def coach_key(self) -> CoachPublicKey | None:
        """The remembered public keys (``None`` if never remembered or unreadable)."""
        with contextlib.suppress(OSError, ValueError, SummaryFieldError):
            raw = read_bytes(self.folder / COACH_KEY_FILE)
            if raw is not None:
                return CoachPublicKey.from_record(json.loads(raw))
        return None

    def entries(self) -> list[OutboxEntry]:
        """Queued entries, oldest first (unreadable files are skipped, never deleted)."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob(f"*{ENTRY_SUFFIX}")):
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError, SummaryFieldError):
                raw = read_bytes(path)
                if raw is None:
                    continue
                data = json.loads(raw)
                recipient = data.get("hr_recipient")
                sealed = SealedSummary.from_record(data["record"])
                found.append(OutboxEntry(path, sealed, str(recipient) if recipient else None))
        return found

    def pending_count(self) -> int:
        """How many summaries wait to be sent (for the status bar)."""
        return len(self.entries())

    def photo(self, entry: OutboxEntry) -> bytes | None:
        return read_bytes(entry.photo_path)

    def reseal(
        self,
        hr_recipient: str,
        reseal: Callable[[bytes], bytes],
    ) -> int:
        """Re-seal every entry not yet sealed to ``hr_recipient``; returns how many.

        Args:
            hr_recipient: the pinned HR recipient.
            reseal: decrypts with the coach's identity and encrypts to HR and the coach (see
                :func:`sitante_tui.crypto.summary_seal.resealer`); the signature inside is kept.
        """
        count = 0
        for entry in self.entries():
            if entry.hr_recipient == hr_recipient:
                continue
            s = entry.sealed
            sealed = SealedSummary(
                s.summary_id, s.schema, s.created_at, s.coach_key_id, reseal(s.ciphertext)
            )
            photo = self.photo(entry)
            if photo is not None:
                atomic_write(entry.photo_path, reseal(photo))
            record = {"record": sealed.to_record(), "hr_recipient": hr_recipient}
            atomic_write(entry.path, json.dumps(record).encode())
            count += 1
        return count

    def discard(self, entry: OutboxEntry) -> None:
        """Drop a queued entry unsent (its coachee's data was erased)."""
        self._remove(entry)

    def _remove(self, entry: OutboxEntry) -> None:
        for path in (entry.photo_path, entry.path):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)


def sync_outbox(
    outbox: Outbox,
    store: SharedStore,
    *,
    coach_key: CoachPublicKey | None = None,
    on_sent: Callable[[OutboxEntry], None] | None = None,
) -> SyncReport:
    """Send every ready entry to the store, oldest first; never raises for the share's state.

    Stops at the first unreachable share or held lock (the rest stays queued for the next pass).
    Only one pass runs at a time per outbox; a second one returns at once with ``busy``.

    Args:
        outbox: the coach's outbox.
        store: the shared store.
        coach_key: the coach's public keys, published first when the store lacks them; by
            default the ones the outbox remembered when the app queued a summary.
        on_sent: called after each acknowledged entry left the outbox (progress, tests).
    """
    report = SyncReport()
    outbox.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    _remove_stale_temps(outbox.folder)
    try:
        lock = FileLock(outbox.folder / ".sync.lock", timeout=0.05)
        lock.acquire()
    except StoreLocked:
        report.pending = outbox.pending_count()
        report.errors.append("busy")
        return report
    try:
        entries = outbox.entries()
        remaining = list(entries)
        coach_key = coach_key or outbox.coach_key()
        if coach_key is not None and not _publish(store, coach_key, report):
            entries = []
        for entry in entries:
            if entry.waiting_for_hr_key:
                continue
            try:
                store.put_summary(entry.sealed, photo=outbox.photo(entry))
            except StoreUnreachable:
                report.errors.append("unreachable")
                break
            except StoreLocked:
                report.errors.append("locked")
                break
            except StoreDamaged:
                report.errors.append("damaged")
                break
            except SummaryFieldError:
                report.errors.append("invalid")
                continue
            outbox._remove(entry)
            remaining.remove(entry)
            report.sent += 1
            if on_sent is not None:
                on_sent(entry)
        report.pending = len(remaining)
        report.waiting_for_hr_key = sum(1 for e in remaining if e.waiting_for_hr_key)
    finally:
        lock.release()
    return report


def _publish(store: SharedStore, key: CoachPublicKey, report: SyncReport) -> bool:
    """Publish the coach's key unless the store has it already; ``False`` if the share failed."""
    try:
        published = store.coach_key(key.key_id)
        if published is None or published.verify_key != key.verify_key:
            store.publish_coach_key(key)
    except StoreUnreachable:
        report.errors.append("unreachable")
        return False
    except StoreLocked:
        report.errors.append("locked")
        return False
    return True


def _remove_stale_temps(folder: Path, older_than: float = 3600.0) -> None:
    """Temporary files of an enqueue that was killed mid-write (never a queued entry)."""
    now = time.time()
    for tmp in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > older_than:
                tmp.unlink()


def summary_ids(entries: Iterable[OutboxEntry]) -> set[str]:
    """The summary ids of some entries (for the UI's "pending" list)."""
    return {e.sealed.summary_id for e in entries}
