"""The coach's keys (age X25519 identity + Ed25519 signing key) and passphrase-protected key files.

A key file decrypts (with the standard ``age -d`` too) to an ordinary age identity file; the
signing seed rides in a comment line age ignores. HR's identity file is the same minus that line.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sitante_tui.crypto.age import (
    DEFAULT_WORK_FACTOR,
    AgeError,
    AuthenticationFailed,
    InvalidKey,
    MalformedHeader,
    TruncatedFile,
    WrongPassphrase,
    decrypt,
    encrypt,
    generate_identity,
    identity_to_recipient,
    parse_identities,
)

__all__ = [
    "KEY_FILE_MARK",
    "AgeError",
    "AuthenticationFailed",
    "CoachKeys",
    "InvalidKey",
    "InvalidKeyFile",
    "MalformedHeader",
    "MissingKeyFile",
    "TruncatedFile",
    "WrongPassphrase",
    "change_passphrase",
    "create_coach_keys",
    "encode_key_file",
    "parse_key_file",
    "read_identity_file",
    "read_key_file",
    "verify_signature",
    "write_identity_file",
    "write_key_file",
]

KEY_FILE_MARK = "# sitante coach keys v1"
_FIELD = re.compile(r"#\s*([a-z0-9 -]+?)\s*:\s*(\S+)\s*$")


class MissingKeyFile(AgeError):
    """The key file does not exist (the coach has not set up keys yet, or the path is wrong)."""


class InvalidKeyFile(AgeError):
    """The key file decrypts, but its content is not a valid sitante coach key / identity file."""


@dataclass(frozen=True)
class CoachKeys:
    """The coach's identity: decrypts the coach's data and signs HR summaries.

    The secret fields are left out of ``repr`` so that they never end up in a log or traceback.

    Attributes:
        identity: The age X25519 identity, ``AGE-SECRET-KEY-1…``.
        signing_seed: The 32-byte Ed25519 private key seed.
        created_at: When the keys were created (UTC, whole seconds).
    """

    identity: str = field(repr=False)
    signing_seed: bytes = field(repr=False)
    created_at: datetime

    def __post_init__(self) -> None:
        identity_to_recipient(self.identity)  # raises InvalidKey
        if len(self.signing_seed) != 32:
            raise InvalidKey("an Ed25519 signing seed has 32 bytes")
        if self.created_at.tzinfo is None:
            raise ValueError("created_at must be timezone-aware")

    @property
    def signing_key(self) -> Ed25519PrivateKey:
        """The Ed25519 private key."""
        return Ed25519PrivateKey.from_private_bytes(self.signing_seed)

    @property
    def recipient(self) -> str:
        """The public ``age1…`` recipient others encrypt to."""
        return identity_to_recipient(self.identity)

    @property
    def verify_key_bytes(self) -> bytes:
        """The 32-byte Ed25519 public key that verifies this coach's signatures."""
        return self.signing_key.public_key().public_bytes_raw()

    @property
    def key_id(self) -> str:
        """A short, stable name for the signing key: 16 hex digits of SHA-256(verify key)."""
        return hashlib.sha256(self.verify_key_bytes).hexdigest()[:16]

    def sign(self, data: bytes) -> bytes:
        """A 64-byte Ed25519 signature of ``data``."""
        return self.signing_key.sign(data)


def create_coach_keys() -> CoachKeys:
    """Fresh random keys, created now."""
    return CoachKeys(
        identity=generate_identity(),
        signing_seed=Ed25519PrivateKey.generate().private_bytes_raw(),
        created_at=datetime.now(UTC).replace(microsecond=0),
    )


