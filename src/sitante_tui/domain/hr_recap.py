"""The follow-up recap ("rekap tindak lanjut"): every action-plan row of a period, with its status.

Built from verified summaries; :meth:`HrDashboard.recap` is the usual way in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sitante_tui.domain.hr_summary import SessionSummary


class RecapStatus(StrEnum):
    """Where an action-plan row stands in the follow-up recap."""

    DONE = "done"  # a later session of the engagement was held: the follow-up happened
    OVERDUE = "overdue"  # its date (or the agreed next session) has passed without one
    DUE = "due"


@dataclass(frozen=True)
class RecapRow:
    """One action-plan row in the follow-up recap ("rekap tindak lanjut")."""

    coachee_key: str
    coachee_name: str
    coachee_nip: str | None
    coachee_unit: str
    coach_name: str
    session_number: int
    held_on: date
    action: str
    when: str
    who: str
    resources: str
    expected_result: str
    due_on: date | None
    next_session_on: date | None
    status: RecapStatus


@dataclass(frozen=True)
class FollowupRecap:
    """The recap for a period: rows from sessions held, or rows due, within it."""

    period_from: date
    period_to: date
    today: date
    rows: tuple[RecapRow, ...]


def build_followup_recap(
    summaries: Sequence[SessionSummary], *, period_from: date, period_to: date, today: date
) -> FollowupRecap:
    """Per coachee, the action-plan rows of the period with their status."""
    if period_to < period_from:
        raise ValueError("period_to is before period_from")
    latest_held: dict[str, date] = {}
    for s in summaries:
        seen = latest_held.get(s.engagement_id)
        latest_held[s.engagement_id] = s.held_on if seen is None else max(seen, s.held_on)
    rows: list[RecapRow] = []
    for s in summaries:
        followed_up = latest_held[s.engagement_id] > s.held_on
        for item in s.action_plan:
            in_period = period_from <= s.held_on <= period_to or (
                item.due_on is not None and period_from <= item.due_on <= period_to
            )
            if not in_period:
                continue
            deadline = item.due_on or s.next_session_on
            if followed_up:
                status = RecapStatus.DONE
            elif deadline is not None and deadline < today:
                status = RecapStatus.OVERDUE
            else:
                status = RecapStatus.DUE
            rows.append(
                RecapRow(
                    coachee_key=s.coachee_key,
                    coachee_name=s.coachee_name,
                    coachee_nip=s.coachee_nip,
                    coachee_unit=s.coachee_unit,
                    coach_name=s.coach_name,
                    session_number=s.session_number,
                    held_on=s.held_on,
                    action=item.action,
                    when=item.when,
                    who=item.who,
                    resources=item.resources,
                    expected_result=item.expected_result,
                    due_on=item.due_on,
                    next_session_on=s.next_session_on,
                    status=status,
                )
            )
    rows.sort(key=lambda r: (r.coachee_name.casefold(), r.coachee_key, r.held_on, r.session_number))
    return FollowupRecap(period_from, period_to, today, tuple(rows))
