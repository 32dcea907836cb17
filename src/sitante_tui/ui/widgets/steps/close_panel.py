"""Step 12, close: the completed session form, optional photo evidence, seal and send to HR."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Static

from sitante_tui.domain.session_steps import Step
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import format_date, format_minutes, format_time
from sitante_tui.ui.widgets.steps.base import StepPanel


class ClosePanel(StepPanel):
    """The session form as it will be stored; ``Close and seal`` completes it (final)."""

    def compose(self) -> ComposeResult:
        yield Static(t("close.intro"), classes="hint")
        yield Static(self.form_table(), id="form")
        with Horizontal(classes="row"):
            yield Label(t("close.photo"))
            yield Input(placeholder=t("close.photo_placeholder"), id="photo")
            yield Button(t("close.attach"), id="attach")
        yield Static(id="photo-status", classes="hint")
        with Horizontal(classes="row"):
            yield Button(t("close.seal"), id="seal", variant="success")

    def form_table(self) -> Table:
        """Date, duration, delivery, agenda, stage times, options, action plans, next date."""
        flow = self.flow
        session = flow.session
        table = Table(show_header=False, box=None, padding=(0, 1))
        table.add_column(style="bold")
        table.add_column()
        rows = [
            (t("form.date"), format_date(session.held_on, weekday=True)),
            (t("form.started"), format_time(session.started_at)),
            (t("form.duration"), format_minutes(flow.timer.session_elapsed())),
            (t("form.delivery"), t(f"delivery.{session.delivery.value}")),
            (t("form.kind"), t(f"template.{session.template.value}")),
        ]
        for participant in session.participants:
            name = self.ctx.coachee(participant.coachee_id).name
            rows.append((t("form.agenda_of", name=name), participant.agenda or "—"))
            actions = "; ".join(item.action for item in participant.action_plan) or "—"
            rows.append((t("form.actions_of", name=name), actions))
            rating = str(participant.reality_rating) if participant.reality_rating else "—"
            rows.append((t("form.self_rating_of", name=name), rating))
        stage_times = ", ".join(
            f"{t('step.' + step.value)} {format_minutes(flow.timer.stage_elapsed(step.value))}"
            for step in flow.steps
            if step is not Step.CLOSE and flow.timer.stage_elapsed(step.value) >= 30
        )
        rows += [
            (t("form.stage_times"), stage_times or "—"),
            (t("form.options_count"), str(len(session.options))),
            (
                t("form.next_session"),
                t("followup.programme_ends")
                if session.no_next_session
                else format_date(session.next_session_on, weekday=True),
            ),
            (t("form.consent"), t(f"consent.state.{session.consent.current or 'unanswered'}")),
            (t("form.photo"), t("close.photo_attached") if session.photo_evidence else "—"),
        ]
        for label, value in rows:
            table.add_row(label, value)
        return table

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "attach":
            await self.app.run_action("screen.attach_photo")
        elif event.button.id == "seal":
            await self.app.run_action("screen.close_session")

    def show_photo_status(self, message: str) -> None:
        """The outcome of attaching a photo (attached, too large, unreadable)."""
        self.query_one("#photo-status", Static).update(message)
        self.query_one("#form", Static).update(self.form_table())
