"""Helpers for the store tests: start worker processes (real OS processes, real files)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

WORKER = Path(__file__).with_name("store_worker.py")


def start_worker(*args: str) -> subprocess.Popen[str]:
    """Start ``store_worker.py`` with ``args``; stdout is a text pipe."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def share(tmp_path: Path) -> Path:
    """An existing folder standing for the network share."""
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


@pytest.fixture
def worker() -> object:
    """:func:`start_worker`, as a fixture (test modules do not import each other)."""
    return start_worker
