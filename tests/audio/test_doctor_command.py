"""``sitante doctor`` on a machine with the virtual microphone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from audio_harness import VirtualMic

pytestmark = pytest.mark.slow


def doctor(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitante_tui", "--lang", "en", *args, "doctor"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )


def test_doctor_on_a_healthy_machine(virtual_mic: VirtualMic, sitante_home: Path) -> None:
    result = doctor()
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "OK      PortAudio: PortAudio V19" in out
    assert "OK      Input devices: 2 found" in out
    assert "OK      Microphone in use: default (ALSA)" in out
    assert "OK      Model for language id: base (verified" in out
    assert "NOTE    No coach key yet" in out
    assert "NOTE    No shared folder set" in out
    assert out.rstrip().endswith("All checks passed.")


def test_doctor_flags_an_unreachable_shared_folder(
    virtual_mic: VirtualMic, sitante_home: Path, tmp_path: Path
) -> None:
    (sitante_home / "keys").mkdir()
    (sitante_home / "keys" / "coach.age").write_bytes(b"age-encryption.org/v1\n")
    result = doctor("--shared", str(tmp_path / "unplugged-share"))
    assert result.returncode == 1
    assert f"PROBLEM Shared folder not reachable: {tmp_path / 'unplugged-share'}" in result.stdout
    assert "OK      Coach key present" in result.stdout
    shared = tmp_path / "share"
    shared.mkdir()
    assert "OK      Shared folder reachable" in doctor("--shared", str(shared)).stdout


def test_home_option_wins_over_the_environment(
    virtual_mic: VirtualMic, sitante_home: Path, tmp_path: Path
) -> None:
    """``--home DIR`` picks the workspace even when ``SITANTE_HOME`` is set (as the README says)."""
    assert f"Workspace: {sitante_home}" in doctor().stdout
    chosen = tmp_path / "laptop-b"
    (chosen / "keys").mkdir(parents=True)
    (chosen / "keys" / "coach.age").write_bytes(b"age-encryption.org/v1\n")
    out = doctor("--home", str(chosen)).stdout
    assert f"Workspace: {chosen}" in out and "OK      Coach key present" in out
    assert str(sitante_home) not in out
