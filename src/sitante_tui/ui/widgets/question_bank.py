"""The stage's question bank: highlight a question and press enter to put it in the notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class QuestionBank(OptionList):
    """Questions for one stage, in the UI language; enter posts :class:`QuestionChosen`."""

    DEFAULT_CSS = """
    QuestionBank { height: 1fr; border: round $primary 50%; }
    QuestionBank:focus { border: round $primary; }
    """

    @dataclass
    class QuestionChosen(Message):
        """The coach chose a question to ask (and to note)."""

        text: str

    def __init__(self, questions: Sequence[str], **kwargs: object) -> None:
        super().__init__(*[Option(q) for q in questions], **kwargs)  # type: ignore[arg-type]
        self.questions = list(questions)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.QuestionChosen(self.questions[event.option_index]))

    @property
    def highlighted_question(self) -> str | None:
        """The question under the cursor."""
        index = self.highlighted
        return self.questions[index] if index is not None else None
