"""The ``sitante`` command: global options, and one module per sub-command.

Every module in this package (except ``_``-prefixed ones) provides ``register(subparsers)``,
which adds its sub-command and sets ``func``. Modules import heavy libraries only inside the
function that runs the command, so ``sitante --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from sitante_tui import __version__
from sitante_tui.i18n import LANGUAGES, set_language, t


def _preferred_language(argv: Sequence[str]) -> None:
    """Apply the global ``--lang`` before the parser is built, so that help text follows it.

    Only options before the sub-command count: a sub-command may have a ``--lang`` of its own.
    """
    args = iter(argv)
    for arg in args:
        if not arg.startswith("-"):
            break  # the sub-command
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang":
            value = next(args, None)
        elif arg in ("--home", "--shared"):
            next(args, None)
        if value in LANGUAGES:
            set_language(value)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, sub-commands included."""
    parser = argparse.ArgumentParser(prog="sitante", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"sitante {__version__}")
    parser.add_argument("--home", type=Path, metavar="DIR", help=t("cli.home_help"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang_help"))
    parser.add_argument("--shared", type=Path, metavar="DIR", help=t("cli.shared_help"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    package_path = [str(Path(__file__).parent)]
    for module in sorted(pkgutil.iter_modules(package_path), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sitante`` console script; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _preferred_language(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        from sitante_tui.cli.app import run_app

        return run_app(args)
    result: int = args.func(args)
    return result
