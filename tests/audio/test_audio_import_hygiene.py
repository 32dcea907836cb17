"""The audio and transcription edges import no heavy library until they are used, so the app
starts (and can explain) where PortAudio or a model is missing."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import sitante_tui.audio, sitante_tui.transcription
for package in (sitante_tui.audio, sitante_tui.transcription):
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
for name in ("doctor", "models", "transcribe"):
    importlib.import_module(f"sitante_tui.cli.{name}")
heavy = ("numpy", "sounddevice", "faster_whisper", "ctranslate2", "av", "onnxruntime")
print(",".join(m for m in heavy if m in sys.modules))
"""


def test_importing_the_edges_loads_no_heavy_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
