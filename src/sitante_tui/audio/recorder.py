"""Capturing the microphone into short closed segments.

The PortAudio callback only copies frames into a bounded queue. One writer thread measures the
level, cuts segments at pauses (:mod:`~sitante_tui.audio.segmenter`) and hands each closed
segment to a sink, which encrypts and stores it; memory holds at most one segment plus the
queue, however long the session.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from sitante_tui.audio.devices import (
    SAMPLE_RATE,
    load_sounddevice,
    negotiate_format,
    resolve_input_device,
)
from sitante_tui.audio.errors import AudioError, DeviceLost, DeviceOpenFailed, StorageFailed
from sitante_tui.audio.segmenter import (
    SILENT_DBFS,
    Chunk,
    CutReason,
    PauseSegmenter,
    SegmentPolicy,
    dbfs,
)
from sitante_tui.audio.segments import ClosedSegment, SegmentSink, StageMarker
from sitante_tui.domain.consent import ConsentRecord

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from sitante_tui.audio.resample import StreamResampler

log = logging.getLogger(__name__)


class RecorderState(StrEnum):
    """Where a recorder is in its life."""

    IDLE = "idle"
    RECORDING = "recording"
    PAUSED = "paused"
    STOPPED = "stopped"


class StopReason(StrEnum):
    """Why a recording ended."""

    REQUESTED = "requested"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    DEVICE_LOST = "device_lost"
    STORAGE_FAILED = "storage_failed"


@dataclass(frozen=True)
class Level:
    """The latest input level for a meter, in dBFS (``-120`` is silence)."""

    rms_dbfs: float = SILENT_DBFS
    peak_dbfs: float = SILENT_DBFS


SILENCE = Level()


class Recorder(Protocol):
    """What the session screen drives: start, pause, resume, stop, and what it shows."""

    @property
    def state(self) -> RecorderState: ...

    @property
    def elapsed_seconds(self) -> float: ...

    @property
    def level(self) -> Level: ...

    def start(self) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def stop(self) -> None: ...

    def mark(self, stage: str) -> StageMarker: ...


class InputStreamLike(Protocol):
    """The part of ``sounddevice.InputStream`` the recorder uses (a fake can stand in)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def abort(self) -> None: ...

    def close(self) -> None: ...


StreamFactory = Callable[..., InputStreamLike]
_BLOCK_SECONDS = 0.1


