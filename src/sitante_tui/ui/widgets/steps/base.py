"""What every step panel shares: the session context and a way to report edits."""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import VerticalScroll
from textual.widgets import Static

from sitante_tui.domain.models import Coachee
from sitante_tui.domain.roster import Roster
from sitante_tui.domain.session_flow import SessionFlow
from sitante_tui.i18n import language
from sitante_tui.services import Services
from sitante_tui.ui.messages import FlowEdited


@dataclass
class SessionContext:
    """The session being run, with the workspace around it."""

    flow: SessionFlow
    roster: Roster
    services: Services

    @property
    def lang(self) -> str:
        """The UI language (question banks and scripts follow it)."""
        return language()

    def coachee(self, coachee_id: str) -> Coachee:
        """A coachee of this session."""
        return self.roster.coachees[coachee_id]

    @property
    def group(self) -> bool:
        """Whether several coachees take part."""
        return len(self.flow.session.participants) > 1


class StepPanel(VerticalScroll, can_focus=False):
    """The body of one step; subclasses compose its controls and call :meth:`edited`."""

    DEFAULT_CSS = """
    StepPanel { height: 1fr; padding: 0 1; }
    StepPanel .script { border: round $secondary; padding: 0 1; margin-bottom: 1; height: auto; }
    StepPanel .section-title { text-style: bold; margin-top: 1; }
    StepPanel .status { color: $success; margin: 1 0; height: auto; }
    StepPanel .hint { color: $text-muted; height: auto; }
    StepPanel .row { height: auto; margin-bottom: 1; }
    StepPanel .row > Label { width: 24; padding-top: 1; }
    StepPanel Button { margin-right: 2; }
    """

    def __init__(self, ctx: SessionContext, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.ctx = ctx

    def on_mount(self) -> None:
        self.call_after_refresh(self.focus_first)

    def focus_first(self) -> None:
        """Put the keyboard on the step's first control."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return

    @property
    def flow(self) -> SessionFlow:
        """The session flow."""
        return self.ctx.flow

    def edited(self) -> None:
        """Tell the screen the session changed."""
        self.post_message(FlowEdited())

    def script(self, name: str) -> Static:
        """A text for the coach to read aloud, in a frame titled with its title."""
        script = self.ctx.services.prompts.script(name, self.ctx.lang)
        box = Static(script.text, classes="script")
        box.border_title = script.title
        return box
