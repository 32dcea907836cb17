"""The age v1 header: stanzas, the header MAC and strict parsing of the textual format.

Parsing follows the C2SP ABNF exactly; anything else is a :class:`MalformedHeader`.
"""

from __future__ import annotations

import binascii
import hmac
import re
import secrets
from dataclasses import dataclass
from hashlib import sha256
from typing import Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sitante_tui.crypto.age_errors import MalformedHeader, TruncatedFile

VERSION_LINE = b"age-encryption.org/v1"
MAC_MARK = b"---"
COLUMNS = 64
MAX_LINE = 16 * 1024  # far above any known stanza argument (ML-KEM shares are ~1.5 KB)
MAX_HEADER = 1024 * 1024  # refuse absurd headers instead of reading a huge file into memory

_B64_CHARS = re.compile(rb"[A-Za-z0-9+/]*")


def b64encode_raw(data: bytes) -> str:
    """Standard base64 without ``=`` padding, as used throughout the age header."""
    return binascii.b2a_base64(data, newline=False).rstrip(b"=").decode("ascii")


def b64decode_raw(text: bytes | bytearray | str) -> bytes:
    """Decode unpadded base64, rejecting padding and non-canonical encodings.

    Raises:
        MalformedHeader: The text is not canonical unpadded base64.
    """
    raw = text.encode("ascii") if isinstance(text, str) else bytes(text)
    if not _B64_CHARS.fullmatch(raw) or len(raw) % 4 == 1:
        raise MalformedHeader("invalid base64 in header")
    try:
        decoded = binascii.a2b_base64(raw + b"=" * (-len(raw) % 4), strict_mode=True)
    except binascii.Error:
        raise MalformedHeader("invalid base64 in header") from None
    if b64encode_raw(decoded).encode("ascii") != raw:
        raise MalformedHeader("non-canonical base64 in header")
    return decoded


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA-256 with a 32-byte output, as every age key derivation uses."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


@dataclass(frozen=True)
class Stanza:
    """One recipient stanza: a type, its arguments and a binary body."""

    type: str
    args: tuple[str, ...]
    body: bytes

    def encode(self) -> bytes:
        """The stanza as header text: argument line, then the body wrapped at 64 columns."""
        text = b64encode_raw(self.body)
        lines = [text[i : i + COLUMNS] for i in range(0, len(text), COLUMNS)]
        if not lines or len(lines[-1]) == COLUMNS:
            lines.append("")  # the body always ends with a line shorter than 64 columns
        arg_line = " ".join(("->", self.type, *self.args))
        return ("\n".join([arg_line, *lines]) + "\n").encode("ascii")


@dataclass(frozen=True)
class Header:
    """A parsed header: its stanzas, the MAC and the exact bytes the MAC covers."""

    stanzas: tuple[Stanza, ...]
    mac: bytes
    mac_input: bytes


def header_mac(file_key: bytes, mac_input: bytes) -> bytes:
    """HMAC-SHA-256 over the header up to and including ``---``."""
    key = hkdf_sha256(file_key, b"", b"header")
    return hmac.new(key, mac_input, sha256).digest()


def encode_header(stanzas: list[Stanza], file_key: bytes) -> bytes:
    """Serialise a header and seal it with its MAC.

    Args:
        stanzas: The recipient stanzas, each wrapping ``file_key``.
        file_key: The 16-byte file key.

    Returns:
        The header bytes, ending with the MAC line.
    """
    mac_input = VERSION_LINE + b"\n" + b"".join(s.encode() for s in stanzas) + MAC_MARK
    mac = header_mac(file_key, mac_input)
    return mac_input + b" " + b64encode_raw(mac).encode("ascii") + b"\n"


def verify_header_mac(header: Header, file_key: bytes) -> bool:
    """Whether the header MAC authenticates under ``file_key`` (constant-time comparison)."""
    return hmac.compare_digest(header_mac(file_key, header.mac_input), header.mac)


def grease_stanza() -> Stanza:
    """A random stanza of an unknown type, so that readers keep ignoring unknown types.

    This is the "grease" the spec's rule "identities MUST ignore unrecognized stanzas" allows.
    """
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=!#$%&*.:;?@^_|~"
    tag = "".join(secrets.choice(alphabet) for _ in range(1 + secrets.randbelow(8))) + "-grease"
    args = tuple(
        "".join(secrets.choice(alphabet) for _ in range(1 + secrets.randbelow(12)))
        for _ in range(secrets.randbelow(3))
    )
    return Stanza(tag, args, secrets.token_bytes(secrets.randbelow(65)))


class LineSource(Protocol):
    """What the header parser reads from: a byte stream with bounded ``readline``."""

    def readline(self, limit: int) -> bytes:
        """Up to ``limit`` bytes, stopping after the first newline; ``b""`` at end of file."""
        ...


class _LineReader:
    """Reads header lines and keeps the raw bytes, which the MAC covers."""

    def __init__(self, source: LineSource) -> None:
        self._source = source
        self.raw = bytearray()

    def next(self) -> bytes:
        line = self._source.readline(MAX_LINE + 1)
        self.raw += line
        if len(self.raw) > MAX_HEADER:
            raise MalformedHeader("header too large")
        if not line.endswith(b"\n"):
            if len(line) > MAX_LINE:
                raise MalformedHeader("header line too long")
            raise TruncatedFile("file ends inside the header")
        return line[:-1]


def _is_vchar_arg(arg: bytes) -> bool:
    return bool(arg) and all(33 <= byte <= 126 for byte in arg)


def read_header(source: LineSource) -> Header:
    """Read and strictly parse an age v1 header, leaving ``source`` at the payload.

    Raises:
        MalformedHeader: The header violates the format.
        TruncatedFile: The input ends inside the header.
    """
    reader = _LineReader(source)
    first = source.readline(len(VERSION_LINE) + 1)
    reader.raw += first
    if first != VERSION_LINE + b"\n":
        if not first.endswith(b"\n") and VERSION_LINE.startswith(first):
            raise TruncatedFile("file ends inside the header")
        if first.startswith(b"age-encryption.org/"):
            raise MalformedHeader("unsupported age format version")
        raise MalformedHeader("not an age v1 file")
    stanzas: list[Stanza] = []
    line = reader.next()
    while True:
        if line.startswith(MAC_MARK):
            return _parse_mac_line(line, stanzas, bytes(reader.raw[: -len(line) - 1 + 3]))
        if not line.startswith(b"-> "):
            raise MalformedHeader("unexpected line in header")
        args = line[3:].split(b" ")
        if not all(_is_vchar_arg(arg) for arg in args):
            raise MalformedHeader("invalid stanza argument")
        body = bytearray()
        while True:
            body_line = reader.next()
            if len(body_line) > COLUMNS:
                raise MalformedHeader("stanza body line longer than 64 columns")
            body += body_line
            if len(body_line) < COLUMNS:
                break
        decoded_args = [arg.decode("ascii") for arg in args]
        stanzas.append(Stanza(decoded_args[0], tuple(decoded_args[1:]), b64decode_raw(body)))
        line = reader.next()


def _parse_mac_line(line: bytes, stanzas: list[Stanza], mac_input: bytes) -> Header:
    if not stanzas:
        raise MalformedHeader("header has no recipient stanza")
    if not line.startswith(b"--- ") or len(line) != 4 + 43:
        raise MalformedHeader("malformed header MAC line")
    mac = b64decode_raw(line[4:])
    return Header(tuple(stanzas), mac, mac_input)
