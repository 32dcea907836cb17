"""Ask where to write an HR export (sessions CSV, XLSX workbook, or the follow-up recap); write it.

Every export is plaintext: the dialog says so before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from sitante_tui.domain.hr_dashboard import HrDashboard
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import parse_date

KINDS = ("csv", "xlsx", "recap")


@dataclass(frozen=True)
class ExportRequest:
    """What HR asked to export, and where."""

    kind: str  # csv (every session) | xlsx (sessions, coachees, coaches) | recap
    path: Path
    fmt: str  # csv | xlsx
    period_from: date | None = None
    period_to: date | None = None


def write_export(request: ExportRequest, dashboard: HrDashboard, *, lang: str) -> int:
    """Write what ``request`` asks for (plaintext); returns the rows written.

    Raises:
        OSError: the file cannot be written (the previous file, if any, is intact).
    """
    from sitante_tui.store import hr_exports

    if request.kind == "recap":
        assert request.period_from is not None and request.period_to is not None
        recap = dashboard.recap(request.period_from, request.period_to)
        if request.fmt == "csv":
            return hr_exports.export_recap_csv(request.path, recap, lang=lang)
        hr_exports.export_recap_xlsx(request.path, recap, lang=lang)
        return len(recap.rows)
    if request.kind == "csv":
        return hr_exports.export_sessions_csv(request.path, dashboard, lang=lang)
    hr_exports.export_xlsx(request.path, dashboard, lang=lang)
    return len(dashboard.summaries)


def default_period(today: date) -> tuple[date, date]:
    """The recap's default period: the current calendar month up to today."""
    return today.replace(day=1), today


def default_name(kind: str, fmt: str, today: date) -> str:
    """``sitante-sdm-rekap-2026-11-28.xlsx``."""
    return f"sitante-sdm-{t(f'hr.export.file_{kind}')}-{today.isoformat()}.{fmt}"


class HrExportScreen(ModalScreen[ExportRequest | None]):
    """Returns the request, or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", t("key.cancel"))]

    # Compact one-line fields: the recap dialog must fit an 80×24 terminal.
    DEFAULT_CSS = """
    HrExportScreen #hr-export-box {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HrExportScreen .hr-row { height: auto; }
    HrExportScreen .hr-row > Label { width: 10; }
    HrExportScreen .hr-row > Input { width: 1fr; }
    HrExportScreen .hr-row > Input.-date { width: 14; }
    HrExportScreen .hr-row > .hr-period-dash { width: 3; content-align: center top; }
    HrExportScreen #format { width: auto; height: auto; layout: horizontal; }
    HrExportScreen #format > RadioButton { width: auto; margin-right: 2; }
    HrExportScreen #error { height: auto; min-height: 1; }
    HrExportScreen #hr-export-buttons { height: auto; margin-top: 1; }
    HrExportScreen #hr-export-buttons > Button { margin-right: 2; }
    HrExportScreen #hr-export-about { color: $text-muted; height: auto; margin-bottom: 1; }
    """

    def __init__(self, kind: str, *, folder: Path, today: date) -> None:
        super().__init__()
        if kind not in KINDS:
            raise ValueError(kind)
        self.kind = kind
        self.folder = folder
        self.today = today
        self.fmt = "csv" if kind == "csv" else "xlsx"
        self._confirm_overwrite: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="hr-export-box"):
            yield Static(t(f"hr.export.title_{self.kind}"), classes="dialog-title")
            yield Static(t("hr.export.warning"), classes="dialog-warning", id="hr-export-warning")
            yield Static(t(f"hr.export.about_{self.kind}"), id="hr-export-about")
            if self.kind == "recap":
                start, end = default_period(self.today)
                with Horizontal(classes="hr-row"):
                    yield Label(t("hr.export.period"))
                    yield Input(start.isoformat(), id="period-from", classes="-date", compact=True)
                    yield Static("–", classes="hr-period-dash")
                    yield Input(end.isoformat(), id="period-to", classes="-date", compact=True)
                with Horizontal(classes="hr-row"):
                    yield Label(t("hr.export.format"))
                    with RadioSet(id="format", compact=True):
                        yield RadioButton("XLSX", value=True, id="fmt-xlsx", compact=True)
                        yield RadioButton("CSV", id="fmt-csv", compact=True)
            with Horizontal(classes="hr-row"):
                yield Label(t("hr.export.file"))
                yield Input(str(self._default_path()), id="path", compact=True)
            yield Static("", id="error", classes="dialog-error")
            with Horizontal(id="hr-export-buttons"):
                yield Button(t("hr.export.write"), id="save", variant="primary", compact=True)
                yield Button(t("button.cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        first = "#period-from" if self.kind == "recap" else "#path"
        self.query_one(first, Input).focus()

    def _default_path(self) -> Path:
        return self.folder / default_name(self.kind, self.fmt, self.today)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path_input = self.query_one("#path", Input)
        untouched = path_input.value == str(self._default_path())
        self.fmt = "csv" if event.pressed.id == "fmt-csv" else "xlsx"
        if untouched:
            path_input.value = str(self._default_path())

    def on_input_changed(self, event: Input.Changed) -> None:
        # Another file name needs its own confirmation.
        if (
            event.input.id == "path"
            and Path(event.value.strip()).expanduser() != self._confirm_overwrite
        ):
            self._confirm_overwrite = None

    def on_input_submitted(self) -> None:
        self.finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.finish()
        else:
            self.dismiss(None)

    def finish(self) -> None:
        """Check the period and the path; return the request."""
        period: tuple[date | None, date | None] = (None, None)
        if self.kind == "recap":
            start = parse_date(self.query_one("#period-from", Input).value)
            end = parse_date(self.query_one("#period-to", Input).value)
            if start is None or end is None:
                self._error(
                    t("hr.export.bad_date"), "#period-from" if start is None else "#period-to"
                )
                return
            if end < start:
                self._error(t("hr.export.period_reversed"), "#period-to")
                return
            period = (start, end)
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._error(t("hr.export.no_path"), "#path")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            path = path / default_name(self.kind, self.fmt, self.today)
        if not path.parent.is_dir():
            self._error(t("hr.export.no_folder", folder=path.parent), "#path")
            return
        if path.exists() and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            self._error(t("hr.export.exists", name=path.name), "#path")
            return
        self.dismiss(ExportRequest(self.kind, path, self.fmt, *period))

    def _error(self, text: str, focus: str) -> None:
        self.query_one("#error", Static).update(text)
        self.query_one(focus, Input).focus()