class SoundDeviceRecorder:
    """Records 16 kHz mono from a PortAudio input device through ``sounddevice``.

    Args:
        sink: receives every closed segment and stage marker, in the writer thread.
        consent: the session's consent record; :meth:`start` and :meth:`resume` refuse
            without a "yes", and a withdrawal stops the capture by itself within ~0.1 s.
        device: the device from settings (name, label or index); ``None`` = system default.
        on_error: called (in the writer thread) with the :class:`AudioError` that ended the
            recording: :class:`DeviceLost` or :class:`StorageFailed`. What was captured
            before it is kept.
        on_segment: called (in the writer thread) with each segment after the sink stored it,
            e.g. ``LiveTranscriber.submit``.
        policy: where segments are cut (5–10 s, at pauses).
        stream_factory: builds the input stream; tests and benchmarks pass a fake. Called as
            ``factory(samplerate=, channels=, dtype=, blocksize=, callback=, finished_callback=)``.
        queue_seconds: audio the queue holds if the writer falls behind (then frames drop).
        stall_seconds: no audio for this long while recording means the device is gone.
    """

    def __init__(
        self,
        sink: SegmentSink,
        *,
        consent: ConsentRecord,
        device: str | None = None,
        on_error: Callable[[AudioError], None] | None = None,
        on_segment: Callable[[ClosedSegment], None] | None = None,
        policy: SegmentPolicy | None = None,
        stream_factory: StreamFactory | None = None,
        queue_seconds: float = 60.0,
        stall_seconds: float = 3.0,
    ) -> None:
        self._sink = sink
        self._consent = consent
        self._device = device
        self._on_error = on_error
        self._on_segment = on_segment
        self._policy = policy or SegmentPolicy()
        self._stream_factory = stream_factory
        self._stall_seconds = stall_seconds
        self._queue: queue.Queue[npt.NDArray[np.int16]] = queue.Queue(
            maxsize=max(1, round(queue_seconds / _BLOCK_SECONDS))
        )
        self._markers: collections.deque[StageMarker] = collections.deque()
        self._all_markers: list[StageMarker] = []
        self._state = RecorderState.IDLE
        self._stop_reason: StopReason | None = None
        self._error: AudioError | None = None
        self._level = SILENCE
        self._samples = 0  # 16 kHz samples recorded (pauses excluded)
        self._dropped_frames = 0
        self._stream: InputStreamLike | None = None
        self._stream_lock = threading.Lock()
        self._stream_finished = threading.Event()
        self._expect_finish = False
        self._stop_requested = threading.Event()
        self._pause_pending = False
        self._writer: threading.Thread | None = None
        self._resampler: StreamResampler | None = None
        self._segment_index = 0
        self._segment_start = 0
        self._last_block_at = 0.0
        self.device_label: str | None = None

    # -- what the UI reads -------------------------------------------------------------

    @property
    def state(self) -> RecorderState:
        return self._state

    @property
    def stop_reason(self) -> StopReason | None:
        """Why the recording ended (``None`` while it runs)."""
        return self._stop_reason

    @property
    def error(self) -> AudioError | None:
        """The error that ended the recording, if one did."""
        return self._error

    @property
    def elapsed_seconds(self) -> float:
        """Recorded time, pauses excluded."""
        return self._samples / SAMPLE_RATE

    @property
    def level(self) -> Level:
        return self._level if self._state is RecorderState.RECORDING else SILENCE

    @property
    def markers(self) -> list[StageMarker]:
        """Every stage marker of this recording so far, in order."""
        return list(self._all_markers)

    @property
    def dropped_seconds(self) -> float:
        """Audio lost because the writer fell behind (should stay 0)."""
        return self._dropped_frames / SAMPLE_RATE

    # -- control -----------------------------------------------------------------------

    def start(self) -> None:
        """Open the device and start capturing.

        Raises:
            RecordingNotAllowed: the session's consent is not "yes".
            AudioUnavailable, NoInputDevice, DeviceNotFound, DeviceOpenFailed: no recording
                is possible; nothing was written.
        """
        self._consent.ensure_recording_allowed()
        if self._state is not RecorderState.IDLE:
            raise RuntimeError(f"recorder already {self._state}")
        self._stream = self._open_stream()
        try:
            with self._stream_lock:
                self._stream.start()  # frames wait in the queue until the writer runs
        except Exception as exc:
            self._close_stream()
            self._state = RecorderState.STOPPED
            raise DeviceOpenFailed(str(exc)) from exc
        self._last_block_at = time.monotonic() + 2.0  # a cold PulseAudio may take ~2 s
        self._state = RecorderState.RECORDING
        self._writer = threading.Thread(target=self._run, name="sitante-recorder", daemon=True)
        self._writer.start()

    def pause(self) -> None:
        """Stop capturing until :meth:`resume`; the current segment is stored at once."""
        if self._state is not RecorderState.RECORDING:
            return
        self._state = RecorderState.PAUSED
        self._control_stream("stop")
        self._pause_pending = True

    def resume(self) -> None:
        """Capture again after :meth:`pause`.

        Raises:
            RecordingNotAllowed: consent was withdrawn meanwhile.
        """
        self._consent.ensure_recording_allowed()
        if self._state is not RecorderState.PAUSED:
            return
        self._pause_pending = False
        self._last_block_at = time.monotonic() + 2.0
        if self._control_stream("start"):
            self._state = RecorderState.RECORDING

    def stop(self, timeout: float = 5.0) -> None:
        """End the recording: capture stops at once, queued audio is stored, then it returns."""
        self._halt(StopReason.REQUESTED, None)
        self.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        """Wait until the writer has stored everything (after a stop or an error)."""
        writer = self._writer
        if writer is not None and writer is not threading.current_thread():
            writer.join(timeout)

    def mark(self, stage: str) -> StageMarker:
        """Attach a stage marker at the current recording offset."""
        marker = StageMarker(round(self.elapsed_seconds, 3), stage)
        self._all_markers.append(marker)
        if self._state is not RecorderState.STOPPED:
            self._markers.append(marker)  # the writer stores it (never the UI thread)
        return marker

    # -- PortAudio side ----------------------------------------------------------------

    def _open_stream(self) -> InputStreamLike:
        kwargs: dict[str, Any] = {
            "dtype": "int16",
            "callback": self._callback,
            "finished_callback": self._stream_finished.set,
        }
        if self._stream_factory is not None:
            blocksize = round(SAMPLE_RATE * _BLOCK_SECONDS)
            return self._stream_factory(
                samplerate=SAMPLE_RATE, channels=1, blocksize=blocksize, **kwargs
            )
        sd = load_sounddevice()
        device = resolve_input_device(self._device)
        self.device_label = device.label
        rate, channels, extra = negotiate_format(sd, device.index, device.default_samplerate)
        if rate != SAMPLE_RATE or channels != 1:
            from sitante_tui.audio.resample import StreamResampler

            self._resampler = StreamResampler(rate, channels, SAMPLE_RATE)
        try:
            stream: InputStreamLike = sd.InputStream(
                device=device.index,
                samplerate=rate,
                channels=channels,
                blocksize=round(rate * _BLOCK_SECONDS),
                extra_settings=extra,
                **kwargs,
            )
        except (sd.PortAudioError, ValueError) as exc:
            raise DeviceOpenFailed(str(exc), device=device.label) from exc
        return stream

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        # Runs on PortAudio's thread: copy and queue, nothing else.
        try:
            self._queue.put_nowait(indata.copy())
        except queue.Full:
            self._dropped_frames += frames

    def _control_stream(self, action: str) -> bool:
        stream = self._stream
        if stream is None:
            return False
        try:
            with self._stream_lock:
                if action == "start":
                    self._stream_finished.clear()
                    self._expect_finish = False
                    stream.start()
                else:
                    self._expect_finish = True
                    stream.stop()
        except Exception as exc:
            self._halt(StopReason.DEVICE_LOST, DeviceLost(str(exc)))
            return False
        return True

    def _close_stream(self) -> None:
        with self._stream_lock:
            stream, self._stream = self._stream, None
            if stream is None:
                return
            self._expect_finish = True
            with contextlib.suppress(Exception):  # the device may already be gone
                stream.abort()
            with contextlib.suppress(Exception):
                stream.close()

    def _halt(self, reason: StopReason, error: AudioError | None) -> None:
        """Stop capturing now (any thread); the writer then stores what is queued."""
        if self._stop_requested.is_set() or self._state is RecorderState.STOPPED:
            return
        self._stop_reason = reason
        self._error = error
        self._stop_requested.set()
        self._close_stream()
        if self._writer is None or not self._writer.is_alive():
            self._state = RecorderState.STOPPED

    # -- the writer thread -------------------------------------------------------------

    def _run(self) -> None:
        segmenter = PauseSegmenter(self._policy)
        try:
            while not self._stop_requested.is_set():
                if not self._consent.recording_allowed:
                    self._halt(StopReason.CONSENT_WITHDRAWN, None)
                    break
                try:
                    block = self._queue.get(timeout=0.05)
                except queue.Empty:
                    block = None
                self._write_markers()
                if block is not None:
                    self._process(segmenter, block)
                elif self._pause_pending:
                    self._pause_pending = False
                    self._emit(segmenter.flush(CutReason.PAUSED))
                self._watch_device()
        except StorageFailed as exc:
            self._halt(StopReason.STORAGE_FAILED, exc)
        finally:
            self._close_stream()
            try:
                self._drain(segmenter)  # what was captured before the stop is kept
            except StorageFailed as exc:
                if self._error is None:
                    self._stop_reason, self._error = StopReason.STORAGE_FAILED, exc
            self._level = SILENCE
            self._state = RecorderState.STOPPED
            if self._error is not None and self._on_error is not None:
                self._on_error(self._error)

    def _drain(self, segmenter: PauseSegmenter) -> None:
        while True:
            try:
                self._process(segmenter, self._queue.get_nowait())
            except queue.Empty:
                break
        self._emit(segmenter.flush(CutReason.STOPPED))
        self._write_markers()

    def _process(self, segmenter: PauseSegmenter, block: npt.NDArray[np.int16]) -> None:
        self._last_block_at = time.monotonic()
        samples = block[:, 0] if block.ndim == 2 and block.shape[1] == 1 else block
        if self._resampler is not None:
            samples = self._resampler.process(block)
        rms, peak = dbfs(samples)
        self._level = Level(rms, peak)
        self._samples += len(samples)
        for chunk in segmenter.feed(samples):
            self._emit(chunk)

    def _emit(self, chunk: Chunk | None) -> None:
        if chunk is None or len(chunk.samples) == 0:
            return
        now = time.monotonic()
        segment = ClosedSegment(
            index=self._segment_index,
            start_seconds=self._segment_start / SAMPLE_RATE,
            pcm=chunk.samples.astype("<i2", copy=False).tobytes(),
            cut=chunk.cut,
            has_speech=chunk.has_speech,
            closed_at=now,
            speech_end_at=now - chunk.trailing_quiet_seconds,
        )
        self._segment_index += 1
        self._segment_start += len(chunk.samples)
        try:
            self._sink.write_segment(segment)
        except OSError as exc:
            raise StorageFailed(str(exc)) from exc
        if self._on_segment is not None:
            try:
                self._on_segment(segment)
            except Exception:  # a consumer's bug must not stop the recording
                log.exception("segment consumer failed")

    def _write_markers(self) -> None:
        while self._markers:
            marker = self._markers.popleft()
            try:
                self._sink.write_marker(marker)
            except OSError as exc:
                raise StorageFailed(str(exc)) from exc

    def _watch_device(self) -> None:
        if self._state is not RecorderState.RECORDING:
            return
        if self._stream_finished.is_set() and not self._expect_finish:
            self._halt(StopReason.DEVICE_LOST, DeviceLost("the input stream ended by itself"))
        elif time.monotonic() - self._last_block_at > self._stall_seconds:
            self._halt(StopReason.DEVICE_LOST, DeviceLost("no audio from the input device"))
