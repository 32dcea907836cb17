"""Model files on disk: SHA-256 with a (size, mtime) cache, and verified atomic writes."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path

from sitante_tui.transcription.model_errors import ModelMismatch
from sitante_tui.transcription.model_pins import PinnedModel

CACHE_ENV = "SITANTE_CACHE"


def cache_root(environ: Mapping[str, str] | None = None) -> Path:
    """sitante's cache folder (``SITANTE_CACHE`` or the platform's user cache folder)."""
    env = os.environ if environ is None else environ
    if env.get(CACHE_ENV):
        return Path(env[CACHE_ENV]).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("sitante", appauthor=False)


def models_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where assembled and downloaded models live: ``<cache>/models/<sha256 of model.bin>/``."""
    return cache_root(environ) / "models"


def write_verified_file(
    target: Path,
    produce: Callable[[Callable[[bytes], object]], None],
    expected: tuple[int, str],
    env: Mapping[str, str],
) -> None:
    """Write ``target`` from ``produce`` via a temp file, hashing as it goes; atomic.

    ``produce(out)`` calls ``out(block)`` for each block of the file. Nothing is left behind
    when the bytes do not match ``expected`` (size, sha256).

    Raises:
        ModelMismatch: the produced bytes are not the pinned ones.
    """
    size, sha256 = expected
    if target.is_file() and target.stat().st_size == size and file_sha256(target, env) == sha256:
        return
    digest = hashlib.sha256()
    written = 0
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        with open(tmp, "wb") as handle:

            def out(block: bytes) -> None:
                nonlocal written
                handle.write(block)
                digest.update(block)
                written += len(block)

            produce(out)
            handle.flush()
            os.fsync(handle.fileno())
        if written != size or digest.hexdigest() != sha256:
            raise ModelMismatch(f"{target.name}: got sha256 {digest.hexdigest()}", path=target)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _remember_hash(target, sha256, env)


def matches_pinned(path: Path, pinned: PinnedModel, env: Mapping[str, str]) -> bool:
    """Every pinned file of ``pinned`` is in ``path`` with the pinned size and hash."""
    for file_name, (size, sha256) in pinned.files.items():
        file = path / file_name
        try:
            if file.stat().st_size != size:
                return False
        except OSError:
            return False
        if file_sha256(file, env) != sha256:
            return False
    return True


def file_sha256(path: Path, environ: Mapping[str, str] | None = None) -> str:
    """SHA-256 of ``path``; remembered by (path, size, mtime) in ``<cache>/models/hashes.json``."""
    env = os.environ if environ is None else environ
    stat = path.stat()
    key = str(path.resolve())
    cache = _load_hashes(env)
    entry = cache.get(key)
    if entry and entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns:
        return str(entry["sha256"])
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    _remember_hash(path, digest.hexdigest(), env)
    return digest.hexdigest()


def _hashes_file(env: Mapping[str, str]) -> Path:
    return models_dir(env) / "hashes.json"


def _load_hashes(env: Mapping[str, str]) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(_hashes_file(env).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remember_hash(path: Path, sha256: str, env: Mapping[str, str]) -> None:
    stat = path.stat()
    cache = _load_hashes(env)
    cache[str(path.resolve())] = {
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "sha256": sha256,
    }
    target = _hashes_file(env)
    with contextlib.suppress(OSError):  # a read-only cache only costs a re-hash next time
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".hashes.{secrets.token_hex(4)}.tmp")
        tmp.write_text(json.dumps(cache, indent=1), "utf-8")
        os.replace(tmp, target)


def forget_hashes(env: Mapping[str, str]) -> None:
    _hashes_file(env).unlink(missing_ok=True)
