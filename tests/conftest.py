"""Shared fixtures: every test runs against a temporary workspace, never the user's data.

``demo_services`` and ``empty_services`` are real services (real keys, real encrypted files) over
that workspace, with time frozen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_support import FakeClock, frozen

from sitante_tui import i18n
from sitante_tui.domain.models import Coach
from sitante_tui.services import Services, build_services
from sitante_tui.services.demo_workspace import seed_demo


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


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def demo_services(sitante_home: Path, clock: FakeClock) -> Services:
    """The demo workspace (invented coachees and past sessions), unlocked, time frozen."""
    services = frozen(build_services(sitante_home), clock)
    seed_demo(services)
    return services


@pytest.fixture
def empty_services(sitante_home: Path, clock: FakeClock) -> Services:
    """A workspace with the coach's keys and profile, and nobody registered yet."""
    services = frozen(build_services(sitante_home), clock)
    services.create_keys("correct horse battery staple", work_factor=10)
    services.save_profile(Coach("coach", "Ibu Coach Penguji", "UPTD"))
    return services
