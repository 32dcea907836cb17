"""Step 11, follow-up: the next session's date, checked against the programme rules, and .ics."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input, Label, Static

from sitante_tui.domain.programme_rules import Severity
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import SEVERITY_STYLE, format_date, format_finding, parse_date
from sitante_tui.ui.widgets.steps.base import StepPanel


class FollowUpPanel(StepPanel):
    """Suggests two weeks on; shows every rule the chosen date breaks; breaches need a tick."""

    DEFAULT_CSS = """
    FollowUpPanel #findings { height: auto; margin: 1 0; }
    """

    def compose(self) -> ComposeResult:
        session = self.flow.session
        chosen = session.next_session_on
        suggested = self.flow.suggested_next_date()
        yield Static(t("followup.intro"), classes="hint")
        with Horizontal(classes="row"):
            yield Label(t("followup.date"))
            yield Input((chosen or suggested).isoformat(), id="next-date", placeholder="YYYY-MM-DD")
            yield Static(id="weekday", classes="status")
        yield Static(
            t("followup.suggested", date=format_date(suggested, weekday=True)), classes="hint"
        )
        yield Static(id="findings")
        yield Checkbox(t("followup.acknowledge"), id="acknowledge")
        with Horizontal(classes="row"):
            yield Button(t("followup.ics"), id="ics", variant="primary")
            if self.flow.minimum_reached:
                yield Button(t("followup.end_programme"), id="end-programme", variant="warning")
        yield Static(id="ics-status", classes="hint")

    def on_mount(self) -> None:
        if self.flow.session.no_next_session:
            self._show_programme_end()
        else:
            self._apply(self.query_one("#next-date", Input).value)

    @on(Input.Changed, "#next-date")
    def date_typed(self, event: Input.Changed) -> None:
        self._apply(event.value)

    def _apply(self, text: str) -> None:
        day = parse_date(text)
        weekday = self.query_one("#weekday", Static)
        if day is None:
            weekday.update(t("followup.bad_date"))
            return
        weekday.update(format_date(day, weekday=True))
        if day != self.flow.session.next_session_on or self.flow.session.no_next_session:
            self.flow.set_next_session(day)
            self.edited()
        self._show_findings()

    def _show_findings(self) -> None:
        findings = self.flow.next_session_findings()
        text = Text()
        for finding in findings:
            text.append("● ", style=SEVERITY_STYLE[finding.severity.value])
            text.append(format_finding(finding) + "\n")
        if not findings:
            text.append(t("followup.no_findings"), style="green")
        self.query_one("#findings", Static).update(text)
        breaches = [f.code for f in findings if f.severity is Severity.BREACH]
        acknowledge = self.query_one("#acknowledge", Checkbox)
        acknowledge.display = bool(breaches)
        with acknowledge.prevent(Checkbox.Changed):
            acknowledge.value = bool(breaches) and set(breaches) <= set(
                self.flow.session.acknowledged_findings
            )

    @on(Checkbox.Changed, "#acknowledge")
    def acknowledge(self, event: Checkbox.Changed) -> None:
        codes = [f.code for f in self.flow.next_session_findings() if f.severity is Severity.BREACH]
        self.flow.acknowledge_findings(codes if event.value else [])
        self.edited()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ics":
            await self.app.run_action("screen.export_ics")
        elif event.button.id == "end-programme":
            self.flow.end_programme()
            self._show_programme_end()
            self.edited()

    def _show_programme_end(self) -> None:
        self.query_one("#findings", Static).update(t("followup.programme_ends"))
        self.query_one("#acknowledge", Checkbox).display = False

    def show_export(self, message: str) -> None:
        """Where the .ics file went (or why it did not)."""
        self.query_one("#ics-status", Static).update(message)
