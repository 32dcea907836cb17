"""What the app is told when recording or transcription cannot go on: a translated message."""

from __future__ import annotations

from sitante_tui.i18n import t


class RecordingProblem(Exception):
    """Recording or transcription is not possible; ``message`` says why, translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TranscriptionCancelledByUser(Exception):
    """The after-session pass was cancelled; the previous transcript is untouched."""


def problem_text(error: BaseException) -> str:
    """The translated message of a typed audio, consent or model error."""
    from sitante_tui.audio.errors import message_key

    key = getattr(error, "message_key", None) or message_key(error)
    params = getattr(error, "params", {})
    return t(key, **params)
