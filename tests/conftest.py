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
    """Each test starts in the default language and may not show an untranslated key."""
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    i18n.missing_seen.clear()
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    assert not i18n.missing_seen, f"texts missing from the catalogue: {sorted(i18n.missing_seen)}"
