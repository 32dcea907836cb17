"""The vault: unlock time at the chosen scrypt work factor, autosave latency for a 50 KB session,
and streaming encryption throughput beside a plain ChaCha20-Poly1305 loop over the same bytes.

    uv run python benchmarks/vault.py [--mb 64]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from sitante_tui.crypto import coach_keys
from sitante_tui.crypto.age import AgeWriter, generate_identity, identity_to_recipient
from sitante_tui.domain.models import Engagement, Participant, Session
from sitante_tui.domain.session_flow import SessionFlow
from sitante_tui.services import build_services
from sitante_tui.settings import Settings

CHUNK = 64 * 1024


def unlock_seconds(folder: Path, work_factor: int, runs: int = 3) -> float:
    path = folder / "coach.age"
    coach_keys.write_key_file(
        path, coach_keys.create_coach_keys(), "benchmark passphrase words", work_factor=work_factor
    )
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        coach_keys.read_key_file(path, "benchmark passphrase words")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def autosave_ms(folder: Path, runs: int = 30) -> tuple[float, int]:
    services = build_services(folder)
    services.create_keys("benchmark passphrase words", work_factor=10)
    engagement = Engagement("e", "k", ["c"])
    session = Session("s", "e", 1, started_at=datetime.now(), participants=[Participant("c")])
    words = "Coachee menjelaskan situasi kerja dan hambatan yang dihadapi minggu ini. "
    for step in ("goal", "reality", "options", "will"):
        session.notes[step] = words * (12_500 // len(words))
    flow = SessionFlow(session, engagement, clock=time.monotonic, now=datetime.now)
    size = sum(len(data) for _, data in services.snapshot_session(flow).files)
    times = []
    for i in range(runs):
        flow.set_notes("goal", session.notes["goal"] + str(i))
        start = time.perf_counter()
        ok, _ = services.write_snapshot(services.snapshot_session(flow))
        times.append(time.perf_counter() - start)
        assert ok
    return statistics.median(times) * 1000, size


def stream_ratio(megabytes: int) -> tuple[float, float, float, float]:
    data = os.urandom(megabytes * 1024 * 1024)
    recipient = identity_to_recipient(generate_identity())
    # Plain AEAD loop writing to the same kind of sink: the floor any STREAM implementation
    # sits on.
    start = time.perf_counter()
    aead = ChaCha20Poly1305(os.urandom(32))
    view = memoryview(data)
    sink = io.BytesIO()
    for counter, offset in enumerate(range(0, len(data), CHUNK)):
        sink.write(aead.encrypt(counter.to_bytes(12, "big"), view[offset : offset + CHUNK], None))
    plain = time.perf_counter() - start
    timings = []
    for size in (CHUNK, 4410):  # whole chunks, and small audio-sized writes
        start = time.perf_counter()
        with AgeWriter(io.BytesIO(), recipients=[recipient]) as writer:
            for offset in range(0, len(data), size):
                writer.write(view[offset : offset + size])
        timings.append(time.perf_counter() - start)
    return plain, timings[0], timings[1], timings[0] / plain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=64)
    args = parser.parse_args()
    work_factor = Settings().scrypt_work_factor
    with tempfile.TemporaryDirectory() as scratch:
        unlock = unlock_seconds(Path(scratch), work_factor)
        autosave, size = autosave_ms(Path(scratch) / "ws")
    plain, streamed, small_writes, ratio = stream_ratio(args.mb)
    mb = args.mb
    print(f"unlock (scrypt log2 N = {work_factor}, 256 MiB): {unlock:.3f} s")
    kb = size / 1024
    print(
        f"autosave of a {kb:.0f} KB session (serialise, encrypt, fsync, rename): {autosave:.1f} ms"
    )
    print(f"plain ChaCha20-Poly1305, 64 KiB chunks: {plain:.3f} s ({mb / plain:.0f} MB/s)")
    print(f"AgeWriter, 64 KiB writes:               {streamed:.3f} s ({mb / streamed:.0f} MB/s)")
    small = f"{small_writes:.3f} s ({mb / small_writes:.0f} MB/s)"
    print(f"AgeWriter, 4410-byte writes:            {small}")
    print(f"stream ratio (AgeWriter / plain, same 64 KiB chunks): {ratio:.2f}")
    print(
        "RESULT "
        + json.dumps(
            {
                "unlock_s": round(unlock, 3),
                "autosave_ms": round(autosave, 2),
                "stream_ratio": round(ratio, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
