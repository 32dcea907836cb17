"""Steps 2–4: rapport check-in, the recording question, and the confidentiality statement."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Static

from sitante_tui.domain.consent import ConsentAnswer
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import format_time
from sitante_tui.ui.widgets.question_bank import QuestionBank
from sitante_tui.ui.widgets.rating_picker import RatingPicker
from sitante_tui.ui.widgets.steps.base import StepPanel


class RapportPanel(StepPanel):
    """How does the coachee feel? A 1–10 check-in and a word, per coachee."""

    def compose(self) -> ComposeResult:
        yield self.script("rapport")
        for participant in self.flow.session.participants:
            check_in = participant.check_in
            name = self.ctx.coachee(participant.coachee_id).name
            yield Static(t("rapport.check_in_for", name=name), classes="section-title")
            with Horizontal(classes="row"):
                yield RatingPicker(
                    10, check_in.score if check_in else None, id=f"score-{participant.coachee_id}"
                )
                yield Input(
                    check_in.word if check_in else "",
                    placeholder=t("rapport.word_placeholder"),
                    id=f"word-{participant.coachee_id}",
                )
        yield Static(t("rapport.questions"), classes="section-title")
        questions = self.ctx.services.prompts.questions("rapport", self.ctx.lang)
        yield QuestionBank(questions, id="bank")

    def _save(self, coachee_id: str) -> None:
        score = self.query_one(f"#score-{coachee_id}", RatingPicker).value
        if score is not None:
            word = self.query_one(f"#word-{coachee_id}", Input).value
            self.flow.check_in(coachee_id, score, word)
            self.edited()

    def on_rating_picker_changed(self, event: RatingPicker.Changed) -> None:
        self._save((event.picker.id or "").removeprefix("score-"))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._save((event.input.id or "").removeprefix("word-"))


class ConsentPanel(StepPanel):
    """May the session be recorded? The answer is kept with its time; a "no" is final."""

    def compose(self) -> ComposeResult:
        yield self.script("consent")
        with Horizontal(classes="row"):
            yield Button(t("consent.yes"), id="consent-yes", variant="success")
            yield Button(t("consent.no"), id="consent-no", variant="error")
            yield Button(t("consent.withdraw"), id="consent-withdraw", variant="warning")
        yield Static(id="consent-status", classes="status")

    def on_mount(self) -> None:
        self.show_status()

    def show_status(self) -> None:
        """The recorded answers, and which buttons still make sense."""
        consent = self.flow.session.consent
        lines = [
            t(f"consent.recorded.{event.answer.value}", time=format_time(event.at))
            for event in consent.events
        ]
        if consent.ever_refused:
            lines.append(t("consent.no_audio"))
        self.query_one("#consent-status", Static).update(
            "\n".join(lines) or t("consent.unanswered")
        )
        self.query_one("#consent-yes").disabled = consent.ever_refused or consent.recording_allowed
        self.query_one("#consent-no").disabled = consent.answered
        self.query_one("#consent-withdraw").display = consent.recording_allowed

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "consent-yes":
            self.flow.answer_consent(ConsentAnswer.YES)
        elif event.button.id == "consent-no":
            self.flow.answer_consent(ConsentAnswer.NO)
        elif event.button.id == "consent-withdraw":
            await self.app.run_action("screen.withdraw_consent")
            return
        self.show_status()
        self.edited()


class ConfidentialityPanel(StepPanel):
    """The coach states that the conversation is confidential, then confirms it was said."""

    def compose(self) -> ComposeResult:
        yield self.script("confidentiality")
        with Horizontal(classes="row"):
            yield Label("")
            yield Button(
                t("confidentiality.confirm"), id="confidentiality-confirm", variant="primary"
            )
        yield Static(id="confidentiality-status", classes="status")

    def on_mount(self) -> None:
        self.show_status()

    def show_status(self) -> None:
        """When confidentiality was confirmed, if it was."""
        at = self.flow.session.confidentiality_confirmed_at
        status = t("confidentiality.confirmed", time=format_time(at)) if at else ""
        self.query_one("#confidentiality-status", Static).update(status)
        self.query_one("#confidentiality-confirm").disabled = at is not None

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "confidentiality-confirm":
            self.flow.confirm_confidentiality()
            self.show_status()
            self.edited()
