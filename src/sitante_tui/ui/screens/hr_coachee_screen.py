"""One coachee in detail: every verified summary, the self-rating chart, findings, reflections.

The photo evidence of a session is opened only on request (``p``), checked against the hash in
the signed summary, and written where HR chooses, after the plaintext warning.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Static

from sitante_tui.crypto import age
from sitante_tui.crypto.summary_seal import PhotoMismatch
from sitante_tui.domain.hr_dashboard import CoacheeView, HrDashboard
from sitante_tui.domain.hr_summary import SessionSummary
from sitante_tui.i18n import t
from sitante_tui.store.shared_store import StoreUnreachable
from sitante_tui.ui.dialogs.path_dialog import PathScreen
from sitante_tui.ui.screens.hr_base import HrScreen
from sitante_tui.ui.screens.hr_messages import PhotoFailed, PhotoOpened
from sitante_tui.ui.widgets.hr_charts import SelfRatingChart
from sitante_tui.ui.widgets.hr_session_detail import (
    coachee_overview,
    minutes_text,
    reflections_text,
    session_detail,
)
from sitante_tui.ui.widgets.hr_tables import compact_date


class HrCoacheeScreen(HrScreen):
    """Sessions of one coachee (all coaches and programmes), oldest first."""

    DEFAULT_CSS = """
    HrCoacheeScreen #hr-coachee-top { height: 35%; min-height: 9; max-height: 13; }
    HrCoacheeScreen #hr-sessions { width: 2fr; height: 100%; border: round $primary 50%; }
    HrCoacheeScreen #hr-sessions:focus { border: round $primary; }
    HrCoacheeScreen #hr-coachee-chart {
        width: 1fr; min-width: 26; max-width: 40; border: round $secondary; height: 100%;
    }
    HrCoacheeScreen #hr-coachee-detail { height: 1fr; padding: 0 1; }
    HrCoacheeScreen #hr-coachee-detail:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", t("hr.app.key.back")),
        Binding("p", "photo", t("hr.app.key.photo")),
        Binding("tab", "app.focus_next", t("hr.app.key.switch_panel")),
        Binding("q", "app.pop_screen", t("hr.app.key.back"), show=False),
    ]

    def __init__(self, dashboard: HrDashboard, coachee_key: str) -> None:
        super().__init__()
        self.dashboard = dashboard
        self.view: CoacheeView = dashboard.coachee(coachee_key)
        self.sessions = self.view.sessions
        by_id = {v.summary.summary_id: v.coach_key_id for v in dashboard.summaries}
        self.coach_key_of = {s.summary_id: by_id.get(s.summary_id, "") for s in self.sessions}

    def compose(self) -> ComposeResult:
        view = self.view
        title = f"{t('hr.dashboard.drill_down')}: {view.name}"
        if view.nip:
            title += f" · NIP {view.nip}"
        yield Static(title, id="screen-title")
        with Horizontal(id="hr-coachee-top"):
            table: DataTable[str | Text] = DataTable(
                id="hr-sessions", cursor_type="row", zebra_stripes=True
            )
            table.border_title = t("hr.dashboard.sessions")
            yield table
            yield SelfRatingChart(
                [rating for _, rating in view.self_ratings], id="hr-coachee-chart"
            )
        with VerticalScroll(id="hr-coachee-detail", can_focus=True):
            yield Static(id="hr-session-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#hr-sessions", DataTable)
        wide = self.app.size.width >= 120
        columns = ["number", "held_on", "minutes", "self_rating", "coach_rating", "next"]
        if wide:
            columns.insert(2, "coach")
        for key in columns:
            table.add_column(t(f"hr.app.col.{key}"), key=key)
        for summary in self.sessions:
            minutes = Text(minutes_text(summary.duration_minutes), justify="right")
            if not 45 <= summary.duration_minutes <= 60:
                minutes.stylize("yellow")
            cells: dict[str, str | Text] = {
                "number": str(summary.session_number),
                "held_on": compact_date(summary.held_on),
                "coach": summary.coach_name,
                "minutes": minutes,
                "self_rating": str(summary.self_rating or "—"),
                "coach_rating": f"{summary.coach_rating}/5" if summary.coach_rating else "—",
                "next": compact_date(summary.next_session_on),
            }
            table.add_row(*(cells[key] for key in columns), key=summary.summary_id)
        if table.row_count:
            table.move_cursor(row=table.row_count - 1)
        table.focus()
        self._show_detail()

    def selected(self) -> SessionSummary | None:
        """The session under the cursor."""
        table = self.query_one("#hr-sessions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.sessions if s.summary_id == key), None)

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        # The highlighted session first: moving the cursor changes what is at the top.
        parts: list[RenderableType] = []
        summary = self.selected()
        if summary is not None:
            parts += [session_detail(summary), Text("")]
        parts += [coachee_overview(self.view, name=False), Text("")]
        parts.append(reflections_text(self.view.reflections))
        self.query_one("#hr-session-detail", Static).update(Group(*parts))

    # -- photo evidence -----------------------------------------------------------------------

    def action_photo(self) -> None:
        """Open the highlighted session's photo evidence (decrypted and checked on request)."""
        summary = self.selected()
        if summary is None or summary.photo is None:
            self.notify(t("hr.app.no_photo"))
            return
        if self.hr_app.desk is None:
            return
        self.open_photo(summary)

    @work(thread=True, group="hr-photo", exclusive=True, exit_on_error=False)
    def open_photo(self, summary: SessionSummary) -> None:
        """Read, decrypt and check the photo off the UI thread."""
        assert summary.photo is not None
        try:
            data = self.desk.photo(summary, self.coach_key_of[summary.summary_id])
        except PhotoMismatch:
            self.post_message(PhotoFailed("hr.photo.mismatch"))
        except (age.AgeError, ValueError):
            self.post_message(PhotoFailed("hr.app.photo_unreadable"))
        except StoreUnreachable:
            self.post_message(PhotoFailed("hr.app.photo_unreachable"))
        else:
            if data is None:
                self.post_message(PhotoFailed("hr.app.photo_missing"))
            else:
                self.post_message(PhotoOpened(data, summary.photo.filename))

    def on_photo_failed(self, event: PhotoFailed) -> None:
        self.notify(t(event.reason), severity="error", timeout=10)

    def on_photo_opened(self, event: PhotoOpened) -> None:
        default = self.hr_app.export_dir / f"{self.view.name.replace(' ', '-')}-{event.filename}"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            try:
                path.write_bytes(event.data)
            except OSError as exc:
                error = exc.strerror or type(exc).__name__
                self.notify(t("hr.app.export_failed", path=path, error=error), severity="error")
            else:
                self.notify(t("hr.app.photo_saved", path=path), timeout=10)

        self.app.push_screen(
            PathScreen(
                t("hr.app.photo_title", size=max(1, len(event.data) // 1024)),
                default,
                warning=t("hr.app.photo_warning"),
            ),
            chosen,
        )
