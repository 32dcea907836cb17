"""``sitante hr``: HR's key, the HR app, headless exports, and coach-key approval.

:class:`HrOffice` is the headless HR side (unlock, read the store, verify, build the dashboard,
approve keys); the HR app receives one from ``run_hr_app`` and stays a thin view over it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitante_tui.domain.errors import ExplainedError
from sitante_tui.i18n import t

if TYPE_CHECKING:
    from sitante_tui.domain.hr_dashboard import HrDashboard
    from sitante_tui.domain.hr_summary import SessionSummary
    from sitante_tui.store.hr_cache import VerifiedCache
    from sitante_tui.store.hr_trust import Approval, ApprovalBook
    from sitante_tui.store.shared_store import SharedStore

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_MISMATCH = 0, 1, 2, 4


class HrUnlockError(ExplainedError):
    """The HR identity could not be opened; ``message_key`` names the reason."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, **params)
        self.message_key = key


@dataclass
class HrOffice:
    """HR's unlocked side of the store."""

    identity: str
    recipient: str
    store: SharedStore
    approvals: ApprovalBook
    cache: VerifiedCache | None = None
    workers: int | None = None  # processes for a cold open; None: every usable core
    _cache_keep: set[str] | None = field(default=None, init=False, repr=False)

    @classmethod
    def unlock(
        cls, identity_file: Path, passphrase: str, shared_dir: Path, *, cache_dir: Path | None
    ) -> HrOffice:
        """Open HR's identity file; raises :class:`HrUnlockError` with a clear reason."""
        from sitante_tui.crypto import age
        from sitante_tui.crypto.coach_keys import read_identity_file
        from sitante_tui.crypto.summary_seal import HrPrivateCodec
        from sitante_tui.store.hr_cache import VerifiedCache
        from sitante_tui.store.hr_trust import ApprovalBook, approvals_path_for
        from sitante_tui.store.shared_store import SharedStore

        if not identity_file.is_file():
            raise HrUnlockError("hr.cli.identity_missing", path=identity_file)
        try:
            identity = read_identity_file(identity_file, passphrase)
            recipient = age.identity_to_recipient(identity)
        except age.WrongPassphrase:
            raise HrUnlockError("hr.cli.wrong_passphrase", path=identity_file) from None
        except (age.AgeError, ValueError):
            raise HrUnlockError("hr.cli.not_an_identity", path=identity_file) from None
        codec = HrPrivateCodec(identity)
        cache = None
        if cache_dir is not None:
            cache = VerifiedCache(cache_dir / f"verified-{recipient[-16:]}.age", codec)
        return cls(
            identity=identity,
            recipient=recipient,
            store=SharedStore(shared_dir),
            approvals=ApprovalBook(approvals_path_for(identity_file), codec),
            cache=cache,
        )

    def dashboard(self, *, today: date, save_cache: bool = True) -> HrDashboard:
        """Read every shard, open and verify every summary, aggregate.

        Records not in the cache are opened across every core (``store.hr_cache.open_all``).
        ``save_cache=False`` leaves writing the cache to :meth:`save_cache`, so an app can show
        the dashboard first.

        Raises ``StoreUnreachable`` when the share is missing; damaged shards are counted in the
        dashboard, not raised.
        """
        from sitante_tui.store.hr_cache import paused_gc

        with paused_gc():
            return self._dashboard(today, save_cache=save_cache)

    def _dashboard(self, today: date, *, save_cache: bool) -> HrDashboard:
        from sitante_tui.domain.hr_dashboard import (
            CoachKeyStatus,
            FlaggedRecord,
            VerifiedSummary,
            build_dashboard,
        )
        from sitante_tui.domain.hr_summary import SummaryVerdict
        from sitante_tui.store.hr_cache import open_all

        snapshot = self.store.snapshot()
        approved = self.approvals.approved_keys()
        cache_entries = self.cache.load() if self.cache is not None else None
        opened = open_all(
            snapshot.summaries,
            identity=self.identity,
            approved_keys=approved,
            published_key_ids={k.key_id for k in snapshot.coach_keys},
            entries=cache_entries,
            workers=self.workers,
        )
        self._cache_keep = {s.digest() for s in snapshot.summaries}
        if save_cache:
            self.save_cache()
        verified: dict[str, VerifiedSummary] = {}
        flagged = []
        for item in opened:
            sealed = item.sealed
            if item.verdict is SummaryVerdict.OK and item.summary is not None:
                seen = verified.get(sealed.summary_id)
                # The same session from two coach keys (a reinstalled laptop): the latest wins.
                if seen is None or seen.created_at < sealed.created_at:
                    verified[sealed.summary_id] = VerifiedSummary(
                        item.summary, sealed.coach_key_id, sealed.created_at
                    )
                continue
            flagged.append(
                FlaggedRecord(
                    sealed.summary_id,
                    sealed.coach_key_id,
                    sealed.created_at,
                    item.verdict,
                    claimed_coach=item.summary.coach_name if item.summary else "",
                    claimed_coachee=item.summary.coachee_name if item.summary else "",
                )
            )
        offered = snapshot.hr_recipient
        mismatch = (offered is not None and offered != self.recipient) or (
            bool(opened) and all(o.verdict is SummaryVerdict.NOT_FOR_ME for o in opened)
        )
        keys = [
            CoachKeyStatus(
                k.key_id, k.display_name, approved.get(k.key_id) == k.verify_key, k.published_at
            )
            for k in snapshot.coach_keys
        ]
        return build_dashboard(
            list(verified.values()),
            flagged,
            today=today,
            coach_keys=keys,
            identity_mismatch=mismatch,
            store_damaged=len(snapshot.damaged),
            store_repaired=len(snapshot.repaired),
        )

    def save_cache(self) -> bool:
        """Seal the verified-summary cache after a :meth:`dashboard`; ``True`` if written."""
        if self.cache is None or self._cache_keep is None:
            return False
        keep, self._cache_keep = self._cache_keep, None
        return self.cache.save(keep=keep)

    def approve(self, key_id: str) -> Approval:
        """Approve a published coach key; ``KeyError`` when it is not published."""
        for key in self.store.coach_keys():
            if key.key_id == key_id:
                return self.approvals.approve(key)
        raise KeyError(key_id)

    def photo(self, summary: SessionSummary, coach_key_id: str) -> bytes | None:
        """The photo evidence of a verified summary (checked against its signed hash)."""
        from sitante_tui.crypto.summary_seal import open_photo

        if summary.photo is None:
            return None
        blob = self.store.read_photo(coach_key_id, summary.summary_id)
        return None if blob is None else open_photo(blob, summary.photo, identities=[self.identity])


