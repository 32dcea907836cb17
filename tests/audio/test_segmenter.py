"""Cutting the sound into segments at pauses, and converting a device's native rate."""

from __future__ import annotations

import numpy as np
import pytest

from sitante_tui.audio.resample import StreamResampler
from sitante_tui.audio.segmenter import CutReason, PauseSegmenter, dbfs

RATE = 16_000


def tone(seconds: float, freq: float = 220.0, level: float = 0.3, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (level * 32767 * np.sin(2 * np.pi * freq * t)).astype(np.int16)


def babble(seconds: float) -> np.ndarray:
    """Speech-like: 200 ms syllables with 100 ms dips, never a pause long enough to cut at."""
    syllable = np.concatenate([tone(0.2), tone(0.1, level=0.003)])
    return np.tile(syllable, int(seconds / 0.3))


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.int16)


def feed_in_blocks(segmenter: PauseSegmenter, samples: np.ndarray) -> list:
    chunks = []
    for i in range(0, len(samples), 1600):  # 100 ms blocks, like the recorder
        chunks += segmenter.feed(samples[i : i + 1600])
    return chunks


def test_segments_close_at_the_first_pause_after_five_seconds() -> None:
    """Speech with a pause at 3 s and one at 6 s is cut at 6 s: 3 s is too short."""
    audio = np.concatenate([babble(3), silence(0.5), babble(2.4), silence(0.5), babble(2.1)])
    chunks = feed_in_blocks(PauseSegmenter(), audio)
    assert len(chunks) == 1
    assert chunks[0].cut is CutReason.PAUSE
    seconds = len(chunks[0].samples) / RATE
    assert 6.0 <= seconds <= 6.5  # inside the second pause
    assert chunks[0].has_speech


def test_speech_without_pauses_is_cut_at_ten_seconds_at_most() -> None:
    """A crash loses at most ~10 s: no segment grows past the limit."""
    audio = babble(25)
    chunks = feed_in_blocks(PauseSegmenter(), audio)
    assert len(chunks) >= 2
    assert all(len(c.samples) / RATE <= 10.0 for c in chunks)
    assert all(c.cut is CutReason.MAX_LENGTH for c in chunks)
    assert all(len(c.samples) / RATE >= 7.0 for c in chunks)  # cut near the limit, in a dip


def test_flush_returns_the_rest_and_nothing_is_lost() -> None:
    audio = np.concatenate([babble(4.2), silence(0.4), babble(3), silence(0.4), tone(1.234)])
    segmenter = PauseSegmenter()
    chunks = feed_in_blocks(segmenter, audio)
    last = segmenter.flush(CutReason.STOPPED)
    assert last is not None and last.cut is CutReason.STOPPED
    joined = np.concatenate([c.samples for c in [*chunks, last]])
    assert np.array_equal(joined, audio)
    assert segmenter.flush(CutReason.STOPPED) is None


def test_silence_is_flagged_so_it_is_not_transcribed() -> None:
    segmenter = PauseSegmenter()
    chunks = feed_in_blocks(segmenter, silence(6))
    rest = segmenter.flush(CutReason.STOPPED)
    assert all(not c.has_speech for c in [*chunks, rest] if c is not None)


def test_level_in_dbfs() -> None:
    rms, peak = dbfs(tone(1, level=0.5))
    assert peak == pytest.approx(-6.0, abs=0.1)
    assert rms == pytest.approx(-9.0, abs=0.2)
    assert dbfs(silence(1)) == (-120.0, -120.0)


@pytest.mark.parametrize("rate, channels", [(48_000, 1), (44_100, 2), (16_000, 2)])
def test_native_rates_are_converted_to_16k_mono(rate: int, channels: int) -> None:
    """A 1 kHz tone recorded at the device's rate is still 1 kHz, at 16 kHz, block by block."""
    source = tone(1.0, freq=1000, rate=rate)
    if channels == 2:
        source = np.stack([source, source], axis=1)
    resampler = StreamResampler(rate, channels)
    out = np.concatenate(
        [resampler.process(source[i : i + 4410]) for i in range(0, len(source), 4410)]
    )
    assert abs(len(out) - RATE) < 20
    spectrum = np.abs(np.fft.rfft(out[1000:-1000].astype(np.float64)))
    peak_hz = np.argmax(spectrum) * RATE / (len(out) - 2000)
    assert peak_hz == pytest.approx(1000, abs=5)
