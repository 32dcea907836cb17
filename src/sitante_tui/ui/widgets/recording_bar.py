"""The session's recording line: state, recorded time, a level meter and the current stage."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widget import Widget

from sitante_tui.i18n import t
from sitante_tui.services.recording_service import RecordingStatus
from sitante_tui.ui.widgets.session_clocks import clock_text

METER_CELLS = 10
METER_FLOOR_DBFS = -60.0  # quieter than this shows an empty meter
HINTS = {"recording": "pause_hint", "paused": "resume_hint"}  # what ctrl+r does next


def meter_cells(dbfs: float, cells: int = METER_CELLS) -> int:
    """How many meter cells a level lights (``-60`` dBFS or less: none; 0 dBFS: all)."""
    share = (max(METER_FLOOR_DBFS, min(0.0, dbfs)) - METER_FLOOR_DBFS) / -METER_FLOOR_DBFS
    return round(share * cells)


def level_meter(dbfs: float) -> Text:
    """``▮▮▮▮▯▯▯▯▯▯``: green, then yellow past -18 dBFS, red past -6 dBFS."""
    lit = meter_cells(dbfs)
    text = Text(no_wrap=True)
    for cell in range(METER_CELLS):
        if cell >= lit:
            text.append("▯", style="dim")
        else:
            style = "green" if cell < 7 else "yellow" if cell < 9 else "red"
            text.append("▮", style=style)
    return text


class RecordingBar(Widget):
    """``● REC 03:12 ▮▮▮▮▯▯▯▯▯▯ Goal (Tujuan) · ctrl+r pause · ctrl+t text``.

    Polls ``status()`` ten times a second (a cheap read of the recorder's counters); shown only
    while recording is allowed or a recording exists. ``-recording``/``-paused``/``-stopped``
    classes colour it.
    """

    DEFAULT_CSS = """
    RecordingBar { height: 1; width: 1fr; padding: 0 1; background: $boost; display: none; }
    RecordingBar.-shown { display: block; }
    RecordingBar.-recording { color: $text-error; }
    RecordingBar.-paused { color: $text-warning; }
    RecordingBar.-stopped { color: $text-muted; }
    """

    def __init__(
        self,
        status: Callable[[], RecordingStatus | None],
        allowed: Callable[[], bool],
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.status = status
        self.allowed = allowed
        self.starting = False
        self._shown: Text | None = None

    def on_mount(self) -> None:
        self.poll()
        self.set_interval(0.1, self.poll)

    def poll(self) -> None:
        """Redraw only when what it shows changed."""
        status = self.status()
        self.set_class(status is not None or self.allowed() or self.starting, "-shown")
        state = status.state if status else "idle"
        for name in ("recording", "paused", "stopped"):
            self.set_class(state == name, f"-{name}")
        text = self.line(status)
        if text != self._shown:
            self._shown = text
            self.refresh()

    def line(self, status: RecordingStatus | None) -> Text:
        """The bar's text for ``status``."""
        if self.starting and (status is None or status.state == "stopped"):
            return Text(t("audio.bar.starting"), no_wrap=True)
        if status is None:
            return Text(t("audio.bar.ready"), no_wrap=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(t(f"audio.bar.{status.state}"), style="bold")
        text.append(f" {clock_text(status.elapsed_seconds)} ")
        if status.state == "recording":
            text.append_text(level_meter(status.level_dbfs))
        if status.stage and status.state != "stopped":
            text.append(f" {t('step.' + status.stage)}")
        hint = HINTS.get(status.state, "restart_hint")
        text.append(f" · {t('audio.bar.' + hint)}")
        if status.live:
            text.append(f" · {t('audio.bar.transcript_hint')}")
        return text

    def render(self) -> Text:
        return self._shown if self._shown is not None else Text()