def register(subparsers: Any) -> None:
    """Add ``sitante hr`` and its sub-commands."""
    parser = subparsers.add_parser("hr", help=t("hr.cli.help"), description=t("hr.cli.help"))
    _identity_options(parser)
    parser.set_defaults(func=run, hr_command=None)
    commands = parser.add_subparsers(dest="hr_command", metavar="HR_COMMAND")

    init = commands.add_parser("init", help=t("hr.cli.init_help"))
    init.add_argument("--out", type=Path, required=True, metavar="FILE", help=t("hr.cli.out_help"))
    init.add_argument(
        "--shared",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=t("hr.cli.shared_help"),
    )
    _passphrase_fd_option(init)

    export = commands.add_parser("export", help=t("hr.cli.export_help"))
    _identity_options(export)
    export.add_argument(
        "--format", choices=("csv", "xlsx"), required=True, help=t("hr.cli.format_help")
    )
    export.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help=t("hr.cli.export_out_help")
    )
    export.add_argument("--recap", action="store_true", help=t("hr.cli.recap_help"))
    export.add_argument("--from", dest="period_from", metavar="DATE", help=t("hr.cli.from_help"))
    export.add_argument("--to", dest="period_to", metavar="DATE", help=t("hr.cli.to_help"))

    demo = commands.add_parser(
        "demo", help=t("hr.cli.demo_help"), description=t("hr.cli.demo_help")
    )
    demo.add_argument("--keep", action="store_true", help=t("hr.cli.demo_keep_help"))

    keys = commands.add_parser("keys", help=t("hr.cli.keys_help"))
    _identity_options(keys)
    approve = commands.add_parser("approve", help=t("hr.cli.approve_help"))
    _identity_options(approve)
    approve.add_argument("key_id", help=t("hr.cli.key_id_help"))


def _identity_options(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS keeps a value given before the sub-command (``sitante --shared DIR hr``).
    parser.add_argument(
        "--identity",
        type=Path,
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=t("hr.cli.identity_help"),
    )
    parser.add_argument(
        "--shared",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=t("hr.cli.shared_help"),
    )
    _passphrase_fd_option(parser)


def _passphrase_fd_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-fd",
        type=int,
        metavar="FD",
        default=argparse.SUPPRESS,
        help=t("hr.cli.passphrase_fd_help"),
    )


