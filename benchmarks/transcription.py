"""Transcription benchmark: the app's pipeline against bare faster-whisper, live lag, memory over
a long recording, and the UI timer's jitter while transcription runs.

    uv run python benchmarks/transcription.py            # ~5 minutes on 2 cores
    uv run python benchmarks/transcription.py --quick    # skips the live-lag playback (~2 min)

Needs espeak-ng (speech), the models of the ``models`` dependency group, and for the live lag
the virtual microphone (``scripts/virtual-mic.sh start``; without it a fake input stream plays
the same audio at real time). The last line is ``RESULT {json}``.

What is measured:
- 60 s of Indonesian and of English espeak-ng speech (the coaching script in
  tests/data/audio). RTF = seconds of compute per second of audio. "bare" is one
  ``WhisperModel.transcribe`` call on the float samples; "pipeline" is the app's after-session
  path: int16 segments encrypted with age on disk → decrypt → ``Transcriber.transcribe_windows``
  (same decoding options: beam 5, temperature fallback with a fixed seed, no previous-text
  prompt). Each is run twice, alternating, and the faster run counts (the machine is shared).
  rtf_ratio = pipeline / bare, the worse language. Model loading is excluded from both.
- WER of the pipeline's text against the script (normalised words).
- Peak RSS of each run: every bare and pipeline run is a fresh process (ru_maxrss), so the
  figure is that of one model and one transcription, as in the app.
- Live lag: the speech is played into the recorder in real time; each closed segment goes to
  the ``LiveTranscriber``; lag = time its text is ready − time its last speech was captured.
  live_lag_s is the 95th percentile over both languages.
- RSS slope: a 10-minute recording through ``SoundDeviceRecorder`` (segmenting, age encryption,
  atomic writes) fed by a fake input at 20x real time (30 s of wall time); RSS sampled every
  half second after the first minute, least-squares slope in MB per recorded minute.
- Tick jitter: an asyncio loop with a 100 ms timer (like Textual's ``set_interval``) measures how
  late each tick fires while the Indonesian clip is transcribed with cpu_threads=2 in a worker
  thread; p95 of the lateness in ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "tests" / "data" / "audio"
VOICES = {"en": ("en-us", 175), "id": ("id", 140)}
RATE = 16_000
THREADS = 2


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- speech ---------------------------------------------------------------------------------


@dataclass
class Clip:
    lang: str
    text: str
    samples: np.ndarray  # float32, 16 kHz
    wav: Path

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE


def synthesize_clip(lang: str, target_seconds: float, folder: Path) -> Clip:
    """Sentences of the script, spoken by espeak-ng, until ``target_seconds`` is reached."""
    from sitante_tui.transcription.transcriber import decode_file

    voice, rate = VOICES[lang]
    lines = (SCRIPTS / f"speech_{lang}.txt").read_text("utf-8").splitlines()
    parts: list[np.ndarray] = []
    texts: list[str] = []
    total = 0.0
    gap = np.zeros(int(0.35 * RATE), dtype=np.float32)
    i = 0
    while total < target_seconds - 1.0:
        sentence = lines[i % len(lines)]
        wav = folder / f"{lang}-{i}.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(wav), sentence], check=True
        )
        audio = decode_file(wav)
        if total + len(audio) / RATE > target_seconds + 4.0 and texts:
            break
        parts += [audio, gap]
        texts.append(sentence)
        total += (len(audio) + len(gap)) / RATE
        i += 1
    samples = np.concatenate(parts).astype(np.float32)
    out = folder / f"{lang}-clip.wav"
    _write_wav(out, samples)
    return Clip(lang, " ".join(texts), samples, out)


def _write_wav(path: Path, samples: np.ndarray) -> None:
    import wave

    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())


# -- memory ---------------------------------------------------------------------------------


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, AttributeError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


# -- pipeline vs bare -----------------------------------------------------------------------


@dataclass
class LangResult:
    lang: str
    model: str
    seconds: float
    bare_rtf: float
    pipeline_rtf: float
    wer: float
    bare_wer: float
    peak_rss_mb: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.pipeline_rtf / self.bare_rtf


def store_recording(clip: Clip, folder: Path, recipient: str) -> Any:
    """The clip as the recorder stores it: segments cut at pauses, each age-encrypted."""
    from sitante_tui.audio.segment_store import EncryptedSegmentStore
    from sitante_tui.audio.segmenter import CutReason, PauseSegmenter
    from sitante_tui.audio.segments import ClosedSegment

    store = EncryptedSegmentStore(folder, recipient)
    pcm = (np.clip(clip.samples, -1, 1) * 32767).astype(np.int16)
    segmenter = PauseSegmenter()
    chunks = []
    for i in range(0, len(pcm), 1600):
        chunks += segmenter.feed(pcm[i : i + 1600])
    last = segmenter.flush(CutReason.STOPPED)
    chunks += [last] if last else []
    start = 0.0
    for index, chunk in enumerate(chunks):
        store.write_segment(
            ClosedSegment(index, start, chunk.samples.tobytes(), chunk.cut, chunk.has_speech, 0, 0)
        )
        start += len(chunk.samples) / RATE
    return store


def compare(
    clip: Clip, model_name: str | None, identity: str, recipient: str, tmp: Path
) -> LangResult:
    """Bare and pipeline runs, alternating, each in a fresh process (clean peak RSS)."""
    from sitante_tui.transcription.model_catalog import resolve_model
    from sitante_tui.transcription.wer import word_error_rate

    resolved = resolve_model(clip.lang, directory=model_name)
    folder = tmp / f"rec-{clip.lang}-{resolved.label}"
    store_recording(clip, folder, recipient)
    key = tmp / "identity.txt"
    key.write_text(identity)
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "pipeline": []}
    for _ in range(2):
        for mode in ("bare", "pipeline"):
            command = [sys.executable, __file__, "--worker", mode, "--lang", clip.lang]
            command += ["--model", str(resolved.path), "--clip", str(clip.wav)]
            command += ["--store", str(folder), "--identity-file", str(key)]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            runs[mode].append(json.loads(out.strip().splitlines()[-1]))
    overhead = pipeline_overhead(folder, identity)
    bare = min(runs["bare"], key=lambda r: r["seconds"])
    pipeline = min(runs["pipeline"], key=lambda r: r["seconds"])
    return LangResult(
        lang=clip.lang,
        model=resolved.label,
        seconds=clip.seconds,
        bare_rtf=bare["seconds"] / clip.seconds,
        pipeline_rtf=pipeline["seconds"] / clip.seconds,
        wer=word_error_rate(clip.text, pipeline["text"]),
        bare_wer=word_error_rate(clip.text, bare["text"]),
        peak_rss_mb=max(r["peak_rss_mb"] for r in runs["pipeline"]),
        extra={
            "bare_peak_rss_mb": max(r["peak_rss_mb"] for r in runs["bare"]),
            "overhead_s": overhead,
        },
    )


def pipeline_overhead(folder: Path, identity: str) -> float:
    """Seconds the pipeline spends outside the model: decrypt, read markers, build windows."""
    from sitante_tui.audio.segment_store import EncryptedSegmentStore

    store = EncryptedSegmentStore(folder, "unused-for-reading")
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        store.duration_seconds(identity)
        store.read_markers(identity)
        for _window in store.iter_windows(identity):
            pass
        best = min(best, time.perf_counter() - began)
    return best


def worker(mode: str, lang: str, model: Path, clip: Path, store: Path, identity: str) -> None:
    """One timed transcription in this process; prints JSON (seconds, text, peak RSS)."""
    import resource

    from sitante_tui.transcription.transcriber import AFTER_SESSION, Transcriber, decode_file

    options = AFTER_SESSION
    if mode == "bare":
        import ctranslate2
        from faster_whisper import WhisperModel

        # The same int16-quantised samples the pipeline decrypts: identical decoding work.
        samples = decode_file(clip)
        bare = WhisperModel(str(model), device="cpu", compute_type="int8", cpu_threads=THREADS)
        began = time.perf_counter()
        ctranslate2.set_random_seed(options.seed)
        segments, _ = bare.transcribe(
            samples,
            language=lang,
            beam_size=options.beam_size,
            temperature=list(options.temperatures),
            condition_on_previous_text=options.condition_on_previous_text,
            vad_filter=options.vad_filter,
        )
        text = " ".join(s.text.strip() for s in segments)
    else:
        from sitante_tui.audio.segment_store import EncryptedSegmentStore

        transcriber = Transcriber(model, cpu_threads=THREADS)
        transcriber.load()
        recording = EncryptedSegmentStore(store, "unused-for-reading")
        began = time.perf_counter()
        # What the after-session pass does: decrypt, window, transcribe, tag stages.
        transcript = transcriber.transcribe_windows(
            recording.iter_windows(identity),
            lang,
            total_seconds=recording.duration_seconds(identity),
            markers=recording.read_markers(identity),
        )
        text = transcript.text
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"seconds": seconds, "text": text, "peak_rss_mb": peak}))


# -- fake input (for the RSS run, and live lag without a microphone) ------------------------


class ArrayInput:
    """An input stream that plays int16 samples into the recorder's callback."""

    def __init__(
        self, samples: np.ndarray, speed: float, loop_seconds: float | None, **kwargs: Any
    ) -> None:
        self.samples = samples
        self.speed = speed
        self.limit = int(loop_seconds * RATE) if loop_seconds else len(samples)
        self.blocksize = kwargs["blocksize"]
        self.callback = kwargs["callback"]
        self.finished = kwargs["finished_callback"]
        self.delivered = 0
        self._running = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._running.set()
        self._thread.start()

    def stop(self) -> None:
        self._running.clear()

    abort = close = stop

    def _run(self) -> None:
        interval = self.blocksize / RATE / self.speed
        next_at = time.monotonic()
        while self._running.is_set() and self.delivered < self.limit:
            start = self.delivered % len(self.samples)
            block = self.samples[start : start + self.blocksize]
            self.callback(block.reshape(-1, 1), len(block), None, None)
            self.delivered += len(block)
            next_at += interval
            time.sleep(max(0.0, next_at - time.monotonic()))
        while self._running.is_set():  # end of audio: silence, like a quiet room
            self.callback(np.zeros((self.blocksize, 1), np.int16), self.blocksize, None, None)
            time.sleep(self.blocksize / RATE / self.speed)


