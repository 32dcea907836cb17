"""Fixtures for the audio tests: the real virtual microphone, espeak-ng speech, real age keys.

The microphone is a PulseAudio null sink (``scripts/virtual-mic.sh``): sound played into it
with ``paplay`` reaches ``sounddevice.InputStream`` through the real ALSA/PortAudio stack. A
missing PulseAudio or espeak-ng FAILS the test (CI installs them), it never skips.
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from audio_harness import VirtualMic
from mic_support import require_tools, start_virtual_mic

from sitante_tui.crypto import age
from sitante_tui.domain.consent import ConsentAnswer, ConsentRecord

ROOT = Path(__file__).resolve().parents[2]
SPEECH_TEXTS = ROOT / "tests" / "data" / "audio"
# espeak-ng's Indonesian voice at its default 175 words/min slurs words into each other
# (base: 46 % WER); at 140 it is closer to a person speaking clearly (24 %).
VOICES = {"en": ("en-us", 175), "id": ("id", 140)}


def _require(*tools: str) -> None:
    require_tools(*tools)


@pytest.fixture(scope="session")
def virtual_mic() -> Iterator[VirtualMic]:
    """Start the virtual microphone if it is not up, and point PortAudio at it."""
    start_virtual_mic()
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
