"""The HR dashboard's tables: coachees, coaches, coach keys, coach-change requests, flagged records.

Each table fills itself from an :class:`HrDashboard` (``show``), keeps the highlighted row across
reloads, and fits its columns to its width (80 columns and up).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from rich.text import Text
from textual.widgets import DataTable

from sitante_tui.domain.hr_dashboard import (
    CoacheeView,
    CoachKeyStatus,
    HrDashboard,
)
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import clip
from sitante_tui.ui.widgets.hr_findings import worst_cell

Cell = str | Text


def compact_date(day: date | None) -> str:
    """``16 Nov 26``: a date in 9 characters, for table cells."""
    if day is None:
        return "—"
    return f"{day.day} {t(f'date.month_short.{day.month}')[:3]} {day.year % 100:02d}"


def stamp_date(stamp: str) -> date | None:
    """The date of an ISO timestamp (``created_at``, ``published_at``), or ``None``."""
    try:
        return datetime.fromisoformat(stamp).date()
    except ValueError:
        return None


class HrTable(DataTable[Cell]):
    """A row-cursor table that rebuilds its columns to fit and keeps the highlighted row."""

    DEFAULT_CSS = """
    HrTable { height: 1fr; border: round $primary 50%; }
    HrTable:focus { border: round $primary; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.dashboard: HrDashboard | None = None

    def show(self, dashboard: HrDashboard) -> None:
        """Fill the table from ``dashboard``, keeping the highlighted row when it is still there."""
        self.dashboard = dashboard
        self.rebuild()

    def rebuild(self) -> None:
        """Redraw for the current width."""
        if self.dashboard is None:
            return
        previous = self.selected_key()
        self.clear(columns=True)
        widths = self.column_widths(self.content_width())
        for key, width in widths.items():
            label = t(f"hr.app.col.{key}")
            self.add_column(clip(label, width), key=key, width=width)
        for key, cells in self.rows_for(self.dashboard, widths):
            self.add_row(*cells, key=key)
        if previous is not None and previous in self.rows:
            self.move_cursor(row=self.get_row_index(previous))

    def content_width(self) -> int:
        """Characters for columns: the width inside the border, less a vertical scrollbar."""
        inner = self.size.width or self.app.size.width - 2
        return max(40, inner - 2)

    def selected_key(self) -> str | None:
        """The key of the highlighted row."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def on_resize(self) -> None:
        self.rebuild()

    def column_widths(self, width: int) -> dict[str, int]:
        """Column key → width for ``width`` characters."""
        raise NotImplementedError

    def rows_for(
        self, dashboard: HrDashboard, widths: dict[str, int]
    ) -> Sequence[tuple[str, list[Cell]]]:
        """``(row key, cells)`` for every row."""
        raise NotImplementedError


def _share(free: int, weights: dict[str, int]) -> dict[str, int]:
    """Split ``free`` characters by weight (the last column takes the rounding)."""
    total = sum(weights.values())
    widths, used = {}, 0
    keys = list(weights)
    for key in keys[:-1]:
        widths[key] = max(6, free * weights[key] // total)
        used += widths[key]
    widths[keys[-1]] = max(6, free - used)
    return widths


class CoacheeTable(HrTable):
    """One row per coachee: sessions done vs 3, last and next session, the worst finding."""

    def column_widths(self, width: int) -> dict[str, int]:
        fixed = {"sessions": 4, "last": 9, "next": 10}
        flexible = {"coachee": 5, "unit": 3, "coach": 4, "finding": 6}
        if width < 110:
            del flexible["unit"]  # shown in the panel below the table
        columns = len(fixed) + len(flexible)
        free = width - sum(fixed.values()) - 2 * columns
        widths = {**_share(free, flexible), **fixed}
        order = ("coachee", "unit", "coach", "sessions", "last", "next", "finding")
        return {key: widths[key] for key in order if key in widths}

    def rows_for(
        self, dashboard: HrDashboard, widths: dict[str, int]
    ) -> Sequence[tuple[str, list[Cell]]]:
        return [
            (view.key, coachee_cells(view, widths, dashboard.today)) for view in dashboard.coachees
        ]


def coachee_cells(view: CoacheeView, widths: dict[str, int], today: date) -> list[Cell]:
    """The cells of one coachee row, for the columns in ``widths``."""
    sessions = Text(f"{view.sessions_done}/{view.sessions_required}")
    if view.sessions_done < view.sessions_required:
        sessions.stylize("yellow")
    next_day = Text(compact_date(view.next_session_on))
    if view.next_session_on is not None and view.next_session_on < today and view.overdue_followups:
        next_day.stylize("bold red")
    finding = worst_cell(view.findings)
    finding.truncate(widths["finding"], overflow="ellipsis")
    cells: dict[str, Cell] = {
        "coachee": clip(view.name, widths["coachee"]),
        "unit": clip(view.unit or "—", widths.get("unit", 0)),
        "coach": clip(", ".join(view.coach_names), widths["coach"]),
        "sessions": sessions,
        "last": compact_date(view.last_session_on),
        "next": next_day,
        "finding": finding,
    }
    return [cells[key] for key in widths]


class CoachTable(HrTable):
    """One row per coach key: coachees, sessions, average rating given by coachees."""

    def column_widths(self, width: int) -> dict[str, int]:
        fixed = {"key": 16, "coachees": 8, "sessions": 6, "rating": 12}
        free = width - sum(fixed.values()) - 2 * (len(fixed) + 1)
        return {"coach": max(12, free), **fixed}

    def rows_for(
        self, dashboard: HrDashboard, widths: dict[str, int]
    ) -> Sequence[tuple[str, list[Cell]]]:
        rows = []
        for coach in dashboard.coaches:
            rating: Cell = Text(t("hr.dashboard.no_rating"), style="dim")
            if coach.average_rating is not None:
                rating = f"{coach.average_rating:.1f}/5 ({coach.ratings_count})"
            cells: list[Cell] = [
                clip(coach.coach_name, widths["coach"]),
                Text(coach.coach_key_id, style="dim"),
                str(coach.coachees),
                str(coach.sessions),
                rating,
            ]
            rows.append((coach.coach_key_id, cells))
        return rows


class KeyTable(HrTable):
    """Coach keys published in the shared store, the ones awaiting approval first."""

    DEFAULT_CSS = """
    KeyTable { height: auto; max-height: 9; }
    """

    def column_widths(self, width: int) -> dict[str, int]:
        free = width - (10 + 16 + 9) - 2 * 4
        return {"status": 10, "coach": max(12, free), "key": 16, "published": 9}

    def rows_for(
        self, dashboard: HrDashboard, widths: dict[str, int]
    ) -> Sequence[tuple[str, list[Cell]]]:
        rows = []
        for key in self.ordered(dashboard.coach_keys):
            status = (
                Text(t("hr.dashboard.key_approved"), style="green")
                if key.approved
                else Text(t("hr.dashboard.key_pending"), style="bold yellow")
            )
            cells: list[Cell] = [
                status,
                clip(key.display_name or "—", widths["coach"]),
                key.key_id,
                compact_date(stamp_date(key.published_at)),
            ]
            rows.append((key.key_id, cells))
        return rows

    @staticmethod
    def ordered(keys: Sequence[CoachKeyStatus]) -> list[CoachKeyStatus]:
        """Pending keys first, then by name."""
        return sorted(keys, key=lambda k: (k.approved, k.display_name.casefold()))

    def selected_status(self) -> CoachKeyStatus | None:
        """The highlighted key."""
        key_id = self.selected_key()
        if self.dashboard is None or key_id is None:
            return None
        return next((k for k in self.dashboard.coach_keys if k.key_id == key_id), None)


class RequestTable(HrTable):
    """Coachees who asked HR for another coach, newest first."""

    def column_widths(self, width: int) -> dict[str, int]:
        fixed = {"number": 4, "held_on": 9}
        free = width - sum(fixed.values()) - 2 * 4
        return {**_share(free, {"coachee": 1, "coach": 1}), **fixed}

    def rows_for(
        self, dashboard: HrDashboard, widths: dict[str, int]
    ) -> Sequence[tuple[str, list[Cell]]]:
        rows: list[tuple[str, list[Cell]]] = []
        seen: set[str] = set()
        for request in dashboard.coach_change_requests:
            if request.coachee_key in seen:
                continue  # the latest request per coachee; the drill-down shows every session
            seen.add(request.coachee_key)
            cells: list[Cell] = [
                clip(request.coachee_name, widths["coachee"]),
                clip(request.coach_name, widths["coach"]),
                str(request.session_number),
                compact_date(request.held_on),
            ]
            rows.append((request.coachee_key, cells))
        return rows


class FlaggedTable(HrTable):
    """Records that did not verify: why, and who they claim to be from (never counted)."""

    def column_widths(self, width: int) -> dict[str, int]:
        fixed = {"sealed_on": 9, "key": 16}
        flexible = {"verdict": 5, "coachee": 4, "coach": 4}
        if width < 96:
            del fixed["key"]
        free = width - sum(fixed.values()) - 2 * (len(fixed) + len(flexible))
        widths = {**_share(free, flexible), **fixed}
        order = ("sealed_on", "verdict", "coachee", "coach", "key")
        return {key: widths[key] for key in order if key in widths}

    def rows_for(
        self, dashboard: HrDashboard, widths: dict[str, int]
    ) -> Sequence[tuple[str, list[Cell]]]:
        rows = []
        for number, record in enumerate(dashboard.flagged):
            style = "bold red" if record.verdict == "tampered" else "yellow"
            cells: dict[str, Cell] = {
                "sealed_on": compact_date(stamp_date(record.created_at)),
                "verdict": Text(
                    clip(t(f"hr.verdict_short.{record.verdict}"), widths["verdict"]), style=style
                ),
                "coachee": clip(record.claimed_coachee or "—", widths["coachee"]),
                "coach": clip(record.claimed_coach or "—", widths["coach"]),
                "key": Text(record.coach_key_id, style="dim"),
            }
            rows.append((f"{number}:{record.summary_id}", [cells[key] for key in widths]))
        return rows
