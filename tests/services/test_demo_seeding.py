"""``sitante demo`` seeds its workspace in a child process while the UI loads: the parent then
opens exactly what a seeding in the same process would have given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitante_tui.services import build_services
from sitante_tui.services.demo_workspace import DEMO_PASSPHRASE, seed_demo, start_seeding


def test_the_seeded_workspace_opens_in_the_parent(tmp_path: Path) -> None:
    inline = build_services(tmp_path / "inline", language="en")
    seed_demo(inline)
    forked = build_services(tmp_path / "forked", language="en")
    opened = start_seeding(forked)
    assert not forked.unlocked  # the parent goes on (loading the UI) while the child seeds
    opened()
    assert forked.unlocked and forked.demo_passphrase == DEMO_PASSPHRASE
    assert forked.settings.language == "en"
    assert forked.settings.hr_recipient and forked.settings.hr_recipient.startswith("age1")
    assert forked.settings.shared_dir == tmp_path / "forked" / "shared"
    ours, theirs = forked.load_roster(), inline.load_roster()
    assert not ours.problems
    assert sorted(c.name for c in ours.coachees.values()) == sorted(
        c.name for c in theirs.coachees.values()
    )
    assert len(ours.sessions) == len(theirs.sessions) >= 8


@pytest.mark.skipif(not hasattr(os, "fork"), reason="seeding runs inline without fork")
def test_a_seeding_that_fails_in_the_child_is_reported(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    services = build_services(tmp_path / "home")
    (tmp_path / "home").mkdir(exist_ok=True)
    (tmp_path / "home" / "keys").write_text("a file where the keys folder should be")
    opened = start_seeding(services)
    with pytest.raises(RuntimeError, match="could not be prepared"):
        opened()
    assert "Traceback" in capfd.readouterr().err  # the child's error is on the terminal
