"""``sitante models install NAME``: fetch Systran's official files and check the pinned hashes.

The only network access in the app, and only on the user's explicit request. Files are fetched
from the pinned revision on Hugging Face with ``urllib`` (no Hugging Face client), written via
temp files, and kept only if every byte matches the pin. Not exercised in CI.
"""

from __future__ import annotations

import contextlib
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

from sitante_tui.transcription.model_catalog import ModelSource, ResolvedModel, find_pinned
from sitante_tui.transcription.model_errors import ModelDownloadFailed, ModelMismatch, UnknownModel
from sitante_tui.transcription.model_files import models_dir, write_verified_file
from sitante_tui.transcription.model_pins import PINNED

ProgressCallback = Callable[[int, int], None]  # bytes done, bytes total
Opener = Callable[..., Any]


def install_model(
    name: str,
    *,
    on_progress: ProgressCallback | None = None,
    environ: Mapping[str, str] | None = None,
    opener: Opener = urllib.request.urlopen,
    timeout: float = 60.0,
) -> ResolvedModel:
    """Download the pinned model ``name`` into the cache (or return the copy already there).

    Raises:
        UnknownModel: ``name`` is not pinned here.
        ModelDownloadFailed: no network, a server error, or bytes that do not match the pin
            (``params['reason']`` is ``offline``, ``http`` or ``mismatch``).
    """
    pinned = PINNED.get(name)
    if pinned is None:
        raise UnknownModel(f"no pinned model {name!r}", name=name, known=", ".join(PINNED))
    existing = find_pinned(name, environ)
    if existing is not None:
        return existing
    target = models_dir(environ) / pinned.model_sha256
    target.mkdir(parents=True, exist_ok=True)
    env = os.environ if environ is None else environ
    done = 0
    total = pinned.size
    for file_name, expected in pinned.files.items():
        url = pinned.url(file_name)
        base = done

        def fetch(out: Callable[[bytes], object], url: str = url, base: int = base) -> None:
            got = 0
            request = urllib.request.Request(url, headers={"User-Agent": "sitante"})
            with opener(request, timeout=timeout) as response:
                while block := response.read(1 << 20):
                    out(block)
                    got += len(block)
                    if on_progress is not None:
                        on_progress(base + got, total)

        try:
            write_verified_file(target / file_name, fetch, expected, env)
        except ModelMismatch as exc:
            raise ModelDownloadFailed(str(exc), name=name, reason="mismatch") from exc
        except urllib.error.HTTPError as exc:
            raise ModelDownloadFailed(f"{url}: {exc}", name=name, reason="http") from exc
        except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
            with contextlib.suppress(OSError):
                target.rmdir()  # succeeds only when nothing was fetched yet
            raise ModelDownloadFailed(f"{url}: {exc}", name=name, reason="offline") from exc
        done += expected[0]
    found = find_pinned(name, environ)
    if found is None:  # pragma: no cover - every file was verified above
        raise ModelDownloadFailed(
            "verification failed after download", name=name, reason="mismatch"
        )
    return ResolvedModel(found.path, ModelSource.DOWNLOAD, found.sha256, found.multilingual, name)
