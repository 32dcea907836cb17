"""Privacy is the product: after a whole session, no byte on disk reveals what was said.

A unique marker goes into the coachee's name, the notes, an option and the action plan. After the
session is closed, sealed and synced, every file under SITANTE_HOME (shared folder and outbox
included) and the temporary directory is scanned for the marker: plain UTF-8, UTF-16 and base64.
"""

from __future__ import annotations

import base64
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from ui_support import FakeClock, frozen

from sitante_tui.domain.models import Coach, Coachee, Engagement, ProgrammePlan
from sitante_tui.services import build_services
from sitante_tui.ui.app import SitanteApp


def encodings(marker: str) -> list[bytes]:
    """The byte patterns that would betray ``marker`` on disk."""
    raw = marker.encode()
    patterns = [raw, marker.encode("utf-16-le"), marker.encode("utf-16-be")]
    for offset in range(3):  # base64 of the marker at each alignment, edges trimmed
        encoded = base64.b64encode(b"\0" * offset + raw)
        patterns.append(encoded[(offset * 4 + 2) // 3 + 1 : -4])
    return patterns


def files_under(*roots: Path) -> Iterator[Path]:
    for root in roots:
        yield from (p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp directory of this test's own, so the scan sees every temp file the app makes."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()


async def test_a_closed_session_leaves_no_plaintext_anywhere(
    sitante_home: Path, private_temp: Path
) -> None:
    marker = "PENANDA" + uuid.uuid4().hex[:10].upper()
    services = frozen(build_services(sitante_home), FakeClock())
    services.create_keys("rahasia kopi bali pagi", work_factor=10)
    services.save_profile(Coach("coach", "Coach Penguji"))
    shared = sitante_home.parent / "shared"
    shared.mkdir()
    from sitante_tui.crypto.age import generate_identity, identity_to_recipient
    from sitante_tui.store.shared_store import SharedStore

    hr_recipient = identity_to_recipient(generate_identity())
    SharedStore(shared).publish_hr_recipient(hr_recipient)
    services.settings.shared_dir = shared
    services.settings.hr_recipient = hr_recipient
    records = services.records
    records.save(Coachee("c1", f"Ibu {marker}", "Seksi Diklat", "Analis", f"agenda {marker}"))
    plan = ProgrammePlan(f"agenda {marker}", f"tujuan {marker}", "", True)
    records.save(Engagement("e1", "coach", ["c1"], agendas={"c1": f"agenda {marker}"}, plan=plan))

    app = SitanteApp(services)
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "enter")  # start the session
        await press(pilot, "ctrl+n")
        await press(pilot, "7", "tab", *"ok", "ctrl+n")
        await press(pilot, "tab", "enter", "ctrl+n")  # no recording
        await press(pilot, "enter", "ctrl+n")  # confidentiality stated
        await press(pilot, "tab", *f"catatan {marker}", "ctrl+n")
        await press(pilot, "tab", "tab", "5", "ctrl+n")
        await press(pilot, "tab", "tab", *f"opsi {marker}", "enter", "ctrl+n")
        await press(pilot, "ctrl+n")
        await press(pilot, "a")
        await press(pilot, *f"aksi {marker}", "enter", "ctrl+n")
        await press(pilot, "enter", "ctrl+n")  # the coachee confirms
        await press(pilot, "ctrl+n")
        await press(pilot, "tab", "tab", "enter")
        await press(pilot, "enter")  # close and seal
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()

    assert SharedStore(shared).snapshot().summaries, "the sealed summary reached the shared folder"
    patterns = encodings(marker)
    scanned = 0
    for path in files_under(sitante_home, shared, private_temp):
        data = path.read_bytes()
        scanned += 1
        for pattern in patterns:
            assert pattern not in data, f"{path} holds the marker in plain form ({pattern!r})"
    assert scanned > 10  # the workspace really was written to
