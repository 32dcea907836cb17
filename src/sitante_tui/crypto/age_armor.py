"""ASCII armor for age files: strict PEM (RFC 7468, figure 3), streamed line by line.

Only whitespace may surround the PEM block; the base64 must be canonical, 64 columns a line.
"""

from __future__ import annotations

import binascii
from typing import Protocol

from sitante_tui.crypto.age_errors import MalformedArmor, TruncatedFile

BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
COLUMNS = 64
_GROUP = COLUMNS // 4 * 3  # bytes that encode to one full line
_WHITESPACE = b" \t\r\n"
_BATCH = (COLUMNS + 1) * 1024  # bytes of armor the fast path looks at in one go


class BinarySink(Protocol):
    """Anything with a binary ``write`` (files, ``BytesIO``, sockets wrapped in files)."""

    def write(self, data: bytes, /) -> object:
        """Write ``data``."""
        ...


class ArmorWriter:
    """Encodes everything written to it as armored text on ``sink``, 64 columns a line."""

    def __init__(self, sink: BinarySink) -> None:
        self._sink = sink
        self._pending = bytearray()
        self._sink.write(BEGIN + b"\n")

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Encode ``data``; a tail shorter than a full line waits for more."""
        self._pending += data
        full = len(self._pending) // _GROUP * _GROUP
        if full:
            self._sink.write(_lines(self._pending[:full]))
            del self._pending[:full]

    def close(self) -> None:
        """Write the last (padded, shorter) line and the END line."""
        if self._pending:
            self._sink.write(_lines(self._pending))
            self._pending.clear()
        self._sink.write(END + b"\n")


def _lines(data: bytes | bytearray) -> bytes:
    text = binascii.b2a_base64(data, newline=False)
    return b"\n".join(text[i : i + COLUMNS] for i in range(0, len(text), COLUMNS)) + b"\n"


class LineSource(Protocol):
    """A byte stream with bounded ``readline`` and ``read``, as ``_BufferedSource`` provides."""

    def readline(self, limit: int) -> bytes:
        """Up to ``limit`` bytes, stopping after the first newline; ``b""`` at end of file."""
        ...

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes; fewer only at end of file."""
        ...

    def skip_whitespace(self) -> None:
        """Consume spaces, tabs, CRs and LFs up to the next other byte."""
        ...

    def peek(self, size: int) -> bytes:
        """Up to ``size`` bytes without consuming them."""
        ...


class ArmorReader:
    """Decodes an armored age file from ``source``, strictly, one line at a time.

    Raises :class:`MalformedArmor` on any deviation from canonical armor and
    :class:`TruncatedFile` when the END line is missing.
    """

    def __init__(self, source: LineSource) -> None:
        self._source = source
        self._decoded = bytearray()
        self._started = False
        self._last_line_seen = False
        self._any_data = False
        self._finished = False

    def read(self, size: int) -> bytes:
        """Up to ``size`` decoded bytes; fewer only once the END line has been read."""
        if not self._started:
            self._start()
        while len(self._decoded) < size and not self._finished:
            if not self._decode_full_lines():
                self._decode_line()
        out = bytes(self._decoded[:size])
        del self._decoded[:size]
        return out

    def _start(self) -> None:
        self._started = True
        self._source.skip_whitespace()  # whitespace before the block is allowed
        line = self._source.readline(len(BEGIN) + 2)
        if _strip_eol(line) != BEGIN or not line.endswith(b"\n"):
            raise MalformedArmor("armor does not start with the BEGIN line")

    def _decode_full_lines(self) -> bool:
        """Fast path: decode a run of full 64-column LF lines at once; False if there is none.

        Anything unusual (padding, CRLF, the END line, a malformed line) stops the run and is
        left to the strict line-by-line path, which also produces the error messages.
        """
        if self._last_line_seen:
            return False
        block = self._source.peek(_BATCH)
        stops = [i for i in (block.find(b"-"), block.find(b"="), block.find(b"\r")) if i >= 0]
        count = min(stops, default=len(block)) // (COLUMNS + 1)
        run = block[: count * (COLUMNS + 1)]
        if not count or run.count(b"\n") != count or run[COLUMNS :: COLUMNS + 1] != b"\n" * count:
            return False
        try:
            # Full lines carry no padding, so a strict decode is also a canonical one.
            decoded = binascii.a2b_base64(run.replace(b"\n", b""), strict_mode=True)
        except binascii.Error:
            return False
        self._source.read(len(run))
        self._decoded += decoded
        self._any_data = True
        return True

    def _decode_line(self) -> None:
        raw = self._source.readline(COLUMNS + 2)
        if not raw:
            raise TruncatedFile("armored file ends before its END line")
        line = _strip_eol(raw)
        if line == END:
            self._finish()
            return
        if not raw.endswith(b"\n"):
            if len(raw) > COLUMNS:
                raise MalformedArmor("armor line longer than 64 columns")
            raise TruncatedFile("armored file ends before its END line")
        if self._last_line_seen or not line or len(line) > COLUMNS or len(line) % 4:
            raise MalformedArmor("armor line of the wrong length")
        try:
            decoded = binascii.a2b_base64(line, strict_mode=True)
        except binascii.Error:
            raise MalformedArmor("invalid base64 in armor") from None
        if binascii.b2a_base64(decoded, newline=False) != line:
            raise MalformedArmor("non-canonical base64 in armor")
        self._last_line_seen = len(line) < COLUMNS or line.endswith(b"=")
        self._any_data = True
        self._decoded += decoded

    def _finish(self) -> None:
        if not self._any_data:
            raise MalformedArmor("armor contains no data")
        while chunk := self._source.read(64 * 1024):
            if chunk.strip(_WHITESPACE):
                raise MalformedArmor("data after the END line")
        self._finished = True


def _strip_eol(line: bytes) -> bytes:
    """Drop one LF or CRLF line ending (both are accepted, as the spec allows)."""
    if line.endswith(b"\r\n"):
        return line[:-2]
    if line.endswith(b"\n"):
        return line[:-1]
    return line
