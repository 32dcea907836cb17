"""Step 10, coachee review: a clean view of the agreed plan, the coachee's confirmation,
self-reflection and rating of the coach, and exactly what HR will receive."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Collapsible, Label, Static, TextArea

from sitante_tui.domain.models import Participant
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import format_time
from sitante_tui.ui.widgets.rating_picker import RatingPicker
from sitante_tui.ui.widgets.steps.base import StepPanel
from sitante_tui.ui.widgets.summary_preview import summary_preview


def plan_text(participant: Participant) -> Text:
    """The action plan, large and plain, for the coachee to read."""
    text = Text()
    for number, item in enumerate(participant.action_plan, start=1):
        text.append(f"{number}. {item.action}\n", style="bold")
        details = [
            (t("action.when"), item.when),
            (t("action.who"), item.who),
            (t("action.resources"), item.resources),
            (t("action.expected_result"), item.expected_result),
        ]
        for label, value in details:
            if value:
                text.append(f"   {label}: ", style="dim")
                text.append(f"{value}\n")
        text.append("\n")
    return text


class ReviewPanel(StepPanel):
    """One block per coachee: plan, confirm button, reflection, rating, coach-change request."""

    DEFAULT_CSS = """
    ReviewPanel .plan { border: heavy $accent; padding: 1 2; margin: 1 0; height: auto; }
    ReviewPanel .reflection { height: 5; }
    ReviewPanel .hr-preview { height: auto; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield self.script("coachee_review")
        for participant in self.flow.session.participants:
            cid = participant.coachee_id
            name = self.ctx.coachee(cid).name
            with Vertical(classes="coachee-review"):
                plan = Static(plan_text(participant), classes="plan")
                plan.border_title = t("review.plan_title", name=name)
                yield plan
                with Horizontal(classes="row"):
                    yield Button(t("review.confirm"), id=f"confirm-{cid}", variant="success")
                    yield Static(id=f"confirmed-{cid}", classes="status")
                yield Label(t("review.reflection"))
                yield TextArea(participant.reflection, id=f"reflection-{cid}", classes="reflection")
                with Horizontal(classes="row"):
                    yield Label(t("review.coach_rating"))
                    yield RatingPicker(5, participant.coach_rating, id=f"rating-{cid}")
                yield Checkbox(
                    t("review.coach_change"), participant.coach_change_requested, id=f"change-{cid}"
                )
                with Horizontal(classes="row"):
                    yield Button(t("review.save"), id=f"save-{cid}", variant="primary")
                    yield Button(t("review.later"), id=f"later-{cid}")
                with Collapsible(title=t("hr.review.heading"), collapsed=True):
                    yield Static(id=f"hr-{cid}", classes="hr-preview")

    def on_mount(self) -> None:
        for participant in self.flow.session.participants:
            self.show_status(participant)

    def show_status(self, participant: Participant) -> None:
        """Confirmation time and the HR preview of one coachee."""
        cid = participant.coachee_id
        if participant.confirmed_at:
            status = t("review.confirmed_at", time=format_time(participant.confirmed_at))
        elif participant.review_later:
            status = t("review.later_noted")
        else:
            status = ""
        if participant.review_later and participant.confirmed_at:
            status += " · " + t("review.later_noted")
        self.query_one(f"#confirmed-{cid}", Static).update(status)
        self.query_one(f"#confirm-{cid}", Button).disabled = participant.confirmed_at is not None
        summary = self.ctx.services.hr.preview(self.flow, self.ctx.roster, cid)
        self.query_one(f"#hr-{cid}", Static).update(summary_preview(summary))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        action, _, cid = (event.button.id or "").partition("-")
        participant = self.flow.session.participant(cid)
        if action == "confirm":
            self.flow.confirm_plan(cid)
        elif action == "save":
            self.flow.set_review(
                cid,
                reflection=self.query_one(f"#reflection-{cid}", TextArea).text,
                coach_rating=self.query_one(f"#rating-{cid}", RatingPicker).value,
                coach_change_requested=self.query_one(f"#change-{cid}", Checkbox).value,
            )
            self.notify(t("review.saved"))
        elif action == "later":
            self.flow.review_later(cid)
        self.show_status(participant)
        self.edited()
