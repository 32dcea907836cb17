"""The portable lock file: mutual exclusion across processes, stale-lock recovery, timeouts."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sitante_tui.store.file_lock import FileLock, StoreLocked

Worker = Callable[..., subprocess.Popen[str]]


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _write_lock(path: Path, *, host: str, pid: int, age: float) -> None:
    path.write_text(
        json.dumps({"host": host, "pid": pid, "created": time.time() - age, "token": "x"})
    )


def test_four_processes_never_lose_an_increment(tmp_path: Path, worker: Worker) -> None:
    counter = tmp_path / "counter.txt"
    procs = [worker("lock-counter", "--file", str(counter), "--count", "100") for _ in range(4)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else ""
    assert counter.read_text() == "400"
    assert not counter.with_suffix(".lock").exists()


def test_lock_of_a_dead_process_on_this_host_is_taken_over_at_once(tmp_path: Path) -> None:
    lock_path = tmp_path / "shard.json.lock"
    _write_lock(lock_path, host=socket.gethostname(), pid=_dead_pid(), age=0)
    started = time.monotonic()
    with FileLock(lock_path, timeout=2):
        assert json.loads(lock_path.read_text())["pid"] == os.getpid()
    assert time.monotonic() - started < 1
    assert not lock_path.exists()


def test_lock_of_another_host_is_respected_until_its_lease_ends(tmp_path: Path) -> None:
    lock_path = tmp_path / "shard.json.lock"
    _write_lock(lock_path, host="other-laptop", pid=1, age=5)
    with pytest.raises(StoreLocked) as raised:
        FileLock(lock_path, timeout=0.3, lease=60).acquire()
    assert raised.value.owner["host"] == "other-laptop"
    _write_lock(lock_path, host="other-laptop", pid=1, age=120)
    with FileLock(lock_path, timeout=1, lease=60):
        pass


def test_live_holder_makes_others_time_out(tmp_path: Path) -> None:
    lock_path = tmp_path / "shard.json.lock"
    with FileLock(lock_path), pytest.raises(StoreLocked):
        FileLock(lock_path, timeout=0.2).acquire()


def test_empty_lock_file_left_by_a_crash_is_recovered_after_a_grace_period(
    tmp_path: Path,
) -> None:
    lock_path = tmp_path / "shard.json.lock"
    lock_path.write_bytes(b"")
    old = time.time() - 60
    os.utime(lock_path, (old, old))
    with FileLock(lock_path, timeout=1):
        pass


def test_release_leaves_a_lock_that_was_taken_over_alone(tmp_path: Path) -> None:
    lock_path = tmp_path / "shard.json.lock"
    first = FileLock(lock_path)
    first.acquire()
    _write_lock(lock_path, host="other-laptop", pid=1, age=0)  # someone broke and re-took it
    first.release()
    assert lock_path.exists()
