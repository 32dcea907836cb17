"""Shared-store benchmark: sync one summary, open the HR dashboard, against plain TinyDB.

Run: ``uv run python benchmarks/store.py [--sizes 100 1000 10000] [--repeat 15] [--opens 3]``.
For each store size it prints the median time to sync one summary (outbox → locked shard
upsert → fsynced atomic replace + last-good copy), the time to open the HR dashboard (read every
shard, decrypt, verify, aggregate) cold — no cache, every record opened across all cores, as on
HR's first open — and with HR's sealed verified-summary cache, and plain TinyDB (one JSON file,
default storage, no lock, no crypto) insert/read of the same documents.
The last line is machine-readable ``RESULT {...}``; ``dashboard_s`` there is the median cold
open (the honest worst case); the cached open is printed above it. The machine's load average
is printed too: other processes on the same cores slow the cold open down.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from tinydb import TinyDB

from sitante_tui.cli.hr import HrOffice
from sitante_tui.crypto import age
from sitante_tui.crypto.coach_keys import CoachKeys, create_coach_keys
from sitante_tui.crypto.summary_seal import HrPrivateCodec, seal_summary
from sitante_tui.domain.hr_summary import ActionPlanRow, SealedSummary, SessionSummary
from sitante_tui.store.hr_cache import VerifiedCache, worker_count
from sitante_tui.store.hr_trust import ApprovalBook
from sitante_tui.store.outbox import Outbox, sync_outbox
from sitante_tui.store.shared_store import CoachPublicKey, SharedStore

COACHES = 20
TODAY = date(2026, 12, 1)


def summary(n: int, coach: int) -> SessionSummary:
    """The n-th summary of the programme: coachees have 4 sessions two weeks apart."""
    coachee, number = divmod(n, 4)
    started = date(2026, 1, 5) + timedelta(days=coachee % 200)
    held_on = started + timedelta(days=14 * number)
    return SessionSummary(
        session_id=f"s{n}",
        coach_id=f"k{coach}",
        coach_name=f"Coach {coach}",
        coachee_id=f"c{coachee}",
        coachee_name=f"Pegawai {coachee}",
        coachee_unit="Seksi Diklat",
        coachee_position="Widyaiswara",
        coachee_nip=f"19850101201001{coachee:04d}",
        engagement_id=f"e{coachee}",
        kind="coaching",
        form="one_on_one",
        engagement_started_on=started,
        session_number=number + 1,
        held_on=held_on,
        started_at=datetime.combine(held_on, datetime.min.time()) + timedelta(hours=9),
        duration_minutes=50.0 + n % 15,
        delivery_mode="face_to_face",
        agenda_topic="Mengelola pekerjaan dengan efektif untuk peningkatan produktivitas",
        stage_durations={"goal": 600.0, "reality": 900.0, "options": 700.0, "will": 800.0},
        self_rating=4 + number,
        action_plan=(
            ActionPlanRow(
                "Menyusun daftar prioritas mingguan bersama atasan",
                when=(held_on + timedelta(days=7)).isoformat(),
                who="Atasan langsung",
                resources="Kalender kantor",
                expected_result="Daftar prioritas yang disetujui",
                due_on=held_on + timedelta(days=7),
            ),
        ),
        options_count=3,
        next_session_on=held_on + timedelta(days=14),
        reflection="Saya lebih jelas tentang langkah berikutnya dan apa yang harus dikerjakan.",
        coach_rating=4 + n % 2,
    )


def build_store(root: Path, size: int, hr_recipient: str, coaches: list[CoachKeys]) -> list[dict]:
    """A store of ``size`` sealed summaries; returns their records (for the TinyDB baseline)."""
    store = SharedStore(root)
    store.publish_hr_recipient(hr_recipient)
    sealed: list[SealedSummary] = []
    for i, keys in enumerate(coaches):
        store.publish_coach_key(
            CoachPublicKey(keys.key_id, keys.recipient, keys.verify_key_bytes, f"Coach {i}")
        )
    for n in range(size):
        keys = coaches[n % COACHES]
        sealed.append(
            seal_summary(summary(n, n % COACHES), coach_keys=keys, hr_recipient=hr_recipient)
        )
    store.put_summaries(sealed)
    return [s.to_record() for s in sealed]


def time_sync(
    work: Path, share: Path, size: int, repeat: int, hr: str, keys: CoachKeys
) -> list[float]:
    """Seconds per sync of one queued summary (sealing happens at close, not timed)."""
    outbox, store = Outbox(work / f"outbox{size}"), SharedStore(share)
    times = []
    for r in range(repeat):
        s = summary(size + 10 + r, 0)
        outbox.enqueue(seal_summary(s, coach_keys=keys, hr_recipient=hr), hr_recipient=hr)
        start = time.perf_counter()
        report = sync_outbox(outbox, store)
        times.append(time.perf_counter() - start)
        assert report.sent == 1 and report.pending == 0, report
    return times


def time_plain_tinydb(work: Path, records: list[dict], repeat: int) -> tuple[float, float]:
    """Median insert into, and one full read of, one TinyDB file holding the same documents."""
    path = work / "plain.json"
    with TinyDB(path) as db:
        db.table("summaries").insert_multiple(records)
    inserts = []
    for r in range(repeat):
        with TinyDB(path) as db:
            start = time.perf_counter()
            db.table("summaries").insert(dict(records[r % len(records)], summary_id=f"x{r}"))
            inserts.append(time.perf_counter() - start)
    start = time.perf_counter()
    with TinyDB(path) as db:
        count = len(db.table("summaries").all())
    read = time.perf_counter() - start
    assert count == len(records) + repeat
    return statistics.median(inserts), read


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the cold open's worker processes)."""
    try:
        import resource
    except ImportError:  # Windows: this process only
        return time.process_time()
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load_average() -> str:
    """The 1-minute load average (other work on the same cores), where the OS reports one."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):
        return "n/a"


def time_cold(office: HrOffice, total: int, opens: int) -> tuple[float, float]:
    """Median wall time and CPU time of opening the dashboard with no cache at all."""
    walls, cpus = [], []
    for _ in range(opens):
        cpu0, start = cpu_seconds(), time.perf_counter()
        cold = office.dashboard(today=TODAY)
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - cpu0)
        assert len(cold.summaries) == total and not cold.flagged, (len(cold.summaries), total)
    return statistics.median(walls), statistics.median(cpus)


def run_size(size: int, repeat: int, opens: int, coaches: list[CoachKeys]) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix=f"sitante-bench-{size}-") as tmp:
        work = Path(tmp)
        share = work / "share"
        share.mkdir()
        identity = age.generate_identity()
        recipient = age.identity_to_recipient(identity)
        t0 = time.perf_counter()
        records = build_store(share, size, recipient, coaches)
        build_s = time.perf_counter() - t0

        sync_times = time_sync(work, share, size, repeat, recipient, coaches[0])
        codec = HrPrivateCodec(identity)
        approvals = ApprovalBook(work / "hr.age.approvals", codec)
        store = SharedStore(share)
        for key in store.coach_keys():
            approvals.approve(key)
        total = size + repeat

        cold_office = HrOffice(identity, recipient, store, approvals, None)
        cold_s, cold_cpu = time_cold(cold_office, total, opens)

        cache = VerifiedCache(work / "cache" / "verified.age", codec)
        office = HrOffice(identity, recipient, store, approvals, cache)
        start = time.perf_counter()
        office.dashboard(today=TODAY)  # fills the cache
        fill_s = time.perf_counter() - start
        warm_times = []
        for _ in range(3):
            start = time.perf_counter()
            warm = office.dashboard(today=TODAY)
            warm_times.append(time.perf_counter() - start)
        assert len(warm.summaries) == total
        warm_s = statistics.median(warm_times)

        plain_insert_s, plain_read_s = time_plain_tinydb(work, records, repeat)
        shards = len(list((share / "sitante-hr" / "summaries").glob("*/*.json")))
        sync_ms = statistics.median(sync_times) * 1000
        print(
            f"\n== {size:>6} summaries ({shards} shards, {COACHES} coaches; store built in "
            f"{build_s:.1f} s)"
        )
        plain_ms = plain_insert_s * 1000
        lo, hi = min(sync_times) * 1000, max(sync_times) * 1000
        print(f"  sync one summary      median {sync_ms:8.1f} ms   (min {lo:.1f}, max {hi:.1f})")
        print(
            f"  plain TinyDB insert   median {plain_ms:8.1f} ms   ratio {sync_ms / plain_ms:.2f}x"
        )
        print(
            f"  dashboard cold        {cold_s:8.2f} s    (decrypt+verify every summary; "
            f"CPU {cold_cpu:.2f} s on {worker_count()} cores; median of {opens})"
        )
        print(f"  dashboard cache fill  {fill_s:8.2f} s    (cold open + sealing the cache)")
        print(f"  dashboard cached      {warm_s:8.2f} s    ratio {warm_s / plain_read_s:.1f}x")
        cold_ratio = cold_s / plain_read_s
        print(f"  plain TinyDB read all {plain_read_s:8.3f} s    cold ratio {cold_ratio:.1f}x")
        return {"sync_ms": sync_ms, "cached_s": warm_s, "cold_s": cold_s}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--opens", type=int, default=3, help="cold opens per size (median)")
    args = parser.parse_args(argv)
    coaches = [create_coach_keys() for _ in range(COACHES)]
    print(
        f"python {sys.version.split()[0]}, sizes {args.sizes}, {args.repeat} syncs per size, "
        f"{worker_count()} usable cores, load average {load_average()}"
    )
    results = {size: run_size(size, args.repeat, args.opens, coaches) for size in args.sizes}
    sizes = sorted(results)
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        growth = last / first
        print(
            f"\ngrowth x{growth:g} in summaries: sync x"
            f"{results[last]['sync_ms'] / results[first]['sync_ms']:.2f} (shard size grows with "
            f"summaries per coach key / 16), cold dashboard x"
            f"{results[last]['cold_s'] / results[first]['cold_s']:.1f} (linear: one X25519 + "
            f"Ed25519 per summary), cached x"
            f"{results[last]['cached_s'] / results[first]['cached_s']:.1f}"
        )
    print(f"load average after the run {load_average()}")
    print(
        "RESULT "
        + json.dumps(
            {
                "sync_ms": {str(s): round(results[s]["sync_ms"], 2) for s in sizes},
                "dashboard_s": {str(s): round(results[s]["cold_s"], 3) for s in sizes},
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
