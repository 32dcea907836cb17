"""Reference: the booklet's comparison tables, FAQ, agenda examples, rules, Skill/Will, keys."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static, TabbedContent, TabPane

from sitante_tui.i18n import language, t
from sitante_tui.services import Services


class HelpScreen(Screen[None]):
    """Tabs of reference material, in the UI language; escape returns."""

    BINDINGS = [Binding("escape,f1", "app.pop_screen", t("key.back"))]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.prompts = services.prompts
        self.lang = language()

    def compose(self) -> ComposeResult:
        yield Static(t("help.title"), id="screen-title")
        with TabbedContent():
            with TabPane(t("help.tab.keys"), id="keys"):
                yield VerticalScroll(Static(self.keys()))
            with TabPane(t("help.tab.rules"), id="rules"):
                yield VerticalScroll(Static(self.rules()))
            with TabPane(t("help.tab.compare"), id="compare"):
                yield VerticalScroll(Static(self.tables()))
            with TabPane(t("help.tab.faq"), id="faq"):
                yield VerticalScroll(Static(self.faq()))
            with TabPane(t("help.tab.agendas"), id="agendas"):
                yield VerticalScroll(Static(self.agendas()))
            with TabPane(t("help.tab.approaches"), id="approaches"):
                yield VerticalScroll(Static(self.approaches()))
        yield Footer()

    def keys(self) -> Text:
        text = Text()
        for section in ("home", "session", "hr", "practice"):
            text.append(t(f"help.keys.{section}.title") + "\n", style="bold underline")
            text.append(t(f"help.keys.{section}.text") + "\n\n")
        return text

    def rules(self) -> Group:
        parts: list[Text | Table] = [Text(self.prompts.programme_rules_text(self.lang) + "\n")]
        for role in self.prompts.roles(self.lang):
            parts.append(Text(role.title, style="bold"))
            parts.append(Text("".join(f"• {duty}\n" for duty in role.duties)))
        for definition in self.prompts.definitions(self.lang):
            parts.append(Text(definition.title, style="bold"))
            parts.append(Text(definition.text + "\n"))
        return Group(*parts)

    def tables(self) -> Group:
        parts: list[Table | Text] = []
        for comparison in self.prompts.comparison_tables(self.lang):
            table = Table(title=comparison.title, expand=True, show_lines=True)
            for header in comparison.headers:
                table.add_column(header, ratio=1)
            for row in comparison.rows:
                table.add_row(*row)
            parts += [table, Text("")]
        quadrants = Table(title=t("help.skill_will"), expand=True, show_lines=True)
        for column in ("skill", "will", "approach", "what"):
            quadrants.add_column(t(f"help.quadrant.{column}"))
        for quadrant in self.prompts.skill_will_quadrants(self.lang):
            quadrants.add_row(
                t(f"level.{quadrant.skill}"),
                t(f"level.{quadrant.will}"),
                quadrant.title,
                quadrant.description,
            )
        parts.append(quadrants)
        return Group(*parts)

    def faq(self) -> Text:
        text = Text()
        for entry in self.prompts.faq(self.lang):
            text.append(f"{entry.number}. {entry.question}\n", style="bold")
            text.append(entry.answer + "\n\n")
        return text

    def agendas(self) -> Text:
        text = Text()
        for number, example in enumerate(self.prompts.agenda_examples(self.lang), start=1):
            text.append(f"{number:2}. {example.text}\n")
        return text

    def approaches(self) -> Text:
        text = Text()
        text.append(t("help.mentoring") + "\n", style="bold underline")
        for approach in self.prompts.mentoring_approaches(self.lang):
            text.append(approach.title + "\n", style="bold")
            text.append(approach.description + "\n")
            for number, step in enumerate(approach.steps, start=1):
                text.append(f"  {number}. {step}\n")
            text.append("\n")
        text.append(t("help.performance") + "\n", style="bold underline")
        for step in self.prompts.performance_steps(self.lang):
            text.append(f"{step.number}. {step.title}\n", style="bold")
            text.append(step.description + "\n")
            text.append(step.guidance + "\n\n", style="italic")
        return text
