"""Typed model errors; each names the catalogue key (and params) the UI or CLI shows."""

from __future__ import annotations

from sitante_tui.domain.errors import ExplainedError


class ModelError(ExplainedError):
    """Base of model problems; ``message_key`` and ``params`` feed ``t()``."""

    message_key = "model.error.generic"


class ModelMissing(ModelError):
    """No usable model for the language; the message says how to install one."""

    message_key = "model.error.missing"


class ModelIncomplete(ModelError):
    """A model folder lacks files faster-whisper needs (``params['missing']``)."""

    message_key = "model.error.incomplete"


class ModelMismatch(ModelError):
    """A model's bytes differ from every pinned official conversion."""

    message_key = "model.error.mismatch"


class ModelNotMultilingual(ModelError):
    """An English-only model was chosen for an Indonesian session."""

    message_key = "model.error.english_only"


class UnknownModel(ModelError):
    """``sitante models install`` was given a name that is not pinned here."""

    message_key = "model.error.unknown"


class ModelDownloadFailed(ModelError):
    """Fetching the official files failed; ``params['reason']``: offline, http or mismatch."""

    message_key = "model.error.download_offline"

    def __init__(self, detail: str = "", **params: object) -> None:
        super().__init__(detail, **params)
        self.message_key = f"model.error.download_{params.get('reason', 'offline')}"
