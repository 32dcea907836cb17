"""HR's dashboard: coachees, coaches and their keys, programme totals, requests, flagged records.

Reading the store (decrypt, verify, aggregate) runs in a thread worker; the screen only shows
the :class:`HrDashboard` it gets back. Five tabs keep it usable at 80×24; digits switch tabs.
"""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    DataTable,
    Footer,
    LoadingIndicator,
    Static,
    TabbedContent,
    TabPane,
    Tabs,
)
from textual.worker import Worker, WorkerState

from sitante_tui.crypto.summary_seal import PrivateFileTampered
from sitante_tui.domain.hr_dashboard import HrDashboard
from sitante_tui.i18n import language, t
from sitante_tui.store.shared_store import StoreUnreachable
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.dialogs.hr_export_dialog import ExportRequest, HrExportScreen, write_export
from sitante_tui.ui.formatting import format_date
from sitante_tui.ui.screens.hr_base import HrScreen
from sitante_tui.ui.screens.hr_messages import (
    DashboardFailed,
    DashboardLoaded,
    ExportFailed,
    ExportWritten,
    KeyApprovalFailed,
    KeyApproved,
)
from sitante_tui.ui.widgets.hr_charts import MonthChart, SelfRatingChart
from sitante_tui.ui.widgets.hr_session_detail import coachee_overview
from sitante_tui.ui.widgets.hr_tables import (
    CoacheeTable,
    CoachTable,
    FlaggedTable,
    HrTable,
    KeyTable,
    RequestTable,
)
from sitante_tui.ui.widgets.hr_totals import ProgrammeTotalsPanel

TABS = ("coachees", "coaches", "programme", "requests", "flagged")


