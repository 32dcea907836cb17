"""Typed settings, loaded from and saved to ``settings.toml`` in the workspace.

Settings hold no personal data (names and notes live in the encrypted records), so they stay
readable before unlock: the unlock screen needs the language.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitante_tui.i18n import DEFAULT_LANGUAGE, LANGUAGES

TRANSCRIPTION_MODES = ("live", "after", "off")


class SettingsError(ValueError):
    """``settings.toml`` is unreadable or holds an invalid value (names the key)."""


@dataclass
class Settings:
    """Every user-tunable choice, with its default."""

    language: str = DEFAULT_LANGUAGE
    idle_lock_minutes: int = 10
    autosave_seconds: int = 3
    scrypt_work_factor: int = 18
    prompts_dir: Path | None = None
    shared_dir: Path | None = None
    hr_recipient: str | None = None
    audio_device: str | None = None
    whisper_model: Path | None = None
    trust_custom_model: bool = False
    transcription_mode: str = "live"
    session_budget_minutes: tuple[int, int] = field(default=(45, 60))

    def validate(self) -> None:
        """Raise :class:`SettingsError` naming the first invalid value."""
        checks = {
            "language": self.language in LANGUAGES,
            "idle_lock_minutes": 1 <= self.idle_lock_minutes <= 240,
            "autosave_seconds": 1 <= self.autosave_seconds <= 5,
            "scrypt_work_factor": 10 <= self.scrypt_work_factor <= 22,
            "transcription_mode": self.transcription_mode in TRANSCRIPTION_MODES,
        }
        for name, ok in checks.items():
            if not ok:
                raise SettingsError(f"settings.toml: {name} = {getattr(self, name)!r} is not valid")


_PATH_FIELDS = {"prompts_dir", "shared_dir", "whisper_model"}


def load_settings(path: Path) -> Settings:
    """Settings from ``path``; defaults for anything absent (or when the file does not exist)."""
    if not path.exists():
        return Settings()
    try:
        raw: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path.name}: {exc}") from exc
    known = {f.name for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            continue  # a newer version's setting: keep going rather than refuse to start
        if key in _PATH_FIELDS:
            value = Path(value).expanduser() if value else None
        elif key == "session_budget_minutes":
            value = tuple(value)
        values[key] = value
    settings = Settings(**values)
    settings.validate()
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    """Write ``settings`` atomically (temp file in the same folder, fsync, rename)."""
    import tomli_w

    settings.validate()
    data: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        value = getattr(settings, f.name)
        if value is None:
            continue
        data[f.name] = str(value) if isinstance(value, Path) else value
    data["session_budget_minutes"] = list(settings.session_budget_minutes)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(tomli_w.dumps(data).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
