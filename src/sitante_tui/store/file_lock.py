"""A portable lock file for a shared folder: ``os.open(O_CREAT | O_EXCL)``, no fcntl/msvcrt.

Byte-range locks (fcntl, msvcrt) are unreliable across SMB, NFS and sync clients, and vanish
silently when a share reconnects; an exclusively-created file works on every OS and share and
says who holds it (host, pid, time), which is what stale-lock recovery needs.

A lock is stale when its owner is a dead process on this host, or when it is older than the lease
(its owner may be another host, whose processes we cannot see; writes take milliseconds, so the
lease is generous). Breaking a stale lock is itself serialised by a short-lived ``.break`` lock
and re-checks that the file still holds the same owner token, so two waiters never both break it.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import socket
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

DEFAULT_TIMEOUT = 10.0
DEFAULT_LEASE = 60.0
#: A lock file that is empty or unreadable (its owner died between create and write) is stale
#: after this many seconds.
UNREADABLE_GRACE = 5.0


class StoreLocked(TimeoutError):
    """The lock stayed held by a live owner for longer than the timeout.

    Attributes:
        path: the lock file.
        owner: who holds it (``host``, ``pid``, ``created``), when readable.
    """

    def __init__(self, path: Path, owner: dict[str, object] | None) -> None:
        self.path = path
        self.owner = owner or {}
        who = f"{self.owner.get('host')}:{self.owner.get('pid')}" if owner else "unknown"
        super().__init__(f"{path} is locked by {who}")


@dataclass(frozen=True)
class LockOwner:
    """The content of a lock file."""

    host: str
    pid: int
    created: float
    token: str

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__).encode()

    @classmethod
    def parse(cls, raw: bytes) -> LockOwner | None:
        try:
            data = json.loads(raw)
            return cls(
                str(data["host"]), int(data["pid"]), float(data["created"]), str(data["token"])
            )
        except (ValueError, KeyError, TypeError):
            return None


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this host (portable; errs towards "alive")."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        try:
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return not ok or code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True
    return True


class FileLock:
    """An exclusive lock held by creating ``path``. Use as a context manager.

    Args:
        path: the lock file (usually ``<file>.lock`` next to what it guards).
        timeout: seconds to wait before raising :class:`StoreLocked`.
        lease: age in seconds after which a lock from another host is considered stale.
    """

    def __init__(
        self, path: Path, *, timeout: float = DEFAULT_TIMEOUT, lease: float = DEFAULT_LEASE
    ) -> None:
        self.path = path
        self.timeout = timeout
        self.lease = lease
        self._owner: LockOwner | None = None

    @property
    def held(self) -> bool:
        return self._owner is not None

    def acquire(self) -> None:
        """Take the lock, recovering a stale one; raise :class:`StoreLocked` on timeout."""
        deadline = time.monotonic() + self.timeout
        delay = 0.002
        while True:
            owner = LockOwner(socket.gethostname(), os.getpid(), time.time(), uuid.uuid4().hex)
            if _create_exclusive(self.path, owner.to_json()):
                self._owner = owner
                return
            current = _read(self.path)
            if current is not None and self._is_stale(current):
                self._break(current)
                continue
            if time.monotonic() >= deadline:
                parsed = LockOwner.parse(current) if current else None
                raise StoreLocked(self.path, dict(parsed.__dict__) if parsed else None)
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.05)

    def release(self) -> None:
        """Remove the lock file if it is still ours (a broken-and-retaken lock is left alone)."""
        owner, self._owner = self._owner, None
        if owner is None:
            return
        current = _read(self.path)
        parsed = LockOwner.parse(current) if current else None
        if parsed is not None and parsed.token == owner.token:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)

    def _is_stale(self, raw: bytes) -> bool:
        owner = LockOwner.parse(raw)
        if owner is None:
            return _age(self.path) > UNREADABLE_GRACE
        if owner.host == socket.gethostname() and not pid_alive(owner.pid):
            return True
        return time.time() - owner.created > self.lease

    def _break(self, seen: bytes) -> None:
        """Remove a stale lock, unless another waiter already replaced it."""
        breaker = self.path.with_name(self.path.name + ".break")
        if not _create_exclusive(breaker, b""):
            if _age(breaker) > UNREADABLE_GRACE:  # a breaker died mid-way
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(breaker)
            time.sleep(0.002)
            return
        try:
            if _read(self.path) == seen:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(breaker)

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


@contextlib.contextmanager
def locked(path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Iterator[FileLock]:
    """``with locked(path):`` — shorthand for :class:`FileLock`."""
    lock = FileLock(path, timeout=timeout)
    with lock:
        yield lock


def _create_exclusive(path: Path, content: bytes) -> bool:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return False
    except PermissionError:
        # Windows reports a file being deleted by another process as access denied.
        if sys.platform == "win32" and path.exists():  # pragma: no cover
            return False
        raise
    try:
        os.write(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except PermissionError:  # Windows: being deleted right now
        return None


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return 0.0
