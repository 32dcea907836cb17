"""No consent, no audio: the gate is checked before the device and before the disk."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from fake_input import factory

from sitante_tui.audio.recorder import RecorderState, StopReason
from sitante_tui.audio.recording import delete_recording, start_recording
from sitante_tui.domain.consent import ConsentAnswer, ConsentRecord, RecordingNotAllowed
from sitante_tui.paths import Workspace


def consent(*answers: ConsentAnswer) -> ConsentRecord:
    record = ConsentRecord()
    for answer in answers:
        record.answer(answer, datetime(2025, 3, 4, 9, 0))
    return record


def speech_like(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * 16_000)) / 16_000
    envelope = (np.sin(2 * np.pi * 3 * t) > -0.3).astype(float)
    return (0.3 * 32767 * envelope * np.sin(2 * np.pi * 220 * t)).astype(np.int16)


@pytest.mark.parametrize(
    "answers",
    [(), (ConsentAnswer.NO,), (ConsentAnswer.YES, ConsentAnswer.WITHDRAWN)],
    ids=["not-asked", "no", "withdrawn"],
)
def test_a_session_without_yes_never_has_an_audio_file(
    answers: tuple[ConsentAnswer, ...], sitante_home: Path
) -> None:
    """Neither the device nor the disk is touched: the stream factory and the encryption are
    never called, and the workspace stays empty."""
    calls: list[str] = []

    def stream_factory(**kwargs: object) -> None:
        calls.append("device")

    def encrypt(data: bytes) -> bytes:
        calls.append("disk")
        return data

    folder = Workspace(sitante_home).audio_dir / "session-1"
    with pytest.raises(RecordingNotAllowed):
        start_recording(
            consent(*answers),
            directory=folder,
            recipient=encrypt,
            initial_stage="goal",
            stream_factory=stream_factory,  # type: ignore[arg-type]
        )
    assert calls == []
    assert list(sitante_home.rglob("*")) == []


def test_a_no_is_final_for_the_session() -> None:
    record = consent(ConsentAnswer.NO)
    with pytest.raises(RecordingNotAllowed):
        record.answer(ConsentAnswer.YES, datetime(2025, 3, 4, 9, 5))


def test_withdrawing_consent_stops_the_recorder_by_itself(
    tmp_path: Path, consent_yes: ConsentRecord, coach_recipient: str
) -> None:
    """Recording the withdrawal in the consent record is enough: the capture stops within
    a fraction of a second even if nothing else calls stop()."""
    make = factory(speech_like(60.0))
    recording = start_recording(
        consent_yes, directory=tmp_path / "s", recipient=coach_recipient, stream_factory=make
    )
    time.sleep(1.0)
    consent_yes.answer(ConsentAnswer.WITHDRAWN, datetime(2025, 3, 4, 9, 10))
    began = time.monotonic()
    while recording.state is not RecorderState.STOPPED and time.monotonic() - began < 2:
        time.sleep(0.01)
    assert time.monotonic() - began < 1.0
    assert recording.stop_reason is StopReason.CONSENT_WITHDRAWN
    stream = make.made[0]  # type: ignore[attr-defined]
    delivered = stream.delivered
    time.sleep(0.3)
    assert stream.delivered == delivered  # the stream was closed, not just ignored
    with pytest.raises(RecordingNotAllowed):
        recording.resume()


def test_delete_after_withdrawal_erases_every_file(
    tmp_path: Path, consent_yes: ConsentRecord, coach_recipient: str
) -> None:
    folder = tmp_path / "s"
    recording = start_recording(
        consent_yes,
        directory=folder,
        recipient=coach_recipient,
        initial_stage="goal",
        stream_factory=factory(speech_like(30.0), speed=10.0),
    )
    time.sleep(1.5)  # ~15 s of audio at 10x: at least one closed segment
    consent_yes.answer(ConsentAnswer.WITHDRAWN, datetime(2025, 3, 4, 9, 10))
    result = recording.withdraw()
    assert result.stopped_in_seconds < 1.0
    assert result.files >= 2 and result.recorded_seconds > 5
    assert recording.delete() == result.files
    assert not folder.exists()


def test_a_past_recording_can_be_deleted_without_a_recorder(
    tmp_path: Path, consent_yes: ConsentRecord, coach_recipient: str
) -> None:
    folder = tmp_path / "s"
    recording = start_recording(
        consent_yes,
        directory=folder,
        recipient=coach_recipient,
        stream_factory=factory(speech_like(8.0), speed=10.0),
    )
    time.sleep(1.0)
    recording.stop()
    assert folder.exists()
    assert delete_recording(folder) >= 1
    assert not folder.exists()
