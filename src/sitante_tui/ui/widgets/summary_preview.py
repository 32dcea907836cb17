"""What HR receives for one coachee, laid out for the coachee to read before it is sealed."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from sitante_tui.domain.hr_summary import SessionSummary
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import format_date, format_minutes


def summary_preview(summary: SessionSummary) -> Group:
    """The summary's fields as a two-column table, with the note on what is never sent."""
    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(style="bold")
    table.add_column()
    stages = ", ".join(
        f"{t('step.' + step)} {format_minutes(seconds)}"
        for step, seconds in summary.stage_durations.items()
        if seconds >= 30
    )
    plan = "\n".join(
        f"{i}. {row.action} — {row.when or '—'} — {row.expected_result or '—'}"
        for i, row in enumerate(summary.action_plan, start=1)
    )
    rows = [
        (t("preview.coach"), summary.coach_name),
        (
            t("preview.coachee"),
            f"{summary.coachee_name} — {summary.coachee_position}, {summary.coachee_unit}",
        ),
        (t("preview.session"), f"{summary.session_number} · {format_date(summary.held_on)}"),
        (t("form.duration"), format_minutes(summary.duration_minutes * 60)),
        (t("form.delivery"), t(f"delivery.{summary.delivery_mode}")),
        (t("form.kind"), t(f"kind.{summary.kind}")),
        (t("form.agenda"), summary.agenda_topic or "—"),
        (t("form.stage_times"), stages or "—"),
        (t("preview.self_rating"), f"{summary.self_rating}/10" if summary.self_rating else "—"),
        (t("step.action_plan"), plan or "—"),
        (t("form.next_session"), format_date(summary.next_session_on)),
        (t("history.reflection"), summary.reflection or "—"),
        (t("history.coach_rating"), f"{summary.coach_rating}/5" if summary.coach_rating else "—"),
        (t("form.photo"), summary.photo.filename if summary.photo else "—"),
    ]
    if summary.coach_change_requested:
        rows.append((t("preview.coach_change"), t("button.yes")))
    for label, value in rows:
        table.add_row(label, value)
    return Group(table, Text(t("hr.review.note"), style="italic"))
