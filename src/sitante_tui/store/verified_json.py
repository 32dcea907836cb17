"""Atomic, self-checking JSON files for TinyDB: a reader never sees a half-written file.

Each write goes to a temporary file in the same folder, is fsynced and moved into place with
``os.replace``; then the same bytes become the ``.bak`` last-good copy. The file carries a
SHA-256 of its own content (in an ``_integrity`` table, so it stays plain TinyDB JSON); a file
that fails the check is damaged and the ``.bak`` copy is used instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

INTEGRITY_TABLE = "_integrity"
_TRAILER_PREFIX = b'"_integrity":{"1":{"sha256":"'
_TRAILER_SUFFIX = b'"}}}'
_TRAILER_LEN = len(_TRAILER_PREFIX) + 64 + len(_TRAILER_SUFFIX)
#: Leftover temporary files (from a killed writer) older than this are removed by the next writer.
STALE_TEMP_SECONDS = 30.0


class StoreDamaged(OSError):
    """A store file and its last-good copy are both unreadable; the message names the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is damaged and its last good copy too")


def backup_path(path: Path) -> Path:
    """The last-good copy kept next to ``path``."""
    return path.with_name(path.name + ".bak")


def encode(data: dict[str, Any]) -> bytes:
    """Serialise tables with their checksum appended as the last table."""
    tables = {k: v for k, v in data.items() if k != INTEGRITY_TABLE}
    body = json.dumps(tables, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    digest = hashlib.sha256(body).hexdigest().encode()
    joiner = b"" if body == b"{}" else b","
    return body[:-1] + joiner + _TRAILER_PREFIX + digest + _TRAILER_SUFFIX


def decode(raw: bytes) -> dict[str, Any] | None:
    """The tables of a file written by :func:`encode`, or ``None`` when it fails its check."""
    if len(raw) < _TRAILER_LEN + 1 or not raw.endswith(_TRAILER_SUFFIX):
        return None
    trailer_at = len(raw) - _TRAILER_LEN
    if raw[trailer_at : trailer_at + len(_TRAILER_PREFIX)] != _TRAILER_PREFIX:
        return None
    digest = raw[trailer_at + len(_TRAILER_PREFIX) : -len(_TRAILER_SUFFIX)]
    head = raw[:trailer_at]
    if head == b"{":
        body = b"{}"
    elif head.endswith(b","):
        body = head[:-1] + b"}"
    else:
        return None
    if hashlib.sha256(body).hexdigest().encode() != digest:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return None
    return data


def atomic_write(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` so that readers see the old or the new file, never a mix."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    _replace(tmp, path)
    fsync_dir(path.parent)


def _replace(src: Path, dst: Path) -> None:
    # Windows refuses to replace a file another process has open; readers hold it for a moment.
    for attempt in range(50):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == 49:
                with contextlib.suppress(OSError):
                    os.unlink(src)
                raise
            time.sleep(0.02)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network filesystems refuse fsync on a directory
    finally:
        os.close(fd)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, ``None`` when missing; retried briefly while Windows replaces it."""
    for attempt in range(50):
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except PermissionError:
            if sys.platform != "win32" or attempt == 49:
                raise
            time.sleep(0.02)
    return None  # pragma: no cover


def load_verified(path: Path) -> tuple[dict[str, Any], bool]:
    """The tables of ``path`` and whether they came from the last-good copy.

    A missing file (and missing copy) is an empty store. Raises :class:`StoreDamaged` when
    neither the file nor its copy passes the check.
    """
    raw = read_bytes(path)
    if raw is not None:
        data = decode(raw)
        if data is not None:
            return data, False
    bak = read_bytes(backup_path(path))
    if bak is not None:
        data = decode(bak)
        if data is not None:
            return data, True
    if raw is None and bak is None:
        return {}, False
    raise StoreDamaged(path)


def remove_stale_temps(path: Path, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Delete temporary files a killed writer left next to ``path``."""
    now = time.time()
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > older_than:
                tmp.unlink()


class VerifiedJSONStorage(Storage):
    """TinyDB storage over :func:`load_verified` / :func:`atomic_write`.

    One instance is one transaction: it reads the file once (the caller holds the lock, so this
    is the re-read before write) and later reads see its own writes. With ``deferred=True``
    writes stay in memory until :meth:`flush`, so a batch of TinyDB operations costs one write.

    Attributes:
        recovered: the data came from the last-good copy (the next write repairs the file).
    """

    def __init__(self, path: Path, *, readonly: bool = False, deferred: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.deferred = deferred
        self.recovered = False
        self._data: dict[str, Any] | None = None
        self._dirty = False

    def read(self) -> dict[str, Any] | None:
        if self._data is None:
            self._data, self.recovered = load_verified(self.path)
        return self._data or None

    def reset(self) -> None:
        """Start from an empty file (for files that are always rewritten whole)."""
        self._data, self.recovered = {}, True

    def write(self, data: dict[str, Any]) -> None:
        if self.readonly:
            raise PermissionError(f"{self.path} was opened read-only")
        self._data = data
        self._dirty = True
        if not self.deferred:
            self.flush()

    def flush(self) -> None:
        """Write pending changes: the file first, then its last-good copy."""
        if not self._dirty or self._data is None:
            return
        content = encode(self._data)
        atomic_write(self.path, content)
        atomic_write(backup_path(self.path), content)
        self._dirty = False
        self.recovered = False

    def close(self) -> None:
        self._data = None
