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
    SitanteApp(services, start=start).run()
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Seed a temporary workspace, run the app on it, and remove it afterwards."""
    from sitante_tui.services.demo_workspace import seed_demo
    from sitante_tui.ui.app import SitanteApp

    home = Path(tempfile.mkdtemp(prefix="sitante-demo-"))
    try:
        services = _services(args, home)
        seed_demo(services)
        SitanteApp(services, start=getattr(args, "start", "home")).run()
    finally:
        if args.keep:
            print(t("cli.demo_kept", path=str(home)))
        else:
            shutil.rmtree(home, ignore_errors=True)
    return 0
