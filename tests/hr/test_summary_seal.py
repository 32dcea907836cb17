"""Sealing and opening summaries: every bad record gets a verdict, the good ones stay fine."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path

import pytest
from hr_samples import make_summary

from sitante_tui.crypto import age
from sitante_tui.crypto.coach_keys import CoachKeys, create_coach_keys
from sitante_tui.crypto.summary_seal import (
    PHOTO_MAX_BYTES,
    HrPrivateCodec,
    PhotoMismatch,
    PhotoTooLarge,
    PrivateFileTampered,
    UnsupportedPhoto,
    open_photo,
    open_summaries,
    open_summary,
    resealer,
    seal_photo,
    seal_summary,
)
from sitante_tui.domain.hr_summary import SealedSummary, SummaryVerdict

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 200


def _open(sealed: SealedSummary, hr_identity: str, coach: CoachKeys) -> SummaryVerdict:
    opened = open_summary(
        sealed,
        identities=[hr_identity],
        approved_keys={coach.key_id: coach.verify_key_bytes},
        published_key_ids={coach.key_id},
    )
    return opened.verdict


def test_hr_opens_and_verifies_what_the_coach_sealed(
    hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    summary = make_summary()
    sealed = seal_summary(summary, coach_keys=coach, hr_recipient=hr_recipient)
    assert sealed.summary_id == summary.summary_id and sealed.coach_key_id == coach.key_id
    assert b"Mustiani" not in sealed.ciphertext
    opened = open_summary(
        sealed, identities=[hr_identity], approved_keys={coach.key_id: coach.verify_key_bytes}
    )
    assert opened.verdict is SummaryVerdict.OK
    assert opened.summary == summary
    own = open_summary(
        sealed, identities=[coach.identity], approved_keys={coach.key_id: coach.verify_key_bytes}
    )
    assert own.verdict is SummaryVerdict.OK, "the coach can re-open their own summary"


def test_another_coach_cannot_read_it(hr_recipient: str, coach: CoachKeys) -> None:
    sealed = seal_summary(make_summary(), coach_keys=coach, hr_recipient=hr_recipient)
    other = create_coach_keys()
    with pytest.raises(age.NoIdentityMatched):
        age.decrypt(sealed.ciphertext, identities=[other.identity])


def test_a_flipped_byte_is_tampered_and_the_other_records_stay_fine(
    hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    good = [
        seal_summary(make_summary(), coach_keys=coach, hr_recipient=hr_recipient) for _ in range(3)
    ]
    blob = bytearray(good[1].ciphertext)
    blob[-20] ^= 0x01
    bad = dataclasses.replace(good[1], ciphertext=bytes(blob))
    results = open_summaries(
        [good[0], bad, good[2]],
        identities=[hr_identity],
        approved_keys={coach.key_id: coach.verify_key_bytes},
    )
    assert [r.verdict for r in results] == [
        SummaryVerdict.OK,
        SummaryVerdict.TAMPERED,
        SummaryVerdict.OK,
    ]


def test_content_rewritten_by_someone_with_only_hr_public_key_is_tampered(
    hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    sealed = seal_summary(make_summary(coach_rating=1), coach_keys=coach, hr_recipient=hr_recipient)
    # The coach (who can decrypt) edits the rating and re-encrypts, keeping the old signature.
    envelope = json.loads(age.decrypt(sealed.ciphertext, identities=[coach.identity]))
    envelope["signed"] = envelope["signed"].replace('"coach_rating":1', '"coach_rating":5')
    forged = age.encrypt(json.dumps(envelope).encode(), recipients=[hr_recipient])
    assert _open(dataclasses.replace(sealed, ciphertext=forged), hr_identity, coach) is (
        SummaryVerdict.TAMPERED
    )


def test_swapped_plain_metadata_is_tampered(
    hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    sealed = seal_summary(make_summary(), coach_keys=coach, hr_recipient=hr_recipient)
    moved = dataclasses.replace(sealed, created_at="2030-01-01T00:00:00.000000+00:00")
    assert _open(moved, hr_identity, coach) is SummaryVerdict.TAMPERED
    renamed = dataclasses.replace(sealed, summary_id="0" * 32)
    assert _open(renamed, hr_identity, coach) is SummaryVerdict.TAMPERED


def test_unknown_and_unapproved_signers_are_flagged(
    hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    stranger = create_coach_keys()
    sealed = seal_summary(make_summary(), coach_keys=stranger, hr_recipient=hr_recipient)
    approved = {coach.key_id: coach.verify_key_bytes}
    unknown = open_summary(sealed, identities=[hr_identity], approved_keys=approved)
    assert unknown.verdict is SummaryVerdict.UNKNOWN_SIGNER
    assert unknown.summary is not None, "HR still sees the claim, marked as untrusted"
    pending = open_summary(
        sealed,
        identities=[hr_identity],
        approved_keys=approved,
        published_key_ids={stranger.key_id},
    )
    assert pending.verdict is SummaryVerdict.UNAPPROVED_SIGNER
    # A key published under the approved coach's key id, but a different key: unknown.
    spoof = {stranger.key_id: coach.verify_key_bytes}
    assert (
        open_summary(sealed, identities=[hr_identity], approved_keys=spoof).verdict
        is SummaryVerdict.UNKNOWN_SIGNER
    )


def test_wrong_hr_identity_gets_not_for_me(hr_recipient: str, coach: CoachKeys) -> None:
    sealed = seal_summary(make_summary(), coach_keys=coach, hr_recipient=hr_recipient)
    assert _open(sealed, age.generate_identity(), coach) is SummaryVerdict.NOT_FOR_ME


def test_coach_only_seal_is_resealed_to_hr_with_the_signature_kept(
    hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    sealed = seal_summary(make_summary(), coach_keys=coach, hr_recipient=None)
    assert _open(sealed, hr_identity, coach) is SummaryVerdict.NOT_FOR_ME
    resealed = dataclasses.replace(
        sealed, ciphertext=resealer(coach, hr_recipient)(sealed.ciphertext)
    )
    assert _open(resealed, hr_identity, coach) is SummaryVerdict.OK


def test_cache_holds_crypto_results_and_trust_is_reapplied(
    hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    sealed = [seal_summary(make_summary(), coach_keys=coach, hr_recipient=hr_recipient)]
    cache: dict[str, dict[str, object]] = {}
    approved = {coach.key_id: coach.verify_key_bytes}
    first = open_summaries(sealed, identities=[hr_identity], approved_keys=approved, cache=cache)
    assert len(cache) == 1
    again = open_summaries(sealed, identities=["not used"], approved_keys=approved, cache=cache)
    assert again[0].summary == first[0].summary
    revoked = open_summaries(sealed, identities=[hr_identity], approved_keys={}, cache=cache)
    assert revoked[0].verdict is SummaryVerdict.UNKNOWN_SIGNER


def test_photo_is_sealed_size_limited_and_bound_to_the_summary(
    hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    ref, blob = seal_photo(
        PNG, filename="C:\\foto\\sesi1.png", coach_keys=coach, hr_recipient=hr_recipient
    )
    assert (ref.filename, ref.media_type, ref.size) == ("sesi1.png", "image/png", len(PNG))
    assert open_photo(blob, ref, identities=[hr_identity]) == PNG
    _, other = seal_photo(PNG + b"x", filename="b.png", coach_keys=coach, hr_recipient=hr_recipient)
    with pytest.raises(PhotoMismatch):
        open_photo(other, ref, identities=[hr_identity])
    with pytest.raises(PhotoTooLarge) as raised:
        seal_photo(
            PNG + bytes(PHOTO_MAX_BYTES),
            filename="big.png",
            coach_keys=coach,
            hr_recipient=hr_recipient,
        )
    assert raised.value.limit == PHOTO_MAX_BYTES
    with pytest.raises(UnsupportedPhoto):
        seal_photo(b"GIF89a", filename="x.gif", coach_keys=coach, hr_recipient=hr_recipient)


def test_hr_private_files_reject_forgeries_made_with_the_public_key(hr_identity: str) -> None:
    codec = HrPrivateCodec(hr_identity)
    assert codec.open(codec.seal(b"approvals")) == b"approvals"
    forged = age.encrypt(bytes(32) + b"approvals", recipients=[codec.recipient])
    with pytest.raises(PrivateFileTampered):
        codec.open(forged)


def test_the_standard_age_tool_opens_a_sealed_summary(
    tmp_path: Path, hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    sealed = seal_summary(make_summary(), coach_keys=coach, hr_recipient=hr_recipient)
    (tmp_path / "hr.key").write_text(hr_identity + "\n")
    (tmp_path / "s.age").write_bytes(sealed.ciphertext)
    out = subprocess.run(
        ["age", "-d", "-i", str(tmp_path / "hr.key"), str(tmp_path / "s.age")],
        capture_output=True,
        check=True,
    ).stdout
    assert json.loads(json.loads(out)["signed"])["summary"]["summary_id"] == sealed.summary_id
