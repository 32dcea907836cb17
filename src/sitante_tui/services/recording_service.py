"""Recording sessions for the app: one recording at a time, headless.

:class:`SessionAudio` owns the running recording (and its live draft), knows where a session's
audio lives, and turns every audio failure into a :class:`RecordingProblem` carrying a translated
message, so the UI never handles edge errors. Its transcript half is
:class:`~sitante_tui.services.session_transcripts.SessionTranscripts`. Callbacks given to it run
on worker threads; the UI posts messages from them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitante_tui.i18n import t
from sitante_tui.paths import Workspace
from sitante_tui.services.audio_problems import RecordingProblem, problem_text
from sitante_tui.services.session_transcripts import SessionTranscripts, TranscriberLike
from sitante_tui.settings import Settings

if TYPE_CHECKING:
    from sitante_tui.audio.errors import AudioError
    from sitante_tui.audio.recording import ActiveRecording
    from sitante_tui.audio.segment_store import EncryptedSegmentStore
    from sitante_tui.domain.session_flow import SessionFlow
    from sitante_tui.transcription.live import DraftUpdate, LiveTranscriber


@dataclass(frozen=True)
class RecordingStatus:
    """What the recording bar shows, read ten times a second."""

    state: str  # RecorderState value: idle, recording, paused, stopped
    elapsed_seconds: float
    level_dbfs: float
    stage: str | None
    live: bool  # a live draft is being written


@dataclass(frozen=True)
class StopSummary:
    """A recording that just stopped: how much was recorded and how many files hold it."""

    recorded_seconds: float
    files: int


class SessionAudio(SessionTranscripts):
    """The audio desk of the app: recordings, live drafts, after-session transcripts.

    Args:
        workspace: where ``audio/<session>/`` and ``transcripts/<session>.age`` live.
        settings: device, transcription mode, model choice.
        recipient: returns the coach's ``age1…`` recipient (files are encrypted to it; it
            stays available while the app is locked).
        identity: returns the coach's identity, or ``None`` while locked (reading needs it).
    """

    def __init__(
        self,
        workspace: Workspace,
        settings: Settings,
        *,
        recipient: Callable[[], str],
        identity: Callable[[], str | None],
    ) -> None:
        self.workspace = workspace
        self.settings = settings
        self._recipient = recipient
        self._identity = identity
        self.active: ActiveRecording | None = None
        self.active_session: str | None = None
        self.live: LiveTranscriber | None = None
        self._stage: str | None = None
        self._transcriber: TranscriberLike | None = None
        self._transcriber_lock = threading.Lock()
        # Seams for tests (a device that vanishes cannot exist on CI) and benchmarks.
        self.start_recording: Callable[..., ActiveRecording] | None = None
        self.stream_factory: Callable[..., Any] | None = None
        self.make_transcriber: Callable[[str], TranscriberLike] | None = None

    # -- where things live --------------------------------------------------------------------

    def audio_dir(self, session_id: str) -> Path:
        """``audio/<session>/``: the session's encrypted segments and stage markers."""
        return self.workspace.audio_dir / session_id

    def _store(self, session_id: str) -> EncryptedSegmentStore:
        from sitante_tui.audio.segment_store import EncryptedSegmentStore

        return EncryptedSegmentStore(self.audio_dir(session_id), self._recipient())

    # -- the running recording ----------------------------------------------------------------

    def is_recording(self, session_id: str) -> bool:
        """Whether ``session_id`` has a recording that has not stopped."""
        from sitante_tui.audio.recorder import RecorderState

        return (
            self.active is not None
            and self.active_session == session_id
            and self.active.state is not RecorderState.STOPPED
        )

    def status(self, session_id: str) -> RecordingStatus | None:
        """The recording of ``session_id`` as the bar shows it; ``None`` if it has none."""
        active = self.active
        if active is None or self.active_session != session_id:
            return None
        return RecordingStatus(
            state=str(active.state),
            elapsed_seconds=active.elapsed_seconds,
            level_dbfs=active.level.rms_dbfs,
            stage=self._stage,
            live=self.live is not None and self.live.error is None,
        )

    def start(
        self,
        flow: SessionFlow,
        *,
        on_error: Callable[[str], None] | None = None,
        on_draft: Callable[[DraftUpdate], None] | None = None,
        on_live_error: Callable[[str], None] | None = None,
    ) -> str | None:
        """Open the microphone and start recording the session (blocking: run in a worker).

        Args:
            flow: the session; its consent is checked first, its step is the first marker.
            on_error: told (worker thread) the translated reason when the device is lost or
                the disk fails mid-session; what was captured is kept.
            on_draft: given each live draft update (worker thread), in live mode.
            on_live_error: told (worker thread) why the live draft stopped.

        Returns:
            A translated notice when live transcription is not available (the recording runs).

        Raises:
            RecordingProblem: consent missing, PortAudio missing, no or unknown device, the
                device would not open. Nothing was written; the session goes on.
        """
        from sitante_tui.audio.errors import AudioError
        from sitante_tui.audio.recording import start_recording
        from sitante_tui.domain.consent import RecordingNotAllowed

        session_id = flow.session.id
        if self.is_recording(session_id):
            return None
        self.stop_active()
        try:
            flow.session.consent.ensure_recording_allowed()
        except RecordingNotAllowed as exc:
            raise RecordingProblem(problem_text(exc)) from exc
        live, notice = self._live_transcriber(session_id, on_draft, on_live_error)

        def report(error: AudioError) -> None:
            if on_error is not None:
                on_error(problem_text(error) + " " + t("audio.error.session_continues"))

        starter = self.start_recording or start_recording
        options: dict[str, Any] = {}
        if self.stream_factory is not None:
            options["stream_factory"] = self.stream_factory
        try:
            recording = starter(
                flow.session.consent,
                directory=self.audio_dir(session_id),
                recipient=self._recipient(),
                device=self.settings.audio_device,
                initial_stage=flow.current.value,
                on_error=report,
                on_segment=live.submit if live is not None else None,
                **options,
            )
        except (AudioError, RecordingNotAllowed) as exc:
            if live is not None:
                live.stop(drain=False)
            raise RecordingProblem(
                problem_text(exc) + " " + t("audio.error.session_continues")
            ) from exc
        self.active, self.active_session, self.live = recording, session_id, live
        self._stage = flow.current.value
        return notice

    def _live_transcriber(
        self,
        session_id: str,
        on_draft: Callable[[DraftUpdate], None] | None,
        on_live_error: Callable[[str], None] | None,
    ) -> tuple[LiveTranscriber | None, str | None]:
        """The live draft writer (live mode), or ``None`` with the reason to tell the coach."""
        if self.settings.transcription_mode != "live":
            return None, None
        from sitante_tui.transcription.live import LiveTranscriber
        from sitante_tui.transcription.model_errors import ModelError
        from sitante_tui.transcription.transcript_store import save_transcript

        lang = self.settings.language
        try:
            transcriber = self.transcriber(lang)
        except RecordingProblem as exc:
            return None, exc.message
        draft_path = self.transcript_file(session_id, draft=True)
        recipient = self._recipient()

        def drafted(update: DraftUpdate) -> None:
            if live.draft.segments:
                save_transcript(draft_path, live.draft, recipient)  # encrypted, atomic
            if on_draft is not None:
                on_draft(update)

        def failed(error: Exception) -> None:
            if on_live_error is not None:
                text = problem_text(error) if isinstance(error, ModelError) else str(error)
                on_live_error(text)

        live = LiveTranscriber(
            transcriber,  # type: ignore[arg-type]
            lang,
            on_draft=drafted,
            on_error=failed,
            markers=lambda: self.active.markers if self.active is not None else [],
        )
        return live, None

    def toggle_pause(self, session_id: str) -> str:
        """Pause a running recording or resume a paused one; returns the new state.

        Raises:
            RecordingProblem: consent was withdrawn meanwhile.
        """
        from sitante_tui.audio.recorder import RecorderState
        from sitante_tui.domain.consent import RecordingNotAllowed

        active = self.active
        if active is None or self.active_session != session_id:
            return str(RecorderState.IDLE)
        if active.state is RecorderState.RECORDING:
            active.pause()
        elif active.state is RecorderState.PAUSED:
            try:
                active.resume()
            except RecordingNotAllowed as exc:
                raise RecordingProblem(problem_text(exc)) from exc
        return str(active.state)

    def mark_stage(self, flow: SessionFlow) -> None:
        """The session moved to another step: mark it in the recording."""
        if self.is_recording(flow.session.id) and self.active is not None:
            self._stage = flow.current.value
            self.active.mark(self._stage)

    def stop(self, flow: SessionFlow, *, timeout: float = 5.0) -> StopSummary | None:
        """Stop the session's recording (capture stops at once; queued audio is stored)."""
        if self.active is None or self.active_session != flow.session.id:
            return None
        return self.stop_active(timeout=timeout)

    def stop_active(self, *, timeout: float = 5.0) -> StopSummary | None:
        """Stop whatever is recording (leaving the session, quitting the app)."""
        active, live = self.active, self.live
        self.active = self.live = None
        self.active_session = self._stage = None
        if active is None:
            return None
        result = active.withdraw(timeout)  # a plain stop with a bounded wait
        if live is not None:
            live.stop(drain=False, timeout=0)  # the chunk in progress still lands in the draft
        return StopSummary(result.recorded_seconds, result.files)

    # -- what is on disk ----------------------------------------------------------------------

    def audio_files(self, session_id: str) -> list[Path]:
        """The session's audio files on disk (encrypted segments and markers)."""
        folder = self.audio_dir(session_id)
        return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []

    def has_audio(self, session_id: str) -> bool:
        """Whether any audio file of the session is on disk."""
        return bool(self.audio_files(session_id))

    def delete_audio(self, session_id: str) -> int:
        """Erase the session's audio (headers wiped first); returns how many files went."""
        from sitante_tui.audio.recording import delete_recording

        if self.active_session == session_id:
            self.stop_active(timeout=1.0)
        return delete_recording(self.audio_dir(session_id))

    def erase_session(self, session_id: str) -> None:
        """Everything recorded or transcribed in a session (erasure, withdrawal)."""
        self.delete_audio(session_id)
        self.delete_transcripts(session_id)

    # -- devices ------------------------------------------------------------------------------

    def input_device_names(self) -> list[str]:
        """Names of the microphones PortAudio sees (imports sounddevice on first use).

        Raises:
            RecordingProblem: PortAudio is missing or cannot list devices.
        """
        from sitante_tui.audio.devices import list_input_devices
        from sitante_tui.audio.errors import AudioError

        try:
            devices = list_input_devices()
        except AudioError as exc:
            raise RecordingProblem(problem_text(exc)) from exc
        return list(dict.fromkeys(device.name for device in devices))
