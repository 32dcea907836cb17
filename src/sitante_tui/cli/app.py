"""Running the Textual apps: the coach app (default command), ``sitante demo``, and the HR app."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from sitante_tui.i18n import t


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``sitante demo``: the app on a throwaway demo workspace."""
    demo = subparsers.add_parser("demo", help=t("cli.demo_help"), description=t("cli.demo_help"))
    demo.add_argument("--keep", action="store_true", help=t("cli.demo_keep_help"))
    demo.set_defaults(func=run_demo)


def _services(args: argparse.Namespace, home: Path):  # type: ignore[no-untyped-def]
    from sitante_tui.services import build_services

    services = build_services(home, language=args.lang)
    if args.shared:
        services.settings.shared_dir = args.shared
    return services


def run_app(args: argparse.Namespace, *, start: str = "home") -> int:
    """The coach app on the workspace from ``--home`` / ``SITANTE_HOME`` / the user data dir."""
    from sitante_tui.paths import default_home
    from sitante_tui.settings import SettingsError
    from sitante_tui.ui.app import SitanteApp

    try:
        services = _services(args, args.home or default_home())
    except SettingsError as exc:
        print(t("cli.bad_settings", error=str(exc)))
        return 2
    app = SitanteApp(services, start=start)
    app.run()
    return app.return_code or 0


def run_demo(args: argparse.Namespace) -> int:
    """Seed a temporary workspace, run the app on it, and remove it afterwards."""
    from sitante_tui.services.demo_workspace import start_seeding

    home = Path(tempfile.mkdtemp(prefix="sitante-demo-"))
    exit_on_hangup()
    try:
        services = _services(args, home)
        opened = start_seeding(services)
        from sitante_tui.ui.app import SitanteApp  # loads while the demo is being seeded

        opened()
        SitanteApp(services, start=getattr(args, "start", "home")).run()
    finally:
        if args.keep:
            print(t("cli.demo_kept", path=str(home)))
        else:
            shutil.rmtree(home, ignore_errors=True)
    return 0


def exit_on_hangup() -> None:
    """Closing the terminal (SIGHUP) or ``kill`` (SIGTERM) exits normally, so a demo's
    throwaway workspace is still removed."""
    import signal

    def leave(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):  # Windows has no SIGHUP
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), leave)


def run_hr_app(args: argparse.Namespace) -> int:
    """``sitante hr --identity FILE --shared DIR``: the HR app (unlock, dashboard, exports).

    ``sitante hr demo`` comes through here too, with ``demo_passphrase`` and ``hr_cache_dir`` set.
    """
    import sys

    from platformdirs import user_downloads_path

    from sitante_tui.cli.hr import HrOffice
    from sitante_tui.i18n import set_language
    from sitante_tui.paths import Workspace, default_home
    from sitante_tui.settings import SettingsError, load_settings
    from sitante_tui.ui.hr_app import HrApp

    workspace = Workspace(Path(args.home or default_home()))
    try:
        settings = load_settings(workspace.settings_file)
    except SettingsError as exc:
        print(t("cli.bad_settings", error=str(exc)), file=sys.stderr)
        return 2
    set_language(args.lang or settings.language)
    shared = getattr(args, "shared", None) or settings.shared_dir
    identity_file = getattr(args, "identity", None)
    if shared is None:
        print(t("hr.cli.no_shared"), file=sys.stderr)
        return 2
    if identity_file is None:
        print(t("hr.cli.identity_missing", path="--identity"), file=sys.stderr)
        return 2
    identity_file, shared = Path(identity_file), Path(shared)
    cache_dir = getattr(args, "hr_cache_dir", None) or workspace.root / "hr"

    def unlock(passphrase: str) -> HrOffice:
        return HrOffice.unlock(identity_file, passphrase, shared, cache_dir=cache_dir)

    downloads = user_downloads_path()
    app = HrApp(
        unlock,
        identity_file=identity_file,
        shared_dir=shared,
        export_dir=downloads if downloads.is_dir() else Path.home(),
        idle_lock_minutes=settings.idle_lock_minutes,
        demo_passphrase=getattr(args, "demo_passphrase", None),
    )
    app.run()
    return 0
