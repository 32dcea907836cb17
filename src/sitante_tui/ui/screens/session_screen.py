"""The live session: stepper, clocks, one panel per step, autosave, and closing the session."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from sitante_tui.domain.roster import Roster
from sitante_tui.domain.session_flow import SessionFlow, StepBlocked
from sitante_tui.domain.session_steps import Step
from sitante_tui.i18n import t
from sitante_tui.services import SaveSnapshot, Services
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.dialogs.path_dialog import PathScreen
from sitante_tui.ui.messages import FlowEdited, SessionSaved
from sitante_tui.ui.widgets.session_clocks import SessionClocks
from sitante_tui.ui.widgets.stepper import Stepper
from sitante_tui.ui.widgets.steps import SessionContext, panel_for
from sitante_tui.ui.widgets.steps.close_panel import ClosePanel
from sitante_tui.ui.widgets.steps.conversation_panel import ConversationPanel
from sitante_tui.ui.widgets.steps.follow_up_panel import FollowUpPanel


class SessionScreen(Screen[None]):
    """Runs one session from Prepare to Close; the flow decides, this screen shows."""

    BINDINGS = [
        Binding("ctrl+n", "next_step", t("key.next_step"), priority=True),
        Binding("ctrl+b", "previous_step", t("key.previous_step"), priority=True),
        Binding("f2", "insert_question", t("key.insert_question"), priority=True),
        Binding("ctrl+s", "save", t("key.save"), priority=True),
        Binding("f4", "withdraw_consent", t("key.withdraw_consent"), priority=True),
        Binding("escape", "leave", t("key.leave_session")),
    ]

    def __init__(self, services: Services, roster: Roster, flow: SessionFlow) -> None:
        super().__init__()
        self.services = services
        self.roster = roster
        self.flow = flow
        self.ctx = SessionContext(flow, roster, services)
        self.saved_revision = -1
        self.saving = False

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-bar"):
            yield Static(self._title(), id="session-title")
            yield SessionClocks(self.flow, self.services.settings.session_budget_minutes)
        yield Stepper(self.flow, id="stepper")
        yield Container(id="step-body")
        yield Footer()

    def _title(self) -> str:
        session = self.flow.session
        names = ", ".join(self.ctx.coachee(p.coachee_id).name for p in session.participants)
        return t("session.title", n=session.number, names=names)

    def on_mount(self) -> None:
        self.show_step()
        self.set_interval(self.services.settings.autosave_seconds, self.autosave)

    def show_step(self) -> None:
        """Swap in the panel of the current step."""
        body = self.query_one("#step-body", Container)
        body.remove_children()
        body.mount(panel_for(self.flow.current, self.ctx))
        self.set_class(self.flow.current is Step.REVIEW, "-review")
        self.query_one(Stepper).refresh_steps()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "withdraw_consent":
            return self.flow.session.consent.recording_allowed
        if action == "insert_question":
            return bool(self.query(ConversationPanel))
        return True

    # -- moving through the steps -------------------------------------------------------------

    def _move(self, move: str) -> None:
        before = self.flow.current
        try:
            self.flow.advance() if move == "next" else self.flow.back()
        except StepBlocked as blocked:
            reasons = "; ".join(t(f"blocker.{b.value}") for b in blocked.blockers)
            self.notify(
                t("blocker.message", step=t(f"step.{blocked.step.value}"), reasons=reasons),
                severity="warning",
                title=t("blocker.title"),
            )
            return
        if self.flow.current is not before:
            self.services.mark_stage(self.flow)
            self.show_step()
            self.autosave(force=True)

    def action_next_step(self) -> None:
        self._move("next")

    def action_previous_step(self) -> None:
        self._move("back")

    def go_to(self, step: Step) -> None:
        """Open ``step`` (from the command palette); refused with the reason when blocked."""
        try:
            self.flow.go_to(step)
        except StepBlocked as blocked:
            reasons = "; ".join(t(f"blocker.{b.value}") for b in blocked.blockers)
            self.notify(
                t("blocker.message", step=t(f"step.{blocked.step.value}"), reasons=reasons),
                severity="warning",
            )
            return
        self.services.mark_stage(self.flow)
        self.show_step()
        self.autosave(force=True)

    def action_insert_question(self) -> None:
        for panel in self.query(ConversationPanel):
            panel.insert_question()

    def on_flow_edited(self, event: FlowEdited) -> None:
        self.query_one(Stepper).refresh_steps()
        self.refresh_bindings()

    # -- consent ------------------------------------------------------------------------------

    def action_withdraw_consent(self) -> None:
        """The coachee withdraws consent: recording stops now; captured audio may be deleted."""
        if not self.flow.session.consent.recording_allowed:
            return
        self.flow.withdraw_consent()
        self.services.stop_recording(self.flow)
        self.autosave(force=True)
        self.notify(t("consent.withdrawn_notice"), severity="warning")

        def answered(delete: bool | None) -> None:
            if delete:
                self.services.delete_recording(self.flow)
                self.notify(t("consent.audio_deleted"))

        if self.services.has_recording(self.flow):
            self.app.push_screen(ConfirmScreen(t("consent.delete_question"), danger=True), answered)
        self.show_step() if self.flow.current is Step.CONSENT else self.refresh_bindings()

    # -- saving -------------------------------------------------------------------------------

    def autosave(self, force: bool = False) -> None:
        """Save when something changed (or when forced); the writing happens in a worker."""
        if self.flow.closed and not force:
            return
        if not force and self.flow.revision == self.saved_revision and self.flow.timer.paused:
            return
        self.saved_revision = self.flow.revision
        self._write(self.services.snapshot_session(self.flow))

    @work(thread=True, group="autosave", exclusive=False, exit_on_error=False)
    def _write(self, snapshot: SaveSnapshot) -> None:
        self.post_message(SessionSaved(*self.services.write_snapshot(snapshot)))

    def on_session_saved(self, event: SessionSaved) -> None:
        if not event.ok:
            self.notify(t(f"save.{event.reason}"), severity="error", timeout=10)

    def action_save(self) -> None:
        self.autosave(force=True)
        self.notify(t("save.done"), timeout=2)

    def action_leave(self) -> None:
        """Back home; an open session stays saved and can be resumed."""
        if self.flow.closed:
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.flow.timer.pause()
                self.autosave(force=True)
                self.services.stop_recording(self.flow)
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(t("session.leave_question")), answered)

    # -- follow-up and close ------------------------------------------------------------------

    def action_export_ics(self) -> None:
        default = self.services.default_export_dir() / self.services.ics_filename(self.flow)

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            try:
                written = self.services.export_ics(self.flow, self.roster, path)
            except OSError as exc:
                message = t("export.failed", error=exc.strerror or type(exc).__name__)
            else:
                message = t("export.ics_written", path=str(written))
            for panel in self.query(FollowUpPanel):
                panel.show_export(message)

        self.app.push_screen(
            PathScreen(t("export.ics_title"), default, warning=t("export.ics_warning")), chosen
        )

    def action_attach_photo(self) -> None:
        from textual.widgets import Input

        panel = self.query_one(ClosePanel)
        text = panel.query_one("#photo", Input).value.strip()
        if not text:
            return
        message = self.services.attach_photo(self.flow, Path(text).expanduser())
        panel.show_photo_status(message)
        self.autosave(force=True)

    def action_close_session(self) -> None:
        """Complete the form, seal the summary for HR and queue it; back to the home screen."""

        def answered(close: bool | None) -> None:
            if not close:
                return
            try:
                self.flow.close()
            except StepBlocked as blocked:
                reasons = "; ".join(t(f"blocker.{b.value}") for b in blocked.blockers)
                self.notify(
                    t("blocker.message", step=t(f"step.{blocked.step.value}"), reasons=reasons),
                    severity="warning",
                )
                return
            self.services.stop_recording(self.flow)
            self.autosave(force=True)
            notice = self.services.finish_session(self.flow, self.roster)
            self.notify(notice, title=t("close.done_title"), timeout=8)
            self.app.post_message(FlowEdited())
            self.dismiss(None)

        self.app.push_screen(ConfirmScreen(t("close.confirm")), answered)
