"""``sitante doctor``: one line per check (microphones, models, key, folders, shared folder).

Each line starts with OK, PROBLEM or NOTE. Exit status: 0 when there is no problem, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from sitante_tui.i18n import t

EXIT_OK, EXIT_PROBLEMS = 0, 1
OK, PROBLEM, NOTE = "ok", "problem", "note"


def register(subparsers: Any) -> None:
    """Add ``sitante doctor``."""
    parser = subparsers.add_parser(
        "doctor", help=t("audio.cli.doctor.help"), description=t("audio.cli.doctor.help")
    )
    parser.set_defaults(func=run)


class Report:
    """Collects and prints check lines."""

    def __init__(self) -> None:
        self.problems = 0

    def line(self, level: str, text: str) -> None:
        self.problems += level == PROBLEM
        print(t(f"audio.cli.doctor.{level}") + text)

    def detail(self, text: str) -> None:
        print(text)


def run(args: argparse.Namespace) -> int:
    """Run every check and print the report."""
    from sitante_tui.cli.transcribe import load_workspace_settings
    from sitante_tui.paths import Workspace, default_home

    report = Report()
    settings = load_workspace_settings(args)
    workspace = Workspace(Path(getattr(args, "home", None) or default_home()))
    _check_audio(report, settings.audio_device)
    _check_models(report, settings)
    _check_key(report, workspace)
    _check_folders(report, workspace)
    shared = getattr(args, "shared", None) or settings.shared_dir
    _check_shared(report, shared)
    if report.problems:
        print(t("audio.cli.doctor.summary_problems", count=report.problems))
        return EXIT_PROBLEMS
    print(t("audio.cli.doctor.summary_ok"))
    return EXIT_OK


def _check_audio(report: Report, configured: str | None) -> None:
    from sitante_tui.audio.devices import list_input_devices, load_sounddevice, resolve_input_device
    from sitante_tui.audio.errors import AudioError
    from sitante_tui.cli.transcribe import error_text

    try:
        sd = load_sounddevice()
        version = sd.get_portaudio_version()[1]
        report.line(OK, t("audio.cli.doctor.portaudio", version=version))
        devices = list_input_devices()
    except AudioError as exc:
        report.line(PROBLEM, error_text(exc))
        return
    report.line(OK if devices else PROBLEM, t("audio.cli.doctor.devices", count=len(devices)))
    for device in devices:
        report.detail(
            t(
                "audio.cli.doctor.device",
                marker="*" if device.is_default else " ",
                index=device.index,
                label=device.label,
                channels=device.channels,
                rate=round(device.default_samplerate),
            )
        )
    try:
        chosen = resolve_input_device(configured)
    except AudioError as exc:
        report.line(PROBLEM, error_text(exc))
        return
    report.line(OK, t("audio.cli.doctor.device_in_use", label=chosen.label))


def _check_models(report: Report, settings: Any) -> None:
    from sitante_tui.cli.transcribe import error_text
    from sitante_tui.transcription.model_catalog import resolve_model
    from sitante_tui.transcription.model_errors import ModelError

    for lang in ("id", "en"):
        try:
            model = resolve_model(
                lang, setting=settings.whisper_model, trust_custom=settings.trust_custom_model
            )
        except ModelError as exc:
            report.line(PROBLEM, error_text(exc))
            continue
        status = "verified" if model.verified else "trusted"
        report.line(
            OK if model.verified else NOTE,
            t(
                "audio.cli.doctor.model",
                language=lang,
                model=model.label,
                status=t(f"model.status.{status}"),
                path=str(model.path),
            ),
        )


def _check_key(report: Report, workspace: Any) -> None:
    path = workspace.coach_key_file
    if path.is_file():
        report.line(OK, t("audio.cli.doctor.key_present", path=str(path)))
    else:
        report.line(NOTE, t("audio.cli.doctor.key_missing", path=str(path)))


def _check_folders(report: Report, workspace: Any) -> None:
    report.line(
        NOTE if not workspace.root.exists() else OK,
        t("audio.cli.doctor.home", path=str(workspace.root)),
    )
    for name in ("data_dir", "audio_dir", "transcripts_dir", "outbox_dir"):
        path: Path = getattr(workspace, name)
        label = name.removesuffix("_dir")
        if not path.exists():
            report.line(NOTE, t("audio.cli.doctor.folder_later", name=label, path=str(path)))
        elif not os.access(path, os.W_OK):
            report.line(
                PROBLEM, t("audio.cli.doctor.folder_not_writable", name=label, path=str(path))
            )
        else:
            report.line(OK, t("audio.cli.doctor.folder_ok", name=label, path=str(path)))


def _check_shared(report: Report, shared: Path | None) -> None:
    if shared is None:
        report.line(NOTE, t("audio.cli.doctor.shared_unset"))
    elif not Path(shared).is_dir():
        report.line(PROBLEM, t("audio.cli.doctor.shared_missing", path=str(shared)))
    elif not os.access(shared, os.W_OK):
        report.line(PROBLEM, t("audio.cli.doctor.shared_not_writable", path=str(shared)))
    else:
        report.line(OK, t("audio.cli.doctor.shared_ok", path=str(shared)))