def consent_yes() -> Any:
    from sitante_tui.domain.consent import ConsentAnswer, ConsentRecord

    record = ConsentRecord()
    record.answer(ConsentAnswer.YES, datetime.now())
    return record


# -- live lag -------------------------------------------------------------------------------


def mic_available() -> bool:
    if shutil.which("paplay") is None:
        return False
    if subprocess.run(["pactl", "info"], capture_output=True).returncode != 0:
        return False
    try:
        from sitante_tui.audio.devices import list_input_devices

        return bool(list_input_devices())
    except Exception:
        return False


def live_lags(clip: Clip, recipient: str, tmp: Path, use_mic: bool) -> list[float]:
    from sitante_tui.audio.recording import start_recording
    from sitante_tui.transcription.live import LiveTranscriber
    from sitante_tui.transcription.model_catalog import resolve_model
    from sitante_tui.transcription.transcriber import Transcriber

    transcriber = Transcriber(resolve_model(clip.lang), cpu_threads=THREADS)
    transcriber.load()
    live = LiveTranscriber(transcriber, clip.lang)
    pcm = (np.clip(clip.samples, -1, 1) * 32767).astype(np.int16)
    factory = None if use_mic else (lambda **kw: ArrayInput(pcm, 1.0, None, **kw))
    recording = start_recording(
        consent_yes(),
        directory=tmp / f"live-{clip.lang}",
        recipient=recipient,
        on_segment=live.submit,
        stream_factory=factory,
    )
    if use_mic:
        subprocess.run(["paplay", "--device=virt", str(clip.wav)], check=True)
    else:
        time.sleep(clip.seconds)
    time.sleep(1.0)
    recording.stop()
    live.stop(drain=True, timeout=120)
    return live.lags


