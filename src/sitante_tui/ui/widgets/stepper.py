"""The session stepper: every step as a numbered mark, done steps ticked, the current one named."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from sitante_tui.domain.session_flow import SessionFlow
from sitante_tui.i18n import t


class Stepper(Widget):
    """One line: ``✓1 ✓2 ▶3 Izin rekaman  4  5 …``; blocked steps ahead are dimmed."""

    DEFAULT_CSS = """
    Stepper { height: 1; width: 1fr; padding: 0 1; background: $boost; }
    """

    revision = reactive(0)

    def __init__(self, flow: SessionFlow, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.flow = flow

    def refresh_steps(self) -> None:
        """Redraw after the flow changed."""
        self.revision += 1

    def render(self) -> Text:
        flow = self.flow
        text = Text(no_wrap=True, overflow="ellipsis")
        furthest = flow.steps.index(type(flow.current)(flow.session.furthest_step))
        for i, step in enumerate(flow.steps):
            number = str(i + 1)
            if i == flow.index:
                text.append(f"▶{number} {t('step.' + step.value)}", style="bold reverse")
            elif i <= furthest and not flow.blockers(step):
                text.append(f"✓{number}", style="green")
            elif flow.reachable(step):
                text.append(f" {number}")
            else:
                text.append(f" {number}", style="dim")
            text.append("  ")
        return text
