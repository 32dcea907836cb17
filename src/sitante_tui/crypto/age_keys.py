"""The native age recipient types: X25519 keys (``age1…``/``AGE-SECRET-KEY-1…``) and scrypt.

Wrapping puts the file key into a stanza; unwrapping finds the file key for given identities.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from sitante_tui.crypto import bech32
from sitante_tui.crypto.age_errors import (
    InvalidKey,
    MalformedHeader,
    NoIdentityMatched,
    WrongPassphrase,
)
from sitante_tui.crypto.age_header import Stanza, b64decode_raw, b64encode_raw, hkdf_sha256

FILE_KEY_SIZE = 16
DEFAULT_WORK_FACTOR = 18
# age refuses more: 2**22 scrypt blocks already need 4 GiB, so a file cannot make us hang.
MAX_WORK_FACTOR = 22

_RECIPIENT_HRP = "age"
_IDENTITY_HRP = "age-secret-key-"
_X25519_LABEL = b"age-encryption.org/v1/X25519"
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
_ZERO_NONCE = bytes(12)
_WORK_FACTOR_TEXT = re.compile(r"[1-9][0-9]*")
#: A few identities at most are in use at once (the coach's, HR's); the cache stays tiny.
_IDENTITY_CACHE_SIZE = 8


@dataclass(frozen=True)
class X25519Identity:
    """A parsed ``AGE-SECRET-KEY-1…`` identity and its public key."""

    private_key: X25519PrivateKey
    public_bytes: bytes


def _decode_key(text: str, hrp: str) -> bytes:
    try:
        found_hrp, data = bech32.decode(text.strip())
    except bech32.Bech32Error:
        raise InvalidKey("not a valid bech32 key string") from None
    if found_hrp != hrp or len(data) != 32:
        raise InvalidKey(f"not an age X25519 {'identity' if hrp == _IDENTITY_HRP else 'recipient'}")
    return data


def parse_recipient(recipient: str) -> bytes:
    """The 32-byte X25519 public key of an ``age1…`` recipient.

    Raises:
        InvalidKey: The string is not an age X25519 recipient.
    """
    return _decode_key(recipient, _RECIPIENT_HRP)


def parse_identity(identity: str) -> X25519Identity:
    """Parse an ``AGE-SECRET-KEY-1…`` identity.

    Parsed identities are cached (HR opens thousands of files with one identity, and the bech32
    checksum plus the key import cost more than the X25519 exchange itself); forget them with
    :func:`clear_identity_cache` when a key is locked away.

    Raises:
        InvalidKey: The string is not an age X25519 identity.
    """
    return _parse_identity(identity)


@functools.lru_cache(maxsize=_IDENTITY_CACHE_SIZE)
def _parse_identity(identity: str) -> X25519Identity:
    # lru_cache does not keep failures: an invalid string raises on every call.
    private_key = X25519PrivateKey.from_private_bytes(_decode_key(identity, _IDENTITY_HRP))
    return X25519Identity(private_key, private_key.public_key().public_bytes_raw())


def clear_identity_cache() -> None:
    """Forget every parsed identity (the cache holds private keys: clear it when locking)."""
    _parse_identity.cache_clear()


def generate_identity() -> str:
    """A new random X25519 identity, encoded as ``AGE-SECRET-KEY-1…`` (upper case, like age)."""
    return bech32.encode(_IDENTITY_HRP, secrets.token_bytes(32)).upper()


def identity_to_recipient(identity: str) -> str:
    """The ``age1…`` recipient (public key) of an identity.

    Raises:
        InvalidKey: ``identity`` is not an age X25519 identity.
    """
    return bech32.encode(_RECIPIENT_HRP, parse_identity(identity).public_bytes)


def parse_identities(text: str) -> list[str]:
    """The identities of an age identity file, in order; blank lines and ``#`` comments skipped.

    Raises:
        InvalidKey: A non-comment line is not an age X25519 identity (the message gives its number).
    """
    identities: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            parse_identity(line)
        except InvalidKey:
            raise InvalidKey(f"line {number} of the identity file is not an age identity") from None
        identities.append(line.upper())
    return identities


def wrap_x25519(file_key: bytes, recipient: bytes) -> Stanza:
    """An ``X25519`` stanza wrapping ``file_key`` for the 32-byte public key ``recipient``."""
    ephemeral = X25519PrivateKey.generate()
    share = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    wrap_key = hkdf_sha256(shared, share + recipient, _X25519_LABEL)
    body = ChaCha20Poly1305(wrap_key).encrypt(_ZERO_NONCE, file_key, None)
    return Stanza("X25519", (b64encode_raw(share),), body)


def _scrypt_key(passphrase: str, salt: bytes, work_factor: int) -> bytes:
    kdf = Scrypt(salt=_SCRYPT_LABEL + salt, length=32, n=1 << work_factor, r=8, p=1)
    return kdf.derive(passphrase.encode("utf-8"))


def wrap_scrypt(file_key: bytes, passphrase: str, work_factor: int) -> Stanza:
    """A ``scrypt`` stanza wrapping ``file_key`` under ``passphrase``.

    Raises:
        ValueError: Empty passphrase or a work factor outside 1..22.
    """
    if not passphrase:
        raise ValueError("the passphrase must not be empty")
    if not 1 <= work_factor <= MAX_WORK_FACTOR:
        raise ValueError(f"scrypt work factor must be between 1 and {MAX_WORK_FACTOR}")
    salt = secrets.token_bytes(16)
    body = ChaCha20Poly1305(_scrypt_key(passphrase, salt, work_factor)).encrypt(
        _ZERO_NONCE, file_key, None
    )
    return Stanza("scrypt", (b64encode_raw(salt), str(work_factor)), body)


def check_scrypt_alone(stanzas: Sequence[Stanza]) -> None:
    """Reject a header where a scrypt stanza is not the only stanza (the spec's MUST)."""
    if len(stanzas) > 1 and any(s.type == "scrypt" for s in stanzas):
        raise MalformedHeader("a scrypt stanza must be the only stanza in the header")


def unwrap_scrypt(stanzas: Sequence[Stanza], passphrase: str) -> bytes:
    """The file key from the header's scrypt stanza.

    Raises:
        NoIdentityMatched: The file is not passphrase-encrypted.
        MalformedHeader: Malformed scrypt stanza, mixed stanzas, or a work factor above 22.
        WrongPassphrase: The passphrase does not unwrap the file key.
    """
    check_scrypt_alone(stanzas)
    stanza = stanzas[0]
    if stanza.type != "scrypt":
        raise NoIdentityMatched("the file is not encrypted with a passphrase")
    if len(stanza.args) != 2 or not _WORK_FACTOR_TEXT.fullmatch(stanza.args[1]):
        raise MalformedHeader("malformed scrypt stanza")
    salt = b64decode_raw(stanza.args[0])
    work_factor = int(stanza.args[1])
    if len(salt) != 16 or len(stanza.body) != FILE_KEY_SIZE + 16:
        raise MalformedHeader("malformed scrypt stanza")
    if work_factor > MAX_WORK_FACTOR:
        raise MalformedHeader("scrypt work factor too large")
    try:
        return ChaCha20Poly1305(_scrypt_key(passphrase, salt, work_factor)).decrypt(
            _ZERO_NONCE, stanza.body, None
        )
    except InvalidTag:
        raise WrongPassphrase("the passphrase does not open this file") from None


def _x25519_share(stanza: Stanza) -> X25519PublicKey:
    if len(stanza.args) != 1:
        raise MalformedHeader("malformed X25519 stanza")
    share = b64decode_raw(stanza.args[0])
    if len(share) != 32 or len(stanza.body) != FILE_KEY_SIZE + 16:
        raise MalformedHeader("malformed X25519 stanza")
    return X25519PublicKey.from_public_bytes(share)


def unwrap_x25519(stanzas: Sequence[Stanza], identities: Sequence[X25519Identity]) -> bytes:
    """The file key from the first X25519 stanza one of ``identities`` opens.

    Stanzas of other types are ignored, as the spec requires.

    Raises:
        MalformedHeader: A malformed X25519 stanza, a low-order share or a misplaced scrypt stanza.
        NoIdentityMatched: No identity opens any stanza.
    """
    check_scrypt_alone(stanzas)
    candidates = [(s, _x25519_share(s)) for s in stanzas if s.type == "X25519"]
    for stanza, share in candidates:
        share_bytes = share.public_bytes_raw()
        for identity in identities:
            try:
                shared = identity.private_key.exchange(share)
            except ValueError:  # OpenSSL refuses the all-zero result of a low-order point
                raise MalformedHeader("X25519 stanza with a low-order share") from None
            if shared == bytes(32):
                raise MalformedHeader("X25519 stanza with a low-order share")
            wrap_key = hkdf_sha256(shared, share_bytes + identity.public_bytes, _X25519_LABEL)
            try:
                return ChaCha20Poly1305(wrap_key).decrypt(_ZERO_NONCE, stanza.body, None)
            except InvalidTag:
                continue
    if any(s.type == "scrypt" for s in stanzas):
        raise NoIdentityMatched("the file is encrypted with a passphrase, not to an identity")
    raise NoIdentityMatched("no identity matches a recipient of the file")
