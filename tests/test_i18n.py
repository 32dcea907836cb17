"""The translation catalogue: every text exists in Bahasa Indonesia and English, every key the
code asks for exists, and both languages fill in the same values."""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitante_tui import i18n

SOURCE = Path(i18n.__file__).resolve().parent
#: ``t("some.key"`` with a literal key (keys built at run time are checked by ``missing_seen``).
LITERAL_KEY = re.compile(r'\bt\(\s*"([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)+)"')


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture
def locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A separate locales folder, so a test can write a faulty catalogue."""
    monkeypatch.setattr(i18n, "_LOCALES", tmp_path)
    i18n.catalogue.cache_clear()
    yield tmp_path
    i18n.catalogue.cache_clear()


def test_every_text_exists_in_both_languages() -> None:
    assert len(i18n.catalogue()) > 500
    assert i18n.missing_translations() == []


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    asked = {
        (key, path.relative_to(SOURCE).as_posix())
        for path in SOURCE.rglob("*.py")
        if path.name != "i18n.py"  # its docstring shows made-up example keys
        for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))
    }
    assert len(asked) > 300
    assert sorted(pair for pair in asked if not i18n.has_key(pair[0])) == []


def test_both_languages_fill_in_the_same_values() -> None:
    differing = {
        key: {lang: sorted(placeholders(text)) for lang, text in texts.items()}
        for key, texts in i18n.catalogue().items()
        if len({frozenset(placeholders(text)) for text in texts.values()}) > 1
    }
    assert differing == {}


def test_the_app_speaks_indonesian_first_and_english_on_request() -> None:
    assert i18n.t("step.goal") == "Goal (Tujuan)"
    assert i18n.t("step.goal", lang="en") == "Goal"
    i18n.set_language("en")
    assert i18n.t("unlock.missing", path="/x/coach.age").startswith("The key file is missing")
    with pytest.raises(ValueError, match="choose one of id, en"):
        i18n.set_language("fr")


def test_a_text_missing_in_one_language_is_reported(locales: Path) -> None:
    (locales / "home.toml").write_text(
        '[home]\ntitle = { id = "Beranda", en = "Home" }\nempty = { id = "Kosong", en = " " }\n'
        'only_id = { id = "Hanya" }\n',
        encoding="utf-8",
    )
    assert i18n.missing_translations() == ["home.empty:en", "home.only_id:en"]
    # Shown in Indonesian rather than blank, and an unknown key shows itself (never a crash).
    assert i18n.t("home.only_id", lang="en") == "Hanya"
    assert i18n.t("home.nowhere") == "home.nowhere"
    i18n.missing_seen.discard("home.nowhere")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[home]\ntitle = 3\n", "home.toml: home.title must be a table of languages"),
        ('[home]\ntitle = { id = "A", fr = "B" }\n', "home.toml: home.title has unknown languages"),
        ('[home\ntitle = { id = "A" }\n', "home.toml: "),
    ],
)
def test_a_malformed_catalogue_names_the_file_and_the_key(
    locales: Path, content: str, message: str
) -> None:
    (locales / "home.toml").write_text(content, encoding="utf-8")
    with pytest.raises(i18n.CatalogueError, match=re.escape(message)):
        i18n.catalogue()


def test_a_key_defined_in_two_files_is_refused(locales: Path) -> None:
    for name in ("a.toml", "b.toml"):
        (locales / name).write_text('[home]\ntitle = { id = "A", en = "B" }\n', encoding="utf-8")
    with pytest.raises(i18n.CatalogueError, match=r"b\.toml: home\.title is defined twice"):
        i18n.catalogue()


def test_the_parsed_catalogue_is_cached_and_follows_edits(
    locales: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    source = locales / "home.toml"
    source.write_text('[home]\ntitle = { id = "Beranda", en = "Home" }\n', encoding="utf-8")
    assert i18n.t("home.title") == "Beranda"
    [cached] = (locales / "__pycache__").glob("catalogue.*.marshal")

    i18n.catalogue.cache_clear()
    source.write_text('[home]\ntitle = { id = "Halaman utama", en = "Home" }\n', encoding="utf-8")
    assert i18n.t("home.title") == "Halaman utama"  # an edited file is read again

    i18n.catalogue.cache_clear()
    cached.write_bytes(b"\x00 not a catalogue")
    assert i18n.t("home.title") == "Halaman utama"  # a damaged cache is ignored and rewritten
    i18n.catalogue.cache_clear()
    monkeypatch.setattr(i18n, "_parse", lambda sources: pytest.fail("parsed although cached"))
    assert i18n.t("home.title") == "Halaman utama"
