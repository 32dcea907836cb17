"""Live draft transcription: closed segments in, draft passages out, a few seconds behind.

One worker thread transcribes each closed segment as it arrives. The draft is only a draft:
short chunks cost accuracy, and the after-session pass over the whole recording replaces it.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from sitante_tui.transcription.transcriber import Transcriber
from sitante_tui.transcription.transcript import (
    MarkerLike,
    Transcript,
    TranscriptSegment,
    stage_at,
)


class ChunkLike(Protocol):
    """A closed audio segment (``sitante_tui.audio.segments.ClosedSegment`` fits)."""

    @property
    def pcm(self) -> bytes: ...

    @property
    def start_seconds(self) -> float: ...

    @property
    def end_seconds(self) -> float: ...

    @property
    def has_speech(self) -> bool: ...

    @property
    def speech_end_at(self) -> float: ...


@dataclass(frozen=True)
class DraftUpdate:
    """New draft text for one chunk (a message the UI shows as it comes).

    Attributes:
        segments: the chunk's passages, stage-tagged (may be empty: nothing was said).
        chunk_start, chunk_end: the chunk's place in the recording, in seconds.
        lag_seconds: from the end of its speech to now (when the text is ready to show).
        pending: chunks still waiting.
        skipped_seconds: audio left out of the draft so far because transcription fell
            behind (the after-session pass still covers it).
    """

    segments: list[TranscriptSegment]
    chunk_start: float
    chunk_end: float
    lag_seconds: float
    pending: int
    skipped_seconds: float


class LiveTranscriber:
    """Transcribes closed segments in a background thread while the session goes on.

    Args:
        transcriber: the loaded (or lazily loading) model.
        lang: the session's language.
        on_draft: called from the worker thread with each :class:`DraftUpdate`.
        on_error: called from the worker thread if transcription fails (model missing or
            broken); the live draft then stops, the recording does not.
        markers: returns the stage markers so far (e.g. ``lambda: recording.markers``).
        max_pending: chunks allowed to wait; beyond that the oldest are skipped.
    """

    def __init__(
        self,
        transcriber: Transcriber,
        lang: str,
        *,
        on_draft: Callable[[DraftUpdate], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        markers: Callable[[], Iterable[MarkerLike]] | None = None,
        max_pending: int = 30,
    ) -> None:
        self.transcriber = transcriber
        self.lang = lang
        self._on_draft = on_draft
        self._on_error = on_error
        self._markers = markers
        self._max_pending = max_pending
        self._pending: collections.deque[ChunkLike] = collections.deque()
        self._wake = threading.Condition()
        self._closing = False
        self._draft = Transcript(language=lang, draft=True, model=transcriber.label)
        self._draft_lock = threading.Lock()
        self._skipped = 0.0
        self.lags: list[float] = []
        self.error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="sitante-live", daemon=True)
        self._started = False

    @property
    def draft(self) -> Transcript:
        """A copy of the draft so far."""
        with self._draft_lock:
            return replace(self._draft, segments=list(self._draft.segments))

    @property
    def pending(self) -> int:
        return len(self._pending)

    def start(self) -> None:
        """Start the worker (idempotent)."""
        if not self._started:
            self._started = True
            self._thread.start()

    def submit(self, chunk: ChunkLike) -> None:
        """Queue a closed segment (any thread, never blocks). Silent segments are skipped."""
        if not chunk.has_speech or self.error is not None:
            return
        self.start()
        with self._wake:
            if self._closing:
                return
            while len(self._pending) >= self._max_pending:
                dropped = self._pending.popleft()
                self._skipped += dropped.end_seconds - dropped.start_seconds
            self._pending.append(chunk)
            self._wake.notify()

    def stop(self, *, drain: bool = True, timeout: float | None = None) -> None:
        """Stop the worker; with ``drain`` it first transcribes what is queued."""
        with self._wake:
            self._closing = True
            if not drain:
                self._pending.clear()
            self._wake.notify()
        if self._started:
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._pending and not self._closing:
                    self._wake.wait()
                if not self._pending:
                    return
                chunk = self._pending.popleft()
            try:
                segments = self.transcriber.transcribe_chunk(
                    chunk.pcm, self.lang, offset=chunk.start_seconds
                )
            except Exception as exc:
                self.error = exc
                if self._on_error is not None:
                    self._on_error(exc)
                return
            markers = sorted(self._markers() if self._markers else (), key=_offset)
            segments = [
                replace(s, stage=stage_at(markers, (s.start + s.end) / 2)) for s in segments
            ]
            with self._draft_lock:
                self._draft.segments.extend(segments)
            lag = time.monotonic() - chunk.speech_end_at
            self.lags.append(lag)
            if self._on_draft is not None:
                self._on_draft(
                    DraftUpdate(
                        segments=segments,
                        chunk_start=chunk.start_seconds,
                        chunk_end=chunk.end_seconds,
                        lag_seconds=lag,
                        pending=len(self._pending),
                        skipped_seconds=self._skipped,
                    )
                )


def _offset(marker: MarkerLike) -> float:
    return marker.offset_seconds
