"""Unlock (at start, and after the idle lock): the passphrase opens the coach's keys."""

from __future__ import annotations

from sitante_tui.crypto import coach_keys
from sitante_tui.crypto.age_errors import AgeError, WrongPassphrase
from sitante_tui.i18n import t
from sitante_tui.services import Services
from sitante_tui.ui.screens.passphrase_screen import PassphraseRefused, PassphraseScreen


class UnlockScreen(PassphraseScreen[bool]):
    """Asks for the coach's passphrase until it is right; dismisses with True once unlocked."""

    DEFAULT_CSS = "UnlockScreen #passphrase-box { width: 64; }"

    def __init__(self, services: Services, *, locked: bool = False) -> None:
        demo = services.demo_passphrase
        super().__init__(
            title=t("unlock.locked_title" if locked else "unlock.title"),
            lines=[t("unlock.prompt")],
            placeholder=t("unlock.placeholder"),
            deriving=t("unlock.deriving"),
            demo_hint=t("unlock.demo_hint", passphrase=demo) if demo else "",
        )
        self.services = services
        self.locked = locked

    def on_mount(self) -> None:
        if not self.services.has_keys:  # data without its key: say so before the first try
            key_file = str(self.services.workspace.coach_key_file)
            self._show(t("unlock.missing", path=key_file), error=True)

    def open_with(self, passphrase: str) -> bool:
        key_file = str(self.services.workspace.coach_key_file)
        try:
            self.services.unlock(passphrase)
        except WrongPassphrase:
            raise PassphraseRefused("unlock.wrong") from None
        except coach_keys.MissingKeyFile:
            raise PassphraseRefused("unlock.missing", path=key_file) from None
        except AgeError:
            raise PassphraseRefused("unlock.damaged", path=key_file) from None
        except OSError as exc:
            raise PassphraseRefused("unlock.unreadable", error=exc.strerror or "") from None
        return True