def verify_signature(verify_key_bytes: bytes, data: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is a valid Ed25519 signature of ``data`` by ``verify_key_bytes``.

    A malformed key or signature is simply not valid (``False``), never an exception.
    """
    if len(verify_key_bytes) != 32 or len(signature) != 64:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(verify_key_bytes).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def encode_key_file(keys: CoachKeys) -> bytes:
    """The plaintext of a key file: a valid age identity file with the signing seed in a comment."""
    created = keys.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return _identity_file_text(
        keys.identity,
        [
            KEY_FILE_MARK,
            f"# created: {created}",
            f"# public key: {keys.recipient}",
            f"# ed25519-signing-key: {base64.b64encode(keys.signing_seed).decode('ascii')}",
        ],
    )


def parse_key_file(text: str) -> CoachKeys:
    """Parse the plaintext of a key file (see :func:`encode_key_file`).

    Raises:
        InvalidKeyFile: Not a sitante coach key file, or inconsistent content.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or lines[0] != KEY_FILE_MARK:
        raise InvalidKeyFile("not a sitante coach key file")
    fields = {m[1]: m[2] for line in lines if (m := _FIELD.match(line))}
    identity = _single_identity(text)
    try:
        seed = base64.b64decode(fields["ed25519-signing-key"], validate=True)
        created_at = datetime.fromisoformat(fields["created"])
        keys = CoachKeys(identity=identity, signing_seed=seed, created_at=created_at)
    except (KeyError, ValueError, binascii.Error, InvalidKey):
        raise InvalidKeyFile("the coach key file lacks a valid field") from None
    if fields.get("public key", keys.recipient) != keys.recipient:
        raise InvalidKeyFile("the public key line does not match the identity")
    return keys


def write_key_file(
    path: Path, keys: CoachKeys, passphrase: str, *, work_factor: int = DEFAULT_WORK_FACTOR
) -> None:
    """Encrypt ``keys`` under ``passphrase`` (age scrypt) and atomically replace ``path``."""
    _write_encrypted(path, encode_key_file(keys), passphrase, work_factor)


def read_key_file(path: Path, passphrase: str) -> CoachKeys:
    """Decrypt and parse a coach key file.

    Raises:
        MissingKeyFile: ``path`` does not exist.
        WrongPassphrase: The passphrase is wrong (or the scrypt stanza is damaged).
        MalformedHeader: The file is not a valid age file.
        AuthenticationFailed: The file was altered or damaged (``TruncatedFile`` when cut short).
        InvalidKeyFile: It decrypts, but is not a coach key file.
    """
    return parse_key_file(_decode(_read_decrypted(path, passphrase)))


def change_passphrase(
    path: Path, old: str, new: str, *, work_factor: int = DEFAULT_WORK_FACTOR
) -> None:
    """Re-encrypt a key or identity file under a new passphrase, keeping its content exactly.

    Only ``path`` is rewritten (atomically); the coach's data stays encrypted to the same keys.

    Raises:
        AgeError: The errors of :func:`read_key_file`, for the old passphrase.
    """
    plaintext = _read_decrypted(path, old)
    _single_identity(_decode(plaintext))  # never re-seal something that is not an identity file
    _write_encrypted(path, plaintext, new, work_factor)


def write_identity_file(
    path: Path,
    identity: str,
    passphrase: str,
    *,
    work_factor: int = DEFAULT_WORK_FACTOR,
    comment_lines: Sequence[str] = (),
) -> None:
    """Write a passphrase-protected age identity file (HR's key), atomically.

    Args:
        path: Where to write.
        identity: The ``AGE-SECRET-KEY-1…`` identity.
        passphrase: The passphrase that protects it.
        work_factor: log2 of the scrypt cost.
        comment_lines: Extra ``#`` comment lines written before the identity (``# `` is added
            when missing).

    Raises:
        InvalidKey: ``identity`` is not valid.
        ValueError: A comment line contains a line break.
    """
    identity_to_recipient(identity)
    _write_encrypted(path, _identity_file_text(identity, comment_lines), passphrase, work_factor)


def read_identity_file(path: Path, passphrase: str) -> str:
    """The identity in a passphrase-protected identity file (the first, if several).

    Raises:
        AgeError: The errors of :func:`read_key_file`.
    """
    return _single_identity(_decode(_read_decrypted(path, passphrase)), exactly_one=False)


def _identity_file_text(identity: str, comment_lines: Sequence[str]) -> bytes:
    lines = []
    for comment in comment_lines:
        if "\n" in comment or "\r" in comment:
            raise ValueError("a comment line must not contain a line break")
        lines.append(comment if comment.startswith("#") else f"# {comment}")
    return ("\n".join([*lines, identity.strip().upper()]) + "\n").encode("utf-8")


def _single_identity(text: str, *, exactly_one: bool = True) -> str:
    try:
        identities = parse_identities(text)
    except InvalidKey:
        raise InvalidKeyFile("the key file contains a line that is not an identity") from None
    if not identities or (exactly_one and len(identities) > 1):
        raise InvalidKeyFile("the key file must contain exactly one identity")
    return identities[0]


def _decode(plaintext: bytes) -> str:
    try:
        return plaintext.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidKeyFile("the key file is not text") from None


def _read_decrypted(path: Path, passphrase: str) -> bytes:
    try:
        sealed = Path(path).read_bytes()
    except FileNotFoundError:
        raise MissingKeyFile("no key file at the given path") from None
    return decrypt(sealed, passphrase=passphrase)


def _write_encrypted(path: Path, plaintext: bytes, passphrase: str, work_factor: int) -> None:
    _atomic_write(Path(path), encrypt(plaintext, passphrase=passphrase, work_factor=work_factor))


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    A crash leaves either the old file or the new one, never a mix; ``os.replace`` is atomic on
    POSIX and on Windows (same volume). The temporary file is private (mode 0600 on POSIX).
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        _replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if os.name == "posix":  # make the rename durable (Windows cannot open a directory)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _replace(source: str, target: Path) -> None:
    # On Windows a virus scanner or indexer may hold the target open for a moment.
    for attempt in range(10):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 9:
                raise
            time.sleep(0.05 * (attempt + 1))
