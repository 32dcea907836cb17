"""Step 1, Prepare: who and what, the last action plan and its follow-up, the programme plan."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Label, Select, Static

from sitante_tui.domain.models import Delivery, Kind, ProgrammePlan, Session, SessionStatus
from sitante_tui.domain.models import session_label as numbering
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import format_date
from sitante_tui.ui.widgets.steps.base import StepPanel


class PreparePanel(StepPanel):
    """Session number, agenda and approach; last session's plan; the first session's plan form."""

    def compose(self) -> ComposeResult:
        flow = self.flow
        session, engagement = flow.session, flow.engagement
        n, total = numbering(session.number)
        kind = t(f"kind.{engagement.kind.value}")
        yield Static(t("prepare.heading", n=n, total=total, kind=kind), classes="section-title")
        for participant in session.participants:
            coachee = self.ctx.coachee(participant.coachee_id)
            yield Static(
                t(
                    "prepare.coachee_line",
                    name=coachee.name,
                    position=coachee.position or "—",
                    unit=coachee.unit or "—",
                    agenda=participant.agenda or coachee.agenda_topic or "—",
                )
            )
        if engagement.skill_will:
            approach = engagement.skill_will.approach.value
            yield Static(
                t("prepare.approach", approach=t(f"approach.{approach}.name"))
                + " — "
                + t(f"approach.{approach}.hint"),
                classes="hint",
            )
        with Horizontal(classes="row"):
            yield Label(t("field.delivery"))
            yield Select(
                [(t(f"delivery.{d.value}"), d) for d in Delivery],
                value=session.delivery,
                allow_blank=False,
                id="delivery",
            )
        yield from self._previous_plan(session)
        if self.ctx.group:
            with Horizontal(classes="row"):
                yield Label(t("field.big_goal"))
                yield Input(session.big_goal, id="big-goal")
        if flow.is_first_session:
            yield from self._plan_form()

    def _previous_plan(self, session: Session) -> ComposeResult:
        earlier = [
            s
            for s in self.ctx.roster.sessions_of(session.engagement_id)
            if s.status is SessionStatus.CLOSED and s.number < session.number
        ]
        if not earlier:
            return
        last = earlier[-1]
        yield Static(
            t("prepare.previous_plan", n=last.number, date=format_date(last.held_on)),
            classes="section-title",
        )
        for participant in last.participants:
            if self.ctx.group:
                yield Static(self.ctx.coachee(participant.coachee_id).name, classes="hint")
            if not participant.action_plan:
                yield Static(t("prepare.no_previous_plan"), classes="hint")
            for item in participant.action_plan:
                yield Static(
                    t(
                        "prepare.previous_item",
                        action=item.action,
                        when=item.when or "—",
                        result=item.expected_result or "—",
                    )
                )
        due = last.next_session_on
        today = self.ctx.services.today()
        held = session.held_on or today
        if due is None:
            status = t("prepare.followup_unscheduled")
        elif held > due:
            status = t("prepare.followup_late", date=format_date(due), days=(held - due).days)
        else:
            status = t("prepare.followup_on_time", date=format_date(due))
        yield Static(status, classes="hint")

    def _plan_form(self) -> ComposeResult:
        engagement = self.flow.engagement
        plan = engagement.plan
        name = "mentoring_plan" if engagement.kind is Kind.MENTORING else "coaching_plan"
        yield Static(t(f"prepare.{name}"), classes="section-title")
        yield self.script(name)
        for field, value in (
            ("agenda", plan.agenda),
            ("goal", plan.goal),
            ("schedule", plan.schedule),
        ):
            with Horizontal(classes="row"):
                yield Label(t(f"plan.{field}"))
                yield Input(value, id=f"plan-{field}", placeholder=t(f"plan.{field}_placeholder"))
        yield Checkbox(t("plan.minimum_explained"), plan.minimum_explained, id="plan-minimum")

    def on_mount(self) -> None:
        plan = self.flow.engagement.plan
        if self.flow.is_first_session and not plan.agenda:
            participant = self.flow.session.participants[0]
            self.query_one("#plan-agenda", Input).value = participant.agenda

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "delivery" and isinstance(event.value, Delivery):
            self.flow.set_delivery(event.value)
            self.edited()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "big-goal":
            self.flow.set_big_goal(event.value)
        elif (event.input.id or "").startswith("plan-"):
            self._save_plan()
        else:
            return
        self.edited()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "plan-minimum":
            self._save_plan()
            self.edited()

    def _save_plan(self) -> None:
        self.flow.set_plan(
            ProgrammePlan(
                agenda=self.query_one("#plan-agenda", Input).value,
                goal=self.query_one("#plan-goal", Input).value,
                schedule=self.query_one("#plan-schedule", Input).value,
                minimum_explained=self.query_one("#plan-minimum", Checkbox).value,
            )
        )