def run(args: argparse.Namespace) -> int:
    """Dispatch ``sitante hr …``; returns the exit code.

    A shared store that cannot be reached, is held by another laptop or is damaged is said in
    words (exit 1), never as a traceback.
    """
    from sitante_tui.store.file_lock import StoreLocked
    from sitante_tui.store.shared_store import StoreUnreachable
    from sitante_tui.store.verified_json import StoreDamaged

    try:
        return _dispatch(args)
    except StoreUnreachable:
        print(t("hr.sync.unreachable_hr", path=str(_shared_dir(args))), file=sys.stderr)
    except StoreLocked:
        print(t("hr.sync.locked_hr"), file=sys.stderr)
    except StoreDamaged:
        print(t("hr.sync.damaged"), file=sys.stderr)
    return EXIT_ERROR


def _dispatch(args: argparse.Namespace) -> int:
    command = getattr(args, "hr_command", None)
    if command == "init":
        return _run_init(args)
    if command is None:
        from sitante_tui.cli.app import run_hr_app

        return run_hr_app(args)
    if command == "demo":
        return _run_demo(args)
    office = _unlock(args)
    if office is None:
        return EXIT_ERROR if _shared_dir(args) is not None else EXIT_USAGE
    if command == "keys":
        return _run_keys(office)
    if command == "approve":
        return _run_approve(office, args.key_id)
    return _run_export(office, args)


def _run_demo(args: argparse.Namespace) -> int:
    """The HR app on a throwaway identity and shared store, removed afterwards."""
    import shutil
    import tempfile

    from sitante_tui.cli.app import exit_on_hangup, run_hr_app
    from sitante_tui.services.hr_demo import seed_hr_demo

    root = Path(tempfile.mkdtemp(prefix="sitante-hr-demo-"))
    exit_on_hangup()
    try:
        print(t("hr.cli.demo_preparing"), flush=True)
        demo = seed_hr_demo(root, today=date.today())
        # A workspace of its own, so the demo never reads or writes the user's settings or cache.
        args.identity, args.shared, args.home = demo.identity_file, demo.shared_dir, root / "home"
        args.demo_passphrase, args.hr_cache_dir = demo.passphrase, demo.cache_dir
        return run_hr_app(args)
    finally:
        if args.keep:
            print(t("hr.cli.demo_kept", path=root))
        else:
            shutil.rmtree(root, ignore_errors=True)


def read_passphrase(args: argparse.Namespace, *, confirm: bool) -> str | None:
    """The passphrase from ``--passphrase-fd`` (one line) or typed twice at a hidden prompt."""
    fd = getattr(args, "passphrase_fd", None)
    if fd is not None:
        with os.fdopen(fd, "r", encoding="utf-8", closefd=False) as handle:
            return handle.readline().rstrip("\r\n")
    first = getpass.getpass(t("hr.cli.passphrase_prompt"))
    if confirm and getpass.getpass(t("hr.cli.passphrase_again")) != first:
        print(t("hr.cli.passphrase_mismatch"), file=sys.stderr)
        return None
    return first


def _settings(args: argparse.Namespace) -> Any:
    from sitante_tui.paths import Workspace, default_home
    from sitante_tui.settings import load_settings

    home = getattr(args, "home", None) or default_home()
    return Workspace(Path(home)), load_settings(Workspace(Path(home)).settings_file)


def _shared_dir(args: argparse.Namespace) -> Path | None:
    shared = getattr(args, "shared", None)
    if shared is not None:
        return Path(shared)
    _, settings = _settings(args)
    return settings.shared_dir  # type: ignore[no-any-return]


def _run_init(args: argparse.Namespace) -> int:
    from sitante_tui.crypto import age
    from sitante_tui.crypto.coach_keys import write_identity_file

    out: Path = args.out
    if out.exists():
        print(t("hr.cli.out_exists", path=out), file=sys.stderr)
        return EXIT_ERROR
    passphrase = read_passphrase(args, confirm=True)
    if passphrase is None:
        return EXIT_ERROR
    problem = _passphrase_problem(passphrase)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_ERROR
    _, settings = _settings(args)
    identity = age.generate_identity()
    recipient = age.identity_to_recipient(identity)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_identity_file(
        out,
        identity,
        passphrase,
        work_factor=settings.scrypt_work_factor,
        comment_lines=("sitante HR identity", f"public key: {recipient}"),
    )
    print(t("hr.cli.created", path=out))
    print(t("hr.cli.recipient"))
    print(recipient)
    shared = _shared_dir(args) if getattr(args, "shared", None) else None
    if shared is not None:
        from sitante_tui.store.shared_store import SharedStore, StoreUnreachable

        try:
            SharedStore(shared).publish_hr_recipient(recipient)
        except StoreUnreachable:
            print(t("hr.dashboard.store_unreachable", path=shared), file=sys.stderr)
            return EXIT_ERROR
        print(t("hr.cli.published", path=shared))
    return EXIT_OK


