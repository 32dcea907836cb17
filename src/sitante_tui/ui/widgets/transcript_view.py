"""A session's transcript in the history: passages by GROW stage, searchable, with its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static

from sitante_tui.i18n import t

if TYPE_CHECKING:
    from sitante_tui.transcription.transcript import Transcript

HIGHLIGHT = "bold black on yellow"


def stage_label(stage: str | None) -> str:
    """The GROW stage (or step) a passage belongs to, as the coach reads it."""
    return t(f"step.{stage}") if stage else t("transcript.no_stage")


def render_transcript(transcript: Transcript, query: str = "") -> tuple[Text, int]:
    """The transcript by stage; with ``query`` only matching passages, matches highlighted.

    Returns the text and the number of matches (0 without a query).
    """
    hits = transcript.search(query) if query.strip() else []
    spans: dict[int, list[tuple[int, int]]] = {}
    for hit in hits:
        spans.setdefault(hit.segment_index, []).append((hit.match_start, hit.match_end))
    text = Text()
    current: object = object()  # no stage yet (None is a real "no stage")
    for index, segment in enumerate(transcript.segments):
        if query.strip() and index not in spans:
            continue
        body = segment.text.strip()
        if not body:
            continue
        if segment.stage != current:
            current = segment.stage
            text.append(("\n" if text else "") + stage_label(segment.stage) + "\n", style="bold")
        line = Text(body + " ")
        offset = len(segment.text) - len(segment.text.lstrip())  # hits index the unstripped text
        for start, end in spans.get(index, []):
            line.stylize(HIGHLIGHT, max(0, start - offset), max(0, end - offset))
        text.append_text(line)
    return text, len(hits)


class TranscriptView(Vertical):
    """Status line, actions (transcribe, delete audio, delete transcript), search and text."""

    DEFAULT_CSS = """
    TranscriptView { height: auto; margin-top: 1; }
    TranscriptView #transcript-title { text-style: bold underline; }
    TranscriptView #transcript-status { color: $text-muted; }
    TranscriptView Horizontal { height: auto; }
    TranscriptView Button { margin-right: 2; }
    TranscriptView #transcript-search { margin-top: 1; }
    TranscriptView #transcript-matches { color: $text-muted; }
    TranscriptView #transcript-text { height: auto; margin-top: 1; }
    """

    class Requested(Message):
        """The coach pressed one of the actions: ``transcribe``, ``delete_audio`` or
        ``delete_transcript``."""

        def __init__(self, action: str) -> None:
            super().__init__()
            self.action = action

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.transcript: Transcript | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("transcript.title"), id="transcript-title")
        yield Static(id="transcript-status")
        with Horizontal(id="transcript-actions"):
            yield Button(t("transcript.transcribe_now"), id="transcribe", variant="primary")
            yield Button(t("transcript.delete_audio"), id="delete_audio", variant="error")
            yield Button(t("transcript.delete_transcript"), id="delete_transcript", variant="error")
        yield Input(placeholder=t("transcript.search_placeholder"), id="transcript-search")
        yield Static(id="transcript-matches")
        yield Static(id="transcript-text")

    def show(
        self, transcript: Transcript | None, *, audio_files: int, problem: str | None = None
    ) -> None:
        """Show one session's transcript (or why there is none) and the actions that apply."""
        self.transcript = transcript
        lines = []
        if transcript is not None:
            label = "draft_label" if transcript.draft else "final_label"
            if not transcript.draft and not transcript.complete:
                label = "partial_label"
            lines.append(t(f"transcript.{label}", model=transcript.model or "?"))
        elif problem:
            lines.append(problem)
        else:
            lines.append(t("transcript.none" if audio_files else "transcript.no_recording"))
        if audio_files:
            lines.append(t("transcript.audio_kept", files=audio_files))
        elif transcript is not None:
            lines.append(t("transcript.audio_gone"))
        self.query_one("#transcript-status", Static).update("\n".join(lines))
        final = transcript is not None and not transcript.draft and transcript.complete
        transcribe = self.query_one("#transcribe", Button)
        transcribe.display = bool(audio_files)
        transcribe.label = t(
            "transcript.transcribe_again" if final else "transcript.transcribe_now"
        )
        self.query_one("#delete_audio", Button).display = bool(audio_files)
        self.query_one("#delete_transcript", Button).display = transcript is not None
        self.query_one("#transcript-actions").display = bool(audio_files) or transcript is not None
        self.query_one("#transcript-search", Input).display = transcript is not None
        self.search(self.query_one("#transcript-search", Input).value)

    @on(Input.Changed, "#transcript-search")
    def on_search_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    def search(self, query: str) -> None:
        """Filter the passages to those matching ``query`` (all of them when it is empty)."""
        matches = self.query_one("#transcript-matches", Static)
        body = self.query_one("#transcript-text", Static)
        if self.transcript is None:
            matches.update("")
            body.update("")
            return
        text, count = render_transcript(self.transcript, query)
        if query.strip():
            key = "transcript.matches" if count else "transcript.no_match"
            matches.update(t(key, n=count, query=query.strip()))
        else:
            matches.update("")
        body.update(text)

    @on(Button.Pressed, "#transcript-actions Button")
    def on_action(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Requested(event.button.id or ""))