# -- RSS over a long recording --------------------------------------------------------------


def rss_slope(
    clip: Clip, recipient: str, tmp: Path, minutes: float = 10.0, speed: float = 20.0
) -> tuple[float, list[tuple[float, float]]]:
    from sitante_tui.audio.recorder import RecorderState
    from sitante_tui.audio.recording import start_recording

    pcm = (np.clip(clip.samples, -1, 1) * 32767).astype(np.int16)
    recording = start_recording(
        consent_yes(),
        directory=tmp / "long",
        recipient=recipient,
        stream_factory=lambda **kw: ArrayInput(pcm, speed, minutes * 60, **kw),
    )
    samples: list[tuple[float, float]] = []
    while (
        recording.elapsed_seconds < minutes * 60 - 1 and recording.state is RecorderState.RECORDING
    ):
        time.sleep(0.5)
        samples.append((recording.elapsed_seconds / 60, rss_mb()))
    recording.stop()
    files = len(recording.store.files())
    log(
        f"long recording: {recording.elapsed_seconds / 60:.1f} min recorded, {files} files, "
        f"dropped {recording.recorder.dropped_seconds:.1f} s"
    )
    steady = [(m, r) for m, r in samples if m >= 1.0]
    x = np.array([m for m, _ in steady])
    y = np.array([r for _, r in steady])
    slope = float(np.polyfit(x, y, 1)[0]) if len(steady) > 2 else float("nan")
    return slope, samples


