"""The conversation steps (GROW, sharing session, performance procedure): questions and notes.

The question bank sits beside the notes; enter (or F2) puts the highlighted question into the
notes. Reality adds the 1–10 self-rating, Options the list of options, Sharing the approach.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Static, TextArea

from sitante_tui.domain.models import MentoringApproach
from sitante_tui.domain.session_steps import QUESTION_BANK_STEPS, Step
from sitante_tui.i18n import t
from sitante_tui.ui.widgets.question_bank import QuestionBank
from sitante_tui.ui.widgets.rating_picker import RatingPicker
from sitante_tui.ui.widgets.steps.base import StepPanel


class OptionsList(OptionList):
    """The options found so far; delete removes the highlighted one."""

    DEFAULT_CSS = "OptionsList { height: auto; max-height: 6; }"
    BINDINGS = [Binding("delete", "remove", show=False)]

    @dataclass
    class RemoveRequested(Message):
        """The coach wants the highlighted option gone."""

        index: int

    def show(self, options: list[str]) -> None:
        """List ``options``, numbered."""
        self.clear_options()
        self.add_options([f"{i}. {text}" for i, text in enumerate(options, start=1)])

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.RemoveRequested(self.highlighted))


class ConversationPanel(StepPanel):
    """Question bank | notes (and the step's own controls below the notes)."""

    DEFAULT_CSS = """
    ConversationPanel { overflow-y: hidden; }
    ConversationPanel > Horizontal { height: 1fr; }
    ConversationPanel #bank-column { width: 2fr; }
    ConversationPanel #notes-column { width: 3fr; }
    ConversationPanel #notes { height: 1fr; min-height: 5; }
    ConversationPanel #extras { height: auto; max-height: 12; }
    ConversationPanel #options-list { height: auto; max-height: 6; }
    ConversationPanel .purpose { color: $text-muted; height: auto; }
    """

    def compose(self) -> ComposeResult:
        step = self.flow.current
        yield Static(t(f"purpose.{step.value}"), classes="purpose")
        with Horizontal():
            with Vertical(id="bank-column"):
                bank_stage = QUESTION_BANK_STEPS[step]
                questions = self.ctx.services.prompts.questions(bank_stage, self.ctx.lang)
                bank = QuestionBank(questions, id="bank")
                bank.border_title = t("bank.title")
                bank.border_subtitle = t("bank.hint")
                yield bank
            with Vertical(id="notes-column"):
                notes = TextArea(self.flow.session.notes.get(step.value, ""), id="notes")
                notes.border_title = t("notes.title")
                notes.border_subtitle = t("notes.encrypted")
                yield notes
                with Vertical(id="extras"):
                    yield from self._extras(step)

    def _extras(self, step: Step) -> ComposeResult:
        if step is Step.REALITY:
            for participant in self.flow.session.participants:
                name = self.ctx.coachee(participant.coachee_id).name
                yield Label(t("reality.rating_for", name=name))
                yield RatingPicker(
                    10, participant.reality_rating, id=f"rating-{participant.coachee_id}"
                )
        elif step in (Step.OPTIONS, Step.IDENTIFY_SOLUTIONS):
            yield Input(placeholder=t("options.add_placeholder"), id="option-input")
            yield OptionsList(id="options-list")
            yield Static(t("options.hint"), classes="hint")
        elif step is Step.SHARING:
            approaches = self.ctx.services.prompts.mentoring_approaches(self.ctx.lang)
            chosen = self.flow.session.mentoring_approach
            with RadioSet(id="approach"):
                for approach in approaches:
                    yield RadioButton(
                        approach.title,
                        value=chosen is not None and chosen.value == approach.key,
                        name=approach.key,
                    )
            yield Static(id="approach-guide", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#bank", QuestionBank).focus()
        if self.flow.current is Step.SHARING:
            self._show_guide()
        for options in self.query(OptionsList):
            options.show(self.flow.session.options)

    # -- questions and notes ------------------------------------------------------------------

    def insert_question(self, text: str | None = None) -> None:
        """Put ``text`` (default: the highlighted question) into the notes, on its own line."""
        bank = self.query_one("#bank", QuestionBank)
        text = text or bank.highlighted_question
        if not text:
            return
        notes = self.query_one("#notes", TextArea)
        prefix = "" if not notes.text or notes.text.endswith("\n") else "\n"
        notes.move_cursor(notes.document.end)
        notes.insert(f"{prefix}{t('notes.question_prefix')}{text}\n{t('notes.answer_prefix')}")
        self.flow.record_question(self.flow.current.value, text)
        notes.focus()

    def on_question_bank_question_chosen(self, event: QuestionBank.QuestionChosen) -> None:
        self.insert_question(event.text)

    @on(TextArea.Changed, "#notes")
    def save_notes(self, event: TextArea.Changed) -> None:
        self.flow.set_notes(self.flow.current.value, event.text_area.text)
        self.edited()

    # -- the step's own controls --------------------------------------------------------------

    def on_rating_picker_changed(self, event: RatingPicker.Changed) -> None:
        self.flow.set_reality_rating((event.picker.id or "").removeprefix("rating-"), event.value)
        self.edited()

    @on(Input.Submitted, "#option-input")
    def add_option(self, event: Input.Submitted) -> None:
        self.flow.add_option(event.value)
        event.input.value = ""
        self._refresh_options()

    def on_options_list_remove_requested(self, event: OptionsList.RemoveRequested) -> None:
        if 0 <= event.index < len(self.flow.session.options):
            self.flow.remove_option(event.index)
            self._refresh_options()

    def _refresh_options(self) -> None:
        self.query_one("#options-list", OptionsList).show(self.flow.session.options)
        self.edited()

    @on(RadioSet.Changed, "#approach")
    def choose_approach(self, event: RadioSet.Changed) -> None:
        name = event.pressed.name
        if name:
            self.flow.set_mentoring_approach(MentoringApproach(name))
            self._show_guide()
            self.edited()

    def _show_guide(self) -> None:
        chosen = self.flow.session.mentoring_approach
        guide = ""
        for approach in self.ctx.services.prompts.mentoring_approaches(self.ctx.lang):
            if chosen is not None and approach.key == chosen.value:
                steps = "\n".join(f"{i}. {s}" for i, s in enumerate(approach.steps, start=1))
                guide = f"{approach.description}\n{steps}"
        self.query_one("#approach-guide", Static).update(guide or t("sharing.choose"))
