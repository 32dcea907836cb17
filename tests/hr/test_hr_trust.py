"""HR-key pinning on the coach side; coach-key approvals and the verified cache on HR's side."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hr_samples import make_summary, publish

from sitante_tui.cli.hr import HrOffice
from sitante_tui.crypto import age
from sitante_tui.crypto.coach_keys import CoachKeys, write_identity_file
from sitante_tui.crypto.summary_seal import HrPrivateCodec, PrivateFileTampered, seal_summary
from sitante_tui.domain.hr_summary import SummaryVerdict
from sitante_tui.store.hr_trust import ApprovalBook, HrKeyVerdict, check_hr_recipient
from sitante_tui.store.shared_store import SharedStore

PASS = "frasa sandi sdm panjang"


def test_pinning_verdicts(hr_recipient: str) -> None:
    other = age.identity_to_recipient(age.generate_identity())
    assert check_hr_recipient(hr_recipient, hr_recipient) is HrKeyVerdict.MATCH
    assert check_hr_recipient(hr_recipient, other) is HrKeyVerdict.CHANGED
    assert check_hr_recipient(hr_recipient, None) is HrKeyVerdict.NOT_OFFERED
    assert check_hr_recipient(None, other) is HrKeyVerdict.NOT_PINNED
    assert check_hr_recipient(None, None) is HrKeyVerdict.NO_HR_KEY
    assert check_hr_recipient(hr_recipient, "age1-not-a-key") is HrKeyVerdict.INVALID


def _office(tmp_path: Path, share: Path, hr_identity: str, cache: bool = True) -> HrOffice:
    identity_file = tmp_path / "hr.age"
    if not identity_file.exists():
        write_identity_file(identity_file, hr_identity, PASS, work_factor=10)
    return HrOffice.unlock(
        identity_file, PASS, share, cache_dir=tmp_path / "cache" if cache else None
    )


def test_approval_is_needed_and_a_tampered_approvals_file_is_refused(
    tmp_path: Path, share: Path, hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    store = SharedStore(share)
    store.publish_hr_recipient(hr_recipient)
    publish(store, coach)
    store.put_summary(seal_summary(make_summary(), coach_keys=coach, hr_recipient=hr_recipient))
    office = _office(tmp_path, share, hr_identity)

    before = office.dashboard(today=date(2026, 3, 3))
    assert [f.verdict for f in before.flagged] == [SummaryVerdict.UNAPPROVED_SIGNER]
    assert before.totals.keys_pending == 1 and before.summaries == ()

    office.approve(coach.key_id)
    after = office.dashboard(today=date(2026, 3, 3))
    assert after.flagged == () and len(after.summaries) == 1
    assert after.coach_keys[0].approved

    # Someone who knows only HR's public key writes an "approvals" file: refused.
    forged = age.encrypt(bytes(32) + b'{"v":1,"approvals":{}}', recipients=[hr_recipient])
    office.approvals.path.write_bytes(forged)
    with pytest.raises(PrivateFileTampered):
        office.approvals.load()


def test_a_coach_key_replaced_in_the_share_after_approval_is_not_trusted(
    tmp_path: Path, share: Path, hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    from sitante_tui.crypto.coach_keys import create_coach_keys
    from sitante_tui.store.shared_store import CoachPublicKey

    store = SharedStore(share)
    publish(store, coach)
    office = _office(tmp_path, share, hr_identity)
    office.approve(coach.key_id)
    impostor = create_coach_keys()
    store.publish_coach_key(
        CoachPublicKey(
            coach.key_id, impostor.recipient, impostor.verify_key_bytes, "Dwinta Pratiwi"
        )
    )
    store.put_summary(seal_summary(make_summary(), coach_keys=impostor, hr_recipient=hr_recipient))
    dashboard = office.dashboard(today=date(2026, 3, 3))
    assert [f.verdict for f in dashboard.flagged] == [SummaryVerdict.UNKNOWN_SIGNER]
    assert not dashboard.coach_keys[0].approved


def test_verified_cache_is_sealed_reused_and_pruned(
    tmp_path: Path, share: Path, hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    store = SharedStore(share)
    publish(store, coach)
    sealed = [
        seal_summary(make_summary(session_number=n), coach_keys=coach, hr_recipient=hr_recipient)
        for n in (1, 2)
    ]
    store.put_summaries(sealed)
    office = _office(tmp_path, share, hr_identity)
    office.approve(coach.key_id)
    cold = office.dashboard(today=date(2026, 3, 3))
    assert office.cache is not None
    cache_file = office.cache.path
    assert cache_file.exists() and b"Mustiani" not in cache_file.read_bytes()
    warm = _office(tmp_path, share, hr_identity).dashboard(today=date(2026, 3, 3))
    assert warm.summaries == cold.summaries

    # A damaged cache is just recomputed.
    cache_file.write_bytes(b"junk")
    again = _office(tmp_path, share, hr_identity).dashboard(today=date(2026, 3, 3))
    assert again.summaries == cold.summaries
    codec = HrPrivateCodec(hr_identity)
    assert len(__import__("json").loads(codec.open(cache_file.read_bytes()))["entries"]) == 2


def test_approvals_live_next_to_the_identity_not_in_the_share(
    tmp_path: Path, share: Path, hr_identity: str, coach: CoachKeys
) -> None:
    publish(SharedStore(share), coach)
    office = _office(tmp_path, share, hr_identity, cache=False)
    office.approve(coach.key_id)
    assert office.approvals.path == tmp_path / "hr.age.approvals"
    assert ApprovalBook(office.approvals.path, HrPrivateCodec(hr_identity)).approved_keys() == {
        coach.key_id: coach.verify_key_bytes
    }
    assert not any("approval" in p.name for p in share.rglob("*"))
