"""Unlock HR's identity (at start, and after the idle lock) with its passphrase."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from sitante_tui.domain.errors import ExplainedError
from sitante_tui.i18n import t
from sitante_tui.ui.screens.hr_base import HrDesk, HrUnlocker
from sitante_tui.ui.screens.passphrase_screen import PassphraseRefused, PassphraseScreen


class HrUnlockScreen(PassphraseScreen[HrDesk | None]):
    """Asks for HR's passphrase until it is right; dismisses with the unlocked desk."""

    BINDINGS = [Binding("escape", "quit", t("hr.app.key.quit"))]

    def __init__(
        self,
        unlocker: HrUnlocker,
        *,
        identity_file: Path,
        shared_dir: Path,
        locked: bool = False,
        demo_passphrase: str | None = None,
    ) -> None:
        super().__init__(
            title=t("hr.app.locked_title" if locked else "hr.dashboard.unlock"),
            lines=[
                t("hr.app.identity_file", path=identity_file),
                t("hr.app.shared_folder", path=shared_dir),
            ],
            placeholder=t("hr.app.passphrase"),
            deriving=t("hr.app.deriving"),
            demo_hint=t("hr.app.demo_hint", passphrase=demo_passphrase) if demo_passphrase else "",
        )
        self.unlocker = unlocker
        self.locked = locked

    def open_with(self, passphrase: str) -> HrDesk:
        try:
            return self.unlocker(passphrase)
        except OSError as exc:
            raise PassphraseRefused("hr.app.unreadable", error=exc.strerror or exc) from None
        except ExplainedError as exc:  # wrong passphrase, missing or foreign identity file
            raise PassphraseRefused(exc.message_key, **exc.params) from None
        except Exception as exc:  # anything else is said, never left as a spinning screen
            raise PassphraseRefused("hr.app.unlock_failed", error=type(exc).__name__) from None

    def action_quit(self) -> None:
        self.app.exit()
