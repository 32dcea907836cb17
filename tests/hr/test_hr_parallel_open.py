"""Opening the store across worker processes gives exactly what opening it here gives.

Real worker processes (spawned, as on Windows and from the HR app's thread), real sealed
records: a good one, a tampered one, one from an unapproved key, one sealed to another HR key.
"""

from __future__ import annotations

import gc

from hr_samples import make_summary

from sitante_tui.crypto import age
from sitante_tui.crypto.coach_keys import CoachKeys, create_coach_keys
from sitante_tui.crypto.summary_seal import OpenedSummary, seal_summary
from sitante_tui.domain.hr_summary import SealedSummary, SessionSummary, SummaryVerdict
from sitante_tui.store.hr_cache import open_all, paused_gc


def _records(hr_recipient: str, coach: CoachKeys, stranger: CoachKeys) -> list[SealedSummary]:
    good = [
        seal_summary(
            make_summary(session_number=n + 1), coach_keys=coach, hr_recipient=hr_recipient
        )
        for n in range(6)
    ]
    altered = bytearray(good[0].ciphertext)
    altered[-5] ^= 1
    tampered = SealedSummary(
        good[0].summary_id, 1, good[0].created_at, good[0].coach_key_id, bytes(altered)
    )
    unapproved = seal_summary(make_summary(), coach_keys=stranger, hr_recipient=hr_recipient)
    elsewhere = seal_summary(
        make_summary(),
        coach_keys=coach,
        hr_recipient=age.identity_to_recipient(age.generate_identity()),
    )
    return [*good[1:], tampered, unapproved, elsewhere, good[0]]


def _view(opened: list[OpenedSummary]) -> list[tuple[str, SummaryVerdict, SessionSummary | None]]:
    return [(o.sealed.summary_id, o.verdict, o.summary) for o in opened]


def test_workers_open_the_same_as_this_process(
    hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    stranger = create_coach_keys()
    records = _records(hr_recipient, coach, stranger)
    trust: dict[str, object] = {
        "identity": hr_identity,
        "approved_keys": {coach.key_id: coach.verify_key_bytes},
        "published_key_ids": {coach.key_id, stranger.key_id},
    }
    here_cache: dict[str, dict[str, object]] = {}
    here = open_all(records, workers=1, entries=here_cache, **trust)  # type: ignore[arg-type]
    there_cache: dict[str, dict[str, object]] = {}
    there = open_all(
        records,
        workers=2,
        min_parallel=1,
        entries=there_cache,
        **trust,  # type: ignore[arg-type]
    )
    assert _view(there) == _view(here)
    assert [o.verdict for o in there[-4:]] == [
        SummaryVerdict.TAMPERED,
        SummaryVerdict.UNAPPROVED_SIGNER,
        SummaryVerdict.NOT_FOR_ME,
        SummaryVerdict.OK,
    ]
    assert there_cache == here_cache, "the workers' results fill the cache as opening here does"

    # The cache filled by the workers opens everything without any decryption.
    reopened = open_all(records, workers=2, min_parallel=1, entries=there_cache, **trust)  # type: ignore[arg-type]
    assert _view(reopened) == _view(here)


def test_without_a_cache_nothing_is_kept(
    hr_identity: str, hr_recipient: str, coach: CoachKeys
) -> None:
    records = _records(hr_recipient, coach, create_coach_keys())
    opened = open_all(
        records,
        identity=hr_identity,
        approved_keys={coach.key_id: coach.verify_key_bytes},
        published_key_ids={coach.key_id},
        workers=2,
        min_parallel=1,
    )
    assert len(opened) == len(records)
    assert [o.sealed for o in opened] == records, "results come back in the records' order"


def test_paused_gc_restores_the_collector() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner pause does not switch it back on early"
    assert gc.isenabled()
