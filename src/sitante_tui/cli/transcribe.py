"""``sitante transcribe FILE``: transcribe an existing recording (e.g. from a phone) offline.

The text goes to stdout, progress and messages to stderr. Exit status: 0 done, 1 the file or
the model is unusable, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sitante_tui.i18n import LANGUAGES, t

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130


def register(subparsers: Any) -> None:
    """Add ``sitante transcribe``."""
    parser = subparsers.add_parser(
        "transcribe",
        help=t("audio.cli.transcribe.help"),
        description=t("audio.cli.transcribe.help"),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help=t("audio.cli.transcribe.file_help"))
    # dest differs from the global --lang (the display language) so neither overwrites the other.
    parser.add_argument(
        "--lang", dest="audio_lang", choices=LANGUAGES, help=t("audio.cli.transcribe.lang_help")
    )
    parser.add_argument("--model", metavar="DIR", help=t("audio.cli.transcribe.model_help"))
    parser.add_argument(
        "--trust-model", action="store_true", help=t("audio.cli.transcribe.trust_help")
    )
    parser.set_defaults(func=run)


def load_workspace_settings(args: argparse.Namespace) -> Any:
    """The workspace's settings, or defaults (with a note on stderr) when they are unreadable."""
    from sitante_tui.paths import Workspace, default_home
    from sitante_tui.settings import Settings, SettingsError, load_settings

    workspace = Workspace(Path(getattr(args, "home", None) or default_home()))
    try:
        return load_settings(workspace.settings_file)
    except SettingsError as exc:
        print(t("audio.cli.doctor.settings_error", error=str(exc)), file=sys.stderr)
        return Settings()


def error_text(error: Exception) -> str:
    """The translated message of a typed audio/model error."""
    key = getattr(error, "message_key", "model.error.generic")
    params = getattr(error, "params", {})
    return t(key, **params)


def run(args: argparse.Namespace) -> int:
    """Decode, transcribe and print."""
    from sitante_tui.transcription.model_catalog import resolve_model
    from sitante_tui.transcription.model_errors import ModelError
    from sitante_tui.transcription.transcriber import Transcriber

    settings = load_workspace_settings(args)
    lang = args.audio_lang or getattr(args, "lang", None) or settings.language or "id"
    path: Path = args.file
    if not path.is_file():
        print(t("audio.cli.transcribe.not_found", path=str(path)), file=sys.stderr)
        return EXIT_FAILED
    try:
        model = resolve_model(
            lang,
            directory=args.model,
            setting=settings.whisper_model,
            trust_custom=args.trust_model or settings.trust_custom_model,
        )
    except ModelError as exc:
        print(error_text(exc), file=sys.stderr)
        return EXIT_FAILED
    status = t("model.status.verified" if model.verified else "model.status.trusted")
    print(
        t("audio.cli.transcribe.using_model", model=model.label, status=status, language=lang),
        file=sys.stderr,
    )
    audio = _decode(path)
    if audio is None:
        return EXIT_FAILED

    def progress(fraction: float) -> None:
        percent = round(fraction * 100)
        print("\r" + t("transcription.progress", percent=percent), end="", file=sys.stderr)

    try:
        transcript = Transcriber(model).transcribe_pcm(audio, lang, on_progress=progress)
    except ModelError as exc:
        print(file=sys.stderr)
        print(error_text(exc), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(file=sys.stderr)
        print(t("transcription.cancelled"), file=sys.stderr)
        return EXIT_INTERRUPTED
    print(file=sys.stderr)
    for segment in transcript.segments:
        print(segment.text.strip())
    if not transcript.segments:
        print(t("transcription.no_speech"), file=sys.stderr)
    return EXIT_OK


def _decode(path: Path) -> Any:
    """16 kHz mono float32 samples via PyAV (wav, mp3, m4a...), decoded in memory."""
    from sitante_tui.transcription.transcriber import decode_file

    try:
        return decode_file(path)
    except Exception:  # PyAV raises its own error types for unreadable or non-audio files
        print(t("audio.cli.transcribe.decode_failed", path=str(path)), file=sys.stderr)
        return None
