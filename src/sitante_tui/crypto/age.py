"""age v1 (c2sp.org/age) on ``cryptography`` primitives: the public API of sitante's file format.

Files written here open with the standard ``age`` tool, and files from ``age`` open here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from sitante_tui.crypto.age_errors import (
    AgeError,
    AuthenticationFailed,
    InvalidKey,
    MalformedArmor,
    MalformedHeader,
    NoIdentityMatched,
    TrailingData,
    TruncatedFile,
    WrongPassphrase,
)
from sitante_tui.crypto.age_keys import (
    DEFAULT_WORK_FACTOR,
    MAX_WORK_FACTOR,
    generate_identity,
    identity_to_recipient,
    parse_identities,
)
from sitante_tui.crypto.age_stream import CHUNK_SIZE, AgeReader, AgeWriter

__all__ = [
    "CHUNK_SIZE",
    "DEFAULT_WORK_FACTOR",
    "MAX_WORK_FACTOR",
    "AgeError",
    "AgeReader",
    "AgeWriter",
    "AuthenticationFailed",
    "InvalidKey",
    "MalformedArmor",
    "MalformedHeader",
    "NoIdentityMatched",
    "TrailingData",
    "TruncatedFile",
    "WrongPassphrase",
    "decrypt",
    "encrypt",
    "generate_identity",
    "identity_to_recipient",
    "parse_identities",
]


def encrypt(
    data: bytes,
    *,
    recipients: Sequence[str] = (),
    passphrase: str | None = None,
    armor: bool = False,
    work_factor: int = DEFAULT_WORK_FACTOR,
) -> bytes:
    """Encrypt ``data`` to age recipients or under a passphrase.

    Args:
        data: The plaintext.
        recipients: ``age1…`` recipients (exactly one of ``recipients`` or ``passphrase``).
        passphrase: Encrypt with scrypt under this passphrase instead.
        armor: Produce ASCII armor (``-----BEGIN AGE ENCRYPTED FILE-----``) instead of binary.
        work_factor: log2 of the scrypt cost (passphrase only); age's default is 18.

    Returns:
        The age file.

    Raises:
        InvalidKey: A recipient string is invalid.
        ValueError: Neither or both of recipients/passphrase, or an invalid work factor.
    """
    out = io.BytesIO()
    with AgeWriter(
        out, recipients=recipients, passphrase=passphrase, armor=armor, work_factor=work_factor
    ) as writer:
        writer.write(data)
    return out.getvalue()


def decrypt(
    data: bytes,
    *,
    identities: Sequence[str] = (),
    passphrase: str | None = None,
) -> bytes:
    """Decrypt a binary or armored age file.

    Args:
        data: The age file.
        identities: ``AGE-SECRET-KEY-1…`` identities (exactly one of these or ``passphrase``).
        passphrase: The passphrase of a scrypt-encrypted file.

    Returns:
        The plaintext, fully authenticated.

    Raises:
        InvalidKey: An identity string is invalid.
        NoIdentityMatched: No identity opens the file.
        WrongPassphrase: The passphrase does not open the file.
        MalformedHeader: Not a well-formed age file (``MalformedArmor`` for bad armor).
        AuthenticationFailed: The file was altered or damaged (``TruncatedFile`` when cut
            short, ``TrailingData`` when something was appended).
    """
    with AgeReader(io.BytesIO(data), identities=identities, passphrase=passphrase) as reader:
        return reader.read()
