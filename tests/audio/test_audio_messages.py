"""Every audio and model error has a message in both languages."""

from __future__ import annotations

import pytest

from sitante_tui.audio import errors as audio_errors
from sitante_tui.i18n import has_key, t
from sitante_tui.transcription import model_errors
from sitante_tui.transcription.model_errors import ModelDownloadFailed
from sitante_tui.transcription.transcriber import ModelLoadFailed


def subclasses(base: type) -> list[type]:
    found = []
    for cls in base.__subclasses__():
        found += [cls, *subclasses(cls)]
    return found


@pytest.mark.parametrize(
    "error",
    [
        *subclasses(audio_errors.AudioError),
        *subclasses(model_errors.ModelError),
        ModelLoadFailed,
    ],
    ids=lambda cls: cls.__name__,
)
def test_each_error_names_a_translated_message(error: type) -> None:
    key = error.message_key
    assert has_key(key), key
    for lang in ("id", "en"):
        assert t(key, lang=lang) != key


@pytest.mark.parametrize("reason", ["offline", "http", "mismatch"])
def test_each_download_failure_has_its_own_message(reason: str) -> None:
    error = ModelDownloadFailed("x", name="base", reason=reason)
    assert has_key(error.message_key)
    assert "base" in t(error.message_key, lang="en", **error.params)
