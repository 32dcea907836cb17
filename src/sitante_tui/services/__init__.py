"""The one seam where real services are built and handed to the app.

The UI receives a :class:`Services` object; tests build one over a temporary workspace (or hand
in fakes for what cannot exist on a CI machine). Everything here is headless: no Textual.
"""

from __future__ import annotations

import errno
import threading
import time
from base64 import b64encode
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sitante_tui.crypto import coach_keys
from sitante_tui.crypto.age_errors import AgeError
from sitante_tui.crypto.age_keys import parse_recipient
from sitante_tui.domain.models import Coach, Coachee, Engagement, Session
from sitante_tui.domain.roster import Roster
from sitante_tui.domain.session_edits import record_late_review
from sitante_tui.domain.session_flow import SessionFlow
from sitante_tui.i18n import t
from sitante_tui.paths import Workspace, bundled_dir

if TYPE_CHECKING:
    from sitante_tui.domain.prompt_library import PromptLibrary
    from sitante_tui.services.hr_link import HrLink
    from sitante_tui.services.recording_service import SessionAudio, StopSummary
from sitante_tui.settings import Settings, load_settings, save_settings
from sitante_tui.store.records import Records
from sitante_tui.store.vault import DiskFull, Vault


class KeyFileMissing(Exception):
    """The workspace has no coach key yet: the first-run setup creates it."""


@dataclass(frozen=True)
class SaveSnapshot:
    """Serialised records to write; ``seq`` orders snapshots so an older one never wins."""

    seq: int
    files: tuple[tuple[str, bytes], ...]


