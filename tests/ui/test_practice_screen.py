"""A whole practice round by key presses: choose, question the coachee, get feedback, finish."""

from __future__ import annotations

import io
from datetime import timedelta

from rich.console import Console
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static
from ui_support import NOW, settle

from sitante_tui.domain.models import AskedQuestion
from sitante_tui.domain.practice import GROW_ROUND
from sitante_tui.domain.question_analysis import GrowStage
from sitante_tui.services import Services
from sitante_tui.services.practice_rounds import FOLDER, load_rounds
from sitante_tui.ui.app import SitanteApp
from sitante_tui.ui.dialogs.confirm_dialog import ConfirmScreen
from sitante_tui.ui.screens.practice_screen import PracticeScreen
from sitante_tui.ui.widgets.practice_log import PracticeLog

GOOD = {
    GrowStage.GOAL: ["Apa yang ingin Anda capai?", "Seperti apa keberhasilan itu bagi Anda?"],
    GrowStage.REALITY: ["Apa yang sedang terjadi saat ini?", "Apa kendala terbesar saat ini?"],
    GrowStage.OPTIONS: ["Apa saja pilihan yang Anda lihat?", "Apa lagi yang bisa Anda lakukan?"],
    GrowStage.WILL: ["Apa langkah pertama yang akan Anda ambil?", "Kapan Anda akan mulai?"],
}
ADVICE = "Sebaiknya Anda latihan di depan cermin saja."


async def ask(pilot: Pilot[None], question: str, *, typed: bool = False) -> None:
    """Type (or paste, as a terminal delivers a paste: faster) a question and press enter."""
    if typed:
        await pilot.press(*question)
    else:
        focused = pilot.app.focused
        assert focused is not None
        focused.post_message(events.Paste(question))
    await pilot.press("enter")
    await pilot.pause()


def text_of(screen: PracticeScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def log_entries(screen: PracticeScreen, kind: str) -> list[str]:
    return [str(s.content) for s in screen.query_one(PracticeLog).query(f"Static.{kind}")]


def feedback(screen: PracticeScreen, *, warn: bool = False) -> list[str]:
    log = screen.query_one(PracticeLog)
    texts = log.feedback()
    warned = [entry.has_class("-warn") for entry in log.query(".-feedback")]
    return [text for text, w in zip(texts, warned, strict=True) if w or not warn]


async def test_a_whole_grow_round_by_keyboard(demo_services: Services) -> None:
    app = SitanteApp(demo_services, start="practice")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert "Belum cukup putaran" in text_of(screen, "#progress-text")

        # The second scenario, then "a whole GROW round" (the first choice of the stage list).
        await pilot.press("down", "enter")
        await pilot.press("enter")
        await settle(pilot)
        practice = screen.practice
        assert practice is not None and screen.view == "round"
        assert practice.scenario.key == "public-speaking" and practice.stages == GROW_ROUND
        assert "I Made Sudarma" in text_of(screen, "#practice-brief")
        assert "0 dari 2 pertanyaan baik" in text_of(screen, "#practice-stage")

        for stage in GROW_ROUND:
            assert practice.current_stage is stage
            await ask(pilot, GOOD[stage][0], typed=stage is GrowStage.GOAL)
            if stage is GrowStage.OPTIONS:
                # Advice gets a polite, passive reply and a kind tip that says why.
                await ask(pilot, ADVICE)
                verdict = feedback(screen, warn=True)[-1]
                assert "memberi saran" in verdict
                assert '"Sebaiknya" menawarkan solusi Anda sendiri' in verdict
                assert practice.current_stage is GrowStage.OPTIONS
            await ask(pilot, GOOD[stage][1])
            verdict = feedback(screen)[-1]
            assert verdict.startswith("✓") and "terbuka" in verdict
        assert practice.finished
        assert "Putaran selesai" in log_entries(screen, "-event")[-1]
        assert len(log_entries(screen, "-you")) == 9

        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert screen.view == "result"
        summary = text_of(screen, "#practice-summary")
        assert "Skor: 93/100" in summary
        assert "Pertanyaan: 9" in summary and "Pertanyaan terbuka: 89%" in summary
        assert "Options (Pilihan): 3 pertanyaan, 2 terbuka (tujuan tercapai)" in summary
        assert "Catatan: memberi saran ×1" in summary
        assert "1 putaran, rata-rata 93.0" in text_of(screen, "#progress-text")

        # Saved encrypted: an age file with none of the questions in clear.
        vault = demo_services.vault
        assert vault is not None
        (relpath,) = vault.list(FOLDER)
        raw = vault.path(relpath).read_bytes()
        assert raw.startswith(b"age-encryption.org/v1\n")
        assert b"Sebaiknya" not in raw and b"cermin" not in raw

        # The next round, half an hour later: the progress already counts the first round.
        demo_services.now = lambda: NOW + timedelta(minutes=30)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.view == "choice"
        assert "1 putaran" in text_of(screen, "#progress-text")
        await pilot.press("enter", "down", "enter")  # same scenario, Goal only
        await settle(pilot)
        assert screen.practice is not practice and screen.practice is not None
        assert screen.practice.stages == (GrowStage.GOAL,)
        await ask(pilot, "Apakah Anda siap?")
        assert "tertutup" in feedback(screen, warn=True)[-1]
        await pilot.press("escape")  # a round is running: asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep practising
        await settle(pilot)
        assert app.screen is screen and screen.view == "round"
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "2 putaran" in text_of(screen, "#progress-text")

    # Loaded back from the vault, as the next run of the app would.
    past = load_rounds(demo_services)
    assert [r.summary.score for r in past.rounds] == [93, 0] and not past.damaged
    restored = past.rounds[0].restore([practice.scenario])
    assert restored is not None and restored.turns == practice.turns


async def test_questioning_feedback_in_session_history(demo_services: Services) -> None:
    app = SitanteApp(demo_services)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        engagement = app.roster.engagements_of("gede")[0]
        session = app.roster.sessions_of(engagement.id)[-1]
        session.notes["goal"] = (
            "T: Apa yang ingin Bapak capai?\nJ: Pindah ke JFT.\nT: Apakah itu realistis?\nJ: Ya."
        )
        session.asked_questions.append(AskedQuestion("goal", "Apa yang ingin Bapak capai?"))
        session.asked_questions.append(AskedQuestion("options", "Sebaiknya ikut diklat saja."))
        app.show_history("gede")
        await settle(pilot)
        console = Console(width=96, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#detail", Static).content)
        detail = console.export_text()

    section = detail[detail.index("Umpan balik bertanya") :]
    assert "Hanya untuk Anda" in section  # private: never part of the HR summary
    assert "Pertanyaan: 3" in section and "Pertanyaan terbuka: 33%" in section
    assert "Goal (Tujuan): 2 pertanyaan, 1 terbuka" in section
    assert "Options (Pilihan): 1 pertanyaan, 0 terbuka" in section
    assert "Catatan: memberi saran ×1" in section
    assert "• Sebaiknya ikut diklat saja." in section
    assert '"Sebaiknya" menawarkan solusi Anda sendiri' in section