class HrDashboardScreen(HrScreen):
    """The programme at a glance; enter opens a coachee, ``a`` approves a waiting coach key."""

    DEFAULT_CSS = """
    HrDashboardScreen #hr-bar { height: 1; padding: 0 1; background: $primary; text-style: bold; }
    HrDashboardScreen #hr-alerts { height: auto; max-height: 3; padding: 0 1; color: $warning; }
    HrDashboardScreen #hr-status { height: auto; padding: 0 1; }
    HrDashboardScreen #hr-status.-error { color: $error; }
    HrDashboardScreen #hr-loading { height: 1; }
    HrDashboardScreen TabbedContent { height: 1fr; }
    HrDashboardScreen TabPane { height: 1fr; padding: 0; }
    HrDashboardScreen #hr-coachee-panel { height: 45%; min-height: 8; }
    HrDashboardScreen #hr-coachee-info {
        width: 2fr; border: round $secondary; padding: 0 1;
    }
    HrDashboardScreen #hr-rating-chart {
        width: 1fr; min-width: 26; max-width: 36; border: round $secondary; height: 100%;
    }
    HrDashboardScreen #hr-totals {
        width: 46; height: 100%; border: round $secondary; padding: 0 1;
    }
    HrDashboardScreen #hr-month-chart { height: 100%; border: round $secondary; }
    HrDashboardScreen .hr-note { height: auto; padding: 0 1; color: $text-muted; }
    HrDashboardScreen #hr-flag-reason { height: auto; padding: 0 1; }
    """

    BINDINGS = [
        Binding("enter", "open_coachee", t("hr.app.key.details")),
        Binding("a", "approve", t("hr.app.key.approve")),
        Binding("c", "export('csv')", t("hr.app.key.csv")),
        Binding("x", "export('xlsx')", t("hr.app.key.xlsx")),
        Binding("r", "export('recap')", t("hr.app.key.recap")),
        Binding("q", "app.quit", t("hr.app.key.quit")),
        Binding("f5", "reload", t("hr.app.key.reload")),
        *(
            Binding(str(number), f"show_tab('{name}')", t(f"hr.app.tab.{name}"), show=False)
            for number, name in enumerate(TABS, start=1)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.dashboard: HrDashboard | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("hr.dashboard.title"), id="hr-bar")
        yield Static(id="hr-alerts")
        yield Static(t("hr.app.loading"), id="hr-status")
        yield LoadingIndicator(id="hr-loading")
        with TabbedContent(id="hr-tabs"):
            with TabPane(self._tab_label("coachees"), id="tab-coachees"):
                coachees = CoacheeTable(id="hr-coachees")
                coachees.border_title = t("hr.dashboard.coachees")
                coachees.border_subtitle = t("hr.app.enter_details")
                yield coachees
                with Horizontal(id="hr-coachee-panel"):
                    with VerticalScroll(id="hr-coachee-info"):
                        yield Static(id="hr-coachee-summary")
                    yield SelfRatingChart(id="hr-rating-chart")
            with TabPane(self._tab_label("coaches"), id="tab-coaches"):
                coaches = CoachTable(id="hr-coaches")
                coaches.border_title = t("hr.dashboard.coaches")
                yield coaches
                keys = KeyTable(id="hr-keys")
                keys.border_title = t("hr.dashboard.keys")
                yield keys
            with TabPane(self._tab_label("programme"), id="tab-programme"), Horizontal():
                totals = ProgrammeTotalsPanel(id="hr-totals")
                totals.border_title = t("hr.app.totals")
                yield totals
                yield MonthChart(id="hr-month-chart")
            with TabPane(self._tab_label("requests"), id="tab-requests"):
                yield Static(t("hr.app.requests_note"), classes="hr-note")
                requests = RequestTable(id="hr-requests")
                requests.border_title = t("hr.dashboard.coach_change_requests")
                requests.border_subtitle = t("hr.app.enter_details")
                yield requests
            with TabPane(self._tab_label("flagged"), id="tab-flagged"):
                yield Static(t("hr.dashboard.flagged_note"), classes="hr-note")
                flagged = FlaggedTable(id="hr-flagged")
                flagged.border_title = t("hr.dashboard.flagged")
                yield flagged
                yield Static(id="hr-flag-reason")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#hr-alerts").display = False
        self.load()

    # -- loading ------------------------------------------------------------------------------

    @work(thread=True, group="hr-dashboard", exclusive=True, exit_on_error=False)
    def load(self) -> None:
        """Read, decrypt, verify and aggregate the store off the UI thread."""
        desk, today = self.desk, self.today()
        try:
            dashboard = desk.dashboard(today=today, save_cache=False)
        except StoreUnreachable as exc:
            self.post_message(DashboardFailed("hr.dashboard.store_unreachable", str(exc.path)))
            return
        except PrivateFileTampered:
            self.post_message(DashboardFailed("hr.app.approvals_tampered"))
            return
        self.post_message(DashboardLoaded(dashboard))
        # After showing it: sealing the cache of 10,000 summaries takes a moment. A cache that
        # cannot be written only makes the next open slower.
        with contextlib.suppress(OSError):
            desk.save_cache()

    def action_reload(self) -> None:
        if self.hr_app.desk is None:
            return
        self._set_status(t("hr.app.loading"), busy=True)
        self.load()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "hr-dashboard" and event.state is WorkerState.ERROR:
            error = type(event.worker.error).__name__
            self._set_status(t("hr.app.load_failed", error=error), error=True)

    def on_dashboard_failed(self, event: DashboardFailed) -> None:
        self._set_status(t(event.reason, path=event.path), error=True)

    def on_dashboard_loaded(self, event: DashboardLoaded) -> None:
        self.dashboard = dashboard = event.dashboard
        self._set_status("")
        self._show_bar(dashboard)
        self._show_alerts(dashboard)
        for table in self.query(HrTable):
            table.show(dashboard)
        self.query_one(ProgrammeTotalsPanel).show(dashboard)
        self.query_one(MonthChart).update_series(dashboard.sessions_per_month)
        tabs = self.query_one(TabbedContent)
        counts = {
            "coachees": len(dashboard.coachees),
            "coaches": len(dashboard.coaches),
            "requests": len({r.coachee_key for r in dashboard.coach_change_requests}),
            "flagged": len(dashboard.flagged),
        }
        for name in TABS:
            tabs.get_tab(f"tab-{name}").label = self._tab_label(name, counts.get(name))
        pending = dashboard.totals.keys_pending
        keys_title = t("hr.dashboard.keys")
        if pending:
            keys_title += " · " + t("hr.app.keys_title_pending", count=pending)
        self.query_one(KeyTable).border_title = keys_title
        self._show_coachee()
        self._show_flag_reason()
        if isinstance(self.focused, HrTable | Tabs | None):
            self._focus_tab_table(tabs.active.removeprefix("tab-"))

    def _set_status(self, text: str, *, busy: bool = False, error: bool = False) -> None:
        status = self.query_one("#hr-status", Static)
        status.update(text)
        status.display = bool(text)
        status.set_class(error, "-error")
        self.query_one("#hr-loading").display = busy or (bool(text) and not error)

    def _tab_label(self, name: str, count: int | None = None) -> str:
        label = t(f"hr.app.tab.{name}")
        number = TABS.index(name) + 1
        return f"{number} {label}" + (f" ({count})" if count is not None else "")

    def _show_bar(self, dashboard: HrDashboard) -> None:
        totals = dashboard.totals
        bar = " · ".join(
            (
                t("hr.dashboard.title"),
                format_date(dashboard.today, weekday=True),
                t("hr.app.bar_counts", coachees=totals.coachees, sessions=totals.sessions),
            )
        )
        self.query_one("#hr-bar", Static).update(bar)

    def _show_alerts(self, dashboard: HrDashboard) -> None:
        lines = []
        if dashboard.identity_mismatch:
            lines.append(t("hr.dashboard.identity_mismatch"))
        if dashboard.store_damaged:
            lines.append(t("hr.dashboard.store_damaged", count=dashboard.store_damaged))
        if dashboard.store_repaired:
            lines.append(t("hr.dashboard.store_repaired", count=dashboard.store_repaired))
        attention = []
        if dashboard.totals.keys_pending:
            attention.append(t("hr.app.keys_pending_alert", count=dashboard.totals.keys_pending))
        if dashboard.flagged:
            attention.append(t("hr.app.flagged_alert", count=len(dashboard.flagged)))
        if attention:
            lines.append(" · ".join(attention))
        alerts = self.query_one("#hr-alerts", Static)
        alerts.update("\n".join(lines))
        alerts.display = bool(lines)

    # -- coachees -----------------------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "hr-coachees":
            self._show_coachee()
        elif event.data_table.id == "hr-flagged":
            self._show_flag_reason()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id in ("hr-coachees", "hr-requests"):
            self.open_coachee(event.row_key.value)
        elif event.data_table.id == "hr-keys":
            self.action_approve()

    def _show_coachee(self) -> None:
        if self.dashboard is None:
            return
        key = self.query_one(CoacheeTable).selected_key()
        summary = self.query_one("#hr-coachee-summary", Static)
        chart = self.query_one(SelfRatingChart)
        if key is None:
            summary.update(Text(t("hr.dashboard.no_data"), style="dim"))
            chart.update_ratings([])
            return
        view = self.dashboard.coachee(key)
        summary.update(coachee_overview(view))
        chart.update_ratings([rating for _, rating in view.self_ratings])

    def _show_flag_reason(self) -> None:
        reason = self.query_one("#hr-flag-reason", Static)
        table = self.query_one(FlaggedTable)
        key = table.selected_key()
        if self.dashboard is None or key is None:
            reason.update("")
            return
        record = self.dashboard.flagged[int(key.split(":", 1)[0])]
        reason.update(Text(t(f"hr.verdict.{record.verdict}"), style="bold"))

    def action_open_coachee(self) -> None:
        active = self.query_one(TabbedContent).active
        table_id = {"tab-coachees": "#hr-coachees", "tab-requests": "#hr-requests"}.get(active)
        if table_id is not None:
            self.open_coachee(self.query_one(table_id, HrTable).selected_key())

    def open_coachee(self, key: str | None) -> None:
        """The drill-down of one coachee."""
        if self.dashboard is None or key is None:
            return
        from sitante_tui.ui.screens.hr_coachee_screen import HrCoacheeScreen

        self.app.push_screen(HrCoacheeScreen(self.dashboard, key))

    # -- tabs ---------------------------------------------------------------------------------

    def action_show_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = f"tab-{name}"
        self._focus_tab_table(name)

    def _focus_tab_table(self, name: str) -> None:
        tables = {
            "coachees": "#hr-coachees",
            "coaches": "#hr-coaches",
            "requests": "#hr-requests",
            "flagged": "#hr-flagged",
        }
        if name in tables:
            self.query_one(tables[name], HrTable).focus()
        else:  # nothing to select in the programme tab; the focus must not stay in a hidden one
            self.query_one(TabbedContent).query_one(Tabs).focus()

    # -- approving coach keys -----------------------------------------------------------------

    def action_approve(self) -> None:
        """Approve the highlighted (or the first waiting) coach key, after a confirmation."""
        if self.dashboard is None:
            return
        keys = self.query_one(KeyTable)
        status = keys.selected_status()
        if status is None or status.approved or self.focused is not keys:
            pending = [k for k in KeyTable.ordered(self.dashboard.coach_keys) if not k.approved]
            if not pending:
                self.notify(t("hr.app.no_pending_keys"))
                return
            status = pending[0]
            self.query_one(TabbedContent).active = "tab-coaches"
            keys.move_cursor(row=keys.get_row_index(status.key_id))
            keys.focus()
        name, key_id = status.display_name or "—", status.key_id

        def answered(approve: bool | None) -> None:
            if approve:
                self.approve_key(key_id, name)

        question = (
            t("hr.dashboard.approve_check", key_id=key_id, name=name)
            + "\n\n"
            + t("hr.app.approve_question", key_id=key_id, name=name)
        )
        self.app.push_screen(
            ConfirmScreen(question, yes=t("hr.dashboard.approve"), no=t("button.cancel")),
            answered,
        )

    @work(thread=True, group="hr-approve", exclusive=True, exit_on_error=False)
    def approve_key(self, key_id: str, name: str) -> None:
        """Record the approval (sealed for HR), then reload so the coach's summaries count."""
        try:
            self.desk.approve(key_id)
        except KeyError:
            self.post_message(KeyApprovalFailed(key_id, "hr.cli.unknown_key"))
        except PrivateFileTampered:
            self.post_message(KeyApprovalFailed(key_id, "hr.app.approvals_tampered"))
        except OSError:
            self.post_message(KeyApprovalFailed(key_id, "hr.app.approval_not_saved"))
        else:
            self.post_message(KeyApproved(key_id, name))

    def on_key_approved(self, event: KeyApproved) -> None:
        self.notify(t("hr.cli.approved", key_id=event.key_id, name=event.name))
        self.action_reload()

    def on_key_approval_failed(self, event: KeyApprovalFailed) -> None:
        self.notify(t(event.reason, key_id=event.key_id), severity="error", timeout=12)

    # -- exports ------------------------------------------------------------------------------

    def action_export(self, kind: str) -> None:
        """Ask where (and for the recap, which period), warn that it is plaintext, write."""
        if self.dashboard is None:
            self.notify(t("hr.app.still_loading"), severity="warning")
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self.notify(t("hr.app.exporting", name=request.path.name))
                self.export(request)

        self.app.push_screen(
            HrExportScreen(kind, folder=self.hr_app.export_dir, today=self.today()), chosen
        )

    @work(thread=True, group="hr-export", exclusive=False, exit_on_error=False)
    def export(self, request: ExportRequest) -> None:
        """Write the export off the UI thread (a 10,000-row workbook takes a few seconds)."""
        dashboard = self.dashboard
        assert dashboard is not None
        try:
            rows = write_export(request, dashboard, lang=language())
        except OSError as exc:
            self.post_message(ExportFailed(request.path, exc.strerror or type(exc).__name__))
            return
        self.post_message(ExportWritten(request.path, rows))

    def on_export_written(self, event: ExportWritten) -> None:
        self.notify(
            t("hr.app.export_done", rows=event.rows, path=event.path),
            title=t("hr.app.export_plaintext"),
            timeout=12,
        )

    def on_export_failed(self, event: ExportFailed) -> None:
        self.notify(
            t("hr.app.export_failed", path=event.path, error=event.error),
            severity="error",
            timeout=12,
        )
