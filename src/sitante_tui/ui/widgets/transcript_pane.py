"""The live draft under the session, a few seconds behind the speech; ctrl+t shows or hides it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog

from sitante_tui.i18n import t


class TranscriptPane(RichLog):
    """Draft passages as they arrive, each tagged with its GROW stage; hidden until asked for."""

    DEFAULT_CSS = """
    TranscriptPane {
        height: 6; display: none; border-top: solid $secondary; padding: 0 1;
        background: $surface;
    }
    TranscriptPane.-shown { display: block; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, auto_scroll=True, **kwargs)  # type: ignore[arg-type]
        self.border_title = t("audio.pane.title")
        self.passages = 0
        self._last_stage: str | None = None

    def on_mount(self) -> None:
        self.write(Text(t("audio.pane.waiting"), style="dim"))

    def add(self, passages: list[tuple[str | None, str]]) -> None:
        """Append draft passages; a stage label starts each change of stage."""
        if passages and not self.passages:
            self.clear()
        for stage, text in passages:
            line = Text()
            if stage != self._last_stage or not self.passages:
                line.append(f"[{t('step.' + stage) if stage else '—'}] ", style="bold")
                self._last_stage = stage
            line.append(text)
            self.write(line)
            self.passages += 1

    @property
    def shown(self) -> bool:
        return self.has_class("-shown")

    def toggle(self) -> bool:
        """Show or hide the pane; returns whether it is now shown."""
        self.set_class(not self.shown, "-shown")
        return self.shown
