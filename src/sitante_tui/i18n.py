"""The one translation catalogue: Bahasa Indonesia by default, English on demand.

Strings live in ``locales/*.toml`` (one file per area of the app, to keep files small). Each leaf
is a table with an ``id`` and an ``en`` text; keys are the dotted path to the leaf::

    [home]
    title = { id = "Beranda", en = "Home" }        # t("home.title")

Texts are ``str.format`` templates: ``t("session.number", n=2, total=3)``.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANGUAGE = "id"
_LOCALES = Path(__file__).resolve().parent / "locales"

_current = DEFAULT_LANGUAGE
#: Keys asked for but not in the catalogue (the tests fail when one shows up).
missing_seen: set[str] = set()


class CatalogueError(ValueError):
    """A catalogue file is malformed: the message names the file and the key."""


def _leaves(
    node: Mapping[str, Any], prefix: str, source: Path
) -> Iterator[tuple[str, dict[str, str]]]:
    for name, value in node.items():
        key = f"{prefix}.{name}" if prefix else name
        if not isinstance(value, dict):
            raise CatalogueError(f"{source.name}: {key} must be a table of languages")
        if value and all(isinstance(text, str) for text in value.values()):
            unknown = [lang for lang in value if lang not in LANGUAGES]
            if unknown:
                raise CatalogueError(f"{source.name}: {key} has unknown languages {unknown}")
            yield key, dict(value)
        else:
            yield from _leaves(value, key, source)


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every key with its texts, loaded once from all locale files.

    Parsing the TOML is the slowest part of starting the app, so the result is kept beside the
    bytecode (like a ``.pyc``: in ``__pycache__`` or under ``PYTHONPYCACHEPREFIX``, not written
    when bytecode writing is off) and used while the locale files are unchanged.
    """
    sources = sorted(_LOCALES.glob("*.toml"))
    stamp = [(s.name, st.st_size, st.st_mtime_ns) for s in sources for st in [s.stat()]]
    cached = _cache_file()
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        cached_stamp, entries = marshal.loads(cached.read_bytes())
        if cached_stamp == stamp and isinstance(entries, dict):
            return entries
    entries = _parse(sources)
    if not sys.dont_write_bytecode:
        with contextlib.suppress(OSError):
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
            temporary.write_bytes(marshal.dumps((stamp, entries)))
            os.replace(temporary, cached)
    return entries


def _cache_file() -> Path:
    """Where the parsed catalogue is cached (beside the bytecode, as Python keeps ``.pyc``)."""
    if sys.pycache_prefix:
        folder = Path(sys.pycache_prefix) / _LOCALES.relative_to(_LOCALES.anchor)
    else:
        folder = _LOCALES / "__pycache__"
    return folder / f"catalogue.{sys.implementation.cache_tag}.marshal"


def _parse(sources: list[Path]) -> dict[str, dict[str, str]]:
    import tomllib

    entries: dict[str, dict[str, str]] = {}
    for source in sources:
        try:
            data = tomllib.loads(source.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise CatalogueError(f"{source.name}: {exc}") from exc
        for key, texts in _leaves(data, "", source):
            if key in entries:
                raise CatalogueError(f"{source.name}: {key} is defined twice")
            entries[key] = texts
    return entries


def missing_translations() -> list[str]:
    """Keys that lack a text in one of the languages (``key:lang``)."""
    return [
        f"{key}:{lang}"
        for key, texts in catalogue().items()
        for lang in LANGUAGES
        if not texts.get(lang, "").strip()
    ]


def set_language(lang: str) -> None:
    """Switch the language of every later :func:`t` call."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang


def language() -> str:
    """The current UI language code (``id`` or ``en``)."""
    return _current


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The text for ``key`` in the current (or given) language, formatted with ``params``.

    An unknown key returns the key itself so that a missing string is visible, never a crash;
    a test keeps the catalogue complete.
    """
    texts = catalogue().get(key)
    if texts is None:
        missing_seen.add(key)
        return key
    text = texts.get(lang or _current) or texts.get(DEFAULT_LANGUAGE, key)
    return text.format(**params) if params else text


def has_key(key: str) -> bool:
    """Whether the catalogue defines ``key``."""
    return key in catalogue()
