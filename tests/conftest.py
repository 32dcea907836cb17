"""Shared fixtures: every test runs against a temporary workspace, never the user's data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitante_tui import i18n


@pytest.fixture(autouse=True)
def sitante_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty ``SITANTE_HOME`` for each test."""
    home = tmp_path_factory.mktemp("sitante-home")
    monkeypatch.setenv("SITANTE_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts (and ends) in the default language."""
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
