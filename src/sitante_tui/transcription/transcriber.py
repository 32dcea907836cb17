"""Speech to text on the CPU with faster-whisper, offline, in the session's language.

The language is always passed explicitly: Whisper's auto-detection mislabels Indonesian (it
took synthetic Indonesian for Thai). The model is loaded lazily from a local folder with
``HF_HUB_OFFLINE=1``, so nothing reaches the network. One call runs at a time per transcriber;
results repeat for the same audio (fixed seed for the temperature fallback).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitante_tui.transcription.model_catalog import ResolvedModel
from sitante_tui.transcription.model_errors import ModelError, ModelNotMultilingual
from sitante_tui.transcription.transcript import MarkerLike, Transcript, TranscriptSegment

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

SAMPLE_RATE = 16_000
ProgressCallback = Callable[[float], None]


class TranscriptionCancelled(Exception):
    """The after-session pass was cancelled; ``partial`` holds what was done."""

    def __init__(self, partial: Transcript) -> None:
        super().__init__("transcription cancelled")
        self.partial = partial


class ModelLoadFailed(ModelError):
    """faster-whisper could not load the model folder (damaged or not a CTranslate2 model)."""

    message_key = "model.error.load_failed"


@dataclass(frozen=True)
class DecodeOptions:
    """How Whisper decodes. Two presets: :data:`AFTER_SESSION` and :data:`LIVE`."""

    beam_size: int = 5
    temperatures: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    seed: int = 0
    # Earlier text fed back as a prompt makes one bad passage spoil the next ones.
    condition_on_previous_text: bool = False
    without_timestamps: bool = False
    # Per-chunk token cap (live): bounds the repetition loops that stalled chunks 10-20 s.
    tokens_per_second: float | None = None
    vad_filter: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# Voice-activity detection drops silences before decoding and maps the timestamps back: without
# it Whisper dates speech after a long silence from the start of the window, and the passage
# lands in the wrong GROW stage.
AFTER_SESSION = DecodeOptions(beam_size=5, vad_filter=True)
LIVE = DecodeOptions(beam_size=5, without_timestamps=True, tokens_per_second=12.0)


def default_threads() -> int:
    """CPU threads for inference: every core up to four (more does not help Whisper much)."""
    return max(1, min(4, os.cpu_count() or 1))


class Transcriber:
    """A Whisper model on the CPU (int8), loaded on first use.

    Args:
        model: a resolved model (see :func:`~sitante_tui.transcription.model_catalog.resolve_model`)
            or a folder (tests, benchmarks).
        cpu_threads: inference threads; default :func:`default_threads`.
        after_session, live: decoding presets for :meth:`transcribe_pcm` and
            :meth:`transcribe_chunk`.
    """

    def __init__(
        self,
        model: ResolvedModel | Path | str,
        *,
        cpu_threads: int | None = None,
        after_session: DecodeOptions = AFTER_SESSION,
        live: DecodeOptions = LIVE,
    ) -> None:
        if isinstance(model, ResolvedModel):
            self.path = model.path
            self.label = model.label
            self.multilingual: bool | None = model.multilingual
        else:
            self.path = Path(model)
            self.label = self.path.name
            self.multilingual = None
        self.cpu_threads = cpu_threads or default_threads()
        self.after_session = after_session
        self.live = live
        self._model: Any = None
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        """Load the model now (otherwise the first transcription does it; ~1 s for base).

        Raises:
            ModelLoadFailed: the folder is not a loadable CTranslate2 Whisper model.
        """
        with self._load_lock:
            if self._model is not None:
                return
            offline()
            from faster_whisper import WhisperModel

            try:
                self._model = WhisperModel(
                    str(self.path),
                    device="cpu",
                    compute_type="int8",
                    cpu_threads=self.cpu_threads,
                    local_files_only=True,
                )
            except Exception as exc:  # ctranslate2 raises RuntimeError/ValueError with C++ text
                raise ModelLoadFailed(str(exc), model=self.label) from exc
            self.multilingual = bool(self._model.model.is_multilingual)

    def transcribe_pcm(
        self,
        audio: Any,
        lang: str,
        *,
        on_progress: ProgressCallback | None = None,
        cancel_event: threading.Event | None = None,
        markers: Iterable[MarkerLike] = (),
        offset: float = 0.0,
    ) -> Transcript:
        """Transcribe a whole recording (the after-session pass).

        Args:
            audio: 16 kHz mono samples: float32 in [-1, 1], int16, or s16le bytes.
            lang: ``id`` or ``en``, passed to Whisper as is.
            on_progress: called with 0..1 as passages complete (from this thread).
            cancel_event: set it to stop; :class:`TranscriptionCancelled` then carries the
                passages done so far (cancellation lands between passages, within seconds).
            markers: stage markers; each passage gets the stage in force at its midpoint.
            offset: where ``audio`` starts in the recording, in seconds.
        """
        samples = to_float32(audio)
        return self.transcribe_windows(
            [(offset, samples)],
            lang,
            total_seconds=offset + len(samples) / SAMPLE_RATE,
            on_progress=on_progress,
            cancel_event=cancel_event,
            markers=markers,
        )

    def transcribe_windows(
        self,
        windows: Iterable[tuple[float, Any]],
        lang: str,
        *,
        total_seconds: float,
        on_progress: ProgressCallback | None = None,
        cancel_event: threading.Event | None = None,
        markers: Iterable[MarkerLike] = (),
    ) -> Transcript:
        """Like :meth:`transcribe_pcm` over ``(start_seconds, samples)`` windows read lazily.

        A long recording is transcribed in windows of a few minutes (see
        ``EncryptedSegmentStore.iter_windows``) so it never sits in memory whole.
        """
        transcript = Transcript(language=lang, model=self.label)
        cancel = cancel_event or threading.Event()
        markers = list(markers)
        with self._run_lock:
            model = self._prepared(lang)
            for start, audio in windows:
                samples = to_float32(audio)
                for segment in self._decode(model, samples, lang, self.after_session):
                    transcript.segments.append(
                        TranscriptSegment(start + segment.start, start + segment.end, segment.text)
                    )
                    if on_progress is not None and total_seconds > 0:
                        on_progress(min(1.0, (start + segment.end) / total_seconds))
                    if cancel.is_set():
                        transcript.complete = False
                        raise TranscriptionCancelled(transcript.with_stages(markers))
                if cancel.is_set():
                    transcript.complete = False
                    raise TranscriptionCancelled(transcript.with_stages(markers))
        if on_progress is not None:
            on_progress(1.0)
        return transcript.with_stages(markers)

    def transcribe_chunk(
        self, audio: Any, lang: str, *, offset: float = 0.0
    ) -> list[TranscriptSegment]:
        """Transcribe one short closed segment for the live draft (beam 1, capped tokens)."""
        samples = to_float32(audio)
        options = self.live
        if options.tokens_per_second:
            seconds = len(samples) / SAMPLE_RATE
            cap = int(16 + options.tokens_per_second * seconds)
            options = replace(options, extra={**options.extra, "max_new_tokens": min(cap, 220)})
        with self._run_lock:
            model = self._prepared(lang)
            return [
                TranscriptSegment(offset + s.start, offset + s.end, s.text)
                for s in self._decode(model, samples, lang, options)
            ]

    # -- internals --------------------------------------------------------------------

    def _prepared(self, lang: str) -> Any:
        if lang != "en" and self.multilingual is False:
            raise ModelNotMultilingual(f"{self.label} is English-only", model=self.label)
        self.load()
        if lang != "en" and not self.multilingual:
            raise ModelNotMultilingual(f"{self.label} is English-only", model=self.label)
        import ctranslate2

        return self._model, ctranslate2

    def _decode(self, prepared: Any, samples: Any, lang: str, options: DecodeOptions) -> Any:
        model, ctranslate2 = prepared
        if len(samples) < SAMPLE_RATE // 10:
            return
        ctranslate2.set_random_seed(options.seed)  # the temperature fallback samples
        segments, _info = model.transcribe(
            samples,
            language=lang,
            task="transcribe",
            beam_size=options.beam_size,
            temperature=list(options.temperatures),
            condition_on_previous_text=options.condition_on_previous_text,
            without_timestamps=options.without_timestamps,
            vad_filter=options.vad_filter,
            **options.extra,
        )
        for segment in segments:
            text = segment.text.strip()
            if text:
                yield _Passage(float(segment.start), float(segment.end), text)


@dataclass(frozen=True)
class _Passage:
    start: float
    end: float
    text: str


def offline() -> None:
    """Forbid the Hugging Face client any network access (read when it is first imported)."""
    os.environ["HF_HUB_OFFLINE"] = "1"


def decode_file(path: Path | str) -> npt.NDArray[np.float32]:
    """Decode an audio file (wav, mp3, m4a...) in memory to 16 kHz mono float32, via PyAV.

    Raises whatever PyAV raises for an unreadable file (``av.error.*``, ``OSError``).
    """
    offline()
    from faster_whisper import decode_audio

    samples: npt.NDArray[np.float32] = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    return samples


def to_float32(audio: Any) -> npt.NDArray[np.float32]:
    """16 kHz mono float32 in [-1, 1] from float32, int16 or s16le bytes."""
    import numpy as np

    if isinstance(audio, bytes | bytearray | memoryview):
        return np.frombuffer(audio, dtype="<i2").astype(np.float32) / 32768.0
    array = np.asarray(audio)
    if array.dtype == np.int16:
        return array.astype(np.float32) / 32768.0
    return array.astype(np.float32, copy=False)
