"""The coach's outbox: closing never waits for the share; acknowledged summaries are never lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sitante_tui.domain.hr_summary import SealedSummary
from sitante_tui.store.file_lock import UNREADABLE_GRACE, FileLock
from sitante_tui.store.outbox import Outbox, sync_outbox
from sitante_tui.store.shared_store import SharedStore

Worker = Callable[..., subprocess.Popen[str]]
KEY = "fedcba9876543210"


def _sealed(n: int, created: str = "2026-03-02T09:00:00.000000+00:00") -> SealedSummary:
    return SealedSummary(f"{n:032x}", 1, created, KEY, os.urandom(80))


def test_unreachable_share_keeps_summaries_in_the_outbox_until_it_returns(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    share = tmp_path / "share"  # not mounted yet
    outbox.enqueue(_sealed(1), hr_recipient="age1hr", photo=b"sealed-photo")
    outbox.enqueue(_sealed(2), hr_recipient="age1hr")

    report = sync_outbox(outbox, SharedStore(share))
    assert (report.sent, report.pending, report.errors) == (0, 2, ["unreachable"])
    assert not share.exists(), "the app never creates the share on the local disk"

    share.mkdir()  # the share comes back
    report = sync_outbox(outbox, SharedStore(share))
    assert (report.sent, report.pending, report.errors) == (2, 0, [])
    assert outbox.entries() == []
    store = SharedStore(share)
    assert {s.summary_id for s in store.snapshot().summaries} == {f"{1:032x}", f"{2:032x}"}
    assert store.read_photo(KEY, f"{1:032x}") == b"sealed-photo"


def test_a_locked_shard_leaves_the_entry_pending_and_a_later_pass_sends_it(
    tmp_path: Path,
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    store = SharedStore(share, lock_timeout=0.2)
    outbox = Outbox(tmp_path / "outbox")
    outbox.enqueue(_sealed(3), hr_recipient="age1hr")
    shard = store.root / "summaries" / KEY / "0.json"
    shard.parent.mkdir(parents=True)
    with FileLock(shard.with_name("0.json.lock")):
        report = sync_outbox(outbox, store)
    assert (report.sent, report.pending, report.errors) == (0, 1, ["locked"])
    assert sync_outbox(outbox, store).sent == 1


def test_entries_waiting_for_hr_key_stay_until_resealed(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    outbox = Outbox(tmp_path / "outbox")
    outbox.enqueue(_sealed(4), hr_recipient=None)
    report = sync_outbox(outbox, SharedStore(share))
    assert (report.sent, report.pending, report.waiting_for_hr_key) == (0, 1, 1)
    assert outbox.reseal("age1hr", lambda blob: b"resealed:" + blob) == 1
    assert sync_outbox(outbox, SharedStore(share)).sent == 1
    stored = SharedStore(share).snapshot().summaries
    assert stored[0].ciphertext.startswith(b"resealed:")


def test_requeueing_a_reclosed_session_replaces_the_waiting_version(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    outbox.enqueue(_sealed(5), hr_recipient="age1hr")
    outbox.enqueue(_sealed(5, "2026-03-02T10:00:00.000000+00:00"), hr_recipient="age1hr")
    entries = outbox.entries()
    assert len(entries) == 1
    assert entries[0].sealed.created_at.startswith("2026-03-02T10")


def test_outbox_files_hold_no_plaintext_beyond_the_metadata(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    entry = outbox.enqueue(_sealed(6), hr_recipient="age1hr")
    import json

    data = json.loads(entry.path.read_text())
    assert set(data) == {"record", "hr_recipient"}
    assert set(data["record"]) == {
        "summary_id",
        "schema",
        "created_at",
        "coach_key_id",
        "ciphertext",
    }


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX-only")
def test_writer_killed_mid_sync_fifty_times_loses_nothing_acknowledged(
    tmp_path: Path, worker: Worker
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    outbox_dir = tmp_path / "outbox"
    acknowledged: set[str] = set()
    rng = random.Random(27)
    for round_no in range(50):
        proc = worker(
            "sync-loop",
            *("--store", str(share), "--outbox", str(outbox_dir)),
            *("--key", KEY, "--salt", f"round{round_no}"),
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)  # reaps it: its pid is dead, its lock stale
        assert proc.returncode == -signal.SIGKILL
        acknowledged |= {line.split()[1] for line in out.splitlines() if line.startswith("ACK ")}

        snapshot = SharedStore(share).snapshot()  # the store always opens
        assert not snapshot.damaged
        stored = {s.summary_id for s in snapshot.summaries}
        missing = acknowledged - stored
        assert not missing, f"round {round_no}: acknowledged but lost: {sorted(missing)[:3]}"

    # Everything still queued goes through once nobody is killed. A process killed between
    # creating a lock file and writing its owner leaves an empty lock, broken after a grace
    # period (UNREADABLE_GRACE): the next passes get through.
    deadline = time.monotonic() + 3 * UNREADABLE_GRACE
    while (report := sync_outbox(Outbox(outbox_dir), SharedStore(share))).pending:
        assert time.monotonic() < deadline, report
        time.sleep(0.5)
    assert len(acknowledged) > 50


def test_sync_publishes_the_coach_key_once_and_replaces_a_damaged_key_file(
    tmp_path: Path,
) -> None:
    from sitante_tui.store.shared_store import CoachPublicKey

    share = tmp_path / "share"
    share.mkdir()
    store = SharedStore(share)
    key = CoachPublicKey(KEY, "age1coach", bytes(range(32)), "Gede Wardana")
    outbox = Outbox(tmp_path / "outbox")
    outbox.enqueue(_sealed(9), hr_recipient="age1hr")
    assert sync_outbox(outbox, store, coach_key=key).sent == 1
    [published] = store.coach_keys()
    assert (published.key_id, published.display_name) == (KEY, "Gede Wardana")
    key_file = store.root / "keys" / f"{KEY}.json"
    stamp = key_file.stat().st_mtime_ns
    sync_outbox(outbox, store, coach_key=key)
    assert key_file.stat().st_mtime_ns == stamp, "an unchanged key is not rewritten"
    key_file.write_bytes(b"x")
    (store.root / "keys" / f"{KEY}.json.bak").write_bytes(b"y")
    sync_outbox(outbox, store, coach_key=key)
    assert store.coach_key(KEY) is not None
