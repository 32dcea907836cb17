"""Recording through the real sounddevice/PortAudio stack from the virtual microphone."""

from __future__ import annotations

import time
import wave
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from audio_harness import VirtualMic

from sitante_tui.audio.recorder import RecorderState, StopReason
from sitante_tui.audio.recording import start_recording
from sitante_tui.domain.consent import ConsentAnswer, ConsentRecord

pytestmark = pytest.mark.slow


def write_tone(path: Path, seconds: float, freq: float = 440.0, level: float = 0.4) -> Path:
    t = np.arange(int(seconds * 16_000)) / 16_000
    pcm = (level * 32767 * np.sin(2 * np.pi * freq * t)).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16_000)
        wav.writeframes(pcm.tobytes())
    return path


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_played_sound_is_recorded_into_encrypted_segments(
    virtual_mic: VirtualMic,
    tmp_path: Path,
    consent_yes: ConsentRecord,
    coach_recipient: str,
    coach_identity: str,
) -> None:
    folder = tmp_path / "session"
    recording = start_recording(
        consent_yes, directory=folder, recipient=coach_recipient, initial_stage="goal"
    )
    levels = []
    player = virtual_mic.play(write_tone(tmp_path / "tone.wav", 3.0))
    began = time.monotonic()
    while time.monotonic() - began < 3.5:
        levels.append(recording.level.rms_dbfs)
        time.sleep(0.1)
    player.wait(5)
    recording.stop()

    assert recording.state is RecorderState.STOPPED
    assert recording.stop_reason is StopReason.REQUESTED
    assert 3.0 <= recording.elapsed_seconds <= 4.5
    assert max(levels) > -15  # the meter saw the 440 Hz tone at -11 dBFS RMS
    files = sorted(p.name for p in folder.iterdir())
    assert files[0] == "r01-markers.age" and "r01-seg00000.age" in files
    for path in folder.iterdir():
        data = path.read_bytes()
        assert data.startswith(b"age-encryption.org/v1\n")
        assert b"RIFF" not in data and b"WAVE" not in data
    audio = recording.store.read_audio(coach_identity)
    frames = audio[: len(audio) // 1600 * 1600].reshape(-1, 1600)
    loud = np.sqrt((frames**2).mean(axis=1)) > 0.1
    assert 2.5 <= loud.sum() / 10 <= 3.5  # ~3 s of tone came back from the encrypted segments


def test_pause_stops_the_clock_and_the_capture(
    virtual_mic: VirtualMic, tmp_path: Path, consent_yes: ConsentRecord, coach_recipient: str
) -> None:
    recording = start_recording(consent_yes, directory=tmp_path / "s", recipient=coach_recipient)
    time.sleep(1.0)
    recording.pause()
    assert recording.state is RecorderState.PAUSED
    paused_at = recording.elapsed_seconds
    time.sleep(1.0)
    assert recording.elapsed_seconds == pytest.approx(paused_at, abs=0.15)
    assert recording.level.rms_dbfs == -120.0
    recording.resume()
    time.sleep(1.0)
    recording.stop()
    assert recording.elapsed_seconds == pytest.approx(2.0, abs=0.4)


def test_withdrawal_stops_the_microphone_within_a_second_and_delete_erases_it(
    virtual_mic: VirtualMic,
    tmp_path: Path,
    consent_yes: ConsentRecord,
    coach_recipient: str,
) -> None:
    folder = tmp_path / "session"
    recording = start_recording(consent_yes, directory=folder, recipient=coach_recipient)
    player = virtual_mic.play(write_tone(tmp_path / "long.wav", 8.0))
    try:
        time.sleep(2.0)
        consent_yes.answer(ConsentAnswer.WITHDRAWN, datetime(2025, 3, 4, 9, 30))
        result = recording.withdraw()
        assert result.stopped_in_seconds < 1.0
        assert recording.state is RecorderState.STOPPED
        stopped_at = recording.elapsed_seconds
        files = sorted(folder.iterdir())
        time.sleep(1.0)  # the tone is still playing into the microphone
        assert recording.elapsed_seconds == stopped_at
        assert sorted(folder.iterdir()) == files
    finally:
        player.kill()
    assert recording.delete() == len(files) >= 1
    assert not folder.exists()
