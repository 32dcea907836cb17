"""A recording on disk: one age-encrypted file per closed segment, plus encrypted stage markers.

Layout of ``audio/<session>/``::

    r01-seg00000.age   r01-seg00001.age ...   r01-markers.age   r02-seg00000.age ...

Each ``start()`` of a recorder in the same folder (a resume after a crash, a second take) is a
new *run* (``r01``, ``r02``...), so nothing is overwritten; offsets of later runs continue after
the earlier ones. A segment decrypts to a complete WAV file (16 kHz mono s16le) with an extra
``sitm`` chunk holding its metadata as JSON, so it can be recovered with the standard tool:
``age -d -i coach-identity.txt r01-seg00000.age > part.wav``. The markers file decrypts to JSON.

Files are encrypted to the coach's age recipient and read with the coach's identity (strings
``age1…``/``AGE-SECRET-KEY-1…``); tests may pass ``encrypt``/``decrypt`` callables instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitante_tui.audio.segments import ClosedSegment, StageMarker
from sitante_tui.crypto.age_callables import Identity, Recipient, decryptor, encryptor

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


_SEGMENT = re.compile(r"^r(\d{2,})-seg(\d{5,})\.age$")
_MARKERS = re.compile(r"^r(\d{2,})-markers\.age$")
_META_CHUNK = b"sitm"
# Overwritten before a file is unlinked: it covers the age header, which holds the file key
# (wrapped to the coach's recipient) and the payload nonce.
_HEADER_WIPE = 4096


class SegmentFormatError(ValueError):
    """A decrypted segment is not a WAV file this version can read."""


@dataclass(frozen=True)
class StoredSegment:
    """One segment read back: where it sits in the recording and its samples (s16le PCM)."""

    run: int
    index: int
    start_seconds: float
    pcm: bytes
    sample_rate: int
    meta: dict[str, Any]

    @property
    def duration_seconds(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


class EncryptedSegmentStore:
    """Writes segments and markers of one session's recording, each encrypted and atomic.

    Implements the recorder's ``SegmentSink``. Nothing touches the disk before the first
    segment or marker is written (the folder is created then).

    Args:
        directory: the session's audio folder (``Workspace.audio_dir / session_id``).
        recipient: the coach's age recipient (``age1…``), or a function that encrypts to it.
    """

    def __init__(self, directory: Path, recipient: Recipient) -> None:
        self.directory = directory
        self._encrypt = encryptor(recipient)
        self._lock = threading.Lock()
        self._run: int | None = None
        self._markers: list[StageMarker] = []

    # -- writing (the recorder's writer thread) ---------------------------------------

    def write_segment(self, segment: ClosedSegment) -> None:
        """Store ``segment`` as ``rNN-segNNNNN.age`` (WAV inside, encrypted)."""
        meta = {
            "index": segment.index,
            "start_seconds": segment.start_seconds,
            "cut": str(segment.cut),
            "has_speech": segment.has_speech,
        }
        plaintext = encode_wav(segment.pcm, segment.sample_rate, meta)
        with self._lock:
            run = self._current_run()
            self._write_atomic(f"r{run:02d}-seg{segment.index:05d}.age", plaintext)

    def write_marker(self, marker: StageMarker) -> None:
        """Add a stage marker; rewrites ``rNN-markers.age`` (a few hundred bytes)."""
        with self._lock:
            run = self._current_run()
            self._markers.append(marker)
            data = json.dumps({"markers": [m.to_dict() for m in self._markers]}).encode()
            self._write_atomic(f"r{run:02d}-markers.age", data)

    def _current_run(self) -> int:
        if self._run is None:
            existing = [run for run, _ in self._indexed(_SEGMENT)]
            existing += [run for run, _ in self._indexed(_MARKERS)]
            self._run = max(existing, default=0) + 1
        return self._run

    def _write_atomic(self, name: str, plaintext: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = self._encrypt(plaintext)
        target = self.directory / name
        tmp = self.directory / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_directory(self.directory)

    # -- reading ----------------------------------------------------------------------

    def exists(self) -> bool:
        """Whether any segment or marker file is on disk."""
        return bool(self.files())

    def files(self) -> list[Path]:
        """Every file of this recording (segments, markers, leftover temp files)."""
        if not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.iterdir() if p.is_file())

    def segment_files(self) -> list[Path]:
        """Segment files in recording order."""
        found = [(run, index, p) for (run, index), p in self._indexed_paths(_SEGMENT)]
        return [p for _, _, p in sorted(found)]

    def read_segments(self, identity: Identity) -> Iterator[StoredSegment]:
        """Decrypt segments in order (one at a time, in memory); offsets run across runs.

        Raises:
            AgeError: wrong identity, or a damaged or altered file.
        """
        decrypt = decryptor(identity)
        run_base = 0.0
        current_run: int | None = None
        run_end = 0.0
        for path in self.segment_files():
            match = _SEGMENT.match(path.name)
            assert match is not None
            run, index = int(match[1]), int(match[2])
            if run != current_run:
                run_base, current_run = run_end, run
            pcm, rate, meta = decode_wav(decrypt(path.read_bytes()))
            start = run_base + float(meta.get("start_seconds", 0.0))
            segment = StoredSegment(run, index, start, pcm, rate, meta)
            run_end = max(run_end, start + segment.duration_seconds)
            yield segment

    def read_pcm(self, identity: Identity) -> bytes:
        """The whole recording as 16 kHz mono s16le PCM."""
        return b"".join(segment.pcm for segment in self.read_segments(identity))

    def read_audio(self, identity: Identity) -> npt.NDArray[np.float32]:
        """The whole recording as float32 samples in [-1, 1] (what faster-whisper takes)."""
        return pcm_to_float(self.read_pcm(identity))

    def iter_windows(
        self, identity: Identity, max_seconds: float = 300.0
    ) -> Iterator[tuple[float, npt.NDArray[np.float32]]]:
        """The recording in windows of whole segments, up to ``max_seconds`` each.

        Yields ``(start_seconds, samples)``; lets a long recording be transcribed without
        holding it all in memory (windows end at segment boundaries, i.e. at pauses).
        """
        parts: list[bytes] = []
        start = 0.0
        length = 0.0
        for segment in self.read_segments(identity):
            if parts and length + segment.duration_seconds > max_seconds:
                yield start, pcm_to_float(b"".join(parts))
                parts, length = [], 0.0
            if not parts:
                start = segment.start_seconds
            parts.append(segment.pcm)
            length += segment.duration_seconds
        if parts:
            yield start, pcm_to_float(b"".join(parts))

    def duration_seconds(self, identity: Identity) -> float:
        """Recorded time (sum of the segments)."""
        return sum(segment.duration_seconds for segment in self.read_segments(identity))

    def read_markers(self, identity: Identity) -> list[StageMarker]:
        """Stage markers of every run, offsets on the same clock as :meth:`read_segments`."""
        decrypt = decryptor(identity)
        marker_files = sorted(self._indexed_paths(_MARKERS))
        run_starts: dict[int, float] = {1: 0.0}
        end = 0.0
        if any(run > 1 for (run, _), _ in marker_files):
            # Later runs start where the earlier ones ended: read the segments to know where.
            for segment in self.read_segments(identity):
                base = segment.start_seconds - float(segment.meta.get("start_seconds", 0.0))
                run_starts.setdefault(segment.run, base)
                end = max(end, segment.start_seconds + segment.duration_seconds)
        markers: list[StageMarker] = []
        for (run, _), path in marker_files:
            base = run_starts.get(run, end)
            data = json.loads(decrypt(path.read_bytes()))
            for raw in data.get("markers", []):
                marker = StageMarker.from_dict(raw)
                markers.append(StageMarker(base + marker.offset_seconds, marker.stage))
        return sorted(markers, key=lambda m: m.offset_seconds)

    # -- deleting ---------------------------------------------------------------------

    def delete_all(self) -> int:
        """Erase every file of this recording and the folder; returns how many files went.

        Each age file carries its own random file key, wrapped to the coach's recipient in the
        file's header, and nowhere else. Before unlinking, the header is overwritten with random
        bytes, so the payload cannot be decrypted even by the coach's identity and even if its
        blocks survive on disk (on SSDs and copy-on-write file systems an in-place overwrite is
        best effort; the unlink is what removes the file). No plaintext was ever written, so
        nothing else needs wiping.
        """
        removed = 0
        with self._lock:
            for path in self.files():
                _wipe_header(path)
                path.unlink(missing_ok=True)
                removed += 1
            with contextlib.suppress(OSError):
                self.directory.rmdir()
            self._markers.clear()
            self._run = None
        return removed

    # -- helpers ----------------------------------------------------------------------

    def _indexed(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [key for key, _ in self._indexed_paths(pattern)]

    def _indexed_paths(self, pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], Path]]:
        if not self.directory.is_dir():
            return []
        found = []
        for path in self.directory.iterdir():
            match = pattern.match(path.name)
            if match:
                index = int(match[2]) if match.lastindex and match.lastindex > 1 else 0
                found.append(((int(match[1]), index), path))
        return found


def pcm_to_float(pcm: bytes) -> npt.NDArray[np.float32]:
    """s16le PCM to float32 samples in [-1, 1]."""
    import numpy as np

    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


def encode_wav(pcm: bytes, sample_rate: int, meta: dict[str, Any]) -> bytes:
    """A mono s16le WAV file with ``meta`` as JSON in a ``sitm`` chunk (players skip it)."""
    meta_bytes = json.dumps(meta, separators=(",", ":")).encode()
    if len(meta_bytes) % 2:
        meta_bytes += b" "
    fmt = struct.pack("<HHIIHH", 1, 1, sample_rate, sample_rate * 2, 2, 16)
    body = (
        b"WAVE"
        + b"fmt " + struct.pack("<I", len(fmt)) + fmt
        + _META_CHUNK + struct.pack("<I", len(meta_bytes)) + meta_bytes
        + b"data" + struct.pack("<I", len(pcm)) + pcm
    )  # fmt: skip
    return b"RIFF" + struct.pack("<I", len(body)) + body


def decode_wav(data: bytes) -> tuple[bytes, int, dict[str, Any]]:
    """``(pcm, sample_rate, meta)`` from a file written by :func:`encode_wav`."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SegmentFormatError("not a WAV file")
    pos = 12
    rate = 0
    meta: dict[str, Any] = {}
    pcm: bytes | None = None
    while pos + 8 <= len(data):
        chunk_id = data[pos : pos + 4]
        (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        body = data[pos + 8 : pos + 8 + size]
        if chunk_id == b"fmt ":
            audio_format, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
            if (audio_format, channels, bits) != (1, 1, 16):
                raise SegmentFormatError("expected mono 16-bit PCM")
        elif chunk_id == _META_CHUNK:
            meta = json.loads(body)
        elif chunk_id == b"data":
            pcm = body
        pos += 8 + size + (size % 2)
    if pcm is None or not rate:
        raise SegmentFormatError("missing fmt or data chunk")
    return pcm, rate, meta


def _wipe_header(path: Path) -> None:
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.write(secrets.token_bytes(min(size, _HEADER_WIPE)))
            handle.flush()
            os.fsync(handle.fileno())


def _fsync_directory(directory: Path) -> None:
    """Make a rename durable on POSIX; Windows cannot open a folder (and needs no fsync)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
