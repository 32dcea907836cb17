"""The shared store HR reads: TinyDB files on a folder every laptop reaches, safe for many writers.

Sharded: ``summaries/<coach key id>/<first hex digit of summary id>.json``. One sync rewrites
one small shard, so its cost does not grow with the store (one 10,000-summary file would be
rewritten on every sync); coaches never wait on each other's locks; the shard of a summary id is
fixed, so a re-closed session upserts in place; a damaged file costs one shard, never the store.
Each shard is written under its own :class:`~sitante_tui.store.file_lock.FileLock`, re-read
under the lock, replaced atomically with a verified last-good copy (see :mod:`.verified_json`).
Readers take no lock. HR reads every shard.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from sitante_tui.domain.hr_summary import SealedSummary, SummaryFieldError
from sitante_tui.store.file_lock import DEFAULT_TIMEOUT, FileLock, StoreLocked
from sitante_tui.store.verified_json import (
    StoreDamaged,
    VerifiedJSONStorage,
    atomic_write,
    read_bytes,
    remove_stale_temps,
)

__all__ = [
    "CoachPublicKey",
    "PutResult",
    "SharedStore",
    "StoreDamaged",
    "StoreLocked",
    "StoreSnapshot",
    "StoreUnreachable",
]

STORE_DIRNAME = "sitante-hr"
SUMMARIES_TABLE = "summaries"
KEYS_TABLE = "coach_keys"
HR_TABLE = "hr_recipient"
_KEY_ID = re.compile(r"[0-9a-f]{16}")
_SUMMARY_ID = re.compile(r"[0-9a-f]{32}")


class StoreUnreachable(OSError):
    """The shared folder is missing (share not mounted, sync client stopped) or refuses access."""

    def __init__(self, path: Path, cause: BaseException | None = None) -> None:
        self.path = path
        super().__init__(f"shared folder {path} is not reachable" + (f": {cause}" if cause else ""))


class PutResult(StrEnum):
    """What the store did with a summary it was given."""

    STORED = "stored"
    UNCHANGED = "unchanged"  # the identical record was already there (a retried sync)
    KEPT_NEWER = "kept_newer"  # a later re-close of the same session is already stored


@dataclass(frozen=True)
class CoachPublicKey:
    """What a coach publishes so HR can verify and approve them."""

    key_id: str
    recipient: str
    verify_key: bytes
    display_name: str
    published_at: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "key_id": self.key_id,
            "recipient": self.recipient,
            "verify_key": base64.b64encode(self.verify_key).decode("ascii"),
            "display_name": self.display_name,
            "published_at": self.published_at,
        }

    @classmethod
    def from_record(cls, data: Any) -> CoachPublicKey:
        try:
            key = cls(
                key_id=str(data["key_id"]),
                recipient=str(data["recipient"]),
                verify_key=base64.b64decode(str(data["verify_key"]), validate=True),
                display_name=str(data.get("display_name", "")),
                published_at=str(data.get("published_at", "")),
            )
        except (KeyError, TypeError, binascii.Error) as exc:
            raise SummaryFieldError("coach_key", "type", str(exc)) from exc
        if not _KEY_ID.fullmatch(key.key_id) or len(key.verify_key) != 32:
            raise SummaryFieldError("coach_key.key_id", "type")
        return key


@dataclass
class StoreSnapshot:
    """Everything HR reads in one pass, with what went wrong on the way."""

    summaries: list[SealedSummary] = field(default_factory=list)
    coach_keys: list[CoachPublicKey] = field(default_factory=list)
    hr_recipient: str | None = None
    damaged: list[Path] = field(default_factory=list)  # files lost, last-good copy included
    repaired: list[Path] = field(default_factory=list)  # files read from their last-good copy
    invalid_records: int = 0


class SharedStore:
    """The store under ``<shared_dir>/sitante-hr``.

    Args:
        shared_dir: the folder all laptops reach. It must exist: a missing folder usually means
            an unmounted share, and creating it would write to the local disk instead.
        lock_timeout: seconds to wait for a shard lock before :class:`StoreLocked`.
    """

    def __init__(self, shared_dir: Path, *, lock_timeout: float = DEFAULT_TIMEOUT) -> None:
        self.shared_dir = Path(shared_dir)
        self.root = self.shared_dir / STORE_DIRNAME
        self.lock_timeout = lock_timeout

    # -- writing ---------------------------------------------------------------------------

    def put_summary(self, sealed: SealedSummary, *, photo: bytes | None = None) -> PutResult:
        """Upsert one sealed summary (and its sealed photo); durable when this returns."""
        return self.put_summaries([sealed], photos={sealed.summary_id: photo} if photo else None)[
            sealed.summary_id
        ]

    def put_summaries(
        self, sealed: Sequence[SealedSummary], *, photos: dict[str, bytes] | None = None
    ) -> dict[str, PutResult]:
        """Upsert many summaries, one locked write per shard. Idempotent by summary id.

        A record replaces an existing one only when it was sealed at the same time or later, so a
        delayed retry never overwrites a re-closed session. Photos are written first, so a stored
        summary always finds its photo.
        """
        groups: dict[Path, list[SealedSummary]] = defaultdict(list)
        for item in sealed:
            _check_ids(item.coach_key_id, item.summary_id)
            groups[self._shard(item.coach_key_id, item.summary_id)].append(item)
        results: dict[str, PutResult] = {}
        with self._io():
            for item in sealed:
                data = (photos or {}).get(item.summary_id)
                if data is not None:
                    path = self._photo_path(item.coach_key_id, item.summary_id)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    atomic_write(path, data)
            for shard, items in groups.items():
                shard.parent.mkdir(parents=True, exist_ok=True)
                with self._transaction(shard) as (db, storage):
                    table = db.table(SUMMARIES_TABLE)
                    existing = {doc["summary_id"]: dict(doc) for doc in table.all()}
                    changed = False
                    for item in items:
                        result = _merge(existing.get(item.summary_id), item)
                        results[item.summary_id] = result
                        if result is PutResult.STORED:
                            existing[item.summary_id] = item.to_record()
                            changed = True
                    if changed or storage.recovered:
                        table.truncate()
                        table.insert_multiple(existing.values())
        return results

    def publish_coach_key(self, key: CoachPublicKey) -> None:
        """Publish (or refresh) a coach's public keys; HR still has to approve them."""
        _check_ids(key.key_id, None)
        if not key.published_at:
            key = CoachPublicKey(
                key.key_id, key.recipient, key.verify_key, key.display_name, _now()
            )
        path = self.root / "keys" / f"{key.key_id}.json"
        with self._io():
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._transaction(path, whole=True) as (db, _):
                table = db.table(KEYS_TABLE)
                table.truncate()
                table.insert(key.to_record())

    def publish_hr_recipient(self, recipient: str) -> None:
        """Offer HR's age recipient to coaches (who pin it on first use)."""
        with self._io():
            self.root.mkdir(exist_ok=True)
            with self._transaction(self.root / "hr.json", whole=True) as (db, _):
                table = db.table(HR_TABLE)
                table.truncate()
                table.insert({"recipient": recipient, "published_at": _now()})

    # -- reading ---------------------------------------------------------------------------

    def hr_recipient(self) -> str | None:
        """The HR recipient offered in the store, if any."""
        with self._io():
            data = self._read_table(self.root / "hr.json", HR_TABLE, StoreSnapshot())
        return str(data[0]["recipient"]) if data else None

    def coach_key(self, key_id: str) -> CoachPublicKey | None:
        """One published coach key, or ``None``."""
        _check_ids(key_id, None)
        with self._io():
            docs = self._read_table(
                self.root / "keys" / f"{key_id}.json", KEYS_TABLE, StoreSnapshot()
            )
        try:
            return CoachPublicKey.from_record(docs[0]) if docs else None
        except SummaryFieldError:
            return None

    def coach_keys(self) -> list[CoachPublicKey]:
        """Every published coach key (unreadable entries skipped)."""
        snapshot = StoreSnapshot()
        with self._io():
            self._read_keys(snapshot)
        return snapshot.coach_keys

    def get_summary(self, coach_key_id: str, summary_id: str) -> SealedSummary | None:
        """One stored summary, or ``None``."""
        _check_ids(coach_key_id, summary_id)
        with self._io():
            docs = self._read_table(
                self._shard(coach_key_id, summary_id), SUMMARIES_TABLE, StoreSnapshot()
            )
        for doc in docs:
            if doc.get("summary_id") == summary_id:
                return SealedSummary.from_record(doc)
        return None

    def read_photo(self, coach_key_id: str, summary_id: str) -> bytes | None:
        """The sealed photo of a summary, or ``None``."""
        _check_ids(coach_key_id, summary_id)
        with self._io():
            return read_bytes(self._photo_path(coach_key_id, summary_id))

    def snapshot(self) -> StoreSnapshot:
        """Read every shard without locking; damaged shards are reported, not raised."""
        snapshot = StoreSnapshot()
        with self._io():
            if not self.root.is_dir():
                return snapshot
            hr = self._read_table(self.root / "hr.json", HR_TABLE, snapshot)
            snapshot.hr_recipient = str(hr[0]["recipient"]) if hr else None
            self._read_keys(snapshot)
            for shard in sorted((self.root / "summaries").glob("*/*.json")):
                for doc in self._read_table(shard, SUMMARIES_TABLE, snapshot):
                    try:
                        snapshot.summaries.append(SealedSummary.from_record(doc))
                    except SummaryFieldError:
                        snapshot.invalid_records += 1
        return snapshot

    # -- internals -------------------------------------------------------------------------

    def _shard(self, coach_key_id: str, summary_id: str) -> Path:
        return self.root / "summaries" / coach_key_id / f"{summary_id[0]}.json"

    def _photo_path(self, coach_key_id: str, summary_id: str) -> Path:
        return self.root / "photos" / coach_key_id / f"{summary_id}.age"

    @contextlib.contextmanager
    def _io(self) -> Iterator[None]:
        """Turn OS errors of the share into :class:`StoreUnreachable`."""
        if not self.shared_dir.is_dir():
            raise StoreUnreachable(self.shared_dir)
        try:
            yield
        except (StoreDamaged, StoreLocked, StoreUnreachable):
            raise
        except OSError as exc:
            raise StoreUnreachable(self.shared_dir, exc) from exc

    @contextlib.contextmanager
    def _transaction(
        self, path: Path, *, whole: bool = False
    ) -> Iterator[tuple[TinyDB, VerifiedJSONStorage]]:
        """Lock ``path``, read it afresh, let the caller change it, write it atomically.

        ``whole``: the caller rewrites the whole file, so a damaged one is simply replaced.
        """
        self.root.mkdir(exist_ok=True)
        with FileLock(path.with_name(path.name + ".lock"), timeout=self.lock_timeout):
            remove_stale_temps(path)
            storage = VerifiedJSONStorage(path, deferred=True)
            if whole:
                try:
                    storage.read()
                except StoreDamaged:
                    storage.reset()
            db = TinyDB(storage=lambda: storage)
            yield db, storage
            storage.flush()

    def _read_table(self, path: Path, table: str, snapshot: StoreSnapshot) -> list[dict[str, Any]]:
        storage = VerifiedJSONStorage(path, readonly=True)
        try:
            data = storage.read() or {}
        except StoreDamaged:
            snapshot.damaged.append(path)
            return []
        if storage.recovered:
            snapshot.repaired.append(path)
            self._repair(path)
        docs = data.get(table, {})
        return [doc for doc in docs.values() if isinstance(doc, dict)]

    def _read_keys(self, snapshot: StoreSnapshot) -> None:
        for path in sorted((self.root / "keys").glob("*.json")):
            for doc in self._read_table(path, KEYS_TABLE, snapshot):
                try:
                    snapshot.coach_keys.append(CoachPublicKey.from_record(doc))
                except SummaryFieldError:
                    snapshot.invalid_records += 1

    def _repair(self, path: Path) -> None:
        """Rewrite a file from its last-good copy when the lock is free right now."""
        lock = FileLock(path.with_name(path.name + ".lock"), timeout=0.2)
        with contextlib.suppress(StoreLocked, StoreDamaged, OSError), lock:
            storage = VerifiedJSONStorage(path, deferred=True)
            data = storage.read()
            if storage.recovered and data is not None:
                storage.write(data)
                storage.flush()


def _merge(existing: dict[str, Any] | None, incoming: SealedSummary) -> PutResult:
    if existing is None:
        return PutResult.STORED
    record = incoming.to_record()
    if existing == record:
        return PutResult.UNCHANGED
    try:
        current = SealedSummary.from_record(existing)
    except SummaryFieldError:
        return PutResult.STORED  # an unreadable record is replaced by a good one
    return PutResult.KEPT_NEWER if current.created > incoming.created else PutResult.STORED


def _check_ids(coach_key_id: str, summary_id: str | None) -> None:
    # These become path parts: anything but hex digits could leave the store folder.
    if not _KEY_ID.fullmatch(coach_key_id):
        raise SummaryFieldError("coach_key_id", "type", "16 lowercase hex digits")
    if summary_id is not None and not _SUMMARY_ID.fullmatch(summary_id):
        raise SummaryFieldError("summary_id", "type", "32 lowercase hex digits")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
