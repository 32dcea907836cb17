"""Cutting a stream of 16 kHz samples into short segments at pauses (a cheap energy VAD).

A segment closes at the first pause of at least ``min_pause_seconds`` once it is
``min_seconds`` long, and never grows past ``max_seconds`` (then it is cut at its quietest
30 ms frame near the end). Short segments bound what a crash can lose; cutting at pauses keeps
words whole for the live transcription.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.int16]

FRAME = 480  # 30 ms at 16 kHz
_FULL_SCALE = 32768.0
SILENT_DBFS = -120.0


class CutReason(StrEnum):
    """Why a segment was closed."""

    PAUSE = "pause"  # a pause in the speech
    MAX_LENGTH = "max_length"  # no pause found before the length limit
    PAUSED = "paused"  # the coach pressed pause
    STOPPED = "stopped"  # the recording ended (stop, withdrawal, device lost)


@dataclass(frozen=True)
class SegmentPolicy:
    """Where segments may be cut."""

    min_seconds: float = 5.0
    max_seconds: float = 10.0
    min_pause_seconds: float = 0.25
    # A frame is quiet below max(noise floor + margin, silence_dbfs).
    margin_db: float = 10.0
    silence_dbfs: float = -55.0
    # How far back from the length limit a forced cut looks for the quietest frame.
    search_back_seconds: float = 3.0
    sample_rate: int = 16_000


@dataclass(frozen=True)
class Chunk:
    """A closed piece of audio and what the VAD saw in it."""

    samples: Samples
    cut: CutReason
    has_speech: bool
    trailing_quiet_seconds: float


def dbfs(samples: Samples) -> tuple[float, float]:
    """RMS and peak level of int16 ``samples`` in dBFS (``SILENT_DBFS`` for silence)."""
    import numpy as np

    if samples.size == 0:
        return SILENT_DBFS, SILENT_DBFS
    as_float = samples.astype(np.float32)
    rms = float(np.sqrt(np.mean(as_float * as_float)))
    peak = float(np.max(np.abs(as_float)))
    return _to_db(rms), _to_db(peak)


def _to_db(value: float) -> float:
    if value <= 0:
        return SILENT_DBFS
    return max(SILENT_DBFS, 20.0 * math.log10(value / _FULL_SCALE))


class PauseSegmenter:
    """Feed it samples; it hands back the segments that closed.

    Not thread-safe: one writer thread owns it.
    """

    def __init__(self, policy: SegmentPolicy | None = None) -> None:
        import numpy as np

        self.policy = policy or SegmentPolicy()
        rate = self.policy.sample_rate
        frame_seconds = FRAME / rate
        self._min_frames = round(self.policy.min_seconds / frame_seconds)
        self._max_frames = round(self.policy.max_seconds / frame_seconds)
        self._pause_frames = max(1, round(self.policy.min_pause_seconds / frame_seconds))
        self._search_frames = round(self.policy.search_back_seconds / frame_seconds)
        self._buffer: Samples = np.zeros(0, dtype=np.int16)
        self._frame_db: list[float] = []
        self._quiet: list[bool] = []
        self._floor: float | None = None

    @property
    def buffered_seconds(self) -> float:
        """Audio held in memory, not yet in a closed segment."""
        return len(self._buffer) / self.policy.sample_rate

    def feed(self, samples: Samples) -> list[Chunk]:
        """Add ``samples``; return the segments that closed (usually none)."""
        import numpy as np

        self._buffer = np.concatenate((self._buffer, samples))
        closed: list[Chunk] = []
        while len(self._frame_db) * FRAME + FRAME <= len(self._buffer):
            start = len(self._frame_db) * FRAME
            self._analyse(self._buffer[start : start + FRAME])
            cut = self._cut_point()
            if cut is not None:
                closed.append(self._cut(*cut))
        return closed

    def flush(self, reason: CutReason) -> Chunk | None:
        """Close whatever is buffered (``None`` when nothing is)."""
        if len(self._buffer) == 0:
            return None
        if len(self._buffer) > len(self._frame_db) * FRAME:
            # The unanalysed tail (less than one frame) still counts for has_speech.
            self._analyse(self._buffer[len(self._frame_db) * FRAME :])
        return self._cut(len(self._frame_db), reason, whole=True)

    def _analyse(self, frame: Samples) -> None:
        level, _ = dbfs(frame)
        # Noise floor: follows quiet frames down at once, creeps up 1 dB a second.
        if self._floor is None or level < self._floor:
            self._floor = level
        else:
            self._floor += 0.03
        threshold = max(self._floor + self.policy.margin_db, self.policy.silence_dbfs)
        self._frame_db.append(level)
        self._quiet.append(level < threshold)

    def _cut_point(self) -> tuple[int, CutReason] | None:
        frames = len(self._frame_db)
        long_enough = frames >= self._min_frames and frames >= self._pause_frames
        if long_enough and all(self._quiet[-self._pause_frames :]):
            # Cut in the middle of the pause: each side keeps some silence.
            return frames - self._pause_frames // 2, CutReason.PAUSE
        if frames >= self._max_frames:
            lo = max(self._min_frames, frames - self._search_frames)
            window = self._frame_db[lo:frames]
            quietest = lo + min(range(len(window)), key=window.__getitem__)
            return max(quietest, 1), CutReason.MAX_LENGTH
        return None

    def _cut(self, frame_index: int, reason: CutReason, whole: bool = False) -> Chunk:
        end = len(self._buffer) if whole else frame_index * FRAME
        samples = self._buffer[:end].copy()
        quiet = self._quiet[:frame_index]
        trailing = 0
        for flag in reversed(quiet):
            if not flag:
                break
            trailing += 1
        chunk = Chunk(
            samples=samples,
            cut=reason,
            has_speech=not all(quiet),
            trailing_quiet_seconds=trailing * FRAME / self.policy.sample_rate,
        )
        self._buffer = self._buffer[end:].copy()
        self._frame_db = self._frame_db[frame_index:] if not whole else []
        self._quiet = self._quiet[frame_index:] if not whole else []
        return chunk
