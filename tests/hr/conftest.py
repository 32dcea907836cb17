"""Fixtures for the HR tests: real keys, real sealing, real files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hr_samples import make_summary

from sitante_tui.crypto import age
from sitante_tui.domain.hr_summary import SessionSummary

if TYPE_CHECKING:
    from sitante_tui.crypto.coach_keys import CoachKeys


@pytest.fixture
def hr_identity() -> str:
    return age.generate_identity()


@pytest.fixture
def hr_recipient(hr_identity: str) -> str:
    return age.identity_to_recipient(hr_identity)


@pytest.fixture
def coach() -> CoachKeys:
    from sitante_tui.crypto.coach_keys import create_coach_keys

    return create_coach_keys()


@pytest.fixture
def summary_factory() -> Callable[..., SessionSummary]:
    return make_summary


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder
