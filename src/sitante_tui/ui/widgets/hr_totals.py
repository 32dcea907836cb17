"""The programme's totals: coachees, coaches, sessions, and how many need HR's attention."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from sitante_tui.domain.hr_dashboard import HrDashboard
from sitante_tui.i18n import t


class ProgrammeTotalsPanel(Static):
    """One line per count; a count that needs attention is coloured, a zero is dim."""

    def show(self, dashboard: HrDashboard) -> None:
        """Show the totals of ``dashboard``."""
        totals = dashboard.totals
        overdue = sum(1 for c in dashboard.coachees if c.overdue_followups)
        midpoint = sum(1 for c in dashboard.coachees if c.midpoint_reviews_due)
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(ratio=1)
        table.add_column(justify="right", style="bold")
        rows: list[tuple[str, int, str]] = [
            (t("hr.dashboard.coachees"), totals.coachees, ""),
            (t("hr.dashboard.coaches"), totals.coaches, ""),
            (t("hr.dashboard.sessions"), totals.sessions, ""),
            (t("hr.dashboard.completed"), totals.coachees_completed, "green"),
            (t("hr.dashboard.with_breach"), totals.coachees_with_breach, "red"),
            (t("hr.dashboard.with_warning"), totals.coachees_with_warning, "yellow"),
            (t("hr.dashboard.overdue_followups"), overdue, "yellow"),
            (t("hr.dashboard.midpoint_reviews_due"), midpoint, "yellow"),
            (t("hr.dashboard.coach_change_requests"), totals.coach_change_requests, ""),
            (t("hr.dashboard.flagged"), totals.flagged, "red"),
        ]
        for label, value, style in rows:
            table.add_row(label, Text(str(value), style=style if value else "dim"))
        self.update(table)
