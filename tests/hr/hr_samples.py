"""Sample data for the HR tests: summaries that look like real sessions, key publishing."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sitante_tui.domain.hr_summary import ActionPlanRow, SessionSummary
from sitante_tui.store.shared_store import CoachPublicKey, SharedStore

if TYPE_CHECKING:
    from sitante_tui.crypto.coach_keys import CoachKeys

_counter = itertools.count(1)


def make_summary(**overrides: Any) -> SessionSummary:
    """A valid summary of a 50-minute GROW session; any field can be overridden."""
    held_on = overrides.pop("held_on", date(2026, 3, 2))
    fields: dict[str, Any] = {
        "session_id": f"s-{uuid.uuid4().hex[:8]}",
        "coach_id": "coach-1",
        "coach_name": "Dwinta Pratiwi",
        "coachee_id": f"c-{next(_counter)}",
        "coachee_name": "Ni Ketut Mustiani",
        "coachee_unit": "Seksi Diklat",
        "coachee_position": "Widyaiswara",
        "coachee_nip": None,
        "engagement_id": "e-1",
        "kind": "coaching",
        "form": "one_on_one",
        "engagement_started_on": min(held_on, date(2026, 3, 1)),
        "session_number": 1,
        "held_on": held_on,
        "started_at": datetime.combine(held_on, datetime.min.time()) + timedelta(hours=9),
        "duration_minutes": 50.0,
        "delivery_mode": "face_to_face",
        "agenda_topic": "Menentukan prioritas pekerjaan",
        "stage_durations": {"goal": 600.0, "reality": 900.0, "options": 700.0, "will": 800.0},
        "self_rating": 5,
        "action_plan": (
            ActionPlanRow(
                "Susun daftar prioritas mingguan",
                when="2026-03-09",
                who="Atasan langsung",
                resources="Kalender kantor",
                expected_result="Daftar prioritas disetujui",
                due_on=date(2026, 3, 9),
            ),
        ),
        "options_count": 3,
        "next_session_on": held_on + timedelta(days=14),
        "reflection": "Saya lebih jelas tentang langkah berikutnya.",
        "coach_rating": 5,
    }
    fields.update(overrides)
    return SessionSummary(**fields)


def publish(store: SharedStore, keys: CoachKeys, name: str = "Dwinta Pratiwi") -> CoachPublicKey:
    """Publish a coach's public keys the way the coach app does."""
    key = CoachPublicKey(keys.key_id, keys.recipient, keys.verify_key_bytes, name)
    store.publish_coach_key(key)
    return key