def _passphrase_problem(passphrase: str) -> str | None:
    from sitante_tui.crypto.passphrase_strength import assess_passphrase

    if not passphrase:
        return t("hr.cli.passphrase_empty")
    assessment = assess_passphrase(passphrase, context=("sitante", "sdm", "hr", "kepegawaian"))
    if assessment.acceptable:
        return None
    advice = " ".join(t(f"passphrase.advice.{code}") for code in assessment.advice)
    return t("hr.cli.passphrase_weak", advice=advice)


def _unlock(args: argparse.Namespace) -> HrOffice | None:
    shared = _shared_dir(args)
    identity_file = getattr(args, "identity", None)
    if shared is None:
        print(t("hr.cli.no_shared"), file=sys.stderr)
        return None
    if identity_file is None:
        print(t("hr.cli.identity_missing", path="--identity"), file=sys.stderr)
        return None
    passphrase = read_passphrase(args, confirm=False)
    workspace, _ = _settings(args)
    try:
        return HrOffice.unlock(
            Path(identity_file), passphrase or "", shared, cache_dir=workspace.root / "hr"
        )
    except HrUnlockError as exc:
        print(t(exc.message_key, **exc.params), file=sys.stderr)
        return None


def _load(office: HrOffice) -> HrDashboard | None:
    from sitante_tui.crypto.summary_seal import PrivateFileTampered
    from sitante_tui.store.shared_store import StoreUnreachable

    try:
        return office.dashboard(today=date.today())
    except StoreUnreachable:
        print(t("hr.dashboard.store_unreachable", path=office.store.shared_dir), file=sys.stderr)
    except PrivateFileTampered:
        print(t("hr.cli.approvals_tampered", path=office.approvals.path), file=sys.stderr)
    return None


def _run_export(office: HrOffice, args: argparse.Namespace) -> int:
    from sitante_tui.i18n import language
    from sitante_tui.store import hr_exports

    period: Sequence[date] = ()
    if args.recap:
        if not (args.period_from and args.period_to):
            print(t("hr.cli.recap_needs_period"), file=sys.stderr)
            return EXIT_USAGE
        try:
            period = (date.fromisoformat(args.period_from), date.fromisoformat(args.period_to))
        except ValueError as exc:
            print(t("hr.cli.bad_date", value=str(exc)), file=sys.stderr)
            return EXIT_USAGE
    dashboard = _load(office)
    if dashboard is None:
        return EXIT_ERROR
    if dashboard.identity_mismatch and not dashboard.summaries:
        published = office.store.hr_recipient() or "-"
        print(t("hr.cli.identity_mismatch", published=published), file=sys.stderr)
        return EXIT_MISMATCH
    print(t("hr.export.warning"), file=sys.stderr)
    lang, out = language(), Path(args.out)
    if period:
        recap = dashboard.recap(period[0], period[1])
        if args.format == "csv":
            count = hr_exports.export_recap_csv(out, recap, lang=lang)
        else:
            hr_exports.export_recap_xlsx(out, recap, lang=lang)
            count = len(recap.rows)
    elif args.format == "csv":
        count = hr_exports.export_sessions_csv(out, dashboard, lang=lang)
    else:
        hr_exports.export_xlsx(out, dashboard, lang=lang)
        count = len(dashboard.summaries)
    print(t("hr.cli.exported", count=count, path=out))
    return EXIT_OK


def _run_keys(office: HrOffice) -> int:
    approved = office.approvals.approved_keys()
    for key in office.store.coach_keys():
        ok = approved.get(key.key_id) == key.verify_key
        status = t("hr.dashboard.key_approved" if ok else "hr.dashboard.key_pending")
        print(t("hr.cli.key_line", key_id=key.key_id, status=status, name=key.display_name))
    return EXIT_OK


def _run_approve(office: HrOffice, key_id: str) -> int:
    try:
        approval = office.approve(key_id)
    except KeyError:
        print(t("hr.cli.unknown_key", key_id=key_id), file=sys.stderr)
        return EXIT_ERROR
    print(t("hr.cli.approved", key_id=key_id, name=approval.display_name))
    return EXIT_OK
