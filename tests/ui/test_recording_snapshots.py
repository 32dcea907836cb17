"""Snapshots of the session screen while recording, at 100×32 and 80×24 (the bar must fit).

The recorder's readings are frozen through the services seam (a live level never repeats).
Update after a deliberate change with
``uv run pytest tests/ui/test_recording_snapshots.py --snapshot-update`` and look at the report.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from ui_support import session_at, settle

from sitante_tui.services import Services
from sitante_tui.services.recording_service import RecordingStatus
from sitante_tui.ui.app import SitanteApp

SIZES = [pytest.param((100, 32), id="100x32"), pytest.param((80, 24), id="80x24")]


@pytest.mark.parametrize("size", SIZES)
class TestRecordingBar:
    """Ayu's session at the Reality step, recorded for 12:34, speech at -14 dBFS, draft shown."""

    def test_recording_with_live_draft(self, snap_compare, demo_services: Services, size) -> None:
        status = RecordingStatus("recording", 754.0, -14.0, "reality", live=True)
        demo_services.audio.status = lambda session_id: status  # type: ignore[method-assign]

        async def open_step(pilot: Pilot[None]) -> None:
            await settle(pilot)
            session_at(pilot.app, "e-ayu", "reality")
            await settle(pilot)
            pane = pilot.app.screen.query_one("#transcript-pane")
            pane.add(
                [
                    ("reality", "Sejauh ini saya sudah mencoba dua kali presentasi."),
                    ("reality", "Yang paling sulit adalah memulai."),
                ]
            )
            pane.toggle()
            await settle(pilot)

        assert snap_compare(SitanteApp(demo_services), terminal_size=size, run_before=open_step)
