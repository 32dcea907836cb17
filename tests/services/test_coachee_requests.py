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


def test_erasure_removes_the_sessions_audio_transcript_and_live_draft(
    demo_services: Services,
) -> None:
    from sitante_tui.transcription.transcript import Transcript, TranscriptSegment
    from sitante_tui.transcription.transcript_store import save_transcript

    audio = demo_services.audio
    recipient = demo_services.keys.recipient
    files = []
    for n in (1, 2, 3):
        session_id = f"e-gede-{n}"
        folder = audio.audio_dir(session_id)
        folder.mkdir(parents=True)
        (folder / "r01-seg00000.age").write_bytes(b"age-encryption.org/v1\n...")
        said = Transcript("id", [TranscriptSegment(0, 1, "Apa tujuan Bapak?", "goal")])
        for draft in (False, True):
            save_transcript(audio.transcript_file(session_id, draft=draft), said, recipient)
        files += [
            folder,
            audio.transcript_file(session_id),
            audio.transcript_file(session_id, draft=True),
        ]
    assert audio.transcript_file("e-gede-1").parent == demo_services.workspace.transcripts_dir
    demo_services.erase_coachee(demo_services.load_roster(), "gede")
    assert not any(p.exists() for p in files)
