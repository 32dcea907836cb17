"""The transcript under the session: the live draft a few seconds behind the speech (or what was
transcribed before, when a session is resumed), searchable; ctrl+t shows or hides it, ctrl+f
searches it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from sitante_tui.i18n import t
from sitante_tui.transcription.transcript import Transcript, TranscriptSegment
from sitante_tui.ui.widgets.transcript_view import render_transcript


class TranscriptPane(Vertical):
    """Passages as they arrive, by GROW stage, filtered by the search line; hidden until asked."""

    DEFAULT_CSS = """
    TranscriptPane {
        height: 8; display: none; border-top: solid $secondary; background: $surface;
    }
    TranscriptPane.-shown { display: block; }
    TranscriptPane #pane-search { margin: 0 1; }
    TranscriptPane #pane-scroll { height: 1fr; padding: 0 1; background: $surface; }
    TranscriptPane #pane-text { height: auto; }
    """

    BINDINGS = [Binding("escape", "leave_search", show=False)]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        # In memory only, like every decrypted text: the screen's copy of the draft.
        self.transcript = Transcript(language="", draft=True)

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("transcript.search_placeholder"), id="pane-search", compact=True)
        with VerticalScroll(id="pane-scroll"):
            yield Static(id="pane-text", markup=False)

    def on_mount(self) -> None:
        self._show_passages()

    @property
    def passages(self) -> int:
        return len(self.transcript.segments)

    @property
    def query_text(self) -> str:
        return self.query_one("#pane-search", Input).value.strip()

    def add(self, passages: list[tuple[str | None, str]]) -> None:
        """Append draft passages (``(stage, text)``, in time order)."""
        self.transcript.segments.extend(
            TranscriptSegment(0.0, 0.0, text, stage) for stage, text in passages if text.strip()
        )
        self._show_passages()

    def load(self, transcript: Transcript) -> None:
        """Show a transcript saved earlier (a resumed session), before any new passage."""
        self.transcript = Transcript(
            language=transcript.language,
            segments=[*transcript.segments, *self.transcript.segments],
            draft=True,
        )
        self._show_passages()

    @on(Input.Changed, "#pane-search")
    def _search(self) -> None:
        self._show_passages()

    def _show_passages(self) -> None:
        body = self.query_one("#pane-text", Static)
        query = self.query_text
        title = t("audio.pane.title")
        if not self.passages:
            self.border_title = title
            body.update(Text(t("audio.pane.waiting"), style="dim"))
            return
        text, count = render_transcript(self.transcript, query)
        if query:
            key = "transcript.matches" if count else "transcript.no_match"
            title = f"{title} · {t(key, n=count, query=query)}"
        self.border_title = title
        body.update(text)
        # Follow the newest passage, unless the coach scrolled up to read.
        scroll = self.query_one("#pane-scroll", VerticalScroll)
        if scroll.scroll_y >= scroll.max_scroll_y - 1:
            self.call_after_refresh(scroll.scroll_end, animate=False)

    @property
    def shown(self) -> bool:
        return self.has_class("-shown")

    def toggle(self) -> bool:
        """Show or hide the pane; returns whether it is now shown."""
        self.set_class(not self.shown, "-shown")
        return self.shown

    def action_leave_search(self) -> None:
        """esc in the search line: clear it; pressed again, back to the step being worked on."""
        search = self.query_one("#pane-search", Input)
        if search.value:
            search.value = ""
        else:
            self.screen.focus_next()  # wraps around to the step's first field

    def search(self) -> None:
        """Show the pane and put the cursor in its search line."""
        self.add_class("-shown")
        self.query_one("#pane-search", Input).focus()