# -- UI tick jitter -------------------------------------------------------------------------


def tick_jitter(clip: Clip) -> list[float]:
    from sitante_tui.transcription.model_catalog import resolve_model
    from sitante_tui.transcription.transcriber import Transcriber

    transcriber = Transcriber(resolve_model(clip.lang), cpu_threads=THREADS)
    transcriber.load()

    async def main() -> list[float]:
        loop = asyncio.get_running_loop()
        work = loop.run_in_executor(None, transcriber.transcribe_pcm, clip.samples, clip.lang)
        lateness: list[float] = []
        interval = 0.1
        next_at = loop.time() + interval
        while not work.done():
            await asyncio.sleep(max(0.0, next_at - loop.time()))
            lateness.append(max(0.0, loop.time() - next_at) * 1000)
            next_at += interval
            if loop.time() > next_at:  # a very late tick: schedule from now, like a UI timer
                next_at = loop.time() + interval
        await work
        return lateness

    return asyncio.run(main())


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


# -- main -----------------------------------------------------------------------------------


def run(quick: bool) -> dict[str, Any]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # The virtual microphone's server (scripts/virtual-mic.sh), if it runs with its defaults.
    if Path("/tmp/pulse-ci/native").exists():
        os.environ.setdefault("PULSE_RUNTIME_PATH", "/tmp/pulse-ci")
        os.environ.setdefault("PULSE_SERVER", "unix:/tmp/pulse-ci/native")
    from sitante_tui.crypto import age

    identity = age.generate_identity()
    recipient = age.identity_to_recipient(identity)
    tmp = Path(tempfile.mkdtemp(prefix="sitante-bench-"))
    try:
        clips = {lang: synthesize_clip(lang, 60.0, tmp) for lang in ("id", "en")}
        for clip in clips.values():
            log(f"{clip.lang}: {clip.seconds:.1f} s of speech, {len(clip.text.split())} words")

        results = {}
        for lang in ("id", "en"):
            log(f"pipeline vs bare, {lang} ...")
            results[lang] = compare(clips[lang], None, identity, recipient, tmp)
        log("pipeline vs bare, en with tiny.en (information) ...")
        tiny = compare(clips["en"], "tiny.en", identity, recipient, tmp)

        print(
            f"{'lang':4} {'model':8} {'audio s':>8} {'bare RTF':>9} {'pipe RTF':>9} {'ratio':>6} "
            f"{'WER':>6} {'bare WER':>8} {'peak RSS MB bare/pipe':>22}"
        )
        for r in (*results.values(), tiny):
            print(
                f"{r.lang:4} {r.model:8} {r.seconds:8.1f} {r.bare_rtf:9.3f} {r.pipeline_rtf:9.3f} "
                f"{r.ratio:6.3f} {r.wer:6.3f} {r.bare_wer:8.3f} "
                f"{r.extra['bare_peak_rss_mb']:14.0f} / {r.peak_rss_mb:.0f}"
            )
        for r in (*results.values(), tiny):
            print(
                f"{r.lang} {r.model}: pipeline work outside the model (decrypt, markers, windows) "
                f"{r.extra['overhead_s'] * 1000:.0f} ms = "
                f"{100 * r.extra['overhead_s'] / (r.bare_rtf * r.seconds):.1f} % of the bare time"
            )

        lags: list[float] = []
        if not quick:
            use_mic = mic_available()
            log(f"live lag ({'virtual microphone' if use_mic else 'fake input at real time'}) ...")
            for lang in ("id", "en"):
                got = live_lags(clips[lang], recipient, tmp, use_mic)
                print(
                    f"live lag {lang}: n={len(got)} median {statistics.median(got):.2f} s, "
                    f"p95 {percentile(got, 95):.2f} s, max {max(got):.2f} s"
                )
                lags += got

        log("RSS over a 10-minute recording (fake input at 20x) ...")
        slope, samples = rss_slope(clips["id"], recipient, tmp)
        first = samples[0][1] if samples else float("nan")
        print(
            f"recording RSS: {first:.0f} MB at start, {samples[-1][1]:.0f} MB after "
            f"{samples[-1][0]:.1f} min (min {min(r for _, r in samples):.1f}, "
            f"max {max(r for _, r in samples):.1f}); slope {slope:.4f} MB/min"
        )

        log("tick jitter while transcribing ...")
        jitter = tick_jitter(clips["id"])
        print(
            f"tick jitter (100 ms timer, {len(jitter)} ticks): "
            f"p50 {percentile(jitter, 50):.1f} ms, p95 {percentile(jitter, 95):.1f} ms, "
            f"max {max(jitter):.1f} ms"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def r3(value: float) -> float | None:
        return None if value != value else round(value, 3) + 0.0  # no "-0.0"

    return {
        "rtf": {lang: r3(results[lang].pipeline_rtf) for lang in ("id", "en")},
        "rtf_ratio": r3(max(r.ratio for r in results.values())),
        "wer": {lang: r3(results[lang].wer) for lang in ("id", "en")},
        "live_lag_s": r3(percentile(lags, 95)) if lags else None,
        "rss_slope_mb_per_min": r3(slope),
        "tick_jitter_p95_ms": r3(percentile(jitter, 95)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the live-lag playback")
    # Internal: one timed run in a fresh process (see compare()).
    parser.add_argument("--worker", choices=("bare", "pipeline"), help=argparse.SUPPRESS)
    for option in ("--lang", "--model", "--clip", "--store", "--identity-file"):
        parser.add_argument(option, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        identity = Path(args.identity_file).read_text().strip()
        worker(
            args.worker, args.lang, Path(args.model), Path(args.clip), Path(args.store), identity
        )
        return 0
    result = run(args.quick)
    print("RESULT " + json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
