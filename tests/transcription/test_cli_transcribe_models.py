"""``sitante transcribe`` and ``sitante models``, run as the user runs them (a subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from sitante_tui.transcription.wer import word_error_rate

pytestmark = pytest.mark.slow


def sitante(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitante_tui", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ},
    )


def write_m4a(path: Path, audio: np.ndarray) -> Path:
    """A phone-style AAC recording, encoded with PyAV (which faster-whisper decodes with)."""
    import av

    pcm = (audio * 32767).astype(np.int16)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("aac", rate=16_000)
        stream.layout = "mono"
        for i in range(0, len(pcm), 1024):
            frame = av.AudioFrame.from_ndarray(
                pcm[i : i + 1024].reshape(1, -1), format="s16", layout="mono"
            )
            frame.sample_rate = 16_000
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def test_transcribe_a_wav_prints_the_text(
    synthesize: Callable[[str, str], Path], script: Callable[[str, int], str]
) -> None:
    text = script("en", 3)
    result = sitante(
        "transcribe", str(synthesize(text, "en")), "--lang", "en", "--model", "tiny.en"
    )
    assert result.returncode == 0, result.stderr
    assert word_error_rate(text, result.stdout) <= 0.15, result.stdout
    assert "Model: tiny.en (verified" in result.stderr and "100%" in result.stderr
    assert "Transcribing" not in result.stdout  # progress never pollutes the text


def test_transcribe_a_phone_recording_in_indonesian(
    speech: Callable[[str, int], tuple[str, np.ndarray]], tmp_path: Path
) -> None:
    text, audio = speech("id", 2)
    result = sitante("transcribe", str(write_m4a(tmp_path / "hp.m4a", audio)), "--lang", "id")
    assert result.returncode == 0, result.stderr
    assert "Model: base (verified" in result.stderr
    assert word_error_rate(text, result.stdout) <= 0.35, result.stdout


def test_transcribe_explains_bad_input(tmp_path: Path) -> None:
    missing = sitante("transcribe", str(tmp_path / "nope.wav"))
    assert missing.returncode == 1 and "File not found" in missing.stderr
    junk = tmp_path / "notes.wav"
    junk.write_text("not audio")
    unreadable = sitante("transcribe", str(junk), "--lang", "en")
    assert unreadable.returncode == 1 and "could not be read as audio" in unreadable.stderr
    assert "Traceback" not in unreadable.stderr
    english_only = sitante("transcribe", str(junk), "--lang", "id", "--model", "tiny.en")
    assert english_only.returncode == 1 and "English-only" in english_only.stderr


def test_models_lists_and_verifies() -> None:
    listed = sitante("models")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert any(line.startswith("tiny.en  verified") for line in lines)
    assert any(line.startswith("base     verified") for line in lines)
    assert any(line.startswith("small    not installed") for line in lines)
    assert "Used for language id: base" in listed.stdout
    verified = sitante("models", "verify")
    assert verified.returncode == 0 and "Every installed model matches" in verified.stdout


def test_models_flags_a_folder_that_does_not_match(tmp_path: Path) -> None:
    folder = tmp_path / "odd-model"
    folder.mkdir()
    for name in ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt"):
        (folder / name).write_text("x")
    result = subprocess.run(
        [sys.executable, "-m", "sitante_tui", "--lang", "en", "models"],
        capture_output=True,
        text=True,
        env={**os.environ, "SITANTE_WHISPER_MODEL": str(folder)},
        timeout=120,
    )
    assert result.returncode == 1
    assert "DOES NOT MATCH the official model" in result.stdout


def test_models_install_needs_a_name() -> None:
    result = sitante("models", "install")
    assert result.returncode == 2 and "sitante models install base" in result.stderr
