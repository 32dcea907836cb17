"""Fixtures for Pilot and snapshot tests: real services over a temporary workspace, frozen time."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_support import FakeClock, frozen

from sitante_tui.domain.models import Coach
from sitante_tui.services import Services, build_services
from sitante_tui.services.demo_workspace import seed_demo


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
