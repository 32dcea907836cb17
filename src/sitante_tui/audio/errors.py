"""Typed audio errors; each names the catalogue key the UI or CLI shows for it.

Audio code never formats user messages: it raises these, and the caller shows
``t(error.message_key, **error.params)``. PortAudio's own text stays in ``detail`` for logs.
"""

from __future__ import annotations

from sitante_tui.domain.errors import ExplainedError


class AudioError(ExplainedError):
    """Base class of every audio failure the user can be told about."""

    message_key = "audio.error.generic"


class AudioUnavailable(AudioError):
    """PortAudio (the sound library under sounddevice) is not installed."""

    message_key = "audio.error.portaudio_missing"


class NoInputDevice(AudioError):
    """The computer has no microphone (no input device at all)."""

    message_key = "audio.error.no_input_device"


class DeviceNotFound(AudioError):
    """The microphone chosen in settings is not connected; ``params['device']`` names it."""

    message_key = "audio.error.device_not_found"


class DeviceOpenFailed(AudioError):
    """The microphone exists but could not be opened (busy, unsupported format)."""

    message_key = "audio.error.device_open_failed"


class DeviceLost(AudioError):
    """The microphone disappeared or stopped delivering sound during a recording."""

    message_key = "audio.error.device_lost"


class StorageFailed(AudioError):
    """A recorded segment could not be written (disk full, folder removed)."""

    message_key = "audio.error.storage_failed"


def message_key(error: BaseException) -> str:
    """The catalogue key that explains ``error`` to the user (consent refusals included)."""
    from sitante_tui.domain.consent import RecordingNotAllowed

    if isinstance(error, AudioError):
        return error.message_key
    if isinstance(error, RecordingNotAllowed):
        return "audio.error.consent_required"
    return AudioError.message_key
