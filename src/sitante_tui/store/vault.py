"""The one storage seam of the coach's workspace: every byte written is age-encrypted.

Writing needs only the coach's public recipient, so autosave goes on while the screen is locked;
reading needs the unlocked identity. Files are replaced atomically (temp file in the same folder,
fsync, rename): a crash or a full disk leaves the previous version intact.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from sitante_tui.crypto import age

SUFFIX = ".age"


class VaultError(Exception):
    """Base of the vault's errors; ``relpath`` names the file concerned."""

    def __init__(self, relpath: str, detail: str = "") -> None:
        super().__init__(f"{relpath}: {detail}" if detail else relpath)
        self.relpath = relpath


class VaultLocked(VaultError):
    """Reading needs the coach's identity, and the vault is locked."""


class DamagedFile(VaultError):
    """A file failed authentication or is not an age file: damaged or tampered with."""


class DiskFull(VaultError):
    """The disk filled up while saving; the previous version of the file is intact."""


class NotStored(VaultError):
    """No such file in the workspace."""


def fsync_directory(directory: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_file(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A temp file beside ``path`` that replaces it on success and vanishes on failure.

    ``durable`` syncs the data and the rename to the disk before returning (skip it only for
    throwaway data such as the demo workspace).
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
        if durable:
            fsync_directory(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class Vault:
    """Encrypted files under one root folder, addressed by relative paths without suffix.

    Args:
        root: the folder (the workspace).
        recipients: the coach's ``age1…`` recipient(s) every file is encrypted to.
        durable: fsync every write (off only for the throwaway demo workspace).
    """

    def __init__(self, root: Path, recipients: Sequence[str], *, durable: bool = True) -> None:
        self.root = root
        self.recipients = tuple(recipients)
        self.durable = durable
        self._identities: tuple[str, ...] = ()

    # -- lock state ---------------------------------------------------------------------------

    @property
    def unlocked(self) -> bool:
        """Whether files can be read."""
        return bool(self._identities)

    def unlock(self, identities: Sequence[str]) -> None:
        """Hold the identities that decrypt the workspace."""
        self._identities = tuple(identities)

    def lock(self) -> None:
        """Forget the identities: nothing can be read until unlocked again."""
        self._identities = ()

    # -- paths --------------------------------------------------------------------------------

    def path(self, relpath: str) -> Path:
        """The file behind ``relpath``."""
        return self.root / f"{relpath}{SUFFIX}"

    def exists(self, relpath: str) -> bool:
        """Whether ``relpath`` is stored."""
        return self.path(relpath).is_file()

    def list(self, folder: str) -> list[str]:
        """Relative paths of the files directly in ``folder``, sorted."""
        directory = self.root / folder
        if not directory.is_dir():
            return []
        return sorted(
            f"{folder}/{entry.name[: -len(SUFFIX)]}"
            for entry in directory.iterdir()
            if entry.is_file() and entry.name.endswith(SUFFIX) and not entry.name.startswith(".")
        )

    # -- bytes --------------------------------------------------------------------------------

    def write(self, relpath: str, data: bytes) -> None:
        """Encrypt ``data`` to the coach and replace ``relpath`` atomically."""
        ciphertext = age.encrypt(data, recipients=self.recipients)
        try:
            with atomic_file(self.path(relpath), durable=self.durable) as handle:
                handle.write(ciphertext)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise DiskFull(relpath, "disk full") from None
            raise

    def read(self, relpath: str) -> bytes:
        """Decrypt ``relpath``; raise :class:`DamagedFile` when it fails authentication."""
        if not self.unlocked:
            raise VaultLocked(relpath)
        try:
            ciphertext = self.path(relpath).read_bytes()
        except FileNotFoundError:
            raise NotStored(relpath) from None
        try:
            return age.decrypt(ciphertext, identities=self._identities)
        except age.AgeError as exc:
            raise DamagedFile(relpath, type(exc).__name__) from None

    def delete(self, relpath: str) -> None:
        """Remove ``relpath``. Its file key lived only in its header, so it is gone too."""
        self.path(relpath).unlink(missing_ok=True)

    def delete_folder(self, folder: str) -> None:
        """Remove every file in ``folder`` (recursively) and the folder itself."""
        directory = self.root / folder
        if not directory.is_dir():
            return
        for entry in sorted(directory.rglob("*"), reverse=True):
            if entry.is_dir():
                entry.rmdir()
            else:
                entry.unlink()
        directory.rmdir()

    # -- JSON records -------------------------------------------------------------------------

    def write_json(self, relpath: str, value: Any) -> None:
        """Store a JSON-ready value, encrypted."""
        self.write(relpath, json.dumps(value, ensure_ascii=False, sort_keys=True).encode())

    def read_json(self, relpath: str) -> Any:
        """Load a value stored with :meth:`write_json`."""
        data = self.read(relpath)
        try:
            return json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise DamagedFile(relpath, "not a record") from None
