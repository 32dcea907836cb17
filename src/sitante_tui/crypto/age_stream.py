"""Streaming age encryption: :class:`AgeWriter` and :class:`AgeReader` over binary file objects.

The payload is STREAM: 64 KiB chunks of ChaCha20-Poly1305, so memory stays flat for long audio.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from sitante_tui.crypto.age_armor import BEGIN, ArmorReader, ArmorWriter, BinarySink
from sitante_tui.crypto.age_errors import (
    AuthenticationFailed,
    TrailingData,
    TruncatedFile,
)
from sitante_tui.crypto.age_header import (
    encode_header,
    grease_stanza,
    hkdf_sha256,
    read_header,
    verify_header_mac,
)
from sitante_tui.crypto.age_keys import (
    DEFAULT_WORK_FACTOR,
    FILE_KEY_SIZE,
    parse_identity,
    parse_recipient,
    unwrap_scrypt,
    unwrap_x25519,
    wrap_scrypt,
    wrap_x25519,
)

CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE
NONCE_SIZE = 16
_MAX_COUNTER = 1 << 88
_WHITESPACE = b" \t\r\n"


class BinarySource(Protocol):
    """Anything with a binary ``read(size)``: files opened ``"rb"``, ``BytesIO``, pipes."""

    def read(self, size: int, /) -> bytes:
        """Up to ``size`` bytes; ``b""`` at end of file."""
        ...


def _one_of(keys: Sequence[str], passphrase: str | None, what: str) -> None:
    if isinstance(keys, str):
        raise TypeError(f"{what} must be a sequence of strings, not a single string")
    if bool(keys) == (passphrase is not None):
        raise ValueError(f"give exactly one of {what} or passphrase")


def _chunk_nonce(counter: int, last: bool) -> bytes:
    if counter >= _MAX_COUNTER:
        raise OverflowError("age STREAM chunk counter exhausted")
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class AgeWriter:
    """Encrypts to an age file on ``fileobj`` as data is written; the header goes out at once.

    Only one chunk (64 KiB) is buffered. ``close()`` (or leaving the ``with`` block) writes the
    final chunk; it does not close ``fileobj``. A file that was never closed is detected as
    truncated on reading.

    Args:
        fileobj: A binary file object to write to.
        recipients: ``age1…`` recipients (exactly one of ``recipients`` or ``passphrase``).
        passphrase: Encrypt with scrypt under this passphrase instead.
        armor: Write ASCII armor (PEM) instead of binary.
        work_factor: log2 of the scrypt cost (passphrase only); age's default is 18.

    Raises:
        InvalidKey: A recipient string is invalid.
        ValueError: Neither or both of recipients/passphrase, or an invalid work factor.
    """

    def __init__(
        self,
        fileobj: BinarySink,
        *,
        recipients: Sequence[str] = (),
        passphrase: str | None = None,
        armor: bool = False,
        work_factor: int = DEFAULT_WORK_FACTOR,
    ) -> None:
        _one_of(recipients, passphrase, "recipients")
        file_key = secrets.token_bytes(FILE_KEY_SIZE)
        if passphrase is not None:
            stanzas = [wrap_scrypt(file_key, passphrase, work_factor)]
        else:
            keys = [parse_recipient(r) for r in recipients]
            stanzas = [wrap_x25519(file_key, key) for key in dict.fromkeys(keys)]
            stanzas.insert(secrets.randbelow(len(stanzas) + 1), grease_stanza())
        self._fileobj = fileobj
        self._armor = ArmorWriter(fileobj) if armor else None
        self._sink: BinarySink = self._armor or fileobj
        nonce = secrets.token_bytes(NONCE_SIZE)
        self._sink.write(encode_header(stanzas, file_key) + nonce)
        self._aead = ChaCha20Poly1305(hkdf_sha256(file_key, nonce, b"payload"))
        self._buffer = bytearray()
        self._counter = 0
        self._closed = False

    def write(self, data: bytes | bytearray | memoryview) -> int:
        """Encrypt ``data``; whole chunks go out at once, a partial one waits in memory.

        Returns:
            The number of bytes accepted (all of them).
        """
        if self._closed:
            raise ValueError("write to a closed AgeWriter")
        view = memoryview(data).cast("B")
        size = len(view)
        if not size:
            return 0
        pos = 0
        # A full buffered chunk is only known to be non-final once more data arrives.
        if len(self._buffer) == CHUNK_SIZE:
            self._emit(self._buffer, last=False)
            self._buffer.clear()
        if self._buffer:
            pos = min(CHUNK_SIZE - len(self._buffer), size)
            self._buffer += view[:pos]
            if len(self._buffer) == CHUNK_SIZE and pos < size:
                self._emit(self._buffer, last=False)
                self._buffer.clear()
        while size - pos > CHUNK_SIZE:
            self._emit(view[pos : pos + CHUNK_SIZE], last=False)
            pos += CHUNK_SIZE
        self._buffer += view[pos:]
        return size

    def _emit(self, chunk: bytes | bytearray | memoryview, *, last: bool) -> None:
        nonce = _chunk_nonce(self._counter, last)
        self._sink.write(self._aead.encrypt(nonce, chunk, None))
        self._counter += 1

    def close(self) -> None:
        """Write the final chunk (and the armor's END line); idempotent."""
        if self._closed:
            return
        self._closed = True
        # The final chunk may be full, and is empty only when the whole payload is empty.
        self._emit(self._buffer, last=True)
        self._buffer.clear()
        if self._armor is not None:
            self._armor.close()
        flush = getattr(self._fileobj, "flush", None)
        if callable(flush):
            flush()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has run."""
        return self._closed

    def __enter__(self) -> AgeWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # On an exception, leave the file without a final chunk: readers then see it as truncated
        # rather than as a complete file with silently missing data.
        if exc_type is None:
            self.close()
        else:
            self._closed = True


class _BufferedSource:
    """A small read-ahead buffer over a binary source, with bounded ``readline`` for the header."""

    def __init__(self, raw: BinarySource) -> None:
        self._raw = raw
        self._buffer = bytearray()
        self._eof = False

    def _fill(self, size: int) -> bool:
        if self._eof:
            return False
        piece = self._raw.read(size)
        if not piece:
            self._eof = True
            return False
        self._buffer += piece
        return True

    def peek(self, size: int) -> bytes:
        """Up to ``size`` bytes without consuming them."""
        while len(self._buffer) < size and self._fill(size - len(self._buffer)):
            pass
        return bytes(self._buffer[:size])

    def readline(self, limit: int) -> bytes:
        """Up to ``limit`` bytes, stopping after the first newline."""
        start = 0
        while True:
            end = self._buffer.find(b"\n", start, limit)
            if end >= 0:
                return self._take(end + 1)
            if len(self._buffer) >= limit:
                return self._take(limit)
            start = len(self._buffer)
            if not self._fill(4096):
                return self._take(len(self._buffer))

    def read(self, size: int) -> bytes:
        """Exactly ``size`` bytes, fewer only at end of file."""
        if not self._buffer and not self._eof:
            piece = self._raw.read(size)  # the common case: no copy through the buffer
            if len(piece) == size:
                return piece
            if not piece:
                self._eof = True
                return b""
            self._buffer += piece
        while len(self._buffer) < size and self._fill(size - len(self._buffer)):
            pass
        return self._take(min(size, len(self._buffer)))

    def skip_whitespace(self) -> None:
        """Consume spaces, tabs, CRs and LFs."""
        while True:
            stripped = self._buffer.lstrip(_WHITESPACE)
            if stripped or not self._fill(4096):
                del self._buffer[: len(self._buffer) - len(stripped)]
                return
            self._buffer.clear()

    def _take(self, size: int) -> bytes:
        out = bytes(self._buffer[:size])
        del self._buffer[:size]  # deleting a bytearray's head is amortised O(1) in CPython
        return out


def _is_armored(source: _BufferedSource) -> bool:
    head = source.peek(4096)
    return head.lstrip(_WHITESPACE).startswith(BEGIN)


class AgeReader:
    """Decrypts an age file (binary or armored) from ``fileobj``, one verified chunk at a time.

    The header is read and authenticated in the constructor, so a wrong key or passphrase fails
    at once. Every chunk is authenticated before its plaintext is returned; reaching the end of
    the input without a valid final chunk raises :class:`TruncatedFile`, bytes after it raise
    :class:`TrailingData`. Chunks returned before such an error are genuine (a reader may keep
    them to recover an interrupted recording). ``fileobj`` is never closed by the reader.

    Args:
        fileobj: A binary file object positioned at the start of the age file.
        identities: ``AGE-SECRET-KEY-1…`` identities (exactly one of these or ``passphrase``).
        passphrase: The passphrase of a scrypt-encrypted file.

    Raises:
        InvalidKey: An identity string is invalid.
        NoIdentityMatched: No identity opens the file (or a passphrase was given for a
            file encrypted to recipients).
        WrongPassphrase: The passphrase does not open the file.
        MalformedHeader: The input is not a well-formed age file.
        AuthenticationFailed: The header MAC does not verify.
        TruncatedFile: The input ends inside the header.
    """

    def __init__(
        self,
        fileobj: BinarySource,
        *,
        identities: Sequence[str] = (),
        passphrase: str | None = None,
    ) -> None:
        _one_of(identities, passphrase, "identities")
        parsed = [parse_identity(i) for i in identities]
        source = _BufferedSource(fileobj)
        if _is_armored(source):
            source = _BufferedSource(ArmorReader(source))
        self._source = source
        header = read_header(source)
        if passphrase is not None:
            file_key = unwrap_scrypt(header.stanzas, passphrase)
        else:
            file_key = unwrap_x25519(header.stanzas, parsed)
        if not verify_header_mac(header, file_key):
            raise AuthenticationFailed("the header MAC does not verify")
        nonce = source.read(NONCE_SIZE)
        if len(nonce) < NONCE_SIZE:
            raise TruncatedFile("file ends before the payload nonce")
        self._aead = ChaCha20Poly1305(hkdf_sha256(file_key, nonce, b"payload"))
        self._counter = 0
        self._done = False
        self._pending = bytearray()

    def _next_chunk(self) -> bytes | None:
        if self._done:
            return None
        sealed = self._source.read(ENCRYPTED_CHUNK_SIZE)
        if len(sealed) < TAG_SIZE:
            raise TruncatedFile("file ends before its final chunk")
        last = len(sealed) < ENCRYPTED_CHUNK_SIZE
        try:
            plain = self._aead.decrypt(_chunk_nonce(self._counter, last), sealed, None)
        except InvalidTag:
            if last:
                raise AuthenticationFailed(
                    f"payload chunk {self._counter} is damaged or cut short"
                ) from None
            try:  # a full-size chunk may also be the final one
                plain = self._aead.decrypt(_chunk_nonce(self._counter, True), sealed, None)
            except InvalidTag:
                raise AuthenticationFailed(f"payload chunk {self._counter} is damaged") from None
            last = True
        if last:
            if not plain and self._counter > 0:
                raise AuthenticationFailed("the final chunk is empty")
            if self._source.read(1):
                raise TrailingData("data follows the final chunk")
            self._done = True
        self._counter += 1
        return plain

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes of verified plaintext (all the rest when ``size`` < 0).

        Returns fewer than ``size`` bytes only at the end of the plaintext.

        Raises:
            AuthenticationFailed: A chunk does not verify (it was altered or damaged).
            TruncatedFile: The input ends before the final chunk.
            TrailingData: Bytes follow the final chunk.
        """
        if size < 0:
            parts = [bytes(self._pending)]
            self._pending.clear()
            while (chunk := self._next_chunk()) is not None:
                parts.append(chunk)
            return b"".join(parts)  # one copy, not a growing buffer
        while len(self._pending) < size and (chunk := self._next_chunk()) is not None:
            self._pending += chunk
        out_bytes = bytes(self._pending[:size])
        del self._pending[:size]
        return out_bytes

    def __iter__(self) -> Iterator[bytes]:
        """Yield the plaintext chunk by chunk (each up to 64 KiB), verifying as it goes."""
        if self._pending:
            pending = bytes(self._pending)
            self._pending.clear()
            yield pending
        while (chunk := self._next_chunk()) is not None:
            if chunk:
                yield chunk

    def close(self) -> None:
        """Stop reading and drop buffered plaintext; the wrapped file object is left open."""
        self._done = True
        self._pending.clear()

    def __enter__(self) -> AgeReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
