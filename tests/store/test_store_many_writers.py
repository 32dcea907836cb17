"""Many OS processes writing to one store at once: nothing lost, readers never see half a file."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from sitante_tui.store.shared_store import SharedStore

Worker = Callable[..., subprocess.Popen[str]]
KEY = "0123456789abcdef"

pytestmark = pytest.mark.slow


def _expected_ids(salts: list[str], count: int) -> set[str]:
    return {
        hashlib.sha256(f"{KEY}/{n}/{salt}".encode()).hexdigest()[:32]
        for salt in salts
        for n in range(count)
    }


def test_eight_processes_on_the_same_shards_lose_nothing(share: Path, worker: Worker) -> None:
    """All eight write under one coach key, so they fight for the same 16 shard locks."""
    salts = [f"p{i}" for i in range(8)]
    procs = [
        worker("write-fake", "--store", str(share), "--key", KEY, "--count", "50", "--salt", s)
        for s in salts
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
    snapshot = SharedStore(share).snapshot()
    assert {s.summary_id for s in snapshot.summaries} == _expected_ids(salts, 50)
    assert len(snapshot.summaries) == 400
    assert not snapshot.damaged and not snapshot.repaired
    assert not list(share.rglob("*.lock")), "every lock was released"
    assert not list(share.rglob("*.tmp")), "no temporary file left behind"


def test_a_reader_polling_during_writes_never_sees_a_half_written_file(
    share: Path, worker: Worker
) -> None:
    store = SharedStore(share)
    # Summary ids of salt "r" with n = 0..79: pick the shard the first one lands in and watch it.
    first = hashlib.sha256(f"{KEY}/0/r".encode()).hexdigest()[:32]
    shard = store.root / "summaries" / KEY / f"{first[0]}.json"
    writers = [
        worker("write-fake", "--store", str(share), "--key", KEY, "--count", "80", "--salt", s)
        for s in ("r", "q", "z")
    ]
    reader = worker("reader", "--file", str(shard), "--seconds", "4")
    out, err = reader.communicate(timeout=60)
    for proc in writers:
        proc.communicate(timeout=240)
        assert proc.returncode == 0
    result = json.loads(out)
    assert result["reads"] > 50, err
    assert result["bad"] == 0
