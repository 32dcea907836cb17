"""Saving and loading practice rounds through a real, encrypted vault."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sitante_tui.domain.practice import GROW_ROUND, PracticeRound
from sitante_tui.domain.practice_scenarios import Scenario
from sitante_tui.domain.question_analysis import GrowStage
from sitante_tui.practice_feedback import bundled_scenarios
from sitante_tui.services import Services, build_services
from sitante_tui.services.practice_rounds import (
    FOLDER,
    RoundNotSaved,
    load_rounds,
    save_round,
)

START = datetime(2026, 11, 28, 9, 30)


@pytest.fixture
def services(sitante_home: Path) -> Services:
    services = build_services(sitante_home)
    services.create_keys("correct horse battery staple", work_factor=10)
    return services


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    return bundled_scenarios()


def played(scenario: Scenario, start: datetime = START) -> PracticeRound:
    practice = PracticeRound(scenario, GROW_ROUND, "id", start, seed=2)
    practice.ask("Apa yang ingin Anda capai?")
    practice.ask("Sebaiknya Anda pilih yang paling mudah.")
    practice.skip_stage()
    practice.ask("Apa yang sedang terjadi saat ini?")
    return practice


def test_round_trip_through_the_vault(services: Services, scenarios: list[Scenario]) -> None:
    practice = played(scenarios[0])
    summary = practice.finish(START + timedelta(minutes=9))
    relpath = save_round(services, practice, summary)

    assert relpath.startswith(f"{FOLDER}/")
    raw = services.vault_required().path(relpath).read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n")
    assert b"Sebaiknya" not in raw and b"capai" not in raw

    past = load_rounds(services)
    assert not past.damaged and not past.locked
    (stored,) = past.rounds
    assert stored.summary == summary and past.summaries == [summary]
    assert stored.restore(scenarios) == practice


def test_rounds_come_back_oldest_first(services: Services, scenarios: list[Scenario]) -> None:
    for days in (3, 1, 2):
        practice = played(scenarios[days], START + timedelta(days=days))
        save_round(services, practice, practice.finish(START + timedelta(days=days, minutes=5)))
    past = load_rounds(services)
    assert [r.summary.scenario_key for r in past.rounds] == [s.key for s in scenarios[1:4]]


def test_damaged_and_foreign_files_are_skipped(
    services: Services, scenarios: list[Scenario]
) -> None:
    practice = played(scenarios[0])
    good = save_round(services, practice, practice.finish(START))
    vault = services.vault_required()
    vault.path(f"{FOLDER}/garbage").write_bytes(b"not an age file at all")
    tampered = bytearray(vault.path(good).read_bytes())
    tampered[-5] ^= 0x01
    vault.path(f"{FOLDER}/tampered").write_bytes(bytes(tampered))
    vault.write_json(f"{FOLDER}/future", {"schema": 99, "round": {}, "summary": {}})
    vault.write_json(f"{FOLDER}/broken", {"schema": 1, "round": {}, "summary": {"score": 3}})

    past = load_rounds(services)
    assert [r.relpath for r in past.rounds] == [good]
    assert sorted(past.damaged) == [
        f"{FOLDER}/broken",
        f"{FOLDER}/future",
        f"{FOLDER}/garbage",
        f"{FOLDER}/tampered",
    ]


def test_a_round_whose_scenario_is_gone(services: Services, scenarios: list[Scenario]) -> None:
    practice = played(scenarios[0])
    save_round(services, practice, practice.finish(START))
    (stored,) = load_rounds(services).rounds
    renamed = replace(scenarios[0], key="renamed")
    assert stored.restore([renamed]) is None
    assert stored.summary.per_stage[GrowStage.GOAL].asked == 2  # the summary still counts


def test_locked_workspace_reads_nothing_but_still_saves(
    services: Services, scenarios: list[Scenario]
) -> None:
    services.lock()
    practice = played(scenarios[0])
    save_round(services, practice, practice.finish(START))  # needs only the public key
    assert load_rounds(services).locked
    services.unlock("correct horse battery staple")
    assert len(load_rounds(services).rounds) == 1


def test_unwritable_folder_raises_round_not_saved(
    services: Services, scenarios: list[Scenario]
) -> None:
    blocker = services.workspace.root / FOLDER
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the folder should be")
    practice = played(scenarios[0])
    with pytest.raises(RoundNotSaved) as error:
        save_round(services, practice, practice.finish(START))
    assert error.value.reason
