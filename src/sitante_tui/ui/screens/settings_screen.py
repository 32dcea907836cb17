"""Settings: language, idle lock, autosave, folders, HR key, audio and the passphrase."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from sitante_tui.crypto.age_errors import WrongPassphrase
from sitante_tui.i18n import LANGUAGES, set_language, t
from sitante_tui.services.audio_problems import RecordingProblem
from sitante_tui.settings import TRANSCRIPTION_MODES, SettingsError
from sitante_tui.ui.messages import Unlocked, UnlockFailed
from sitante_tui.ui.screens.base import SitanteScreen
from sitante_tui.ui.screens.setup_screen import strength_text


class SettingsScreen(SitanteScreen):
    """Edits the settings; ctrl+s saves them (they hold no personal data)."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save"), priority=True),
        Binding("escape", "app.pop_screen", t("key.back")),
    ]

    def compose(self) -> ComposeResult:
        s = self.services.settings
        yield Static(t("settings.title"), id="screen-title")
        with VerticalScroll(id="settings-form"):
            with Horizontal(classes="row"):
                yield Label(t("settings.language"))
                yield Select(
                    [(t(f"language.{code}"), code) for code in LANGUAGES],
                    value=s.language,
                    allow_blank=False,
                    id="language",
                )
            for name, value in (
                ("idle_lock_minutes", s.idle_lock_minutes),
                ("autosave_seconds", s.autosave_seconds),
            ):
                with Horizontal(classes="row"):
                    yield Label(t(f"settings.{name}"))
                    yield Input(str(value), id=name, type="integer")
            for name, value in (
                ("prompts_dir", s.prompts_dir),
                ("shared_dir", s.shared_dir),
                ("hr_recipient", s.hr_recipient),
                ("whisper_model", s.whisper_model),
            ):
                with Horizontal(classes="row"):
                    yield Label(t(f"settings.{name}"))
                    yield Input(
                        str(value or ""), id=name, placeholder=t(f"settings.{name}_placeholder")
                    )
            with Horizontal(classes="row"):
                yield Label(t("settings.audio_device"))
                try:
                    devices, problem = self.services.input_device_names(), ""
                except RecordingProblem as exc:  # PortAudio missing: say so, keep the setting
                    devices, problem = [], exc.message
                options = [(t("settings.default_device"), "")] + [(d, d) for d in devices]
                if s.audio_device and s.audio_device not in devices:
                    # A microphone that is unplugged now stays chosen until the coach changes it.
                    options.append(
                        (t("settings.device_absent", device=s.audio_device), s.audio_device)
                    )
                current = s.audio_device or ""
                yield Select(options, value=current, allow_blank=False, id="audio_device")
            if problem:
                yield Static(problem, id="audio-problem", classes="hint")
            with Horizontal(classes="row"):
                yield Label(t("settings.transcription_mode"))
                yield Select(
                    [(t(f"settings.mode.{m}"), m) for m in TRANSCRIPTION_MODES],
                    value=s.transcription_mode,
                    allow_blank=False,
                    id="transcription_mode",
                )
            yield Checkbox(
                t("settings.trust_custom_model"), s.trust_custom_model, id="trust_custom_model"
            )
            yield Static(id="settings-error", classes="dialog-error")
            with Horizontal(classes="row"):
                yield Button(t("button.save"), id="save", variant="primary")
            yield Static(t("settings.passphrase_title"), classes="section-title")
            for name in ("old", "new", "repeat"):
                with Horizontal(classes="row"):
                    yield Label(t(f"settings.passphrase_{name}"))
                    yield Input(password=True, id=f"pass-{name}")
            yield Static(id="strength", classes="hint")
            with Horizontal(classes="row"):
                yield Button(t("settings.change_passphrase"), id="change-passphrase")
            yield Static(id="passphrase-status", classes="status")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "change-passphrase":
            self.change_passphrase()

    def action_save(self) -> None:
        settings = self.services.settings
        values = {
            name: self.query_one(f"#{name}", Input).value.strip()
            for name in (
                "idle_lock_minutes",
                "autosave_seconds",
                "prompts_dir",
                "shared_dir",
                "hr_recipient",
                "whisper_model",
            )
        }
        error = self.query_one("#settings-error", Static)
        if values["hr_recipient"] and not self.services.valid_recipient(values["hr_recipient"]):
            error.update(t("setup.error.hr"))
            return
        previous = vars(settings).copy()
        try:
            settings.language = str(self.query_one("#language", Select).value)
            settings.idle_lock_minutes = int(values["idle_lock_minutes"] or 10)
            settings.autosave_seconds = int(values["autosave_seconds"] or 3)
            for name in ("prompts_dir", "shared_dir", "whisper_model"):
                setattr(settings, name, Path(values[name]).expanduser() if values[name] else None)
            settings.hr_recipient = values["hr_recipient"] or None
            settings.audio_device = str(self.query_one("#audio_device", Select).value) or None
            settings.transcription_mode = str(self.query_one("#transcription_mode", Select).value)
            settings.trust_custom_model = self.query_one("#trust_custom_model", Checkbox).value
            settings.validate()
        except (SettingsError, ValueError) as exc:
            vars(settings).update(previous)
            error.update(t("settings.invalid", detail=str(exc)))
            return
        self.services.save_settings()
        set_language(settings.language)
        error.update("")
        self.notify(t("settings.saved"))

    @on(Input.Changed, "#pass-new")
    def show_strength(self, event: Input.Changed) -> None:
        text, _ = strength_text(event.value, [])
        self.query_one("#strength", Static).update(text)

    def change_passphrase(self) -> None:
        old, new, repeat = (
            self.query_one(f"#pass-{n}", Input).value for n in ("old", "new", "repeat")
        )
        status = self.query_one("#passphrase-status", Static)
        _, acceptable = strength_text(new, [])
        if not acceptable:
            status.update(t("setup.error.weak"))
        elif new != repeat:
            status.update(t("setup.error.repeat"))
        else:
            status.update(t("unlock.deriving"))
            self.rewrite_key_file(old, new)

    @work(thread=True, group="passphrase", exclusive=True, exit_on_error=False)
    def rewrite_key_file(self, old: str, new: str) -> None:
        """Re-encrypt only the key file (slow: two key derivations)."""
        try:
            self.services.change_passphrase(old, new)
        except WrongPassphrase:
            self.post_message(UnlockFailed("unlock.wrong"))
        except OSError as exc:
            self.post_message(UnlockFailed("setup.error.write", exc.strerror or ""))
        else:
            self.post_message(Unlocked())

    def on_unlocked(self) -> None:
        for name in ("old", "new", "repeat"):
            self.query_one(f"#pass-{name}", Input).value = ""
        self.query_one("#passphrase-status", Static).update(t("settings.passphrase_changed"))

    def on_unlock_failed(self, event: UnlockFailed) -> None:
        self.query_one("#passphrase-status", Static).update(
            t(event.reason, error=event.detail, n=1)
        )
