"""The coach laptop's side of HR: seal summaries at close, queue them, sync them in the background.

Closing a session only writes to the local outbox; the shared folder is reached by
:meth:`HrLink.sync`, which the app runs in a worker and retries. Summaries are sealed to the HR
recipient pinned in the settings; when the shared folder offers another key, sealing keeps to the
pin and the coach is told until they confirm the change deliberately.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitante_tui.crypto.summary_seal import (
    PhotoTooLarge,
    UnsupportedPhoto,
    resealer,
    seal_photo,
    seal_summary,
)
from sitante_tui.domain.hr_summary import SessionSummary, summaries_for_session
from sitante_tui.domain.models import Coach
from sitante_tui.domain.roster import Roster
from sitante_tui.domain.session_flow import SessionFlow
from sitante_tui.store.file_lock import StoreLocked
from sitante_tui.store.hr_trust import HrKeyVerdict, check_hr_recipient
from sitante_tui.store.outbox import Outbox, sync_outbox
from sitante_tui.store.shared_store import (
    CoachPublicKey,
    SharedStore,
    StoreDamaged,
    StoreUnreachable,
)

if TYPE_CHECKING:
    from sitante_tui.services import Services


@dataclass(frozen=True)
class Closing:
    """What closing a session queued for HR."""

    queued: int
    sealed_for_hr: bool
    photo_problem: str = ""


@dataclass(frozen=True)
class SyncOutcome:
    """One background sync: how many went out, how many wait, and the problem if any.

    ``problem`` is a code the UI translates: ``no_shared_dir``, ``unreachable``, ``locked``,
    ``damaged``, ``hr_key_changed``, ``hr_key_unpinned``, ``no_hr_key``.
    """

    sent: int
    pending: int
    problem: str = ""
    offered_key: str | None = None


class HrLink:
    """Summaries for HR, from the coach's workspace (``Services.hr``)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def outbox(self) -> Outbox:
        """The queue of sealed summaries on this laptop."""
        return Outbox(self.services.workspace.outbox_dir)

    def coach(self, flow: SessionFlow, roster: Roster) -> Coach:
        """The coach or mentor who ran the session (the workspace owner by default)."""
        coach = roster.coaches.get(flow.engagement.coach_id) or roster.profile
        return coach or Coach("unknown", "—")

    def summaries(self, flow: SessionFlow, roster: Roster) -> list[SessionSummary]:
        """Exactly what HR will receive for this session, one summary per coachee."""
        flow.timer.commit()
        return summaries_for_session(
            flow.session, flow.engagement, self.coach(flow, roster), roster.coachees
        )

    def preview(self, flow: SessionFlow, roster: Roster, coachee_id: str) -> SessionSummary:
        """The summary one coachee sees on the review screen before it is sealed."""
        return next(s for s in self.summaries(flow, roster) if s.coachee_id == coachee_id)

    def pinned_recipient(self) -> str | None:
        """The HR key summaries are sealed to (``None``: sealed to the coach until pinned)."""
        return self.services.settings.hr_recipient

    def finish(self, flow: SessionFlow, roster: Roster) -> Closing:
        """Seal and sign the closed session's summaries and queue them in the outbox."""
        keys = self.services.keys
        if keys is None:
            raise RuntimeError("the coach's keys are locked")
        hr = self.pinned_recipient()
        photo_ref, photo_blob, problem = None, None, ""
        if flow.session.photo_evidence:
            try:
                record = self.services.vault_required().read_json(flow.session.photo_evidence)
                photo_ref, photo_blob = seal_photo(
                    base64.b64decode(record["data"]),
                    filename=record["filename"],
                    coach_keys=keys,
                    hr_recipient=hr,
                )
            except (PhotoTooLarge, UnsupportedPhoto, KeyError, ValueError):
                problem = "photo_unusable"
        coach = self.coach(flow, roster)
        summaries = summaries_for_session(
            flow.session, flow.engagement, coach, roster.coachees, photo=photo_ref
        )
        outbox = self.outbox
        public_key = self.public_key()
        if public_key is not None:
            outbox.remember_coach_key(public_key)  # for a later ``sitante sync``
        for summary in summaries:
            sealed = seal_summary(summary, coach_keys=keys, hr_recipient=hr)
            outbox.enqueue(sealed, hr_recipient=hr, photo=photo_blob)
        return Closing(len(summaries), hr is not None, problem)

    def pending(self) -> int:
        """Summaries waiting in the outbox."""
        return self.outbox.pending_count()

    def public_key(self) -> CoachPublicKey | None:
        """The coach's public keys, as published to the shared store for HR to approve."""
        keys = self.services.keys
        if keys is None:
            return None
        profile = self.services.profile_name or ""
        return CoachPublicKey(keys.key_id, keys.recipient, keys.verify_key_bytes, profile)

    def sync(self) -> SyncOutcome:
        """Reseal what waited for HR's key, then send the outbox to the shared folder.

        Never raises for the share's state: an unreachable or locked share leaves everything
        queued, and the next pass tries again.
        """
        shared = self.services.settings.shared_dir
        outbox = self.outbox
        if shared is None:
            return SyncOutcome(
                0, outbox.pending_count(), "no_shared_dir" if outbox.pending_count() else ""
            )
        store = SharedStore(shared)
        try:
            offered = store.hr_recipient()
        except (StoreUnreachable, StoreLocked, StoreDamaged, OSError):
            offered = None
        pinned = self.pinned_recipient()
        verdict = check_hr_recipient(pinned, offered)
        problem = {
            HrKeyVerdict.CHANGED: "hr_key_changed",
            HrKeyVerdict.NOT_PINNED: "hr_key_unpinned",
            HrKeyVerdict.NO_HR_KEY: "no_hr_key",
            HrKeyVerdict.INVALID: "hr_key_changed",
        }.get(verdict, "")
        keys = self.services.keys
        if pinned and keys is not None and self.services.unlocked:
            outbox.reseal(pinned, resealer(keys, pinned))
        report = sync_outbox(outbox, store, coach_key=self.public_key())
        if not problem and report.errors:
            problem = (
                report.errors[0]
                if report.errors[0] in ("unreachable", "locked", "damaged")
                else "unreachable"
            )
        elif not problem and report.waiting_for_hr_key:
            problem = "no_hr_key"
        return SyncOutcome(report.sent, report.pending, problem, offered)

    def pin(self, recipient: str) -> int:
        """The coach confirmed HR's key: pin it and reseal what waits; returns how many."""
        self.services.settings.hr_recipient = recipient
        self.services.save_settings()
        keys = self.services.keys
        if keys is None:
            return 0
        return self.outbox.reseal(recipient, resealer(keys, recipient))
