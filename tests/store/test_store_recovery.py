"""A damaged store file is recovered from its last good copy; upserts are idempotent."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sitante_tui.domain.hr_summary import SealedSummary
from sitante_tui.store.shared_store import (
    PutResult,
    SharedStore,
    StoreDamaged,
    StoreUnreachable,
)
from sitante_tui.store.verified_json import backup_path, decode, encode

KEY = "0123456789abcdef"


def _sealed(n: int, *, created: datetime | None = None, key: str = KEY) -> SealedSummary:
    stamp = (created or datetime(2026, 3, 1, tzinfo=UTC)).isoformat(timespec="microseconds")
    return SealedSummary(f"{n:032x}", 1, stamp, key, os.urandom(64))


def _shard_of(store: SharedStore, sealed: SealedSummary) -> Path:
    return store.root / "summaries" / sealed.coach_key_id / f"{sealed.summary_id[0]}.json"


def test_encode_round_trips_and_detects_any_changed_byte() -> None:
    data = {"summaries": {"1": {"summary_id": "x", "ciphertext": "abc"}}}
    raw = encode(data)
    assert decode(raw) == data
    assert decode(encode({})) == {}
    for i in range(0, len(raw), 7):
        damaged = raw[:i] + bytes([raw[i] ^ 0x20]) + raw[i + 1 :]
        assert decode(damaged) is None
    assert decode(raw[:-5]) is None
    assert decode(b"") is None


def test_truncated_shard_is_read_from_last_good_copy_and_repaired(share: Path) -> None:
    store = SharedStore(share)
    items = [_sealed(n) for n in range(5)]
    store.put_summaries(items)
    shard = _shard_of(store, items[0])
    shard.write_bytes(shard.read_bytes()[:40])  # a sync client or a full disk cut it short

    snapshot = store.snapshot()
    assert {s.summary_id for s in snapshot.summaries} == {s.summary_id for s in items}
    assert snapshot.repaired == [shard]
    assert decode(shard.read_bytes()) is not None, "the reader repaired the file"


def test_writer_recovers_a_damaged_shard_before_writing(share: Path) -> None:
    store = SharedStore(share)
    store.put_summary(_sealed(1))
    shard = _shard_of(store, _sealed(1))
    shard.write_bytes(b'{"summaries": {"1": {"summ')
    assert store.put_summary(_sealed(2)) is PutResult.STORED
    ids = {s.summary_id for s in store.snapshot().summaries}
    assert ids == {_sealed(1).summary_id, _sealed(2).summary_id}


def test_both_copies_damaged_is_reported_and_other_shards_still_read(share: Path) -> None:
    store = SharedStore(share)
    good, bad = _sealed(0x1), _sealed(0x2 << 124)  # different first hex digit: two shards
    store.put_summaries([good, bad])
    shard = _shard_of(store, bad)
    shard.write_bytes(b"garbage")
    backup_path(shard).write_bytes(b"more garbage")

    snapshot = store.snapshot()
    assert [s.summary_id for s in snapshot.summaries] == [good.summary_id]
    assert snapshot.damaged == [shard]
    with pytest.raises(StoreDamaged):
        store.put_summary(_sealed(0x2 << 124 | 5))  # same shard as the damaged one


def test_upsert_by_summary_id_is_idempotent_and_keeps_the_latest_version(share: Path) -> None:
    store = SharedStore(share)
    first = _sealed(7)
    assert store.put_summary(first) is PutResult.STORED
    assert store.put_summary(first) is PutResult.UNCHANGED
    later = _sealed(7, created=datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=1))
    assert store.put_summary(later) is PutResult.STORED
    assert store.put_summary(first) is PutResult.KEPT_NEWER  # a delayed retry of the old one
    snapshot = store.snapshot()
    assert len(snapshot.summaries) == 1
    assert snapshot.summaries[0].ciphertext == later.ciphertext


def test_missing_share_is_unreachable_and_never_created_locally(tmp_path: Path) -> None:
    share = tmp_path / "unmounted"
    store = SharedStore(share)
    with pytest.raises(StoreUnreachable):
        store.put_summary(_sealed(1))
    with pytest.raises(StoreUnreachable):
        store.snapshot()
    assert not share.exists()


def test_ids_that_could_escape_the_store_folder_are_refused(share: Path) -> None:
    from sitante_tui.domain.hr_summary import SummaryFieldError

    with pytest.raises(SummaryFieldError):
        SharedStore(share).put_summary(_sealed(1, key="../../etc/passwd"))
