"""Input devices: list them, resolve the one chosen in settings, and turn PortAudio's failures
into typed errors (:mod:`sitante_tui.audio.errors`) that the UI can explain."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from sitante_tui.audio.errors import (
    AudioUnavailable,
    DeviceNotFound,
    DeviceOpenFailed,
    NoInputDevice,
)

SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class InputDevice:
    """One microphone as PortAudio sees it."""

    index: int
    name: str
    hostapi: str
    channels: int
    default_samplerate: float
    is_default: bool = False

    @property
    def label(self) -> str:
        """What a settings list shows: ``name (host API)``."""
        return f"{self.name} ({self.hostapi})"


def load_sounddevice() -> ModuleType:
    """Import ``sounddevice``, or raise :class:`AudioUnavailable` when PortAudio is missing.

    ``import sounddevice`` raises ``OSError`` when the PortAudio library cannot be loaded; the
    import lives here so that the app still starts (and can say so) on such a machine.
    """
    try:
        import sounddevice
    except OSError as exc:
        raise AudioUnavailable(str(exc)) from exc
    module: ModuleType = sounddevice
    return module


def rescan() -> None:
    """Make PortAudio look for devices again (it scans once, when it is initialised).

    Call it from the device-choice screen after a microphone was plugged in; never while a
    recording is running.
    """
    sd = load_sounddevice()
    try:
        sd._terminate()
        sd._initialize()
    except sd.PortAudioError as exc:
        raise AudioUnavailable(str(exc)) from exc


def list_input_devices() -> list[InputDevice]:
    """Every device with at least one input channel, the default one flagged.

    Raises:
        AudioUnavailable: PortAudio is missing or cannot list devices.
    """
    sd = load_sounddevice()
    try:
        raw: list[dict[str, Any]] = list(sd.query_devices())
        hostapis = [api["name"] for api in sd.query_hostapis()]
    except sd.PortAudioError as exc:
        raise AudioUnavailable(str(exc)) from exc
    default_index = _default_input_index(sd)
    return [
        InputDevice(
            index=int(info["index"]),
            name=str(info["name"]),
            hostapi=hostapis[info["hostapi"]] if info["hostapi"] < len(hostapis) else "?",
            channels=int(info["max_input_channels"]),
            default_samplerate=float(info["default_samplerate"]),
            is_default=info["index"] == default_index,
        )
        for info in raw
        if info["max_input_channels"] > 0
    ]


def resolve_input_device(configured: str | None = None) -> InputDevice:
    """The device to record from: the one named in settings, else the system default.

    ``configured`` matches a device's exact name, its ``label``, its index, or (when only one
    device matches) a part of its name.

    Raises:
        AudioUnavailable: PortAudio is missing.
        NoInputDevice: there is no input device at all. PortAudio itself would only say
            "Error querying device -1" when a stream is opened.
        DeviceNotFound: the configured device is not connected.
    """
    devices = list_input_devices()
    if not devices:
        raise NoInputDevice("PortAudio lists no input device")
    if configured:
        wanted = configured.strip()
        for device in devices:
            if wanted in (device.name, device.label, str(device.index)):
                return device
        partial = [d for d in devices if wanted.casefold() in d.name.casefold()]
        if len(partial) == 1:
            return partial[0]
        raise DeviceNotFound(f"no unique input device matches {wanted!r}", device=wanted)
    for device in devices:
        if device.is_default:
            return device
    return devices[0]


def _default_input_index(sd: ModuleType) -> int:
    try:
        default = sd.default.device[0]
        if default is None or int(default) < 0:
            return int(sd._lib.Pa_GetDefaultInputDevice())
        return int(default)
    except (TypeError, ValueError, AttributeError):
        return -1


def negotiate_format(sd: Any, index: int, native_rate: float) -> tuple[int, int, Any]:
    """The first of 16 kHz mono, 16 kHz stereo, native mono, native stereo that opens."""
    extra = None
    with contextlib.suppress(Exception):
        hostapi = sd.query_hostapis(sd.query_devices(index)["hostapi"])["name"]
        if "WASAPI" in hostapi:
            extra = sd.WasapiSettings(auto_convert=True)  # let Windows convert the rate
    candidates: Iterable[tuple[int, int]] = (
        (SAMPLE_RATE, 1),
        (SAMPLE_RATE, 2),
        (round(native_rate), 1),
        (round(native_rate), 2),
    )
    last: Exception | None = None
    for rate, channels in candidates:
        try:
            sd.check_input_settings(
                device=index,
                samplerate=rate,
                channels=channels,
                dtype="int16",
                extra_settings=extra,
            )
        except Exception as exc:
            last = exc
            continue
        return rate, channels, extra
    raise DeviceOpenFailed(str(last))
