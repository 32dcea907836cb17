"""The vault: every byte encrypted, atomic replace, clear errors, and recovery with real `age`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from disk_support import tiny_disk

from sitante_tui.crypto.age import generate_identity, identity_to_recipient
from sitante_tui.domain.models import Coachee
from sitante_tui.store.records import Records
from sitante_tui.store.vault import DamagedFile, DiskFull, Vault, VaultLocked

IDENTITY = generate_identity()


def open_vault(root: Path) -> Vault:
    vault = Vault(root, [identity_to_recipient(IDENTITY)])
    vault.unlock([IDENTITY])
    return vault


def test_written_files_are_age_files_readable_by_the_real_age(tmp_path: Path) -> None:
    vault = open_vault(tmp_path)
    vault.write("data/notes/s1", b"Catatan rahasia: RAHASIA-123")
    stored = vault.path("data/notes/s1").read_bytes()
    assert stored.startswith(b"age-encryption.org/v1\n") and b"RAHASIA-123" not in stored
    identity_file = tmp_path / "id.txt"
    identity_file.write_text(IDENTITY + "\n")
    age = shutil.which("age")
    assert age, "the age binary is required (apt-get install age)"
    out = subprocess.run(
        [age, "-d", "-i", str(identity_file), str(vault.path("data/notes/s1"))],
        capture_output=True,
        check=True,
    )
    assert out.stdout == b"Catatan rahasia: RAHASIA-123"


def test_a_locked_vault_still_saves_but_cannot_read(tmp_path: Path) -> None:
    vault = open_vault(tmp_path)
    vault.lock()
    vault.write("data/x", b"autosave while locked")
    with pytest.raises(VaultLocked):
        vault.read("data/x")
    vault.unlock([IDENTITY])
    assert vault.read("data/x") == b"autosave while locked"


def test_a_tampered_file_is_named_and_the_rest_of_the_workspace_opens(tmp_path: Path) -> None:
    vault = open_vault(tmp_path)
    records = Records(vault)
    records.save(Coachee("a", "Ani"))
    records.save(Coachee("b", "Budi"))
    damaged = vault.path("data/coachees/a")
    data = bytearray(damaged.read_bytes())
    data[-5] ^= 0x01
    damaged.write_bytes(bytes(data))
    with pytest.raises(DamagedFile, match="data/coachees/a"):
        vault.read("data/coachees/a")
    roster = records.load()
    assert roster.problems == ["data/coachees/a"]
    assert [c.name for c in roster.coachees.values()] == ["Budi"]


def test_a_full_disk_keeps_the_previous_version_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tiny_disk(tmp_path / "disk", monkeypatch, size="64k") as disk:
        vault = open_vault(disk.path)
        vault.write("data/sessions/s1", b"version 1")
        if not disk.mounted:
            disk.fill()  # on the real 64 KiB disk, the 200 KiB write itself fills it
        with pytest.raises(DiskFull) as error:
            vault.write("data/sessions/s1", os.urandom(200 * 1024))
        assert error.value.relpath == "data/sessions/s1"
        assert vault.read("data/sessions/s1") == b"version 1"
        leftovers = [p.name for p in (disk.path / "data" / "sessions").iterdir()]
        assert leftovers == ["s1.age"]  # no temp file left behind
