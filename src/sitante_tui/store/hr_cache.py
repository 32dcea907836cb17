"""HR's cache of decrypted, signature-checked summaries, sealed for HR alone, and how it is filled.

Opening 10,000 summaries costs an X25519 exchange and an Ed25519 check each; the cache keeps the
result per exact record (its digest), so the dashboard opens in one decryption plus the new
records, and :func:`open_all` spreads the records not in it over worker processes (all cores).
Trust is not cached: approvals are re-applied on every open.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
from collections.abc import Collection, Iterator, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitante_tui.store.verified_json import atomic_write, read_bytes

if TYPE_CHECKING:  # kept out of the import: worker processes start by importing this module
    from sitante_tui.crypto.summary_seal import OpenedSummary
    from sitante_tui.domain.hr_summary import SealedSummary, SessionSummary, SummaryVerdict
    from sitante_tui.store.hr_trust import PrivateCodec

CACHE_VERSION = 1
#: Fewer uncached records than this are opened in this process: starting workers costs more.
PARALLEL_MIN_RECORDS = 1500
#: Records per task sent to a worker: small enough that no process waits long for the last one
#: (a worker holds two tasks at most), large enough to amortise the IPC.
CHUNK_MAX = 250
MAX_WORKERS = 8


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


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are built (restored after).

    Opening thousands of summaries creates hundreds of thousands of small acyclic objects; the
    collector's full passes find nothing to free and cost about a sixth of a cold open.
    Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def worker_count() -> int:
    """Cores this process may use (capped): the size of the pool for a cold open."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # Windows and macOS have no affinity call
        usable = os.cpu_count() or 1
    return max(1, min(usable, MAX_WORKERS))


def open_all(
    sealed: Sequence[SealedSummary],
    *,
    identity: str,
    approved_keys: Mapping[str, bytes],
    published_key_ids: Collection[str],
    entries: MutableMapping[str, dict[str, Any]] | None = None,
    workers: int | None = None,
    min_parallel: int = PARALLEL_MIN_RECORDS,
) -> list[OpenedSummary]:
    """``summary_seal.open_summaries`` over every record, in order, using every core.

    Records whose digest is in ``entries`` (the loaded cache) are only judged; the others are
    decrypted and verified in worker processes when there are at least ``min_parallel`` of them,
    and their results are added to ``entries`` so the cache can be saved afterwards.

    Args:
        sealed: the records of the store snapshot.
        identity: HR's identity (sent to the workers over their private pipes).
        approved_keys: key id → verify key that HR approved.
        published_key_ids: key ids published in the store.
        entries: the cache's entries, filled in place; ``None`` for no cache.
        workers: processes to use, this one included (default: :func:`worker_count`); 1 opens
            everything in this process.
        min_parallel: fewest uncached records worth starting workers for.
    """
    from sitante_tui.crypto.summary_seal import OpenedSummary, open_summaries

    workers = worker_count() if workers is None else workers
    known = entries if entries is not None else {}
    missing = [i for i, item in enumerate(sealed) if item.digest() not in known]
    opened: list[OpenedSummary | None] = [None] * len(sealed)
    if workers > 1 and len(missing) >= max(min_parallel, 2):
        results = _open_in_workers(
            [sealed[i] for i in missing],
            identity=identity,
            approved_keys=approved_keys,
            published_key_ids=published_key_ids,
            workers=workers,
            keep_checked=entries is not None,
        )
        for index, (checked, verdict, summary, verify_key) in zip(missing, results, strict=True):
            if entries is not None and checked is not None:
                entries[sealed[index].digest()] = checked
            opened[index] = OpenedSummary(sealed[index], verdict, summary, verify_key)
    rest = [i for i, item in enumerate(opened) if item is None]
    judged = open_summaries(
        [sealed[i] for i in rest],
        identities=[identity],
        approved_keys=approved_keys,
        published_key_ids=published_key_ids,
        cache=entries,
    )
    for index, result in zip(rest, judged, strict=True):
        opened[index] = result
    return [item for item in opened if item is not None]


#: What a worker returns per record: the cache entry (when kept), verdict, content, verify key.
_Opened = tuple["dict[str, Any] | None", "SummaryVerdict", "SessionSummary | None", "bytes | None"]


def _open_in_workers(
    records: Sequence[SealedSummary],
    *,
    identity: str,
    approved_keys: Mapping[str, bytes],
    published_key_ids: Collection[str],
    workers: int,
    keep_checked: bool,
) -> list[_Opened]:
    """Chunks go to ``workers - 1`` processes; this process takes chunks they have not started.

    Taking not-yet-started chunks back (a cancelled future) balances the work whatever the
    start-up time of the processes or the load of the machine, and spares one process start.
    """
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    size = max(1, min(CHUNK_MAX, -(-len(records) // (workers * 10))))
    chunks = [list(records[i : i + size]) for i in range(0, len(records), size)]
    args = (identity, dict(approved_keys), set(published_key_ids), keep_checked)
    # spawn, not fork: the HR app opens the store from a thread, and forking a threaded process
    # can deadlock; spawn is also what Windows does, so every OS runs the same path.
    context = multiprocessing.get_context("spawn")
    done: dict[int, list[_Opened]] = {}
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
        futures: list[Future[list[_Opened]]] = [
            pool.submit(_open_chunk, *args, chunk) for chunk in chunks
        ]
        for number in reversed(range(len(chunks))):
            if futures[number].cancel():
                done[number] = _open_chunk(*args, chunks[number])
        for number, future in enumerate(futures):
            if number not in done:
                done[number] = future.result()
    return [result for number in range(len(chunks)) for result in done[number]]


def _open_chunk(
    identity: str,
    approved_keys: dict[str, bytes],
    published_key_ids: set[str],
    keep_checked: bool,
    records: list[SealedSummary],
) -> list[_Opened]:
    """Open one chunk (in a worker, or here); the results go back without the ciphertexts."""
    from sitante_tui.crypto.summary_seal import open_summaries

    local: dict[str, dict[str, Any]] = {}
    with paused_gc():
        opened = open_summaries(
            records,
            identities=[identity],
            approved_keys=approved_keys,
            published_key_ids=published_key_ids,
            cache=local,
        )
    return [
        (
            local[item.sealed.digest()] if keep_checked else None,
            item.verdict,
            item.summary,
            item.verify_key,
        )
        for item in opened
    ]
