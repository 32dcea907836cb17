"""Missing PortAudio, no microphone, a microphone that disappears, a full disk: a clear,
translated message, the session goes on, and what was captured is kept."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib.abc import MetaPathFinder
from pathlib import Path

import numpy as np
import pytest
from audio_harness import VirtualMic
from fake_input import factory

from sitante_tui.audio.devices import list_input_devices, load_sounddevice, resolve_input_device
from sitante_tui.audio.errors import (
    AudioUnavailable,
    DeviceLost,
    StorageFailed,
    message_key,
)
from sitante_tui.audio.recorder import RecorderState, StopReason
from sitante_tui.audio.recording import start_recording
from sitante_tui.audio.segment_store import EncryptedSegmentStore
from sitante_tui.cli import main
from sitante_tui.domain.consent import ConsentRecord, RecordingNotAllowed
from sitante_tui.i18n import t

ROOT = Path(__file__).resolve().parents[2]
PORTAUDIO_TEXT = ("PortAudio", "Error querying device", "paInvalid", "ALSA lib", "Expression '")


class _NoPortAudio(MetaPathFinder):
    """``import sounddevice`` fails the way it does where libportaudio is not installed."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return None


@pytest.fixture
def without_portaudio(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """PortAudio cannot be uninstalled for one test, so the import is made to fail exactly as
    sounddevice's own import does without it (OSError from its library lookup)."""
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPortAudio(), *sys.meta_path])
    yield


def test_missing_portaudio_is_a_typed_error_and_a_clear_message(
    without_portaudio: None,
    tmp_path: Path,
    consent_yes: ConsentRecord,
    coach_recipient: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(AudioUnavailable):
        load_sounddevice()
    with pytest.raises(AudioUnavailable):
        list_input_devices()
    with pytest.raises(AudioUnavailable) as caught:
        start_recording(consent_yes, directory=tmp_path / "s", recipient=coach_recipient)
    assert not (tmp_path / "s").exists()
    assert "libportaudio2" in t(message_key(caught.value), lang="en")

    assert main(["--lang", "en", "doctor"]) == 1
    out = capsys.readouterr().out
    assert "PROBLEM The PortAudio sound library is not installed" in out


def test_consent_errors_have_a_message_too() -> None:
    assert message_key(RecordingNotAllowed("no")) == "audio.error.consent_required"
    assert "consent" in t("audio.error.consent_required", lang="en")


def run_without_microphone(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` against a real PortAudio that finds no input device.

    PortAudio's ALSA backend reaches the microphone through PulseAudio; pointing it at a server
    that does not exist gives exactly what a laptop without a microphone gives: an empty device
    list (and, if a stream were opened anyway, PortAudio's cryptic "Error querying device -1").
    A monkeypatched ``query_devices`` would only test our code against our idea of PortAudio.
    """
    env = {**os.environ, "PULSE_SERVER": "unix:/nonexistent/sitante/native"}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )


def test_no_input_device_is_said_plainly_and_nothing_is_written(tmp_path: Path) -> None:
    code = f"""
import json
from datetime import datetime
from pathlib import Path
from sitante_tui.audio.devices import list_input_devices
from sitante_tui.audio.errors import AudioError, message_key
from sitante_tui.audio.recording import start_recording
from sitante_tui.crypto import age
from sitante_tui.domain.consent import ConsentAnswer, ConsentRecord
from sitante_tui.i18n import t
consent = ConsentRecord()
consent.answer(ConsentAnswer.YES, datetime.now())
out = {{"devices": len(list_input_devices())}}
try:
    recipient = age.identity_to_recipient(age.generate_identity())
    start_recording(consent, directory=Path({str(tmp_path / "s")!r}), recipient=recipient)
except AudioError as exc:
    out["error"] = type(exc).__name__
    out["message"] = t(message_key(exc), lang="en")
print(json.dumps(out))
"""
    result = run_without_microphone(code)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out == {
        "devices": 0,
        "error": "NoInputDevice",
        "message": t("audio.error.no_input_device", lang="en"),
    }
    assert not (tmp_path / "s").exists()


def test_doctor_reports_a_missing_microphone() -> None:
    code = (
        "import sys; from sitante_tui.cli import main; sys.exit(main(['--lang', 'en', 'doctor']))"
    )
    result = run_without_microphone(code)
    assert result.returncode == 1
    assert "PROBLEM Input devices: 0 found" in result.stdout
    assert "PROBLEM This computer has no microphone" in result.stdout
    assert not any(text in result.stdout for text in PORTAUDIO_TEXT[1:])


def test_a_configured_device_that_is_not_connected(virtual_mic: VirtualMic) -> None:
    from sitante_tui.audio.errors import DeviceNotFound

    with pytest.raises(DeviceNotFound) as caught:
        resolve_input_device("USB Headset H390")
    assert caught.value.params == {"device": "USB Headset H390"}
    assert resolve_input_device("default").name == "default"


LOST_CHILD = """
import json, sys, time
from datetime import datetime
from pathlib import Path
from sitante_tui.audio.recording import start_recording
from sitante_tui.crypto import age
from sitante_tui.domain.consent import ConsentAnswer, ConsentRecord
consent = ConsentRecord()
consent.answer(ConsentAnswer.YES, datetime.now())
errors = []
recipient = age.identity_to_recipient(age.generate_identity())
recording = start_recording(
    consent, directory=Path(sys.argv[1]), recipient=recipient, on_error=errors.append
)
print("recording", flush=True)
sys.stdin.readline()  # the parent kills the sound server now
lost_at = time.monotonic()
while recording.state.value != "stopped" and time.monotonic() - lost_at < 10:
    time.sleep(0.02)
print(json.dumps({
    "state": recording.state.value,
    "reason": recording.stop_reason and recording.stop_reason.value,
    "errors": [type(e).__name__ for e in errors],
    "seconds_to_notice": round(time.monotonic() - lost_at, 2),
    "recorded": recording.elapsed_seconds,
}), flush=True)
"""


@pytest.mark.slow
def test_a_microphone_that_disappears_stops_the_recording_cleanly(
    virtual_mic: VirtualMic, tmp_path: Path
) -> None:
    """A private PulseAudio server is killed mid-recording (the real "unplugged" path through
    ALSA and PortAudio): the app is told DeviceLost and keeps what it had captured."""
    runtime = tmp_path / "pulse"
    env = {
        **os.environ,
        "PULSE_RUNTIME_PATH": str(runtime),
        "PULSE_SERVER": f"unix:{runtime}/native",
    }
    mic = ROOT / "scripts" / "virtual-mic.sh"
    subprocess.run(["bash", str(mic), "start"], env=env, check=True, capture_output=True)
    folder = tmp_path / "session"
    child = subprocess.Popen(
        [sys.executable, "-c", LOST_CHILD, str(folder)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "recording"
        time.sleep(2.0)
        subprocess.run(["bash", str(mic), "stop"], env=env, check=True, capture_output=True)
        child.stdin.write("go\n")
        child.stdin.flush()
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
        subprocess.run(["bash", str(mic), "stop"], env=env, capture_output=True)
    result = json.loads(out.strip().splitlines()[-1])
    assert result["state"] == "stopped", err
    assert result["reason"] == "device_lost"
    assert result["errors"] == ["DeviceLost"]
    assert result["seconds_to_notice"] < 5
    assert result["recorded"] >= 1.5
    assert any(p.name.startswith("r01-seg") for p in folder.iterdir())  # what was captured stays
    assert t("audio.error.device_lost", lang="en").startswith("The microphone was disconnected")


def test_a_stalled_device_is_reported_as_lost(
    tmp_path: Path, consent_yes: ConsentRecord, coach_recipient: str
) -> None:
    """Some USB microphones hang instead of closing the stream: no audio for a few seconds
    counts as lost. (A fake stream: a hung device cannot be produced on demand.)"""
    errors: list[Exception] = []
    tone = (0.3 * 32767 * np.sin(np.arange(16_000 * 20) * 0.1)).astype(np.int16)
    recording = start_recording(
        consent_yes,
        directory=tmp_path / "s",
        recipient=coach_recipient,
        on_error=errors.append,
        stream_factory=factory(tone, stall_after=1.0),
    )
    recording.recorder.join(10)
    assert recording.state is RecorderState.STOPPED
    assert recording.stop_reason is StopReason.DEVICE_LOST
    assert [type(e) for e in errors] == [DeviceLost]
    assert recording.elapsed_seconds == pytest.approx(1.0, abs=0.15)
    assert recording.store.segment_files()  # the first second was stored


class FullDisk(EncryptedSegmentStore):
    """A store whose disk fills up after the first segment (no real full disk in CI)."""

    def write_segment(self, segment: object) -> None:  # type: ignore[override]
        if self.segment_files():
            raise OSError(errno.ENOSPC, "No space left on device")
        super().write_segment(segment)  # type: ignore[arg-type]


def test_a_full_disk_stops_the_recording_and_says_so(
    tmp_path: Path, consent_yes: ConsentRecord, coach_recipient: str
) -> None:
    from sitante_tui.audio.recorder import SoundDeviceRecorder

    errors: list[Exception] = []
    tone = (0.3 * 32767 * np.sin(np.arange(16_000 * 60) * 0.1)).astype(np.int16)
    store = FullDisk(tmp_path / "s", coach_recipient)
    recorder = SoundDeviceRecorder(
        store,
        consent=consent_yes,
        on_error=errors.append,
        stream_factory=factory(tone, speed=20.0),
    )
    recorder.start()
    recorder.join(10)
    assert recorder.stop_reason is StopReason.STORAGE_FAILED
    assert [type(e) for e in errors] == [StorageFailed]
    assert len(store.segment_files()) == 1
    assert "disk full" in t(message_key(errors[0]), lang="en")
