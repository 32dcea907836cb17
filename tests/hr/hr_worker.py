"""A coach laptop in a separate OS process: seal summaries, queue them, sync each one."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

from hr_samples import make_summary

from sitante_tui.crypto.coach_keys import parse_key_file
from sitante_tui.crypto.summary_seal import seal_summary
from sitante_tui.store.outbox import Outbox, sync_outbox
from sitante_tui.store.shared_store import SharedStore


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--outbox", type=Path, required=True)
    parser.add_argument("--keyfile", type=Path, required=True)
    parser.add_argument("--hr-recipient", required=True)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--salt", default="")
    args = parser.parse_args()
    keys = parse_key_file(args.keyfile.read_text())
    outbox, store = Outbox(args.outbox), SharedStore(args.store, lock_timeout=60)
    for n in range(args.count):
        held_on = date(2026, 1, 5) + timedelta(days=n)
        summary = make_summary(
            session_id=f"{args.salt}-s{n}",
            coachee_id=f"{args.salt}-c{n % 10}",
            coachee_name=f"Pegawai {args.salt} {n % 10}",
            engagement_id=f"{args.salt}-e{n % 10}",
            engagement_started_on=date(2026, 1, 5),
            held_on=held_on,
            session_number=n // 10 + 1,
        )
        sealed = seal_summary(summary, coach_keys=keys, hr_recipient=args.hr_recipient)
        outbox.enqueue(sealed, hr_recipient=args.hr_recipient)
        report = sync_outbox(outbox, store)
        assert not report.errors or report.errors == ["busy"], report
    final = sync_outbox(outbox, store)
    assert final.pending == 0, final


if __name__ == "__main__":
    main()
