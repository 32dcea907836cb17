"""Register coachees and an engagement: agenda, Skill/Will with its approach, coach or mentor."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
)

from sitante_tui.domain.models import (
    Coachee,
    CoachRole,
    Delivery,
    Engagement,
    Form,
    Kind,
    Level,
    SkillWill,
    new_id,
)
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import parse_date
from sitante_tui.ui.screens.base import SitanteScreen

OTHER = "__other__"


class RegistrationScreen(SitanteScreen):
    """Pick or add coachees, then describe the engagement; ctrl+s saves."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save"), priority=True),
        Binding("escape", "cancel", t("key.cancel")),
    ]

    def compose(self) -> ComposeResult:
        roster = self.roster
        yield Static(t("register.title"), id="screen-title")
        with VerticalScroll(id="register-form"):
            yield Static(t("register.coachees"), classes="section-title")
            existing = sorted(roster.coachees.values(), key=lambda c: c.name)
            yield SelectionList[str](
                *[(f"{c.name} — {c.unit or '—'}", c.id) for c in existing], id="coachees"
            )
            yield Static(t("register.new_coachee"), classes="section-title")
            for name in ("name", "unit", "position", "nip"):
                with Horizontal(classes="row"):
                    yield Label(t(f"coachee.{name}"))
                    yield Input(id=f"new-{name}", placeholder=t(f"coachee.{name}_placeholder"))
            with Horizontal(classes="row"):
                yield Label("")
                yield Button(t("register.add_coachee"), id="add-coachee")
            yield Static(id="add-status", classes="hint")

            yield Static(t("register.engagement"), classes="section-title")
            with Horizontal(classes="row"):
                yield Label(t("field.kind"))
                with RadioSet(id="kind"):
                    for kind in Kind:
                        yield RadioButton(
                            t(f"kind.{kind.value}"), value=kind is Kind.COACHING, name=kind.value
                        )
            with Horizontal(classes="row"):
                yield Label(t("field.agenda"))
                examples = self.services.prompts.agenda_examples(self.lang)
                yield Select(
                    [(example.text, example.text) for example in examples]
                    + [(t("register.agenda_other"), OTHER)],
                    prompt=t("register.agenda_prompt"),
                    id="agenda-example",
                )
            with Horizontal(classes="row"):
                yield Label("")
                yield Input(id="agenda", placeholder=t("register.agenda_placeholder"))
            with Horizontal(classes="row", id="big-goal-row"):
                yield Label(t("field.big_goal"))
                yield Input(id="big-goal", placeholder=t("register.big_goal_placeholder"))
            yield Static(t("register.skill_will"), classes="section-title")
            for axis in ("skill", "will"):
                with Horizontal(classes="row"):
                    yield Label(t(f"register.{axis}"))
                    with RadioSet(id=axis):
                        for level in Level:
                            yield RadioButton(t(f"level.{level.value}"), name=level.value)
            yield Static(t("register.approach_unknown"), id="approach", classes="status")
            yield Static(t("register.assignment"), classes="section-title")
            with Horizontal(classes="row"):
                yield Label(t("field.coach"))
                coaches = sorted(roster.coaches.values(), key=lambda c: c.name)
                default = (
                    roster.profile.id if roster.profile else (coaches[0].id if coaches else None)
                )
                yield Select(
                    [(c.name, c.id) for c in coaches], value=default or Select.NULL, id="coach"
                )
            with Horizontal(classes="row"):
                yield Label(t("field.role"))
                with RadioSet(id="role"):
                    for role in CoachRole:
                        yield RadioButton(
                            t(f"role.{role.value}"), value=role is CoachRole.COACH, name=role.value
                        )
            with Horizontal(classes="row"):
                yield Label(t("field.delivery"))
                yield Select(
                    [(t(f"delivery.{d.value}"), d) for d in Delivery],
                    value=Delivery.FACE_TO_FACE,
                    allow_blank=False,
                    id="delivery",
                )
            with Horizontal(classes="row"):
                yield Label(t("field.started_on"))
                yield Input(self.services.today().isoformat(), id="started-on")
            yield Static(id="form-error", classes="dialog-error")
            with Horizontal(classes="row"):
                yield Button(t("register.save"), id="save", variant="primary")
                yield Button(t("button.cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#big-goal-row").display = False
        self.query_one("#new-name", Input).focus()

    # -- coachees -----------------------------------------------------------------------------

    @on(Button.Pressed, "#add-coachee")
    @on(Input.Submitted, "#new-name, #new-unit, #new-position, #new-nip")
    def add_coachee(self) -> None:
        values = {
            n: self.query_one(f"#new-{n}", Input).value.strip()
            for n in ("name", "unit", "position", "nip")
        }
        status = self.query_one("#add-status", Static)
        if not values["name"]:
            status.update(t("register.name_needed"))
            return
        coachee = Coachee(id=new_id(), **values)
        self.app_state.add_coachee(coachee)
        selection = self.query_one("#coachees", SelectionList)
        selection.add_option((f"{coachee.name} — {coachee.unit or '—'}", coachee.id))
        selection.select(coachee.id)
        for name in values:
            self.query_one(f"#new-{name}", Input).value = ""
        status.update(t("register.coachee_added", name=coachee.name))
        self._update_form()

    @on(SelectionList.SelectedChanged)
    def _update_form(self) -> None:
        group = len(self.query_one("#coachees", SelectionList).selected) > 1
        self.query_one("#big-goal-row").display = group

    # -- agenda and approach ------------------------------------------------------------------

    @on(Select.Changed, "#agenda-example")
    def agenda_chosen(self, event: Select.Changed) -> None:
        agenda = self.query_one("#agenda", Input)
        if event.value == OTHER:
            agenda.value = ""
            agenda.focus()
        elif isinstance(event.value, str):
            agenda.value = event.value

    @on(RadioSet.Changed, "#skill, #will")
    def show_approach(self) -> None:
        skill_will = self._skill_will()
        label = self.query_one("#approach", Static)
        if skill_will is None:
            label.update(t("register.approach_unknown"))
        else:
            approach = skill_will.approach.value
            label.update(
                t(
                    "register.approach",
                    approach=t(f"approach.{approach}.name"),
                    hint=t(f"approach.{approach}.hint"),
                )
            )

    def _radio(self, radio_id: str) -> str | None:
        pressed = self.query_one(f"#{radio_id}", RadioSet).pressed_button
        return pressed.name if pressed else None

    def _skill_will(self) -> SkillWill | None:
        skill, will = self._radio("skill"), self._radio("will")
        return SkillWill(Level(skill), Level(will)) if skill and will else None

    # -- save ---------------------------------------------------------------------------------

    def _error(self, key: str) -> None:
        self.query_one("#form-error", Static).update(t(key))
        self.notify(t(key), severity="warning")

    def action_save(self) -> None:
        coachee_ids = list(self.query_one("#coachees", SelectionList).selected)
        agenda = self.query_one("#agenda", Input).value.strip()
        coach = self.query_one("#coach", Select).value
        started = parse_date(self.query_one("#started-on", Input).value)
        if not coachee_ids:
            return self._error("register.error.no_coachee")
        if not agenda:
            return self._error("register.error.no_agenda")
        if not isinstance(coach, str):
            return self._error("register.error.no_coach")
        if started is None:
            return self._error("register.error.bad_date")
        group = len(coachee_ids) > 1
        big_goal = self.query_one("#big-goal", Input).value.strip()
        if group and not big_goal:
            return self._error("register.error.no_big_goal")
        delivery = self.query_one("#delivery", Select).value
        engagement = Engagement(
            id=new_id(),
            coach_id=coach,
            coachee_ids=coachee_ids,
            kind=Kind(self._radio("kind") or Kind.COACHING.value),
            form=Form.GROUP if group else Form.ONE_ON_ONE,
            role=CoachRole(self._radio("role") or CoachRole.COACH.value),
            skill_will=self._skill_will(),
            started_on=started,
            agendas={cid: agenda for cid in coachee_ids},
            big_goal=big_goal,
            delivery=delivery if isinstance(delivery, Delivery) else Delivery.FACE_TO_FACE,
        )
        for cid in coachee_ids:
            coachee = self.roster.coachees[cid]
            if not coachee.agenda_topic:
                coachee.agenda_topic = agenda
                self.app_state.save_record(coachee)
        self.app_state.add_engagement(engagement)
        self.notify(t("register.saved", names=self.roster.coachee_names(engagement)))
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "cancel":
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)
