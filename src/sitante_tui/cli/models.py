"""``sitante models [list|verify|install NAME]``: the speech models available, and their checks.

Exit status: 0 all good, 1 a model does not match / a download failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sitante_tui.i18n import t

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    """Add ``sitante models``."""
    parser = subparsers.add_parser(
        "models", help=t("audio.cli.models.help"), description=t("audio.cli.models.help")
    )
    parser.add_argument(
        "action",
        nargs="?",
        default="list",
        choices=("list", "verify", "install"),
        help=t("audio.cli.models.action_help"),
    )
    parser.add_argument("name", nargs="?", help=t("audio.cli.models.name_help"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List or verify what is installed, or install a pinned model."""
    from sitante_tui.cli.transcribe import load_workspace_settings

    settings = load_workspace_settings(args)
    if args.action == "install":
        return _install(args.name)
    return _list(settings, force=args.action == "verify")


def _list(settings: Any, *, force: bool) -> int:
    from sitante_tui.cli.transcribe import error_text
    from sitante_tui.transcription.model_catalog import list_models, resolve_model
    from sitante_tui.transcription.model_errors import ModelError

    entries = list_models(
        setting=settings.whisper_model, trust_custom=settings.trust_custom_model, force=force
    )
    problems = 0
    for entry in entries:
        print(t("audio.cli.models.line", name=entry.name, status=t(f"model.status.{entry.status}")))
        if entry.path is not None and entry.source is not None:
            source = t(f"model.source.{entry.source}")
            print(t("audio.cli.models.where", source=source, path=str(entry.path)))
        problems += entry.status in ("mismatch", "incomplete")
    for lang in ("id", "en"):
        try:
            model = resolve_model(
                lang, setting=settings.whisper_model, trust_custom=settings.trust_custom_model
            )
        except ModelError as exc:
            print(t("audio.cli.models.none_for_language", language=lang))
            print("   " + error_text(exc))
            continue
        print(t("audio.cli.models.for_language", language=lang, model=model.label))
    if problems:
        print(t("audio.cli.models.problems"), file=sys.stderr)
        return EXIT_PROBLEM
    if force:
        print(t("audio.cli.models.all_ok"))
    return EXIT_OK


def _install(name: str | None) -> int:
    from sitante_tui.cli.transcribe import error_text
    from sitante_tui.transcription.model_errors import ModelError, UnknownModel
    from sitante_tui.transcription.model_install import install_model
    from sitante_tui.transcription.model_pins import PINNED

    if not name:
        print(t("audio.cli.models.name_required"), file=sys.stderr)
        return EXIT_USAGE
    pinned = PINNED.get(name)
    if pinned is not None:
        print(
            t(
                "audio.cli.models.installing",
                name=name,
                repo=pinned.repo,
                revision=pinned.revision[:12],
            ),
            file=sys.stderr,
        )

    def progress(done: int, total: int) -> None:
        percent = round(100 * done / total) if total else 100
        print(f"\r{percent:3d}%  {done / 1e6:7.1f} / {total / 1e6:.1f} MB", end="", file=sys.stderr)

    try:
        model = install_model(name, on_progress=progress)
    except UnknownModel as exc:
        print(error_text(exc), file=sys.stderr)
        return EXIT_USAGE
    except ModelError as exc:
        print(file=sys.stderr)
        print(error_text(exc), file=sys.stderr)
        return EXIT_PROBLEM
    print(file=sys.stderr)
    print(t("audio.cli.models.installed", name=name, path=str(model.path)))
    return EXIT_OK
