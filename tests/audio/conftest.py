"""Fixtures for the audio tests: the real virtual microphone, espeak-ng speech, real age keys.

The microphone is a PulseAudio null sink (``scripts/virtual-mic.sh``): sound played into it
with ``paplay`` reaches ``sounddevice.InputStream`` through the real ALSA/PortAudio stack. A
missing PulseAudio or espeak-ng FAILS the test (CI installs them), it never skips.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from audio_harness import VirtualMic

from sitante_tui.crypto import age
from sitante_tui.domain.consent import ConsentAnswer, ConsentRecord

ROOT = Path(__file__).resolve().parents[2]
VIRTUAL_MIC = ROOT / "scripts" / "virtual-mic.sh"
SPEECH_TEXTS = ROOT / "tests" / "data" / "audio"
AUDIO_PACKAGES = (
    "libportaudio2 pulseaudio pulseaudio-utils alsa-utils libasound2-plugins espeak-ng sox"
)
# espeak-ng's Indonesian voice at its default 175 words/min slurs words into each other
# (base: 46 % WER); at 140 it is closer to a person speaking clearly (24 %).
VOICES = {"en": ("en-us", 175), "id": ("id", 140)}


def _require(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not installed: run scripts/ci-audio-setup.sh "
            f"(apt packages {AUDIO_PACKAGES})",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def virtual_mic() -> Iterator[VirtualMic]:
    """Start the virtual microphone if it is not up, and point PortAudio at it.

    ``sounddevice`` is imported only after the server is up (PortAudio scans devices once);
    if something imported it earlier, PortAudio is asked to scan again.
    """
    _require("pulseaudio", "pactl", "paplay", "parec")
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
    yield VirtualMic()


@pytest.fixture(scope="session")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="session")
def synthesize(speech_dir: Path) -> Callable[[str, str], Path]:
    """``synthesize(text, lang) -> wav``: speech from espeak-ng (22 kHz mono WAV), cached."""
    _require("espeak-ng")

    @functools.cache
    def make(text: str, lang: str) -> Path:
        voice, rate = VOICES[lang]
        out = speech_dir / f"{lang}-{abs(hash(text)):x}.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(out), text],
            check=True,
            capture_output=True,
        )
        return out

    return make


@pytest.fixture(scope="session")
def script() -> Callable[[str, int], str]:
    """``script(lang, count) -> text``: the first sentences of tests/data/audio/speech_*.txt."""

    def first(lang: str, count: int) -> str:
        lines = (SPEECH_TEXTS / f"speech_{lang}.txt").read_text("utf-8").splitlines()
        return " ".join(lines[:count])

    return first


@pytest.fixture
def consent_yes() -> ConsentRecord:
    record = ConsentRecord()
    record.answer(ConsentAnswer.YES, datetime(2025, 3, 4, 9, 0))
    return record


@pytest.fixture(scope="session")
def coach_identity() -> str:
    return age.generate_identity()


@pytest.fixture(scope="session")
def coach_recipient(coach_identity: str) -> str:
    return age.identity_to_recipient(coach_identity)


@pytest.fixture(scope="session", autouse=True)
def _model_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Assembled models go to a temporary cache, not the user's."""
    os.environ["SITANTE_CACHE"] = str(tmp_path_factory.mktemp("sitante-cache"))
