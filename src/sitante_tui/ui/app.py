"""The coach's app: wires services to screens; owns the in-memory roster and the idle lock."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from sitante_tui.domain.models import (
    Coachee,
    Engagement,
    EngagementStatus,
    Session,
    SessionStatus,
)
from sitante_tui.domain.roster import Roster
from sitante_tui.domain.session_flow import start_session
from sitante_tui.domain.session_steps import Step
from sitante_tui.i18n import set_language, t
from sitante_tui.services import Services
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.messages import SyncFinished
from sitante_tui.ui.screens.home_screen import HomeScreen
from sitante_tui.ui.screens.unlock_screen import UnlockScreen


class SitanteApp(App[None]):
    """The session companion. Build it with :func:`sitante_tui.services.build_services`."""

    CSS_PATH = "app.tcss"
    TITLE = "sitante"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", t("key.help"), show=False),
        Binding("ctrl+l", "lock", t("key.lock"), show=False),
    ]

    def __init__(self, services: Services, *, start: str = "home") -> None:
        super().__init__()
        self.services = services
        self.start = start
        self.roster = Roster()
        self.last_activity = self.services.clock()
        self.locked = False
        self._pin_question_open = False
        set_language(services.settings.language)

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run full screen, with PortAudio's and ALSA's own messages kept off the screen."""
        from sitante_tui.ui.terminal import native_stderr_silenced

        if kwargs.get("headless"):  # snapshots and tests: no terminal to protect
            return super().run(*args, **kwargs)
        with native_stderr_silenced():
            return super().run(*args, **kwargs)

    def on_unmount(self) -> None:
        if "audio" in vars(self.services):  # the audio desk exists only once it was used
            self.services.audio.stop_active(timeout=2.0)  # keep every captured second

    # -- start-up and unlocking ---------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        # Already open (the demo): home is the first screen painted, not pushed over a blank one.
        if self.services.unlocked:
            self.roster = self.services.load_roster()
            return HomeScreen()
        return super().get_default_screen()

    def on_mount(self) -> None:
        self.set_interval(5, self.lock_when_idle)
        if self.services.unlocked:
            self.after_unlock(True)
        elif not self.services.has_keys and not self.services.has_data:
            from sitante_tui.ui.screens.setup_screen import SetupScreen

            self.push_screen(SetupScreen(self.services), self.after_unlock)
        else:
            self.push_screen(UnlockScreen(self.services), self.after_unlock)

    def after_unlock(self, unlocked: bool | None) -> None:
        """Load the workspace, show home, report damaged files, offer to resume a session."""
        if not unlocked:
            self.exit()
            return
        if not isinstance(self.screen_stack[0], HomeScreen):  # else loaded with the home screen
            self.roster = self.services.load_roster()
        if not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(HomeScreen())
        if self.roster.problems:
            self.notify(
                t("workspace.damaged", files=", ".join(self.roster.problems)),
                severity="error",
                title=t("workspace.damaged_title"),
                timeout=20,
            )
        # The first sync waits until the home screen is on screen (it competes for the CPU).
        self.set_timer(2, self.sync_outbox)
        self.set_interval(60, self.sync_outbox)
        if self.start == "practice":
            self.action_practice()
        else:
            self._offer_resume()

    def _offer_resume(self) -> None:
        for session in self.roster.in_progress():
            engagement = self.roster.engagements.get(session.engagement_id)
            if engagement is None:
                continue
            question = t(
                "resume.question",
                names=self.roster.coachee_names(engagement),
                n=session.number,
                step=t(f"step.{session.step}"),
            )
            self.push_screen(
                ConfirmScreen(question, yes=t("resume.yes"), no=t("resume.later")),
                partial(self._resume_answered, session, engagement),
            )
            return

    def _resume_answered(
        self, session: Session, engagement: Engagement, resume: bool | None
    ) -> None:
        if resume:
            self.open_session(session, engagement)

    # -- idle lock ----------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown):
            self.last_activity = self.services.clock()
        await super().on_event(event)

    def lock_when_idle(self) -> None:
        """Lock after the configured idle time (saving goes on while locked)."""
        idle = self.services.clock() - self.last_activity
        if (
            not self.locked
            and self.services.unlocked
            and idle > self.services.settings.idle_lock_minutes * 60
        ):
            self.action_lock()

    def action_lock(self) -> None:
        """Hide everything and forget the key until the passphrase is given again."""
        if self.locked or not self.services.unlocked:
            return
        self.locked = True
        self.services.lock()

        def unlocked(_: bool | None) -> None:
            self.locked = False
            self.last_activity = self.services.clock()

        self.push_screen(UnlockScreen(self.services, locked=True), unlocked)

    # -- records ------------------------------------------------------------------------------

    def save_record(self, record: Coachee | Engagement | Session) -> bool:
        """Encrypt and store one record; a full disk or a write error is said, never a crash
        (the record stays in this app's memory, and the previous file stays intact)."""
        from sitante_tui.store.vault import DiskFull

        try:
            self.services.records.save(record)
        except DiskFull:
            reason = "disk_full_record"
        except OSError:
            reason = "write_failed_record"
        else:
            return True
        self.notify(t(f"save.{reason}"), severity="error", timeout=30)
        return False

    def add_coachee(self, coachee: Coachee) -> None:
        """Register a new coachee."""
        self.roster.coachees[coachee.id] = coachee
        self.save_record(coachee)

    def add_engagement(self, engagement: Engagement) -> None:
        """Register a new engagement."""
        self.roster.engagements[engagement.id] = engagement
        self.save_record(engagement)

    def complete_engagement(self, engagement: Engagement) -> None:
        """Mark a programme completed (after the minimum number of sessions), or reopen it."""
        done = len(self.roster.history(engagement.id))
        if engagement.status is EngagementStatus.COMPLETED:
            engagement.status = EngagementStatus.ACTIVE
        elif done < 3:
            self.notify(t("home.cannot_complete", n=done), severity="warning")
            return
        else:
            engagement.status = EngagementStatus.COMPLETED
        self.save_record(engagement)
        self.refresh_home()

    def record_midpoint_review(self, engagement: Engagement) -> None:
        """Note that the 3-monthly mid-point review was held today."""
        engagement.midpoint_reviews.append(self.services.today())
        self.save_record(engagement)
        self.notify(t("home.midpoint_recorded"))
        self.refresh_home()

    def refresh_home(self) -> None:
        """Redraw the home screen if it is showing."""
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_data()

    # -- sessions -----------------------------------------------------------------------------

    def start_session(self, engagement: Engagement) -> None:
        """Resume the engagement's open session, or start its next one."""
        open_sessions = [
            s
            for s in self.roster.sessions_of(engagement.id)
            if s.status is SessionStatus.IN_PROGRESS
        ]
        if open_sessions:
            self.open_session(open_sessions[0], engagement)
            return
        if engagement.status is EngagementStatus.COMPLETED:
            self.notify(t("home.engagement_completed"), severity="warning")
            return
        session = start_session(
            engagement, number=self.roster.next_number(engagement.id), now=self.services.now()
        )
        self.roster.sessions[session.id] = session
        self.open_session(session, engagement)

    def open_session(self, session: Session, engagement: Engagement) -> None:
        """Show the session screen for ``session``."""
        from sitante_tui.ui.screens.session_screen import SessionScreen

        flow = self.services.flow_for(session, engagement, self.roster)
        self.push_screen(SessionScreen(self.services, self.roster, flow), self._session_left)

    def _session_left(self, _: None) -> None:
        self.refresh_home()
        self.sync_outbox()  # a closed session queued its summary: send it now if the share is up

    def show_history(self, coachee_id: str) -> None:
        """A coachee's sessions, self-rating chart and records."""
        from sitante_tui.ui.screens.history_screen import HistoryScreen

        self.push_screen(HistoryScreen(coachee_id))

    # -- other screens ------------------------------------------------------------------------

    def action_register(self) -> None:
        from sitante_tui.ui.screens.registration_screen import RegistrationScreen

        self.push_screen(RegistrationScreen(), lambda _: self.refresh_home())

    def action_help(self) -> None:
        from sitante_tui.ui.screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.services))

    def action_settings(self) -> None:
        from sitante_tui.ui.screens.settings_screen import SettingsScreen

        self.push_screen(SettingsScreen(), lambda _: self.refresh_home())

    def action_practice(self) -> None:
        from sitante_tui.ui.screens.practice_screen import PracticeScreen

        self.push_screen(PracticeScreen())

    def action_switch_language(self) -> None:
        """Bahasa Indonesia ⇄ English (saved in the settings)."""
        self.services.settings.language = "en" if self.services.settings.language == "id" else "id"
        self.services.save_settings()
        set_language(self.services.settings.language)
        self.notify(t("settings.language_changed"))

    def action_sync(self) -> None:
        """Send the queued summaries to the shared folder now."""
        self.sync_outbox(announce=True)

    @work(thread=True, group="sync", exclusive=True, exit_on_error=False)
    def sync_outbox(self, announce: bool = False) -> None:
        """Send the outbox to the shared store, off the UI thread; never waits for the share."""
        if announce or self.services.pending_summaries():
            outcome = self.services.hr.sync()
            self.post_message(
                SyncFinished(
                    outcome.sent, outcome.pending, outcome.problem, announce, outcome.offered_key
                )
            )

    def on_sync_finished(self, event: SyncFinished) -> None:
        if event.sent:
            self.notify(t("sync.sent", n=event.sent))
        if event.problem in ("hr_key_changed", "hr_key_unpinned") and event.offered_key:
            self._ask_to_pin(event.offered_key, changed=event.problem == "hr_key_changed")
        elif event.problem and (event.announce or event.problem == "no_hr_key"):
            self.notify(t(f"sync.problem.{event.problem}", n=event.pending), severity="warning")
        elif event.announce and not event.sent:
            self.notify(t("sync.nothing"))
        self.refresh_home()

    def _ask_to_pin(self, offered: str, *, changed: bool) -> None:
        """HR's key in the shared folder is new or different: pin it only if the coach confirms."""
        if self._pin_question_open:
            return
        self._pin_question_open = True
        pinned = self.services.settings.hr_recipient or "—"
        key = "sync.hr_key_changed" if changed else "sync.hr_key_offered"

        def answered(confirm: bool | None) -> None:
            self._pin_question_open = False
            if confirm:
                count = self.services.hr.pin(offered)
                self.notify(t("sync.hr_key_pinned", n=count))
                self.sync_outbox()

        self.push_screen(
            ConfirmScreen(
                t(key, offered=offered, pinned=pinned),
                yes=t("sync.pin"),
                no=t("sync.dont_pin"),
                danger=changed,
            ),
            answered,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        if self.locked or not self.services.unlocked:  # the lock screen hides everything
            yield SystemCommand(t("command.quit"), t("command.quit_help"), self.exit)
            return
        yield SystemCommand(t("command.help"), t("command.help_help"), self.action_help)
        yield SystemCommand(t("command.register"), t("command.register_help"), self.action_register)
        yield SystemCommand(t("command.settings"), t("command.settings_help"), self.action_settings)
        yield SystemCommand(t("command.practice"), t("command.practice_help"), self.action_practice)
        yield SystemCommand(
            t("command.language"), t("command.language_help"), self.action_switch_language
        )
        yield SystemCommand(t("command.lock"), t("command.lock_help"), self.action_lock)
        yield SystemCommand(t("command.sync"), t("command.sync_help"), self.action_sync)
        from sitante_tui.ui.screens.session_screen import SessionScreen

        if isinstance(screen, SessionScreen):
            for step in screen.flow.steps:
                yield SystemCommand(
                    t("command.go_to", step=t(f"step.{step.value}")),
                    t("command.go_to_help"),
                    partial(screen.go_to, Step(step)),
                )
        yield SystemCommand(t("command.quit"), t("command.quit_help"), self.exit)
