"""Data-subject requests: a coachee's data exported readably, or erased leaving only consent."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sitante_tui.services import Services
from sitante_tui.store.records import Records


def test_export_bundle_holds_the_coachees_sessions_readably(
    demo_services: Services, tmp_path: Path
) -> None:
    roster = demo_services.load_roster()
    written = demo_services.export_coachee(roster, "gede", tmp_path / "gede-data")
    assert written.suffix == ".zip" and written.parent == tmp_path
    with zipfile.ZipFile(written) as bundle:
        names = bundle.namelist()
        record = json.loads(bundle.read("coachee.json"))
        first = bundle.read("sesi-01.txt").decode()
    assert record["coachee"]["name"] == "I Gede Wirawan"
    assert len(record["sessions"]) == 3 and {"sesi-01.txt", "sesi-02.txt", "sesi-03.txt"} <= set(
        names
    )
    assert "Membaca Permenpan tentang JFT" in first and "Izin rekaman: no" in first


def test_erasure_removes_everything_but_keeps_the_consent_history(demo_services: Services) -> None:
    roster = demo_services.load_roster()
    session_files = [
        demo_services.vault_required().path(f"data/sessions/e-gede-{n}") for n in (1, 2, 3)
    ]
    assert all(p.exists() for p in session_files)
    demo_services.erase_coachee(roster, "gede")
    assert "gede" not in roster.coachees and "e-gede" not in roster.engagements
    assert not any(p.exists() for p in session_files)
    reloaded = Records(demo_services.vault_required()).load()
    assert "gede" not in reloaded.coachees and not reloaded.problems
    assert all(s.engagement_id != "e-gede" for s in reloaded.sessions.values())
    [erasure] = demo_services.vault_required().list("data/erasures")
    record = demo_services.vault_required().read_json(erasure)
    assert [c["session_number"] for c in record["consent_records"]] == [1, 2, 3]
    assert record["consent_records"][0]["consent"][0]["answer"] == "no"
    text = json.dumps(record)
    assert "Gede" not in text and "Wirawan" not in text and "JFT" not in text


def test_erasing_one_member_of_a_group_keeps_the_others(demo_services: Services) -> None:
    roster = demo_services.load_roster()
    demo_services.erase_coachee(roster, "made")
    group = Records(demo_services.vault_required()).load().engagements["e-group"]
    assert group.coachee_ids == ["ketut"] and "made" not in group.agendas
