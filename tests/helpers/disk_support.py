"""A disk that a test fills up and frees again."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


class TinyDisk:
    """A small real file system at ``path``: a tmpfs where the OS allows mounting (CI runs as
    root). Without that privilege a full disk cannot be made, so writes through ``os.fdopen``
    (the path every atomic write here takes) fail with ENOSPC while the disk is "full"."""

    def __init__(self, path: Path, mounted: bool) -> None:
        self.path = path
        self.mounted = mounted
        self.full = False
        self._filler = path / ".filler"

    def fill(self) -> None:
        """Use up every free byte."""
        self.full = True
        if not self.mounted:
            return
        with contextlib.suppress(OSError), open(self._filler, "ab") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()

    def free(self) -> None:
        self.full = False
        self._filler.unlink(missing_ok=True)


@contextlib.contextmanager
def tiny_disk(path: Path, monkeypatch: pytest.MonkeyPatch, size: str = "2m") -> Iterator[TinyDisk]:
    path.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
            capture_output=True,
        ).returncode
        == 0
    )
    disk = TinyDisk(path, mounted)
    if not mounted:
        real_fdopen = os.fdopen

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            handle = real_fdopen(fd, *args, **kwargs)
            original = handle.write

            def write(data: bytes) -> int:
                if disk.full:
                    raise OSError(errno.ENOSPC, "No space left on device")
                return original(data)

            handle.write = write
            return handle

        monkeypatch.setattr(os, "fdopen", fdopen)
    try:
        yield disk
    finally:
        if mounted:
            subprocess.run(["umount", str(path)], check=False)
