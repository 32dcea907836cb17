"""One verified session summary as HR reads it: the form, the action plan, reflection and rating."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sitante_tui.domain.hr_dashboard import CoacheeView, ReflectionEntry
from sitante_tui.domain.hr_summary import SessionSummary
from sitante_tui.domain.session_steps import Step
from sitante_tui.i18n import has_key, t
from sitante_tui.ui.formatting import format_date
from sitante_tui.ui.widgets.hr_findings import findings_text


def minutes_text(minutes: float) -> str:
    """``52`` (whole minutes), for the session line and the tables."""
    return str(round(minutes))


def session_detail(summary: SessionSummary) -> RenderableType:
    """Everything HR received about one session of one coachee."""
    head = Text(
        t(
            "hr.dashboard.session_line",
            number=summary.session_number,
            date=format_date(summary.held_on, weekday=True),
            minutes=minutes_text(summary.duration_minutes),
        ),
        style="bold underline",
    )
    fields = Table(show_header=False, box=None, padding=(0, 1), expand=True)
    fields.add_column(style="bold", no_wrap=True, ratio=None)
    fields.add_column(ratio=1)
    stages = ", ".join(
        f"{stage_name(stage)} {round(seconds / 60)}"
        for stage, seconds in sorted(summary.stage_durations.items(), key=_step_order)
    )
    rows: list[tuple[str, str | Text]] = [
        (t("hr.field.coach"), summary.coach_name),
        (
            t("hr.field.kind"),
            f"{t(f'hr.value.{summary.kind}')} · {t(f'hr.value.{summary.form}')}",
        ),
        (t("hr.field.delivery_mode"), t(f"hr.value.{summary.delivery_mode}")),
        (t("hr.field.agenda_topic"), summary.agenda_topic or "—"),
        (t("hr.field.stage_durations"), stages or "—"),
        (t("hr.field.self_rating"), f"{summary.self_rating}/10" if summary.self_rating else "—"),
        (t("hr.app.options_count"), str(summary.options_count)),
        (t("hr.field.next_session_on"), format_date(summary.next_session_on)),
        (t("hr.field.reflection"), summary.reflection.strip() or "—"),
        (t("hr.field.coach_rating"), rating_text(summary.coach_rating)),
    ]
    if summary.big_goal:
        rows.append((t("hr.app.big_goal"), summary.big_goal))
    if summary.coach_change_requested:
        rows.append((t("hr.app.coach_change"), Text(t("hr.value.yes"), style="bold yellow")))
    if summary.photo is not None:
        size_kb = max(1, round(summary.photo.size / 1024))
        photo = Text(f"{summary.photo.filename} ({size_kb} KB) ")
        photo.append(t("hr.app.photo_hint"), style="dim")
        rows.append((t("hr.field.photo"), photo))
    for label, value in rows:
        fields.add_row(label, value)
    parts: list[RenderableType] = [head, fields]
    if summary.action_plan:
        plan = Table(title=t("hr.field.action_plan"), title_justify="left", expand=True)
        for name in ("action", "when", "who", "resources", "expected_result"):
            plan.add_column(t(f"hr.col.{name}"), ratio=2 if name == "action" else 1)
        for row in summary.action_plan:
            plan.add_row(row.action, row.when, row.who, row.resources, row.expected_result)
        parts.append(plan)
    return Group(*parts)


def _step_order(item: tuple[str, float]) -> tuple[int, str]:
    """Stages in the order of the session flow (unknown ones last)."""
    steps = [step.value for step in Step]
    return (steps.index(item[0]) if item[0] in steps else len(steps), item[0])


def stage_name(stage: str) -> str:
    """The session step's name (``step.<stage>``); a stage this version does not know, as sent."""
    return t(f"step.{stage}") if has_key(f"step.{stage}") else stage


def rating_text(rating: int | None) -> str:
    """``4/5`` or "not rated"."""
    return f"{rating}/5" if rating is not None else t("hr.dashboard.no_rating")


def reflections_text(entries: tuple[ReflectionEntry, ...]) -> Text:
    """Every reflection and coach rating of a coachee, oldest first."""
    text = Text()
    text.append(t("hr.dashboard.reflections"), style="bold underline")
    if not entries:
        text.append("\n" + t("hr.app.no_reflections"), style="dim")
    for entry in entries:
        text.append(f"\n#{entry.session_number} {format_date(entry.held_on, short=True)} ", "bold")
        text.append(f"{rating_text(entry.coach_rating)} · {entry.coach_name}", style="dim")
        if entry.reflection.strip():
            text.append(f"\n  “{entry.reflection.strip()}”")
    return text


def coachee_overview(view: CoacheeView, *, name: bool = True) -> Text:
    """Who the coachee is, where the programme stands, and every finding.

    ``name=False`` leaves out the name and NIP (a screen title already shows them) and heads
    the findings instead.
    """
    text = Text()
    if name:
        text.append(view.name, style="bold")
        if view.nip:
            text.append(f"  NIP {view.nip}", style="dim")
        text.append("\n")
    else:
        text.append(t("hr.dashboard.findings") + "\n", style="bold underline")
    text.append(f"{view.position or '—'} · {view.unit or '—'}\n")
    text.append(
        t(
            "hr.app.overview",
            done=t(
                "hr.dashboard.sessions_done",
                done=view.sessions_done,
                required=view.sessions_required,
            ),
            coaches=", ".join(view.coach_names),
            last=format_date(view.last_session_on, short=True),
            next=format_date(view.next_session_on, short=True),
        )
        + "\n",
        style="dim",
    )
    text.append_text(findings_text(view.findings))
    return text
