"""Streaming conversion of a microphone's native format to 16 kHz mono int16.

Most host APIs (PulseAudio, CoreAudio, MME, DirectSound) convert to 16 kHz themselves; raw ALSA
devices and WASAPI in shared mode may not, so the recorder opens those at their own rate and
converts here. Speech only needs the band below 8 kHz: a windowed-sinc low-pass followed by
linear interpolation is plenty and keeps the dependency list at numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_TAPS = 63


class StreamResampler:
    """Converts blocks of ``(frames, channels)`` int16 at ``source_rate`` to mono 16 kHz int16.

    Keeps filter history and the fractional read position between blocks, so consecutive
    blocks join without clicks.
    """

    def __init__(self, source_rate: float, channels: int, target_rate: int = 16_000) -> None:
        import numpy as np

        self.source_rate = float(source_rate)
        self.channels = channels
        self.target_rate = target_rate
        self._step = self.source_rate / target_rate
        self._passthrough = abs(self._step - 1.0) < 1e-9
        cutoff = 0.45 * target_rate / self.source_rate  # cycles per input sample
        n = np.arange(_TAPS) - (_TAPS - 1) / 2
        taps = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(_TAPS)
        self._taps = (taps / taps.sum()).astype(np.float32)
        self._history = np.zeros(_TAPS - 1, dtype=np.float32)
        self._carry = np.zeros(0, dtype=np.float32)
        self._position = 0.0  # next output position, in input samples from _carry[0]

    def process(self, block: npt.NDArray[np.int16]) -> npt.NDArray[np.int16]:
        """Convert one block; returns the (possibly empty) 16 kHz mono samples it yields."""
        import numpy as np

        mono = block.astype(np.float32)
        if mono.ndim == 2:
            mono = mono.mean(axis=1) if mono.shape[1] > 1 else mono[:, 0]
        if self._passthrough:
            return np.clip(np.rint(mono), -32768, 32767).astype(np.int16)
        padded = np.concatenate((self._history, mono))
        filtered = np.convolve(padded, self._taps, mode="valid").astype(np.float32)
        self._history = padded[-(_TAPS - 1) :]
        data = np.concatenate((self._carry, filtered))
        last = len(data) - 1
        if last < 1:
            self._carry = data
            return np.zeros(0, dtype=np.int16)
        positions = np.arange(self._position, last, self._step)
        out = np.interp(positions, np.arange(len(data)), data)
        next_position = self._position + len(positions) * self._step
        keep_from = int(next_position)
        self._carry = data[keep_from:]
        self._position = next_position - keep_from
        result: npt.NDArray[np.int16] = np.clip(np.rint(out), -32768, 32767).astype(np.int16)
        return result
