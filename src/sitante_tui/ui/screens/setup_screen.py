"""First run: the coach's profile and passphrase; the keys are created in a worker."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, LoadingIndicator, Static

from sitante_tui.crypto.passphrase_strength import assess_passphrase
from sitante_tui.domain.models import Coach, new_id
from sitante_tui.i18n import t
from sitante_tui.services import Services
from sitante_tui.ui.messages import Unlocked, UnlockFailed


def strength_text(passphrase: str, context: list[str]) -> tuple[Text, bool]:
    """Advice on a passphrase as the coach types it, and whether it is acceptable."""
    if not passphrase:
        return Text(t("setup.passphrase_hint"), style="dim"), False
    assessment = assess_passphrase(passphrase, context=context)
    label = t(f"passphrase.strength.{assessment.strength}")
    style = {"weak": "bold red", "fair": "yellow", "strong": "bold green"}[assessment.strength]
    text = Text(label, style=style)
    for code in assessment.advice:
        text.append("\n• " + t(f"passphrase.advice.{code}"))
    return text, assessment.acceptable


class SetupScreen(Screen[bool]):
    """Creates the coach's profile and keys; dismisses with True when done."""

    DEFAULT_CSS = """
    SetupScreen #setup-form { padding: 0 2; }
    SetupScreen .row > Label { width: 26; padding-top: 1; }
    SetupScreen #strength { height: auto; margin: 0 0 1 26; }
    SetupScreen LoadingIndicator { height: 1; }
    """

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        yield Static(t("setup.title"), id="screen-title")
        with VerticalScroll(id="setup-form"):
            yield Static(t("setup.intro"), classes="hint")
            for name in ("name", "unit", "nip"):
                with Horizontal(classes="row"):
                    yield Label(t(f"setup.{name}"))
                    yield Input(id=name, placeholder=t(f"setup.{name}_placeholder"))
            with Horizontal(classes="row"):
                yield Label(t("setup.passphrase"))
                yield Input(password=True, id="passphrase")
            yield Static(id="strength")
            with Horizontal(classes="row"):
                yield Label(t("setup.repeat"))
                yield Input(password=True, id="repeat")
            with Horizontal(classes="row"):
                yield Label(t("setup.hr_recipient"))
                yield Input(id="hr", placeholder="age1…")
            yield Static(t("setup.hr_hint"), classes="hint")
            yield Static(id="setup-error", classes="dialog-error")
            yield LoadingIndicator(id="creating")
            with Horizontal(classes="row"):
                yield Button(t("setup.create"), id="create", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#creating").display = False
        self.query_one("#name", Input).focus()
        self.show_strength()

    @on(Input.Changed, "#passphrase, #name")
    def show_strength(self) -> None:
        passphrase = self.query_one("#passphrase", Input).value
        name = self.query_one("#name", Input).value
        text, _ = strength_text(passphrase, name.split())
        self.query_one("#strength", Static).update(text)

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def create(self) -> None:
        values = {
            n: self.query_one(f"#{n}", Input).value
            for n in ("name", "unit", "nip", "passphrase", "repeat", "hr")
        }
        _, acceptable = strength_text(values["passphrase"], values["name"].split())
        problem = None
        if not values["name"].strip():
            problem = "setup.error.name"
        elif not acceptable:
            problem = "setup.error.weak"
        elif values["passphrase"] != values["repeat"]:
            problem = "setup.error.repeat"
        elif values["hr"].strip() and not self.services.valid_recipient(values["hr"].strip()):
            problem = "setup.error.hr"
        if problem:
            self.query_one("#setup-error", Static).update(t(problem))
            return
        self.query_one("#setup-error", Static).update("")
        self.query_one("#create", Button).disabled = True
        self.query_one("#creating").display = True
        coach = Coach(
            new_id(), values["name"].strip(), values["unit"].strip(), values["nip"].strip()
        )
        self.build(coach, values["passphrase"], values["hr"].strip())

    @work(thread=True, group="setup", exclusive=True, exit_on_error=False)
    def build(self, coach: Coach, passphrase: str, hr_recipient: str) -> None:
        """Create the keys (slow: scrypt), save the profile and settings."""
        try:
            self.services.create_keys(passphrase)
            self.services.save_profile(coach)
            if hr_recipient:
                self.services.settings.hr_recipient = hr_recipient
            self.services.save_settings()
        except OSError as exc:
            self.post_message(UnlockFailed("setup.error.write", exc.strerror or ""))
        else:
            self.post_message(Unlocked())

    def on_unlocked(self) -> None:
        self.dismiss(True)

    def on_unlock_failed(self, event: UnlockFailed) -> None:
        self.query_one("#creating").display = False
        self.query_one("#create", Button).disabled = False
        self.query_one("#setup-error", Static).update(t(event.reason, error=event.detail))
