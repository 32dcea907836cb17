"""Worker processes for the shared-store tests (run as ``python store_worker.py MODE ...``).

Real OS processes, real files: the tests start several of these at once, or kill them mid-write.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sitante_tui.domain.hr_summary import SealedSummary
from sitante_tui.store.file_lock import FileLock
from sitante_tui.store.outbox import Outbox, sync_outbox
from sitante_tui.store.shared_store import SharedStore
from sitante_tui.store.verified_json import decode


def fake_sealed(key_id: str, n: int, salt: str) -> SealedSummary:
    """A record with the store's real shape; its ciphertext is random (no crypto needed)."""
    summary_id = hashlib.sha256(f"{key_id}/{n}/{salt}".encode()).hexdigest()[:32]
    return SealedSummary(
        summary_id=summary_id,
        schema=1,
        created_at=datetime.now(UTC).isoformat(timespec="microseconds"),
        coach_key_id=key_id,
        ciphertext=os.urandom(700),
    )


def mode_lock_counter(args: argparse.Namespace) -> None:
    """Increment a plain counter file under the lock: lost updates reveal a broken lock."""
    counter = Path(args.file)
    for _ in range(args.count):
        with FileLock(counter.with_suffix(".lock"), timeout=30):
            value = int(counter.read_text()) if counter.exists() else 0
            counter.write_text(str(value + 1))


def mode_sync_loop(args: argparse.Namespace) -> None:
    """Queue and sync fake summaries forever, printing ``ACK <id>`` once each is acknowledged."""
    outbox = Outbox(Path(args.outbox))
    store = SharedStore(Path(args.store))
    n = 0
    print("READY", flush=True)
    while True:
        for _ in range(3):
            n += 1
            outbox.enqueue(fake_sealed(args.key, n, args.salt), hr_recipient="age1test")
        sync_outbox(outbox, store, on_sent=lambda e: print("ACK", e.sealed.summary_id, flush=True))


def mode_write_fake(args: argparse.Namespace) -> None:
    """Upsert ``count`` fake summaries, one store call each."""
    store = SharedStore(Path(args.store), lock_timeout=60)
    for n in range(args.count):
        store.put_summary(fake_sealed(args.key, n, args.salt))


def mode_reader(args: argparse.Namespace) -> None:
    """Poll a shard file raw (no fallback) and report every read that was not a whole file."""
    path = Path(args.file)
    deadline = time.monotonic() + args.seconds
    reads = bad = 0
    while time.monotonic() < deadline:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue
        reads += 1
        if decode(raw) is None:
            bad += 1
    print(json.dumps({"reads": reads, "bad": bad}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode")
    parser.add_argument("--store")
    parser.add_argument("--outbox")
    parser.add_argument("--file")
    parser.add_argument("--key", default="0123456789abcdef")
    parser.add_argument("--salt", default="")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()
    {
        "lock-counter": mode_lock_counter,
        "sync-loop": mode_sync_loop,
        "write-fake": mode_write_fake,
        "reader": mode_reader,
    }[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
