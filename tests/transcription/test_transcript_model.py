"""Transcripts: stage markers, search, text per stage, and encrypted storage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from sitante_tui.crypto.age import AgeError
from sitante_tui.transcription.transcript import Transcript, TranscriptSegment
from sitante_tui.transcription.transcript_store import (
    delete_transcript,
    load_transcript,
    save_transcript,
    transcript_path,
)


@dataclass(frozen=True)
class Marker:
    offset_seconds: float
    stage: str


def sample() -> Transcript:
    return Transcript(
        language="id",
        model="base",
        segments=[
            TranscriptSegment(0.0, 4.0, "Apa tujuan Anda untuk sesi ini?"),
            TranscriptSegment(4.0, 9.0, "Saya ingin laporan bulanan selesai tepat waktu."),
            TranscriptSegment(9.0, 15.0, "Bagaimana keadaan laporan sekarang?"),
            TranscriptSegment(15.0, 20.0, "Laporan sering terlambat dua minggu."),
            TranscriptSegment(20.0, 24.0, "Kembali ke tujuan: apa ukurannya?"),
        ],
    )


def test_each_passage_takes_the_stage_in_force_at_its_midpoint() -> None:
    markers = [Marker(0.0, "goal"), Marker(8.0, "reality"), Marker(19.0, "goal")]
    staged = sample().with_stages(markers)
    assert [s.stage for s in staged.segments] == ["goal", "goal", "reality", "reality", "goal"]
    assert staged.text_by_stage() == [
        ("goal", "Apa tujuan Anda untuk sesi ini? Saya ingin laporan bulanan selesai tepat waktu."),
        ("reality", "Bagaimana keadaan laporan sekarang? Laporan sering terlambat dua minggu."),
        ("goal", "Kembali ke tujuan: apa ukurannya?"),
    ]


def test_without_markers_there_is_no_stage() -> None:
    assert {s.stage for s in sample().with_stages([]).segments} == {None}


def test_search_is_case_and_accent_insensitive() -> None:
    transcript = sample()
    hits = transcript.search("LAPORAN")
    assert [h.segment_index for h in hits] == [1, 2, 3]
    first = hits[0]
    assert first.segment.text[first.match_start : first.match_end] == "laporan"
    transcript.segments.append(TranscriptSegment(24.0, 26.0, "Café résumé"))
    assert [h.segment_index for h in transcript.search("resume")] == [5]
    assert transcript.search("   ") == []


def test_dict_round_trip() -> None:
    staged = sample().with_stages([Marker(0.0, "goal")])
    assert Transcript.from_dict(staged.to_dict()) == staged


def test_encrypted_storage_round_trip_and_the_final_replaces_the_draft(
    tmp_path: Path, coach_recipient: str, coach_identity: str
) -> None:
    draft_path = transcript_path(tmp_path, "s-1", draft=True)
    final_path = transcript_path(tmp_path, "s-1")
    draft = Transcript(language="id", draft=True, segments=sample().segments[:2])
    save_transcript(draft_path, draft, coach_recipient)
    raw = draft_path.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1") and b"laporan" not in raw
    assert load_transcript(draft_path, coach_identity) == draft

    save_transcript(final_path, sample(), coach_recipient)
    assert not draft_path.exists()  # the after-session pass replaces the draft
    assert load_transcript(final_path, coach_identity) == sample()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s-1.age"]


def test_a_tampered_transcript_is_refused_and_delete_erases_it(
    tmp_path: Path, coach_recipient: str, coach_identity: str
) -> None:
    path = transcript_path(tmp_path, "s-2")
    save_transcript(path, sample(), coach_recipient)
    data = bytearray(path.read_bytes())
    data[-5] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(AgeError):
        load_transcript(path, coach_identity)
    assert delete_transcript(path)
    assert not path.exists()
    assert not delete_transcript(path)
