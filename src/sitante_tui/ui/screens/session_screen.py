"""The live session: stepper, clocks, recording, one panel per step, autosave, and closing."""

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
from sitante_tui.services.audio_problems import RecordingProblem
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.dialogs.path_dialog import PathScreen
from sitante_tui.ui.messages import (
    FlowEdited,
    LiveTranscriptStopped,
    RecordingFailed,
    RecordingStarted,
    SessionSaved,
    TranscriptDrafted,
)
from sitante_tui.ui.widgets.recording_bar import RecordingBar
from sitante_tui.ui.widgets.session_clocks import SessionClocks
from sitante_tui.ui.widgets.stepper import Stepper
from sitante_tui.ui.widgets.steps import SessionContext, panel_for
from sitante_tui.ui.widgets.steps.close_panel import ClosePanel
from sitante_tui.ui.widgets.steps.conversation_panel import ConversationPanel
from sitante_tui.ui.widgets.steps.follow_up_panel import FollowUpPanel
from sitante_tui.ui.widgets.steps.opening_panels import ConsentPanel
from sitante_tui.ui.widgets.transcript_pane import TranscriptPane


class SessionScreen(Screen[None]):
    """Runs one session from Prepare to Close; the flow decides, this screen shows."""

    BINDINGS = [
        Binding("ctrl+n", "next_step", t("key.next_step"), priority=True),
        Binding("ctrl+b", "previous_step", t("key.previous_step"), priority=True),
        Binding("f2", "insert_question", t("key.insert_question"), priority=True),
        Binding("ctrl+s", "save", t("key.save"), priority=True),
        Binding("f4", "withdraw_consent", t("key.withdraw_consent"), priority=True),
        # Shown in the recording bar rather than the footer (which has no room at 80 columns).
        Binding("ctrl+r", "toggle_recording", t("key.record"), show=False, priority=True),
        Binding("ctrl+t", "toggle_transcript", t("key.transcript"), show=False, priority=True),
        Binding(
            "ctrl+f", "search_transcript", t("key.search_transcript"), show=False, priority=True
        ),
        Binding("escape", "leave", t("key.leave_session")),
    ]

    def __init__(self, services: Services, roster: Roster, flow: SessionFlow) -> None:
        super().__init__()
        self.services = services
        self.roster = roster
        self.flow = flow
        self.ctx = SessionContext(flow, roster, services)
        self.saved_revision = -1
        self.save_problem = ""  # the reason the last save failed, until one succeeds
        self.save_asked = False  # ctrl+s: confirm when the write is done
        self.saving = False
        self.left = False

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-bar"):
            yield Static(self._title(), id="session-title")
            yield SessionClocks(self.flow, self.services.settings.session_budget_minutes)
        yield RecordingBar(
            lambda: self.services.audio.status(self.flow.session.id),
            lambda: self.flow.session.consent.recording_allowed,
            id="recording-bar",
        )
        yield Stepper(self.flow, id="stepper")
        yield Container(id="step-body")
        yield TranscriptPane(id="transcript-pane")
        yield Footer()

    def _title(self) -> str:
        session = self.flow.session
        names = ", ".join(self.ctx.coachee(p.coachee_id).name for p in session.participants)
        return t("session.title", n=session.number, names=names)

    def on_mount(self) -> None:
        self.show_step()
        self.set_interval(self.services.settings.autosave_seconds, self.autosave)
        from sitante_tui.transcription.transcript_store import transcript_path

        session_id = self.flow.session.id
        folder = self.services.workspace.transcripts_dir
        if any(transcript_path(folder, session_id, draft=d).is_file() for d in (False, True)):
            self._load_earlier_transcript(session_id)  # a resumed session: what was said so far

    @work(thread=True, group="transcript", exit_on_error=False)
    def _load_earlier_transcript(self, session_id: str) -> None:
        try:
            transcript = self.services.audio.transcript(session_id)
        except RecordingProblem as problem:
            self.app.call_from_thread(self.notify, problem.message, severity="warning")
            return
        if transcript is not None:
            self.app.call_from_thread(self.query_one(TranscriptPane).load, transcript)

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

    # -- recording ----------------------------------------------------------------------------

    def action_toggle_recording(self) -> None:
        """ctrl+r: start recording (only with consent), then pause and resume it."""
        consent = self.flow.session.consent
        if not consent.recording_allowed:
            self.notify(t("audio.error.consent_required"), severity="warning", timeout=6)
            return
        bar = self.query_one(RecordingBar)
        if bar.starting:
            self.notify(t("audio.session.starting"), timeout=2)
        elif self.services.audio.is_recording(self.flow.session.id):
            try:
                state = self.services.audio.toggle_pause(self.flow.session.id)
            except RecordingProblem as exc:
                self.notify(exc.message, severity="warning")
                return
            self.notify(t(f"audio.session.{'paused' if state == 'paused' else 'resumed'}"))
        else:
            bar.starting = True
            self.start_recording()
        bar.poll()

    @work(thread=True, group="recorder", exclusive=True, exit_on_error=False)
    def start_recording(self) -> None:
        """Open the microphone off the UI thread (PortAudio may take a second)."""
        try:
            notice = self.services.audio.start(
                self.flow,
                on_error=lambda message: self.post_message(RecordingFailed(message)),
                on_draft=lambda update: self.post_message(
                    TranscriptDrafted([(s.stage, s.text) for s in update.segments])
                ),
                on_live_error=lambda message: self.post_message(LiveTranscriptStopped(message)),
            )
        except RecordingProblem as exc:
            self.post_message(RecordingFailed(exc.message))
            return
        if self.left:  # the coach left the session while the microphone opened
            self.services.stop_recording(self.flow)
        else:
            self.post_message(RecordingStarted(notice))

    def on_recording_started(self, event: RecordingStarted) -> None:
        self.query_one(RecordingBar).starting = False
        if not self.flow.session.consent.recording_allowed:
            self.services.stop_recording(self.flow)  # consent withdrawn while the mic opened
            return
        status = self.services.audio.status(self.flow.session.id)
        if status is not None and status.stage != self.flow.current.value:
            self.services.mark_stage(self.flow)  # the coach moved on while the mic opened
        self.notify(t("audio.session.started"), timeout=4)
        if event.notice:
            self.notify(
                t("audio.session.live_unavailable", reason=event.notice),
                severity="warning",
                timeout=12,
            )

    def on_recording_failed(self, event: RecordingFailed) -> None:
        self.query_one(RecordingBar).starting = False
        self.notify(event.message, severity="error", timeout=12)

    def on_transcript_drafted(self, event: TranscriptDrafted) -> None:
        self.query_one(TranscriptPane).add(event.passages)

    def on_live_transcript_stopped(self, event: LiveTranscriptStopped) -> None:
        self.notify(
            t("audio.session.live_stopped", reason=event.message), severity="warning", timeout=12
        )

    def action_toggle_transcript(self) -> None:
        """ctrl+t: show or hide the live draft."""
        if self.services.settings.transcription_mode != "live":
            self.notify(t("audio.session.live_off"), timeout=4)
        self.query_one(TranscriptPane).toggle()

    def action_search_transcript(self) -> None:
        """ctrl+f: show the transcript and search it."""
        self.query_one(TranscriptPane).search()

    def on_unmount(self) -> None:
        self.left = True
        self.services.stop_recording(self.flow)  # quitting the app mid-session

    # -- consent ------------------------------------------------------------------------------

    def action_withdraw_consent(self) -> None:
        """The coachee withdraws consent: recording stops now; captured audio may be deleted."""
        if not self.flow.session.consent.recording_allowed:
            return
        self.flow.withdraw_consent()
        stopped = self.services.stop_recording(self.flow)
        self.autosave(force=True)
        self.notify(t("consent.withdrawn_notice"), severity="warning")

        def answered(delete: bool | None) -> None:
            if delete:
                files = self.services.delete_recording(self.flow)
                self.notify(t("audio.withdraw.deleted", files=files))
            else:
                self.notify(t("audio.withdraw.kept"))

        if self.services.has_recording(self.flow):
            seconds = round(stopped.recorded_seconds) if stopped else 0
            question = t("audio.withdraw.question", minutes=seconds // 60, seconds=seconds % 60)
            self.app.push_screen(
                ConfirmScreen(question, yes=t("transcript.delete_audio"), danger=True), answered
            )
        for panel in self.query(ConsentPanel):  # at the consent step: show the withdrawal
            panel.show_status()
        self.refresh_bindings()

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
        asked, self.save_asked = self.save_asked, False
        if event.ok:
            if self.save_problem:
                self.notify(t("save.recovered"), timeout=6)
            elif asked:
                self.notify(t("save.done"), timeout=2)
            self.save_problem = ""
            return
        self.saved_revision = -1  # the next autosave tick tries again, even while paused
        if event.reason != self.save_problem or asked:  # said once, not on every tick
            self.notify(t(f"save.{event.reason}"), severity="error", timeout=30)
        self.save_problem = event.reason

    def action_save(self) -> None:
        """ctrl+s: save now; "saved" is said once the file is really written."""
        self.save_asked = True
        self.autosave(force=True)

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

        key = "leave_unsaved_question" if self.save_problem else "leave_question"
        self.app.push_screen(ConfirmScreen(t(f"session.{key}")), answered)

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
            if self.services.settings.transcription_mode == "after" and self.services.has_recording(
                self.flow
            ):
                from sitante_tui.ui.dialogs.transcribe_dialog import TranscribeScreen

                session = self.flow.session
                self.app.push_screen(TranscribeScreen(self.services, session.id, session.number))

        self.app.push_screen(ConfirmScreen(t("close.confirm")), answered)
