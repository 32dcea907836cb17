"""Eight coach laptops (OS processes) syncing into one shared store at once; HR verifies all."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sitante_tui.cli.hr import HrOffice
from sitante_tui.crypto.coach_keys import create_coach_keys, encode_key_file, write_identity_file
from sitante_tui.store.shared_store import CoachPublicKey, SharedStore

WORKER = Path(__file__).with_name("hr_worker.py")
pytestmark = pytest.mark.slow


def test_eight_writers_fifty_summaries_each_all_present_valid_and_verified(
    tmp_path: Path, share: Path, hr_identity: str, hr_recipient: str
) -> None:
    store = SharedStore(share)
    store.publish_hr_recipient(hr_recipient)
    # Four coach keys, two processes each (the app's background sync and `sitante sync`
    # on one laptop), so writers really contend for the same shard locks.
    coaches = [create_coach_keys() for _ in range(4)]
    for i, keys in enumerate(coaches):
        store.publish_coach_key(
            CoachPublicKey(keys.key_id, keys.recipient, keys.verify_key_bytes, f"Coach {i}")
        )
        (tmp_path / f"coach{i}.keys").write_bytes(encode_key_file(keys))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                *("--store", str(share), "--outbox", str(tmp_path / f"outbox{p}")),
                *("--keyfile", str(tmp_path / f"coach{p % 4}.keys")),
                *("--hr-recipient", hr_recipient, "--count", "50", "--salt", f"p{p}"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in range(8)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err

    identity_file = tmp_path / "hr.age"
    write_identity_file(identity_file, hr_identity, "frasa sandi sdm panjang", work_factor=10)
    office = HrOffice.unlock(identity_file, "frasa sandi sdm panjang", share, cache_dir=None)
    for keys in coaches:
        office.approve(keys.key_id)
    dashboard = office.dashboard(today=date(2026, 3, 1))

    assert dashboard.flagged == ()
    assert len(dashboard.summaries) == 400
    assert dashboard.totals.sessions == 400
    assert dashboard.totals.coachees == 80
    assert {c.sessions for c in dashboard.coaches} == {100}
    assert not dashboard.identity_mismatch and dashboard.store_damaged == 0
