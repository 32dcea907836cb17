"""Encrypted segments on disk: round trip with a real age identity, the standard age tool,
runs that never overwrite each other, and deletion that leaves nothing."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from sitante_tui.audio.segment_store import EncryptedSegmentStore
from sitante_tui.audio.segmenter import CutReason
from sitante_tui.audio.segments import ClosedSegment, StageMarker
from sitante_tui.crypto.age import AgeError


def segment(index: int, start: float, seconds: float, freq: float = 300.0) -> ClosedSegment:
    t = np.arange(int(seconds * 16_000)) / 16_000
    pcm = (0.25 * 32767 * np.sin(2 * np.pi * freq * t)).astype("<i2").tobytes()
    return ClosedSegment(index, start, pcm, CutReason.PAUSE, True, 0.0, 0.0)


def test_round_trip_with_a_real_identity(
    tmp_path: Path, coach_recipient: str, coach_identity: str
) -> None:
    store = EncryptedSegmentStore(tmp_path / "s1", coach_recipient)
    first, second = segment(0, 0.0, 6.0), segment(1, 6.0, 2.5, freq=500)
    store.write_marker(StageMarker(0.0, "goal"))
    store.write_segment(first)
    store.write_marker(StageMarker(5.5, "reality"))
    store.write_segment(second)

    assert store.read_pcm(coach_identity) == first.pcm + second.pcm
    audio = store.read_audio(coach_identity)
    assert audio.dtype == np.float32 and len(audio) == 8.5 * 16_000
    assert [(s.start_seconds, s.duration_seconds) for s in store.read_segments(coach_identity)] == [
        (0.0, 6.0),
        (6.0, 2.5),
    ]
    assert store.read_markers(coach_identity) == [
        StageMarker(0.0, "goal"),
        StageMarker(5.5, "reality"),
    ]


def test_no_plaintext_reaches_the_disk(tmp_path: Path, coach_recipient: str) -> None:
    store = EncryptedSegmentStore(tmp_path / "s1", coach_recipient)
    one = segment(0, 0.0, 1.0)
    store.write_segment(one)
    store.write_marker(StageMarker(0.0, "goal"))
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert data.startswith(b"age-encryption.org/v1\n"), path.name
            assert b"RIFF" not in data and b"WAVE" not in data and b"goal" not in data
            assert one.pcm[1000:1064] not in data
    assert not list(tmp_path.rglob("*.tmp"))


def test_the_standard_age_tool_recovers_a_playable_wav(
    tmp_path: Path, coach_recipient: str, coach_identity: str
) -> None:
    """The spec promises recovery with the standard tool: ``age -d`` gives a WAV file."""
    age_bin = shutil.which("age")
    if age_bin is None:
        pytest.fail("the age binary is not installed (apt install age)", pytrace=False)
    store = EncryptedSegmentStore(tmp_path / "s1", coach_recipient)
    one = segment(0, 0.0, 1.5)
    store.write_segment(one)
    key = tmp_path / "identity.txt"
    key.write_text(coach_identity + "\n")
    out = subprocess.run(
        [age_bin, "-d", "-i", str(key), str(store.segment_files()[0])],
        capture_output=True,
        check=True,
    ).stdout
    with wave.open(io.BytesIO(out)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 16_000)
        assert wav.readframes(wav.getnframes()) == one.pcm


def test_a_second_recording_in_the_same_session_is_a_new_run(
    tmp_path: Path, coach_recipient: str, coach_identity: str
) -> None:
    """After a crash the session resumes and records again: nothing is overwritten and the
    second run's offsets continue after the first."""
    folder = tmp_path / "s1"
    first = EncryptedSegmentStore(folder, coach_recipient)
    first.write_marker(StageMarker(0.0, "goal"))
    first.write_segment(segment(0, 0.0, 5.0))
    second = EncryptedSegmentStore(folder, coach_recipient)
    second.write_marker(StageMarker(0.0, "options"))
    second.write_segment(segment(0, 0.0, 3.0))

    names = sorted(p.name for p in folder.iterdir())
    assert names == ["r01-markers.age", "r01-seg00000.age", "r02-markers.age", "r02-seg00000.age"]
    reader = EncryptedSegmentStore(folder, coach_recipient)
    assert [s.start_seconds for s in reader.read_segments(coach_identity)] == [0.0, 5.0]
    assert reader.read_markers(coach_identity) == [
        StageMarker(0.0, "goal"),
        StageMarker(5.0, "options"),
    ]
    assert reader.duration_seconds(coach_identity) == 8.0


def test_windows_group_segments_for_long_recordings(
    tmp_path: Path, coach_recipient: str, coach_identity: str
) -> None:
    store = EncryptedSegmentStore(tmp_path / "s1", coach_recipient)
    for i in range(5):
        store.write_segment(segment(i, 4.0 * i, 4.0))
    windows = list(store.iter_windows(coach_identity, max_seconds=9.0))
    assert [(start, len(samples) / 16_000) for start, samples in windows] == [
        (0.0, 8.0),
        (8.0, 8.0),
        (16.0, 4.0),
    ]


def test_a_tampered_segment_is_refused(
    tmp_path: Path, coach_recipient: str, coach_identity: str
) -> None:
    store = EncryptedSegmentStore(tmp_path / "s1", coach_recipient)
    store.write_segment(segment(0, 0.0, 1.0))
    path = store.segment_files()[0]
    data = bytearray(path.read_bytes())
    data[-100] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(AgeError):
        store.read_pcm(coach_identity)


def test_delete_all_leaves_no_file_and_no_folder(tmp_path: Path, coach_recipient: str) -> None:
    folder = tmp_path / "s1"
    store = EncryptedSegmentStore(folder, coach_recipient)
    for i in range(3):
        store.write_segment(segment(i, float(i), 1.0))
    store.write_marker(StageMarker(0.0, "goal"))
    (folder / ".r01-seg00003.age.dead.tmp").write_bytes(b"left by a crash")
    assert store.delete_all() == 5
    assert not folder.exists()


def test_nothing_touches_the_disk_before_the_first_write(
    tmp_path: Path, coach_recipient: str
) -> None:
    store = EncryptedSegmentStore(tmp_path / "s1", coach_recipient)
    assert not store.exists()
    assert not (tmp_path / "s1").exists()
