"""A coachee's history: every session, the self-rating over sessions, and one session's record."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Static

from sitante_tui.domain.models import Session, SessionStatus
from sitante_tui.domain.session_steps import Step
from sitante_tui.i18n import t
from sitante_tui.practice_feedback import session_feedback_lines, tips_for
from sitante_tui.services.audio_problems import RecordingProblem
from sitante_tui.services.question_feedback import Passage, session_feedback
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.dialogs.path_dialog import PathScreen
from sitante_tui.ui.dialogs.review_dialog import LateReviewScreen
from sitante_tui.ui.formatting import format_date, format_minutes, format_time
from sitante_tui.ui.screens.base import SitanteScreen
from sitante_tui.ui.widgets.rating_chart import RatingChart
from sitante_tui.ui.widgets.transcript_view import TranscriptView

MAX_FLAGGED = 5  # questions with a tip shown under the questioning feedback


class HistoryScreen(SitanteScreen):
    """Sessions of one coachee (all engagements), newest last."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("r", "late_review", t("key.late_review")),
        Binding("x", "export", t("key.export_coachee")),
        Binding("ctrl+delete", "erase", t("key.erase_coachee")),
    ]

    def __init__(self, coachee_id: str) -> None:
        super().__init__()
        self.coachee_id = coachee_id

    def compose(self) -> ComposeResult:
        coachee = self.roster.coachees[self.coachee_id]
        yield Static(
            t(
                "history.title",
                name=coachee.name,
                unit=coachee.unit or "—",
                position=coachee.position or "—",
            ),
            id="screen-title",
        )
        with Horizontal(id="history-top"):
            table: DataTable[str | Text] = DataTable(id="sessions", cursor_type="row")
            table.border_title = t("history.sessions")
            yield table
            yield RatingChart(self.roster.self_ratings(self.coachee_id), id="chart")
        with VerticalScroll(id="history-detail"):
            yield Static(id="detail")
            yield TranscriptView(id="transcript")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        for key in ("number", "date", "duration", "rating", "actions", "next", "status"):
            table.add_column(t(f"history.col.{key}"), key=key)
        self.refresh_table()
        table.focus()

    def sessions(self) -> list[Session]:
        """The coachee's sessions across engagements, oldest first."""
        found = []
        for engagement in reversed(self.roster.engagements_of(self.coachee_id)):
            found += self.roster.sessions_of(engagement.id)
        return found

    def refresh_table(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for session in self.sessions():
            participant = session.participant(self.coachee_id)
            status = t(f"history.status.{session.status.value}")
            if participant.review_later:
                status += " · " + t("history.review_pending")
            table.add_row(
                str(session.number),
                format_date(session.held_on),
                format_minutes(session.duration_minutes * 60),
                str(participant.reality_rating or "—"),
                str(len(participant.action_plan)),
                format_date(session.next_session_on),
                status,
                key=session.id,
            )
        if table.row_count:
            table.move_cursor(row=table.row_count - 1)
        else:
            self.query_one("#detail", Static).update(t("history.empty"))
        self.query_one(RatingChart).update_points(self.roster.self_ratings(self.coachee_id))

    def selected(self) -> Session | None:
        """The session under the cursor."""
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.roster.sessions.get(key or "")

    def on_data_table_row_highlighted(self) -> None:
        session = self.selected()
        if session is not None:
            self.show_session(session)

    def show_session(self, session: Session) -> None:
        """The session's record, then its transcript (decrypted in memory only)."""
        audio = self.services.audio
        problem = None
        try:
            transcript = audio.transcript(session.id)
        except RecordingProblem as exc:
            transcript, problem = None, exc.message
        passages = transcript.text_by_stage() if transcript is not None else []
        self.query_one("#detail", Static).update(self.detail(session, passages))
        files = len(audio.audio_files(session.id))
        self.query_one(TranscriptView).show(transcript, audio_files=files, problem=problem)

    def detail(self, session: Session, passages: list[Passage] | None = None) -> RenderableType:
        """Everything recorded in one session, for the coach's eyes only."""
        participant = session.participant(self.coachee_id)
        parts: list[RenderableType] = []
        head = Table(show_header=False, box=None, padding=(0, 1))
        head.add_column(style="bold")
        head.add_column()
        check_in = participant.check_in
        for label, value in (
            (t("form.started"), format_time(session.started_at)),
            (t("form.delivery"), t(f"delivery.{session.delivery.value}")),
            (t("form.kind"), t(f"template.{session.template.value}")),
            (t("form.agenda"), participant.agenda or "—"),
            (t("history.check_in"), f"{check_in.score}/10 {check_in.word}" if check_in else "—"),
            (t("form.consent"), t(f"consent.state.{session.consent.current or 'unanswered'}")),
            (t("history.reflection"), participant.reflection or "—"),
            (
                t("history.coach_rating"),
                f"{participant.coach_rating}/5" if participant.coach_rating else "—",
            ),
        ):
            head.add_row(label, value)
        parts.append(head)
        for step, notes in session.notes.items():
            if notes.strip():
                parts.append(Text(f"\n{t('step.' + Step(step).value)}", style="bold underline"))
                parts.append(Text(notes))
        if session.options:
            parts.append(Text("\n" + t("step.options"), style="bold underline"))
            parts.append(Text("".join(f"• {o}\n" for o in session.options)))
        if participant.action_plan:
            plan = Table(title=t("step.action_plan"), expand=True)
            for name in ("action", "when", "who", "resources", "expected_result"):
                plan.add_column(t(f"action.{name}"))
            for item in participant.action_plan:
                plan.add_row(item.action, item.when, item.who, item.resources, item.expected_result)
            parts.append(plan)
        parts += self.questioning_feedback(session, passages or [])
        return Group(*parts)

    def questioning_feedback(
        self, session: Session, passages: list[Passage]
    ) -> list[RenderableType]:
        """The coach's own questioning in this session: count, open share, flags, per stage.

        Built from the bank questions and the "T: " note lines; where the transcript has text
        for a stage (``passages``, cut at its stage markers), what was said replaces that
        stage's typed questions.
        """
        parts: list[RenderableType] = [
            Text("\n" + t("practice.history.title"), style="bold underline")
        ]
        feedback = session_feedback(session, passages)
        if not feedback.count:
            parts.append(Text(t("practice.history.none"), style="dim"))
            return parts
        parts.append(Text("\n".join(session_feedback_lines(feedback))))
        flagged = [(a.text, tips) for _, a in feedback.analyses if (tips := tips_for(a))]
        if flagged:
            text = Text(t("practice.history.flagged"), style="bold")
            for question, tips in flagged[:MAX_FLAGGED]:
                text.append(f"\n• {question}\n", style="")
                text.append(f"  {tips[0]}", style="dim")
            parts.append(text)
        return parts

    # -- audio and transcript -----------------------------------------------------------------

    def on_transcript_view_requested(self, event: TranscriptView.Requested) -> None:
        session = self.selected()
        if session is None:
            return
        audio = self.services.audio
        if event.action == "transcribe":
            from sitante_tui.ui.dialogs.transcribe_dialog import TranscribeScreen

            screen = TranscribeScreen(self.services, session.id, session.number)
            self.app.push_screen(screen, lambda _: self.show_session(session))
            return

        def answered(confirm: bool | None) -> None:
            if not confirm:
                return
            if event.action == "delete_audio":
                self.notify(t("transcript.audio_deleted", files=audio.delete_audio(session.id)))
            else:
                audio.delete_transcripts(session.id)
                self.notify(t("transcript.transcript_deleted"))
            self.show_session(session)

        question = t(f"transcript.{event.action}_question")
        yes = t(f"transcript.{event.action}")
        self.app.push_screen(ConfirmScreen(question, yes=yes, danger=True), answered)

    # -- requests -----------------------------------------------------------------------------

    def action_late_review(self) -> None:
        """The coachee fills the reflection and rating that were left for later."""
        session = self.selected()
        if session is None or session.status is not SessionStatus.CLOSED:
            return
        participant = session.participant(self.coachee_id)
        if not participant.review_later:
            self.notify(t("history.review_not_pending"))
            return

        def done(result: tuple[str, int | None, bool] | None) -> None:
            if result is not None:
                self.services.record_late_review(session, self.coachee_id, *result)
                self.refresh_table()
                self.notify(t("review.saved"))

        name = self.roster.coachees[self.coachee_id].name
        self.app.push_screen(LateReviewScreen(name), done)

    def action_export(self) -> None:
        """Export everything about this coachee as a readable bundle (a data-subject request)."""
        coachee = self.roster.coachees[self.coachee_id]
        default = self.services.default_export_dir() / self.services.export_name(coachee)

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            try:
                written = self.services.export_coachee(self.roster, self.coachee_id, path)
            except OSError as exc:
                self.notify(
                    t("export.failed", error=exc.strerror or type(exc).__name__), severity="error"
                )
            else:
                self.notify(t("export.coachee_written", path=str(written)), timeout=10)

        self.app.push_screen(
            PathScreen(
                t("export.coachee_title", name=coachee.name),
                default,
                warning=t("export.coachee_warning"),
            ),
            chosen,
        )

    def action_erase(self) -> None:
        """Erase this coachee's data completely; only an erasure record (no personal data) stays."""
        coachee = self.roster.coachees[self.coachee_id]

        def answered(erase: bool | None) -> None:
            if erase:
                self.services.erase_coachee(self.roster, self.coachee_id)
                self.notify(t("erase.done", name=coachee.name), timeout=10)
                self.app.pop_screen()
                self.app_state.refresh_home()

        self.app.push_screen(
            ConfirmScreen(t("erase.question", name=coachee.name), yes=t("erase.yes"), danger=True),
            answered,
        )
