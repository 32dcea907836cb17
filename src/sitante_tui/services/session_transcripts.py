"""A session's transcripts: the live draft, the after-session pass, reading and erasing them.

:class:`SessionTranscripts` is the transcript half of :class:`recording_service.SessionAudio`
(which adds the running recording); every model or file failure becomes a
:class:`~sitante_tui.services.audio_problems.RecordingProblem` with a translated message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sitante_tui.i18n import t
from sitante_tui.paths import Workspace
from sitante_tui.services.audio_problems import (
    RecordingProblem,
    TranscriptionCancelledByUser,
    problem_text,
)
from sitante_tui.services.question_feedback import Passage
from sitante_tui.settings import Settings

if TYPE_CHECKING:
    from sitante_tui.audio.segment_store import EncryptedSegmentStore
    from sitante_tui.transcription.transcript import Transcript


class TranscriberLike(Protocol):
    """The part of :class:`~sitante_tui.transcription.transcriber.Transcriber` used here."""

    label: str

    def transcribe_windows(self, windows: Any, lang: str, **kwargs: Any) -> Transcript: ...

    def transcribe_chunk(self, audio: Any, lang: str, *, offset: float = 0.0) -> Any: ...


class SessionTranscripts:
    """Where a session's transcripts live, the model that writes them, reading and erasing."""

    workspace: Workspace
    settings: Settings
    _recipient: Callable[[], str]
    _identity: Callable[[], str | None]
    _transcriber: TranscriberLike | None
    _transcriber_lock: threading.Lock
    make_transcriber: Callable[[str], TranscriberLike] | None

    def has_audio(self, session_id: str) -> bool:
        raise NotImplementedError

    def _store(self, session_id: str) -> EncryptedSegmentStore:
        raise NotImplementedError

    def transcript_file(self, session_id: str, *, draft: bool = False) -> Path:
        """``transcripts/<session>.age`` (or ``<session>.draft.age`` for the live draft)."""
        from sitante_tui.transcription.transcript_store import transcript_path

        return transcript_path(self.workspace.transcripts_dir, session_id, draft=draft)

    def has_transcript(self, session_id: str) -> bool:
        """Whether a final transcript (not only a draft) exists."""
        return self.transcript_file(session_id).is_file()

    def delete_transcripts(self, session_id: str) -> int:
        """Erase the session's transcript and live draft; returns how many files went."""
        from sitante_tui.transcription.transcript_store import delete_transcript

        return sum(
            delete_transcript(self.transcript_file(session_id, draft=draft))
            for draft in (False, True)
        )

    def transcript(self, session_id: str) -> Transcript | None:
        """The final transcript, else the live draft, else ``None`` (needs the unlocked key).

        Raises:
            RecordingProblem: the file is damaged or cannot be decrypted.
        """
        from sitante_tui.crypto.age_errors import AgeError
        from sitante_tui.transcription.transcript_store import load_transcript

        identity = self._identity()
        if identity is None:
            return None
        for draft in (False, True):
            path = self.transcript_file(session_id, draft=draft)
            if path.is_file():
                try:
                    return load_transcript(path, identity)
                except (AgeError, ValueError, KeyError) as exc:
                    raise RecordingProblem(t("transcript.damaged")) from exc
        return None

    def passages(self, session_id: str) -> list[Passage]:
        """The transcript's running text by stage, for the questioning feedback."""
        try:
            transcript = self.transcript(session_id)
        except RecordingProblem:
            return []
        return transcript.text_by_stage() if transcript is not None else []

    # -- after the session --------------------------------------------------------------------

    def transcriber(self, lang: str) -> TranscriberLike:
        """The model for ``lang``, loaded once per run (shared by live and after-session).

        Raises:
            RecordingProblem: no usable model (the message says how to install one).
        """
        with self._transcriber_lock:
            if self.make_transcriber is not None:
                return self.make_transcriber(lang)
            if self._transcriber is None or not _serves(self._transcriber, lang):
                from sitante_tui.transcription.model_catalog import resolve_model
                from sitante_tui.transcription.model_errors import ModelError
                from sitante_tui.transcription.transcriber import Transcriber

                try:
                    model = resolve_model(
                        lang,
                        setting=self.settings.whisper_model,
                        trust_custom=self.settings.trust_custom_model,
                    )
                except ModelError as exc:
                    raise RecordingProblem(problem_text(exc)) from exc
                self._transcriber = Transcriber(model)
            return self._transcriber

    def transcribe(
        self,
        session_id: str,
        *,
        on_progress: Callable[[float], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Transcript:
        """Transcribe the whole recording and save it (encrypted), replacing the live draft.

        Blocking (minutes for a long session): run it in a worker.

        Raises:
            RecordingProblem: no audio, locked, no model, or a damaged file.
            TranscriptionCancelledByUser: ``cancel`` was set; nothing was saved.
        """
        from sitante_tui.crypto.age_errors import AgeError
        from sitante_tui.transcription.model_errors import ModelError
        from sitante_tui.transcription.transcriber import TranscriptionCancelled
        from sitante_tui.transcription.transcript_store import save_transcript

        identity = self._identity()
        if identity is None:
            raise RecordingProblem(t("transcript.locked"))
        if not self.has_audio(session_id):
            raise RecordingProblem(t("transcript.no_audio"))
        lang = self.settings.language
        transcriber = self.transcriber(lang)
        store = self._store(session_id)
        try:
            markers = store.read_markers(identity)
            total = store.duration_seconds(identity)
            transcript = transcriber.transcribe_windows(
                store.iter_windows(identity),
                lang,
                total_seconds=total,
                on_progress=on_progress,
                cancel_event=cancel,
                markers=markers,
            )
        except TranscriptionCancelled as exc:
            raise TranscriptionCancelledByUser() from exc
        except ModelError as exc:
            raise RecordingProblem(problem_text(exc)) from exc
        except (AgeError, ValueError) as exc:
            raise RecordingProblem(t("transcript.damaged")) from exc
        if cancel is not None and cancel.is_set():
            raise TranscriptionCancelledByUser()
        save_transcript(self.transcript_file(session_id), transcript, self._recipient())
        return transcript


def _serves(transcriber: TranscriberLike, lang: str) -> bool:
    """Whether a loaded model can take ``lang`` (an English-only one cannot take ``id``)."""
    return lang == "en" or getattr(transcriber, "multilingual", None) is not False
