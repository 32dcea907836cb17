"""The coach laptop's side of HR with real keys, a real shared folder and real processes: HR's key
is pinned and a different one offered later is refused until the coach confirms it; summaries
wait for HR's key and are resealed once it is pinned; ``sitante sync``, which runs without
unlocking, still publishes the coach's public keys so HR can tell the signer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitante_tui.crypto import age
from sitante_tui.crypto.summary_seal import open_summary
from sitante_tui.domain.hr_summary import SummaryVerdict
from sitante_tui.services import Services
from sitante_tui.services.hr_link import Closing
from sitante_tui.settings import load_settings
from sitante_tui.store.shared_store import SharedStore


def close_last_session(services: Services, coachee: str) -> Closing:
    """Close the coachee's latest session again, as the Close step does."""
    roster = services.load_roster()
    engagement = roster.engagements_of(coachee)[0]
    session = roster.sessions_of(engagement.id)[-1]
    return services.hr.finish(services.flow_for(session, engagement, roster), roster)


def hr_verdicts(store: SharedStore, identity: str, services: Services) -> list[SummaryVerdict]:
    """How HR, holding ``identity`` and having approved this coach, judges each stored summary."""
    assert services.keys is not None
    approved = {services.keys.key_id: services.keys.verify_key_bytes}
    return [
        open_summary(sealed, identities=[identity], approved_keys=approved).verdict
        for sealed in store.snapshot().summaries
    ]


def test_a_different_hr_key_in_the_share_is_refused_until_the_coach_confirms_it(
    demo_services: Services, tmp_path: Path
) -> None:
    pinned_hr, other_hr = age.generate_identity(), age.generate_identity()
    other_recipient = age.identity_to_recipient(other_hr)
    (tmp_path / "share").mkdir()
    store = SharedStore(tmp_path / "share")
    store.publish_hr_recipient(other_recipient)  # someone swapped the key on the share
    demo_services.settings.shared_dir = tmp_path / "share"
    demo_services.settings.hr_recipient = age.identity_to_recipient(pinned_hr)

    assert close_last_session(demo_services, "gede").sealed_for_hr
    outcome = demo_services.hr.sync()
    assert (outcome.problem, outcome.offered_key) == ("hr_key_changed", other_recipient)
    # Sealed to the pinned key only: the key on the share cannot read it.
    assert hr_verdicts(store, other_hr, demo_services) == [SummaryVerdict.NOT_FOR_ME]
    assert hr_verdicts(store, pinned_hr, demo_services) == [SummaryVerdict.OK]

    demo_services.hr.pin(other_recipient)  # the coach checked with HR and confirmed the change
    pinned = load_settings(demo_services.workspace.settings_file).hr_recipient
    assert pinned == other_recipient
    close_last_session(demo_services, "ayu")
    outcome = demo_services.hr.sync()
    assert (outcome.sent, outcome.pending, outcome.problem) == (1, 0, "")
    assert SummaryVerdict.OK in hr_verdicts(store, other_hr, demo_services)


def test_summaries_wait_for_hr_key_and_are_resealed_once_it_is_pinned(
    demo_services: Services, tmp_path: Path
) -> None:
    hr = age.generate_identity()
    (tmp_path / "share").mkdir()
    store = SharedStore(tmp_path / "share")
    store.publish_hr_recipient(age.identity_to_recipient(hr))
    demo_services.settings.shared_dir = tmp_path / "share"
    demo_services.settings.hr_recipient = None

    assert not close_last_session(demo_services, "gede").sealed_for_hr
    outcome = demo_services.hr.sync()
    assert (outcome.sent, outcome.pending, outcome.problem) == (0, 1, "hr_key_unpinned")
    assert store.snapshot().summaries == []  # nothing HR cannot read leaves the laptop

    assert demo_services.hr.pin(age.identity_to_recipient(hr)) == 1
    outcome = demo_services.hr.sync()
    assert (outcome.sent, outcome.pending, outcome.problem) == (1, 0, "")
    assert hr_verdicts(store, hr, demo_services) == [SummaryVerdict.OK]


def test_sitante_sync_publishes_the_coach_key_without_unlocking(
    demo_services: Services, sitante_home: Path, tmp_path: Path
) -> None:
    hr = age.generate_identity()
    demo_services.settings.hr_recipient = age.identity_to_recipient(hr)
    demo_services.settings.shared_dir = None  # the share was not mounted during the session
    demo_services.save_settings()
    close_last_session(demo_services, "gede")
    assert demo_services.hr.pending() == 1

    share = tmp_path / "share"
    share.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "sitante_tui", "--lang", "en", "sync", "--shared", str(share)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SITANTE_HOME": str(sitante_home)},
    )
    assert result.returncode == 0, result.stderr
    snapshot = SharedStore(share).snapshot()
    assert demo_services.keys is not None
    assert [(k.key_id, k.display_name) for k in snapshot.coach_keys] == [
        (demo_services.keys.key_id, demo_services.profile_name)
    ]
    # HR sees a known signer awaiting approval, not an unknown one.
    opened = open_summary(
        snapshot.summaries[0],
        identities=[hr],
        approved_keys={},
        published_key_ids=[k.key_id for k in snapshot.coach_keys],
    )
    assert opened.verdict is SummaryVerdict.UNAPPROVED_SIGNER
