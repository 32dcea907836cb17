"""Data-subject requests (UU 27/2022): export one coachee's data, or erase it completely.

The export is a readable ZIP at a path the coach chooses (plaintext, by the coachee's right to
their data). Erasure removes every record of the coachee; only an erasure record without personal
data remains, keeping the consent answers (when and what was answered) as the law expects.
"""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

from sitante_tui.domain.codec import to_data
from sitante_tui.domain.models import Coachee, Engagement, Session, new_id
from sitante_tui.domain.roster import Roster
from sitante_tui.store.records import Records
from sitante_tui.store.vault import DamagedFile, NotStored, Vault, atomic_file

ERASURES = "data/erasures"


def coachee_sessions(roster: Roster, coachee_id: str) -> list[tuple[Engagement, Session]]:
    """Every session the coachee took part in, with its engagement."""
    return [
        (engagement, session)
        for engagement in roster.engagements_of(coachee_id)
        for session in roster.sessions_of(engagement.id)
    ]


def session_as_text(session: Session, coachee_id: str, names: dict[str, str]) -> str:
    """One session as plain text for the export (only this coachee's part of a group)."""
    participant = session.participant(coachee_id)
    lines = [
        f"# Sesi {session.number} — {session.held_on or ''}",
        f"Cara: {session.delivery.value} · Jenis: {session.template.value}",
        f"Agenda: {participant.agenda}",
    ]
    if participant.check_in:
        lines.append(f"Check-in: {participant.check_in.score}/10 {participant.check_in.word}")
    for event in session.consent.events:
        lines.append(f"Izin rekaman: {event.answer.value} ({event.at:%Y-%m-%d %H:%M})")
    for step, notes in session.notes.items():
        if notes.strip():
            lines += ["", f"## {step}", notes]
    if session.options:
        lines += ["", "## options", *(f"- {o}" for o in session.options)]
    if participant.reality_rating:
        lines.append(f"Reality: {participant.reality_rating}/10")
    if participant.action_plan:
        lines += ["", "## action plan"]
        for item in participant.action_plan:
            lines.append(
                f"- {item.action} | {item.when} | {item.who} | {item.resources} | "
                f"{item.expected_result}"
            )
    if participant.reflection:
        lines += ["", "## refleksi", participant.reflection]
    if participant.coach_rating:
        lines.append(f"Penilaian coach: {participant.coach_rating}/5")
    others = [
        names.get(p.coachee_id, "") for p in session.participants if p.coachee_id != coachee_id
    ]
    if others:
        lines.append(f"Sesi kelompok bersama: {', '.join(others)}")
    return "\n".join(lines) + "\n"


def export_coachee(
    roster: Roster,
    vault: Vault,
    coachee_id: str,
    path: Path,
    *,
    extra_files: dict[str, bytes] | None = None,
) -> Path:
    """Write the coachee's bundle (``.zip``) to ``path``: JSON records plus readable text."""
    coachee = roster.coachees[coachee_id]
    names = {c.id: c.name for c in roster.coachees.values()}
    pairs = coachee_sessions(roster, coachee_id)
    record = {
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "coachee": to_data(coachee),
        "engagements": [to_data(e) for e in {e.id: e for e, _ in pairs}.values()]
        or [to_data(e) for e in roster.engagements_of(coachee_id)],
        "sessions": [to_data(s) for _, s in pairs],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("coachee.json", json.dumps(record, ensure_ascii=False, indent=2))
        for _, session in pairs:
            bundle.writestr(
                f"sesi-{session.number:02d}.txt", session_as_text(session, coachee_id, names)
            )
            if session.photo_evidence:
                with contextlib.suppress(DamagedFile, NotStored):
                    photo = vault.read(session.photo_evidence)
                    bundle.writestr(f"sesi-{session.number:02d}-foto.json", photo)
        for name, data in (extra_files or {}).items():
            bundle.writestr(name, data)
    if path.suffix.lower() != ".zip":
        path = path.with_suffix(".zip")
    with atomic_file(path) as handle:
        handle.write(buffer.getvalue())
    return path


def erase_coachee(roster: Roster, records: Records, coachee_id: str, *, now: datetime) -> list[str]:
    """Remove the coachee everywhere; returns the ids of sessions whose files must also go.

    One-on-one engagements are deleted with all their sessions; in a group the coachee's part is
    removed and the others keep theirs. The erasure record keeps only consent answers and dates.
    """
    vault = records.vault
    erased_sessions: list[str] = []
    consents = []
    for engagement in roster.engagements_of(coachee_id):
        for session in roster.sessions_of(engagement.id):
            participant = session.participant(coachee_id)
            consents.append(
                {
                    "session_number": session.number,
                    "held_on": session.held_on.isoformat() if session.held_on else None,
                    "consent": to_data(session.consent)["events"],
                }
            )
            if len(engagement.coachee_ids) == 1:
                records.delete(session)
                if session.photo_evidence:
                    vault.delete(session.photo_evidence)
                del roster.sessions[session.id]
                erased_sessions.append(session.id)
            else:
                session.participants.remove(participant)
                records.save(session)
        if len(engagement.coachee_ids) == 1:
            records.delete(engagement)
            del roster.engagements[engagement.id]
        else:
            engagement.coachee_ids.remove(coachee_id)
            engagement.agendas.pop(coachee_id, None)
            records.save(engagement)
    coachee: Coachee = roster.coachees.pop(coachee_id)
    records.delete(coachee)
    vault.write_json(
        f"{ERASURES}/{new_id()}",
        {"erased_at": now.isoformat(timespec="seconds"), "consent_records": consents},
    )
    return erased_sessions
