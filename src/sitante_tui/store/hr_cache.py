"""HR's cache of decrypted, signature-checked summaries, sealed for HR alone.

Opening 10,000 summaries costs an X25519 exchange and an Ed25519 check each; the cache keeps the
result per exact record (its digest), so the dashboard opens in one decryption plus the new
records. Trust is not cached: approvals are re-applied on every open.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from sitante_tui.store.hr_trust import PrivateCodec
from sitante_tui.store.verified_json import atomic_write, read_bytes

CACHE_VERSION = 1


class VerifiedCache:
    """The sealed cache file. A missing, stale or unreadable cache is simply empty."""

    def __init__(self, path: Path, codec: PrivateCodec) -> None:
        self.path = Path(path)
        self._codec = codec
        self.entries: dict[str, dict[str, Any]] = {}
        self._loaded: set[str] = set()

    def load(self) -> dict[str, dict[str, Any]]:
        """Read the cache into :attr:`entries` (and return it)."""
        self.entries = {}
        blob = read_bytes(self.path)
        if blob is not None:
            try:
                data = json.loads(self._codec.open(blob))
                if data.get("v") == CACHE_VERSION:
                    self.entries = dict(data["entries"])
            except Exception:  # any damage just means "recompute"
                self.entries = {}
        self._loaded = set(self.entries)
        return self.entries

    def save(self, keep: Collection[str]) -> bool:
        """Write the cache back, keeping only digests still in the store; ``True`` if written."""
        keep = set(keep)
        kept = {k: v for k, v in self.entries.items() if k in keep}
        if set(kept) == self._loaded:
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = json.dumps({"v": CACHE_VERSION, "entries": kept}, ensure_ascii=False)
        atomic_write(self.path, self._codec.seal(data.encode("utf-8")))
        self.entries, self._loaded = kept, set(kept)
        return True

    def clear(self) -> None:
        """Delete the cache file (e.g. on request, or after HR's identity changed)."""
        self.entries, self._loaded = {}, set()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
