"""The one way the app starts a recording: consent first, then the device, then the disk.

``start_recording`` checks the session's consent before it builds anything, so a session that
answered "no" can never have an audio file; ``withdraw`` stops the capture at once and
``delete`` erases what was captured.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitante_tui.audio.errors import AudioError
from sitante_tui.audio.recorder import (
    Level,
    RecorderState,
    SoundDeviceRecorder,
    StopReason,
    StreamFactory,
)
from sitante_tui.audio.segment_store import EncryptedSegmentStore
from sitante_tui.audio.segmenter import SegmentPolicy
from sitante_tui.audio.segments import ClosedSegment, StageMarker
from sitante_tui.crypto.age_callables import Recipient
from sitante_tui.domain.consent import ConsentRecord


@dataclass(frozen=True)
class WithdrawResult:
    """What is on disk after a withdrawal, for the "delete the recording?" question."""

    stopped_in_seconds: float
    recorded_seconds: float
    files: int


class ActiveRecording:
    """A running (or finished) recording of one session: its recorder and its store."""

    def __init__(
        self, recorder: SoundDeviceRecorder, store: EncryptedSegmentStore, consent: ConsentRecord
    ) -> None:
        self.recorder = recorder
        self.store = store
        self.consent = consent

    @property
    def state(self) -> RecorderState:
        return self.recorder.state

    @property
    def stop_reason(self) -> StopReason | None:
        return self.recorder.stop_reason

    @property
    def elapsed_seconds(self) -> float:
        return self.recorder.elapsed_seconds

    @property
    def level(self) -> Level:
        return self.recorder.level

    @property
    def markers(self) -> list[StageMarker]:
        return self.recorder.markers

    def pause(self) -> None:
        self.recorder.pause()

    def resume(self) -> None:
        """Capture again; raises ``RecordingNotAllowed`` if consent was withdrawn."""
        self.recorder.resume()

    def mark(self, stage: str) -> StageMarker:
        """Attach a stage marker (the session moved to ``stage``) at the current offset."""
        return self.recorder.mark(stage)

    def stop(self) -> None:
        """End the recording normally; everything captured is stored when it returns."""
        self.recorder.stop()

    def withdraw(self, timeout: float = 1.0) -> WithdrawResult:
        """The coachee withdrew consent: stop capturing now.

        Record the withdrawal in the :class:`ConsentRecord` too (the recorder also notices that
        by itself within ~0.1 s). The capture stops at once; audio captured before the
        withdrawal is stored, so that the coach can then keep it or :meth:`delete` it.
        """
        began = time.monotonic()
        self.recorder.stop(timeout)
        return WithdrawResult(
            stopped_in_seconds=time.monotonic() - began,
            recorded_seconds=self.recorder.elapsed_seconds,
            files=len(self.store.files()),
        )

    def delete(self) -> int:
        """Stop if needed, then erase every file of this recording; returns how many went."""
        if self.recorder.state is not RecorderState.STOPPED:
            self.recorder.stop()
        return self.store.delete_all()


def start_recording(
    consent: ConsentRecord,
    *,
    directory: Path,
    recipient: Recipient,
    device: str | None = None,
    initial_stage: str | None = None,
    on_error: Callable[[AudioError], None] | None = None,
    on_segment: Callable[[ClosedSegment], None] | None = None,
    policy: SegmentPolicy | None = None,
    stream_factory: StreamFactory | None = None,
) -> ActiveRecording:
    """Start recording a session into ``directory`` (encrypted segments).

    Args:
        consent: the session's consent record; checked before anything else happens.
        directory: the session's audio folder; created when the first segment is written.
        recipient: the coach's age recipient (``age1…``); segments are encrypted to it.
        device: the input device from settings (``None`` = system default).
        initial_stage: the session's current stage, attached at offset 0.
        on_error: told (from the writer thread) when the device is lost or the disk fails;
            the recording has then stopped and keeps what it captured.
        on_segment: given each stored segment (from the writer thread), for live transcription.
        policy, stream_factory: for tests and benchmarks.

    Raises:
        RecordingNotAllowed: consent is not "yes"; nothing touched the device or the disk.
        AudioUnavailable, NoInputDevice, DeviceNotFound, DeviceOpenFailed: recording is not
            possible here; nothing was written. The session goes on without recording.
    """
    consent.ensure_recording_allowed()  # before the device, before the disk
    store = EncryptedSegmentStore(directory, recipient)
    recorder = SoundDeviceRecorder(
        store,
        consent=consent,
        device=device,
        on_error=on_error,
        on_segment=on_segment,
        policy=policy,
        stream_factory=stream_factory,
    )
    if initial_stage:
        recorder.mark(initial_stage)
    recorder.start()
    return ActiveRecording(recorder, store, consent)


def delete_recording(directory: Path) -> int:
    """Erase a past session's recording (no recorder needed); returns how many files went."""
    return EncryptedSegmentStore(directory, _never_encrypt).delete_all()


def _never_encrypt(data: bytes) -> bytes:
    raise RuntimeError("this store only deletes")
