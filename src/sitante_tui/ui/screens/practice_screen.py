"""Questioning practice for trainers: a scenario, a GROW stage or round, feedback per question.

Three views: choosing a scenario and stage, the conversation with the simulated coachee, and the
result (score, summary and progress over past rounds). Rounds are saved encrypted, for the trainer.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from sitante_tui.domain.practice import GROW_ROUND, PracticeRound, PracticeTurn, RoundSummary
from sitante_tui.domain.practice_scenarios import Scenario, ScenarioError
from sitante_tui.domain.question_analysis import GrowStage
from sitante_tui.i18n import t
from sitante_tui.practice_feedback import bundled_scenarios, stage_name, summary_lines, turn_tips
from sitante_tui.services.practice_rounds import RoundNotSaved, load_rounds, save_round
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.screens.base import SitanteScreen
from sitante_tui.ui.widgets.practice_log import PracticeLog
from sitante_tui.ui.widgets.practice_progress import PracticeProgress

WHOLE = "whole"
CHOICE, ROUND, RESULT = "choice", "round", "result"


class PracticeScreen(SitanteScreen):
    """Choose a scenario and stage, question the simulated coachee, see the score and progress."""

    DEFAULT_CSS = """
    PracticeScreen #practice-views { height: 1fr; }
    PracticeScreen #practice-choice { height: 1fr; }
    PracticeScreen #practice-columns { height: 1fr; }
    PracticeScreen #practice-scenarios { width: 1fr; height: 100%; }
    PracticeScreen #practice-side { width: 1fr; height: 100%; }
    PracticeScreen #practice-stages { height: auto; max-height: 7; }
    PracticeScreen #practice-choice OptionList { border: round $primary 50%; }
    PracticeScreen #practice-choice OptionList:focus { border: round $primary; }
    PracticeScreen #practice-about { height: 1fr; border: round $secondary; padding: 0 1; }
    PracticeScreen #practice-round { height: 1fr; }
    PracticeScreen #practice-brief { height: auto; max-height: 2; padding: 0 1; }
    PracticeScreen #practice-brief { background: $boost; }
    PracticeScreen #practice-stage { height: auto; padding: 0 1; }
    PracticeScreen #practice-result { height: 1fr; border: round $primary; padding: 0 1; }
    PracticeScreen.-round #practice-progress { display: none; }
    PracticeScreen.-result #practice-views { height: auto; max-height: 70%; }
    PracticeScreen.-result #practice-result { height: auto; }
    PracticeScreen.-result #practice-progress { height: 1fr; min-height: 7; }
    """

    BINDINGS = [
        Binding("escape", "back", t("practice.key.back")),
        Binding("ctrl+s", "skip_stage", t("practice.key.skip"), priority=True),
        Binding("ctrl+e", "finish_round", t("practice.key.finish"), priority=True),
        Binding("enter", "new_round", t("practice.key.new_round")),
    ]

    view: var[str] = var(CHOICE, init=False)

    @dataclass
    class RoundSaved(Message):
        """Saving a finished round ended (``ok`` False: ``reason`` says why it failed)."""

        ok: bool
        reason: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.scenarios: list[Scenario] = []
        self.load_error = ""
        self.summaries: list[RoundSummary] = []
        self.practice: PracticeRound | None = None

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        try:
            self.scenarios = bundled_scenarios(self.services.settings.prompts_dir)
        except (ScenarioError, OSError) as exc:
            self.load_error = t("practice.screen.scenario_error", error=str(exc))
        yield Static(t("practice.title"), id="screen-title")
        with ContentSwitcher(initial="practice-choice", id="practice-views"):
            with Vertical(id="practice-choice"):
                yield Static(t("practice.screen.choose"), classes="hint")
                with Horizontal(id="practice-columns"):
                    scenarios = OptionList(
                        *[Option(s.title.get(self.lang), id=s.key) for s in self.scenarios],
                        id="practice-scenarios",
                    )
                    scenarios.border_title = t("practice.screen.scenarios")
                    scenarios.border_subtitle = t("practice.screen.enter_choose")
                    yield scenarios
                    with Vertical(id="practice-side"):
                        stages = OptionList(
                            Option(t("practice.round.whole"), id=WHOLE),
                            *[Option(stage_name(s), id=s.value) for s in GrowStage],
                            id="practice-stages",
                        )
                        stages.border_title = t("practice.screen.stages")
                        stages.border_subtitle = t("practice.screen.enter_start")
                        yield stages
                        about = VerticalScroll(
                            Static(id="practice-about-text"), id="practice-about"
                        )
                        about.border_title = t("practice.screen.brief")
                        yield about
            with Vertical(id="practice-round"):
                yield Static(id="practice-brief")
                yield Static(id="practice-stage")
                log = PracticeLog(id="practice-log")
                log.border_title = t("practice.screen.log")
                yield log
                yield Input(placeholder=t("practice.screen.placeholder"), id="practice-input")
            result = VerticalScroll(Static(id="practice-summary"), id="practice-result")
            result.border_title = t("practice.screen.result")
            yield result
        yield PracticeProgress(id="practice-progress")
        yield Footer()

    def on_mount(self) -> None:
        past = load_rounds(self.services)
        self.summaries = past.summaries
        if past.damaged:
            self.notify(t("practice.screen.damaged", n=len(past.damaged)), severity="warning")
        if self.load_error:
            self.notify(self.load_error, severity="error", timeout=20)
            self.query_one("#practice-about-text", Static).update(self.load_error)
        self.query_one(PracticeProgress).show(self.summaries)
        self.query_one("#practice-scenarios", OptionList).focus()
        self._show_about()

    def watch_view(self, view: str) -> None:
        self.query_one(ContentSwitcher).current = f"practice-{view}"
        self.set_class(view == ROUND, "-round")
        self.set_class(view == RESULT, "-result")
        title = t("practice.title")
        if view != CHOICE and self.practice is not None:
            key = "practice.screen.round_title" if view == ROUND else "practice.screen.result_title"
            title = t(key, title=self.practice.scenario.title.get(self.practice.lang))
        self.query_one("#screen-title", Static).update(title)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip_stage":
            return self.view == ROUND and self.practice is not None and not self.practice.finished
        if action == "finish_round":
            return self.view == ROUND
        if action == "new_round":
            return self.view == RESULT
        return True

    # -- choosing -----------------------------------------------------------------------------

    def chosen_scenario(self) -> Scenario | None:
        """The scenario under the cursor of the scenario list."""
        index = self.query_one("#practice-scenarios", OptionList).highlighted
        return self.scenarios[index] if index is not None and self.scenarios else None

    def chosen_stages(self) -> tuple[GrowStage, ...]:
        """The stages under the cursor of the stage list: one stage, or the whole round."""
        stages = self.query_one("#practice-stages", OptionList)
        index = stages.highlighted or 0
        option_id = stages.get_option_at_index(index).id
        return (GrowStage(option_id),) if option_id and option_id != WHOLE else GROW_ROUND

    @on(OptionList.OptionHighlighted)
    def _show_about(self) -> None:
        scenario = self.chosen_scenario()
        if scenario is None:
            return
        text = self._brief(scenario)
        text.append(
            "\n" + t("practice.screen.agenda", numbers=", ".join(map(str, scenario.agenda)))
        )
        stages = self.chosen_stages()
        if len(stages) == 1:
            purpose = scenario.stages[stages[0]].purpose.get(self.lang)
            text.append("\n\n" + t("practice.round.purpose", purpose=purpose), style="italic")
        self.query_one("#practice-about-text", Static).update(text)

    @on(OptionList.OptionSelected, "#practice-scenarios")
    def _scenario_chosen(self) -> None:
        self.query_one("#practice-stages", OptionList).focus()

    @on(OptionList.OptionSelected, "#practice-stages")
    def _stages_chosen(self) -> None:
        scenario = self.chosen_scenario()
        if scenario is not None:
            self.start_round(scenario, self.chosen_stages())

    def _brief(self, scenario: Scenario, *, background: bool = True) -> Text:
        persona = scenario.persona
        text = Text()
        text.append(persona.name, style="bold")
        text.append(f" · {persona.role.get(self.lang)}")
        if background:
            text.append("\n" + persona.background.get(self.lang))
        return text

    # -- a round ------------------------------------------------------------------------------

    def start_round(self, scenario: Scenario, stages: tuple[GrowStage, ...]) -> None:
        """Begin a round on ``scenario`` over ``stages`` and show the conversation."""
        self.practice = PracticeRound(
            scenario, stages, self.lang, self.services.now(), seed=len(self.summaries)
        )
        log = self.query_one(PracticeLog)
        log.clear_log()
        # The background opens the conversation (and scrolls away): the top keeps only who it is.
        log.add_scene(scenario.persona.background.get(self.lang))
        brief = self._brief(scenario, background=False)
        self.query_one("#practice-brief", Static).update(brief)
        field = self.query_one("#practice-input", Input)
        field.value = ""
        field.placeholder = t("practice.screen.placeholder")
        self.view = ROUND
        self._show_stage()
        field.focus()

    @on(Input.Submitted, "#practice-input")
    def ask(self, event: Input.Submitted) -> None:
        """Send the trainee's question to the coachee, show the reply and the feedback."""
        practice = self.practice
        if practice is None:
            return
        if practice.finished:
            self.action_finish_round()
            return
        question = event.value.strip()
        if not question:
            return
        event.input.value = ""
        turn = practice.ask(question)
        log = self.query_one(PracticeLog)
        lang = practice.lang
        log.add_question(t("practice.round.you"), turn.question)
        reply = f"{turn.reply} {turn.transition}" if turn.transition else turn.reply
        log.add_reply(t("practice.round.coachee"), reply)
        tips = turn_tips(turn, practice.scenario, lang)
        log.add_feedback(self._verdict(turn), tips, good=turn.counted)
        if turn.advanced:
            self._stage_done(t("practice.round.advanced", stage=stage_name(turn.stage)))
        self._show_stage()

    def action_skip_stage(self) -> None:
        """Move on without reaching the current stage's purpose."""
        practice = self.practice
        if self.view != ROUND or practice is None or practice.current_stage is None:
            return
        skipped = practice.current_stage
        practice.skip_stage()
        self._stage_done(t("practice.round.skipped", stage=stage_name(skipped)))
        self._show_stage()

    def _stage_done(self, message: str) -> None:
        practice = self.practice
        assert practice is not None
        nxt = practice.current_stage
        if nxt is not None:
            message += " " + t("practice.round.next", stage=stage_name(nxt))
        else:
            message += " " + t("practice.round.finished") + " " + t("practice.screen.see_score")
            self.query_one("#practice-input", Input).placeholder = t(
                "practice.screen.finished_placeholder"
            )
        self.query_one(PracticeLog).add_event(message)
        self.refresh_bindings()

    def _verdict(self, turn: PracticeTurn) -> str:
        """Stage served · open or closed · flags, e.g. "Goal (Tujuan) · terbuka"."""
        analysis = turn.analysis
        if analysis.stage is not None or analysis.cue("small_talk"):
            parts = [stage_name(analysis.stage)]
        else:
            parts = [t("practice.screen.unclear")]
        parts.append(t("practice.screen.open" if analysis.open else "practice.screen.closed"))
        parts += [t(f"practice.flag.{f}") for f in analysis.flags if f != "closed"]
        return " · ".join(parts)

    def _show_stage(self) -> None:
        practice = self.practice
        if practice is None:
            return
        current = practice.current_stage
        track = Text()
        for k, stage in enumerate(practice.stages):
            if k:
                track.append(" › ", style="dim")
            name = t(f"practice.stage_short.{stage.value}")
            if stage in practice.reached:
                track.append(f"✓ {name}", style="green")
            elif stage in practice.skipped:
                track.append(f"↷ {name}", style="dim strike")
            elif stage is current:
                track.append(f"▶ {name}", style="bold reverse")
            else:
                track.append(name, style="dim")
        script = practice.script
        if current is None or script is None:
            track.append("   " + t("practice.round.finished"), style="bold green")
        else:
            done = t(
                "practice.round.progress", done=practice.counted_in(current), needed=script.needed
            )
            track.append(f"   {done}", style="bold")
            purpose = script.purpose.get(practice.lang)
            track.append("\n" + t("practice.round.purpose", purpose=purpose), style="italic")
        self.query_one("#practice-stage", Static).update(track)

    # -- the end of a round -------------------------------------------------------------------

    def action_finish_round(self) -> None:
        """Score the round, save it (encrypted) and show the result and progress."""
        practice = self.practice
        if self.view != ROUND or practice is None:
            return
        if not practice.turns:
            self.notify(t("practice.screen.nothing_to_score"))
            self._to_choice()
            return
        summary = practice.finish(self.services.now())
        self.summaries.append(summary)
        self.save(practice, summary)
        self._show_result(summary)

    @work(thread=True, group="practice-save", exit_on_error=False)
    def save(self, practice: PracticeRound, summary: RoundSummary) -> None:
        """Encrypt and store the round off the UI thread."""
        try:
            save_round(self.services, practice, summary)
        except RoundNotSaved as exc:
            self.post_message(self.RoundSaved(False, exc.reason))
        else:
            self.post_message(self.RoundSaved(True))

    def on_practice_screen_round_saved(self, event: RoundSaved) -> None:
        if event.ok:
            self.notify(t("practice.screen.saved"))
        else:
            reason = t("practice.screen.disk_full") if event.reason == "disk_full" else event.reason
            self.notify(
                t("practice.screen.save_failed", reason=reason), severity="error", timeout=15
            )

    def _show_result(self, summary: RoundSummary) -> None:
        lines = summary_lines(summary)
        text = Text()
        text.append(lines[0], style="bold")
        for line in lines[1:]:
            text.append("\n" + line)
        text.append("\n\n" + t("practice.summary.formula"), style="dim")
        text.append("\n" + t("practice.screen.result_hint"), style="dim")
        self.query_one("#practice-summary", Static).update(text)
        self.query_one(PracticeProgress).show(self.summaries)
        self.view = RESULT
        self.query_one("#practice-result").focus()

    def _to_choice(self) -> None:
        self.view = CHOICE
        self.query_one("#practice-scenarios", OptionList).focus()

    def action_new_round(self) -> None:
        """From the result: choose the next scenario and stage."""
        if self.view == RESULT:
            self._to_choice()

    def action_back(self) -> None:
        """One step back: result → choice, round → choice (confirmed), choice → home."""
        if self.view == CHOICE:
            self.app.pop_screen()
        elif self.view == RESULT or self.practice is None or not self.practice.turns:
            self._to_choice()
        else:

            def answered(stop: bool | None) -> None:
                if stop:
                    self._to_choice()

            self.app.push_screen(
                ConfirmScreen(
                    t("practice.screen.leave_question"),
                    yes=t("practice.screen.leave_yes"),
                    no=t("practice.screen.leave_no"),
                ),
                answered,
            )
