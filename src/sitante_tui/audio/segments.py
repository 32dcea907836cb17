"""What a recording produces: closed segments of audio and stage markers, and where they go."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from sitante_tui.audio.devices import SAMPLE_RATE
from sitante_tui.audio.segmenter import CutReason

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True)
class StageMarker:
    """The session entered ``stage`` at ``offset_seconds`` into the recording."""

    offset_seconds: float
    stage: str

    def to_dict(self) -> dict[str, Any]:
        return {"offset_seconds": self.offset_seconds, "stage": self.stage}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StageMarker:
        return cls(float(data["offset_seconds"]), str(data["stage"]))


@dataclass(frozen=True)
class ClosedSegment:
    """A finished piece of the recording: 16 kHz mono signed 16-bit little-endian PCM.

    ``start_seconds`` counts recorded time only (pauses excluded), the same clock as
    :class:`StageMarker`. ``speech_end_at`` is the ``time.monotonic()`` moment its last
    speech was captured (for measuring the live-transcription lag).
    """

    index: int
    start_seconds: float
    pcm: bytes
    cut: CutReason
    has_speech: bool
    closed_at: float
    speech_end_at: float
    sample_rate: int = SAMPLE_RATE

    @property
    def duration_seconds(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate

    @property
    def end_seconds(self) -> float:
        return self.start_seconds + self.duration_seconds

    def samples(self) -> npt.NDArray[np.int16]:
        """The PCM as an int16 array (a view, no copy)."""
        import numpy as np

        return np.frombuffer(self.pcm, dtype="<i2")


class SegmentSink(Protocol):
    """Where closed segments and stage markers go (an encrypted store, in the app)."""

    def write_segment(self, segment: ClosedSegment) -> None: ...

    def write_marker(self, marker: StageMarker) -> None: ...