@dataclass
class Services:
    """Everything the app talks to, built once per run.

    Args:
        workspace: the workspace folder layout.
        settings: the loaded settings.
        clock: monotonic clock for the session timers.
        now: wall clock for timestamps.
        today: the calendar day (for programme rules).
        demo_passphrase: set for ``sitante demo``: shown on screen, used to auto-unlock.
    """

    workspace: Workspace
    settings: Settings
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = field(default=lambda: datetime.now().replace(microsecond=0))
    today: Callable[[], date] = date.today
    demo_passphrase: str | None = None
    keys: coach_keys.CoachKeys | None = None
    vault: Vault | None = None
    profile_name: str = ""
    _snapshot_seq: int = 0
    _written_seq: int = 0
    _write_lock: threading.Lock = field(default_factory=threading.Lock)

    # -- content ------------------------------------------------------------------------------

    @cached_property
    def prompts(self) -> PromptLibrary:
        """The question bank and scripts (bundled, overridden by the user's prompts folder)."""
        from sitante_tui.domain.prompt_library import load_prompt_library

        return load_prompt_library(bundled_dir("prompts"), self.settings.prompts_dir)

    # -- keys and the vault -------------------------------------------------------------------

    @property
    def has_keys(self) -> bool:
        """Whether the coach's key file exists (else: first-run setup)."""
        return self.workspace.coach_key_file.is_file()

    @property
    def has_data(self) -> bool:
        """Whether the workspace already holds encrypted records, audio, transcripts or summaries.

        Without the key file such a workspace is *not* a first run: new keys could never open
        the old data, so the coach is asked to restore the key file instead.
        """
        ws = self.workspace
        folders = (ws.data_dir, ws.audio_dir, ws.transcripts_dir, ws.outbox_dir)
        return any(next(folder.rglob("*.age"), None) for folder in folders if folder.is_dir())

    @property
    def unlocked(self) -> bool:
        """Whether the workspace can be read."""
        return self.vault is not None and self.vault.unlocked

    def create_keys(self, passphrase: str, work_factor: int | None = None) -> None:
        """First run: create the coach's keys, protected by ``passphrase``. Slow (scrypt)."""
        keys = coach_keys.create_coach_keys()
        coach_keys.write_key_file(
            self.workspace.coach_key_file,
            keys,
            passphrase,
            work_factor=work_factor or self.settings.scrypt_work_factor,
        )
        self._open(keys)

    def unlock(self, passphrase: str) -> None:
        """Derive the key from ``passphrase`` (slow, run it in a worker) and open the vault.

        Raises ``coach_keys.WrongPassphrase`` (or ``MissingKeyFile``) for the UI to translate.
        """
        self._open(coach_keys.read_key_file(self.workspace.coach_key_file, passphrase))

    def _open(self, keys: coach_keys.CoachKeys) -> None:
        self.keys = keys
        if self.vault is None:
            self.vault = Vault(self.workspace.root, [keys.recipient])
        self.vault.unlock([keys.identity])

    def lock(self) -> None:
        """Forget the identity. Saving goes on: it needs only the public recipient."""
        if self.vault is not None:
            self.vault.lock()

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-encrypt the key file with a new passphrase (only that file changes)."""
        coach_keys.change_passphrase(
            self.workspace.coach_key_file, old, new, work_factor=self.settings.scrypt_work_factor
        )

    # -- records ------------------------------------------------------------------------------

    @property
    def records(self) -> Records:
        """The coach's records, through the vault."""
        if self.vault is None:
            raise KeyFileMissing(str(self.workspace.coach_key_file))
        return Records(self.vault)

    def load_roster(self) -> Roster:
        """Decrypt and load the whole workspace (bad files are listed, not fatal)."""
        roster = self.records.load()
        self.profile_name = roster.profile.name if roster.profile else ""
        return roster

    # -- HR -----------------------------------------------------------------------------------

    @cached_property
    def hr(self) -> HrLink:
        """Sealed summaries for HR: the outbox and its sync."""
        from sitante_tui.services.hr_link import HrLink

        return HrLink(self)

    def pending_summaries(self) -> int:
        """How many sealed summaries wait to be sent to the shared folder."""
        if not self.workspace.outbox_dir.is_dir():  # nothing ever queued: skip loading HR code
            return 0
        return self.hr.pending()

    def finish_session(self, flow: SessionFlow, roster: Roster) -> str:
        """Seal the closed session's summaries for HR and queue them; the notice to show."""
        closing = self.hr.finish(flow, roster)
        notice = t(
            "close.sealed" if closing.sealed_for_hr else "close.sealed_coach_only", n=closing.queued
        )
        if closing.photo_problem:
            notice += " " + t(f"close.{closing.photo_problem}")
        return notice

    def save_profile(self, coach: Coach) -> None:
        """The workspace owner's profile."""
        self.records.save_profile(coach)

    def flow_for(self, session: Session, engagement: Engagement, roster: Roster) -> SessionFlow:
        """A session flow wired to this run's clocks and the engagement's history."""
        return SessionFlow(
            session,
            engagement,
            history=roster.history(engagement.id, before=session),
            clock=self.clock,
            now=self.now,
        )

    def snapshot_session(self, flow: SessionFlow) -> SaveSnapshot:
        """The session and its engagement, serialised now (on the UI thread, no disk I/O)."""
        flow.timer.commit()
        self._snapshot_seq += 1
        records = self.records
        files = (records.payload(flow.session), records.payload(flow.engagement))
        return SaveSnapshot(self._snapshot_seq, files)

    def write_snapshot(self, snapshot: SaveSnapshot) -> tuple[bool, str]:
        """Encrypt and write a snapshot (in a worker); never lets an older one win.

        Returns ``(ok, reason)``: on a full disk the previous files stay intact.
        """
        assert self.vault is not None
        with self._write_lock:
            if snapshot.seq <= self._written_seq:
                return True, ""
            try:
                for relpath, data in snapshot.files:
                    self.vault.write(relpath, data)
            except DiskFull:
                return False, "disk_full"
            except OSError:
                return False, "write_failed"
            self._written_seq = snapshot.seq
            return True, ""

    def record_late_review(
        self, session: Session, coachee_id: str, reflection: str, rating: int | None, change: bool
    ) -> None:
        """Store the reflection and rating a coachee gave after the session."""
        record_late_review(
            session,
            coachee_id,
            reflection=reflection,
            coach_rating=rating,
            coach_change_requested=change,
        )
        self.records.save(session)

    # -- photo evidence -----------------------------------------------------------------------

    def attach_photo(self, flow: SessionFlow, path: Path) -> str:
        """Store a photo of the session (encrypted) with the form; returns the message to show."""
        from sitante_tui.crypto.summary_seal import (
            PHOTO_MAX_BYTES,
            PhotoTooLarge,
            UnsupportedPhoto,
            sniff_photo,
        )

        try:
            size = path.stat().st_size
            if size > PHOTO_MAX_BYTES:
                raise PhotoTooLarge(size)
            data = path.read_bytes()
            media_type = sniff_photo(data)
        except PhotoTooLarge:
            return t("photo.too_large", limit=PHOTO_MAX_BYTES // (1024 * 1024))
        except UnsupportedPhoto:
            return t("photo.unsupported")
        except OSError as exc:
            return t("photo.unreadable", error=exc.strerror or type(exc).__name__)
        relpath = f"data/evidence/{flow.session.id}"
        record = {"filename": path.name, "media_type": media_type, "data": b64encode(data).decode()}
        self.vault_required().write_json(relpath, record)
        flow.set_photo_evidence(relpath)
        return t("photo.attached", name=path.name, kb=max(1, size // 1024))

    def vault_required(self) -> Vault:
        """The vault (after first run or unlock)."""
        if self.vault is None:
            raise KeyFileMissing(str(self.workspace.coach_key_file))
        return self.vault

    # -- calendar and exports -----------------------------------------------------------------

    def default_export_dir(self) -> Path:
        """Where exports go by default: the user's Downloads (outside the workspace)."""
        from platformdirs import user_downloads_path

        return user_downloads_path()

    def ics_filename(self, flow: SessionFlow) -> str:
        """A file name for the next session's calendar entry."""
        return f"sitante-sesi-{flow.session.number + 1}.ics"

    def export_ics(self, flow: SessionFlow, roster: Roster, path: Path) -> Path:
        """Write the next session as an ``.ics`` file (plaintext, at a path the coach chose)."""
        from sitante_tui.domain.calendar_export import session_event

        session = flow.session
        if session.next_session_on is None:
            raise OSError(errno.EINVAL, t("export.no_next_date"))
        names = ", ".join(roster.coachees[p.coachee_id].name for p in session.participants)
        plan = "\n".join(
            f"- {item.action} ({item.when})" for p in session.participants for item in p.action_plan
        )
        text = session_event(
            uid=f"{session.id}-next@sitante",
            day=session.next_session_on,
            summary=t("export.ics_summary", n=session.number + 1, names=names),
            description=t("export.ics_description", plan=plan),
            stamp=self.now(),
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return path

    # -- data-subject requests (UU 27/2022) ---------------------------------------------------

    def export_name(self, coachee: Coachee) -> str:
        """A file name for a coachee's export bundle."""
        slug = "".join(ch if ch.isalnum() else "-" for ch in coachee.name.lower()).strip("-")
        return f"sitante-data-{slug or coachee.id}-{self.today().isoformat()}.zip"

    def export_coachee(self, roster: Roster, coachee_id: str, path: Path) -> Path:
        """Everything about one coachee, readable, in a ZIP at ``path`` (plaintext by request)."""
        from sitante_tui.services.coachee_data import export_coachee

        return export_coachee(roster, self.vault_required(), coachee_id, path)

    def erase_coachee(self, roster: Roster, coachee_id: str) -> None:
        """Erase one coachee completely: records, notes, audio, transcripts, queued summaries.

        Only an erasure record without personal data stays, with the consent history.
        """
        from sitante_tui.domain.hr_summary import summary_id_for
        from sitante_tui.services.coachee_data import coachee_sessions, erase_coachee

        pairs = coachee_sessions(roster, coachee_id)
        involved = {summary_id_for(session.id, coachee_id) for _, session in pairs}
        erased = erase_coachee(roster, self.records, coachee_id, now=self.now())
        for session_id in erased:  # audio and transcripts have their own stores (header wipe)
            self.audio.erase_session(session_id)
        outbox = self.hr.outbox
        for entry in outbox.entries():
            if entry.sealed.summary_id in involved:
                outbox.discard(entry)

    # -- recording and transcripts -----------------------------------------------------------

    @cached_property
    def audio(self) -> SessionAudio:
        """Recording, live drafts and transcripts of sessions (audio libraries load on use)."""
        from sitante_tui.services.recording_service import SessionAudio

        return SessionAudio(
            self.workspace,
            self.settings,
            recipient=self._recipient,
            identity=lambda: self.keys.identity if self.keys and self.unlocked else None,
        )

    def _recipient(self) -> str:
        if self.keys is None:
            raise KeyFileMissing(str(self.workspace.coach_key_file))
        return self.keys.recipient

    def mark_stage(self, flow: SessionFlow) -> None:
        """The session moved to another step: a stage marker goes into its recording."""
        self.audio.mark_stage(flow)

    def stop_recording(self, flow: SessionFlow) -> StopSummary | None:
        """Stop the session's recording (leaving, closing, withdrawal); what was captured stays."""
        return self.audio.stop(flow, timeout=1.0)

    def has_recording(self, flow: SessionFlow) -> bool:
        """Whether audio of the session is on disk."""
        return self.audio.has_audio(flow.session.id)

    def delete_recording(self, flow: SessionFlow) -> int:
        """Erase the session's audio and the live draft made from it; how many files went."""
        return self.audio.delete_audio(flow.session.id) + self.audio.delete_transcripts(
            flow.session.id
        )

    def input_device_names(self) -> list[str]:
        """The microphones PortAudio sees; raises ``RecordingProblem`` (translated) if none can."""
        return self.audio.input_device_names()

    # -- settings -----------------------------------------------------------------------------

    def valid_recipient(self, text: str) -> bool:
        """Whether ``text`` is an ``age1…`` recipient."""
        try:
            parse_recipient(text)
        except AgeError:
            return False
        return True

    def save_settings(self) -> None:
        """Persist the settings (they hold no personal data)."""
        save_settings(self.workspace.settings_file, self.settings)


def build_services(home: Path, *, language: str | None = None) -> Services:
    """Real services over the workspace at ``home``."""
    workspace = Workspace(home)
    settings = load_settings(workspace.settings_file)
    if language:
        settings.language = language
    return Services(workspace=workspace, settings=settings)
