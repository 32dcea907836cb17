"""A stand-in for ``sounddevice.InputStream`` that plays a numpy array into the callback.

Used only where the real device cannot do what a test needs: a microphone that goes silent
without closing (a stalled USB device), or a disk that fills up. Everything else in tests/audio
records through the real virtual microphone.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np


class FakeInputStream:
    """Calls ``callback(block, frames, None, None)`` with ``(frames, 1)`` int16 blocks.

    ``speed`` > 1 feeds faster than real time; ``stall_after`` seconds of audio, it stops
    delivering without calling ``finished_callback`` (like a hung device).
    """

    def __init__(
        self,
        audio: np.ndarray,
        *,
        samplerate: int,
        channels: int,
        blocksize: int,
        callback: Callable[..., None],
        finished_callback: Callable[[], None],
        dtype: str = "int16",
        speed: float = 1.0,
        stall_after: float | None = None,
        loop: bool = False,
    ) -> None:
        self.audio = audio.astype(np.int16)
        self.rate = samplerate
        self.blocksize = blocksize
        self.callback = callback
        self.finished_callback = finished_callback
        self.speed = speed
        self.stall_after = stall_after
        self.loop = loop
        self.position = 0
        self.delivered = 0
        self._running = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._running.set()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._halt()

    def abort(self) -> None:
        self._halt()

    def close(self) -> None:
        self._halt()

    def _halt(self) -> None:
        was_running = self._running.is_set()
        self._running.clear()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2)
        if was_running:
            self.finished_callback()

    def _run(self) -> None:
        interval = self.blocksize / self.rate / self.speed
        next_at = time.monotonic()
        while self._running.is_set():
            if self.stall_after is not None and self.delivered >= self.stall_after * self.rate:
                time.sleep(0.01)
                continue
            if self.position >= len(self.audio):
                if not self.loop:
                    time.sleep(0.01)
                    continue
                self.position = 0
            block = self.audio[self.position : self.position + self.blocksize]
            self.position += len(block)
            self.delivered += len(block)
            self.callback(block.reshape(-1, 1), len(block), None, None)
            next_at += interval
            time.sleep(max(0.0, next_at - time.monotonic()))


def factory(audio: np.ndarray, **options: Any) -> Callable[..., FakeInputStream]:
    """A ``stream_factory`` for :class:`~sitante_tui.audio.recorder.SoundDeviceRecorder`."""
    made: list[FakeInputStream] = []

    def build(**kwargs: Any) -> FakeInputStream:
        stream = FakeInputStream(audio, **kwargs, **options)
        made.append(stream)
        return stream

    build.made = made  # type: ignore[attr-defined]
    return build
