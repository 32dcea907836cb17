"""Where sitante keeps things: one workspace directory, overridable by ``SITANTE_HOME``.

Nothing is created at import; callers ask for a path and :func:`ensure_dir` creates it on use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HOME_ENV = "SITANTE_HOME"


def default_home() -> Path:
    """The workspace chosen by ``SITANTE_HOME``, else the platform's user data directory."""
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path  # imported lazily: keeps `--help` fast

    return user_data_path("sitante", appauthor=False)


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed, private to the user where the OS allows."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def bundled_dir(name: str) -> Path:
    """A top-level data folder (``prompts``, ``assets``) from the wheel or the source checkout.

    In a wheel the folder is packaged inside ``sitante_tui/``; in an editable install it stays
    at the repository's top level.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found next to {here}")


@dataclass(frozen=True)
class Workspace:
    """The layout of one workspace directory. Every file under it is age-encrypted,
    except ``settings.toml`` (no personal data) and lock files."""

    root: Path

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.toml"

    @property
    def keys_dir(self) -> Path:
        return self.root / "keys"

    @property
    def coach_key_file(self) -> Path:
        return self.keys_dir / "coach.age"

    @property
    def data_dir(self) -> Path:
        """Encrypted records: coachees, engagements, sessions, practice rounds, erasures."""
        return self.root / "data"

    @property
    def audio_dir(self) -> Path:
        return self.root / "audio"

    @property
    def transcripts_dir(self) -> Path:
        return self.root / "transcripts"

    @property
    def outbox_dir(self) -> Path:
        """Sealed HR summaries waiting to be synced to the shared store."""
        return self.root / "outbox"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"
