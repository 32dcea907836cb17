"""The virtual microphone for tests outside tests/audio (the UI tests reuse its start-up).

A PulseAudio null sink (``scripts/virtual-mic.sh``) whose monitor is the default source: sound
played into it with ``paplay`` reaches PortAudio through the real ALSA stack. A missing
PulseAudio FAILS the test (CI installs it), it never skips.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VIRTUAL_MIC = ROOT / "scripts" / "virtual-mic.sh"
AUDIO_PACKAGES = (
    "libportaudio2 pulseaudio pulseaudio-utils alsa-utils libasound2-plugins espeak-ng sox"
)


def require_tools(*tools: str) -> None:
    """Fail (not skip) when a tool the audio tests need is not installed."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not installed: run scripts/ci-audio-setup.sh "
            f"(apt packages {AUDIO_PACKAGES})",
            pytrace=False,
        )


def start_virtual_mic() -> None:
    """Start the virtual microphone if it is not up, and point PortAudio at it.

    ``sounddevice`` is imported only after the server is up (PortAudio scans devices once);
    if something imported it earlier, PortAudio is asked to scan again.
    """
    require_tools("pulseaudio", "pactl", "paplay", "parec")
    runtime = os.environ.setdefault("PULSE_RUNTIME_PATH", "/tmp/pulse-ci")
    os.environ.setdefault("PULSE_SERVER", f"unix:{runtime}/native")
    result = subprocess.run(
        ["bash", str(VIRTUAL_MIC), "start"], capture_output=True, text=True, timeout=60
    )
    if result.returncode != 0:
        pytest.fail(f"virtual microphone did not start:\n{result.stderr}", pytrace=False)
    if "sounddevice" in sys.modules:
        from sitante_tui.audio.devices import rescan

        rescan()


def play(wav: Path, sink: str = "virt") -> subprocess.Popen[bytes]:
    """Start playing ``wav`` into the virtual microphone (returns the ``paplay`` process)."""
    return subprocess.Popen(["paplay", f"--device={sink}", str(wav)])
