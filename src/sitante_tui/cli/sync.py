"""``sitante sync``: send the outbox's sealed summaries to the shared folder.

Exit status: 0 when the outbox is empty afterwards, 3 when summaries are still pending (share
unreachable or locked, or waiting for HR's key), 2 when no shared folder is set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sitante_tui.i18n import t

EXIT_ALL_SENT, EXIT_USAGE, EXIT_PENDING = 0, 2, 3


def register(subparsers: Any) -> None:
    """Add ``sitante sync``."""
    parser = subparsers.add_parser("sync", help=t("hr.sync.help"), description=t("hr.sync.help"))
    parser.add_argument(
        "--shared",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,  # keep ``sitante --shared DIR sync``
        help=t("hr.cli.shared_help"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Sync once and print what happened."""
    from sitante_tui.paths import Workspace, default_home
    from sitante_tui.settings import load_settings
    from sitante_tui.store.hr_trust import HrKeyVerdict, check_hr_recipient
    from sitante_tui.store.outbox import Outbox, sync_outbox
    from sitante_tui.store.shared_store import SharedStore, StoreUnreachable

    workspace = Workspace(Path(getattr(args, "home", None) or default_home()))
    settings = load_settings(workspace.settings_file)
    shared = getattr(args, "shared", None) or settings.shared_dir
    if shared is None:
        print(t("hr.cli.no_shared"), file=sys.stderr)
        return EXIT_USAGE
    store = SharedStore(Path(shared))
    report = sync_outbox(Outbox(workspace.outbox_dir), store)

    if report.sent:
        print(t("hr.sync.sent", count=report.sent))
    for code in dict.fromkeys(report.errors):
        print(t(f"hr.sync.{code}"), file=sys.stderr)
    if report.waiting_for_hr_key:
        print(t("hr.sync.waiting_for_hr_key", count=report.waiting_for_hr_key), file=sys.stderr)
    try:
        verdict = check_hr_recipient(settings.hr_recipient, store.hr_recipient())
    except (StoreUnreachable, OSError):
        verdict = HrKeyVerdict.NOT_OFFERED
    if verdict in (HrKeyVerdict.CHANGED, HrKeyVerdict.INVALID):
        offered = store.hr_recipient() if verdict is HrKeyVerdict.CHANGED else ""
        text = t(f"hr.key_verdict.{verdict}", offered=offered, pinned=settings.hr_recipient)
        print(text, file=sys.stderr)
    if report.pending:
        print(t("hr.sync.pending", count=report.pending))
        return EXIT_PENDING
    print(t("hr.sync.all_sent"))
    return EXIT_ALL_SENT
