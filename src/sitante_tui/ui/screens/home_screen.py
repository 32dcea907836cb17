"""Home: the engagements with their session count, follow-ups, and programme-rule findings."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Static

from sitante_tui.domain.models import Engagement, SessionStatus
from sitante_tui.domain.programme_rules import MIN_SESSIONS
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import SEVERITY_STYLE, clip, format_date, format_finding
from sitante_tui.ui.screens.base import SitanteScreen


class HomeScreen(SitanteScreen):
    """The coach's overview; enter starts (or resumes) a session with the highlighted row."""

    _shown_columns: dict[str, int] | None = None

    BINDINGS = [
        Binding("enter", "start_session", t("key.start_session"), priority=False),
        Binding("n", "app.register", t("key.register")),
        Binding("h", "history", t("key.history")),
        Binding("c", "complete", t("key.complete"), show=False),
        Binding("m", "midpoint", t("key.midpoint"), show=False),
        Binding("f1", "app.help", t("key.help")),
        Binding("s", "app.settings", t("key.settings"), show=False),
        Binding("p", "app.practice", t("key.practice"), show=False),
        Binding("ctrl+l", "app.lock", t("key.lock")),
        Binding("q", "app.quit", t("key.quit")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="home-bar")
        with Vertical(id="home-main"):
            table: DataTable[Text | str] = DataTable(id="engagements", cursor_type="row")
            table.border_title = t("home.engagements")
            yield table
            with Horizontal(id="home-details"):
                followups = Static(id="followups")
                followups.border_title = t("home.followups")
                yield followups
                findings = Static(id="findings")
                findings.border_title = t("home.findings")
                yield findings
        yield Footer()

    def on_resize(self) -> None:
        # Only when the columns change: a rebuild costs more than a frame.
        if self._columns() != self._shown_columns:
            self.refresh_data()

    def _columns(self) -> dict[str, int]:
        """Column widths that fit the terminal (the kind column goes below 100 columns)."""
        width = self.size.width or 80
        fixed = {"sessions": 5, "next": 11, "status": 13}
        if width >= 100:
            fixed["kind"] = 9
        free = max(20, width - sum(fixed.values()) - 2 * (len(fixed) + 2) - 4)
        names = free // 2
        widths = {"coachee": names, "agenda": free - names, **fixed}
        order = ("coachee", "agenda", "kind", "sessions", "next", "status")
        return {key: widths[key] for key in order if key in widths}

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        """Rebuild the table and panels from the app's roster."""
        roster = self.roster
        services = self.services
        today = services.today()
        coach = roster.profile.name if roster.profile else ""
        bar = t("home.bar", coach=coach, date=format_date(today, weekday=True))
        pending = services.pending_summaries()
        if pending:
            bar += "  ·  " + t("home.pending_sync", n=pending)
        if services.demo_passphrase:
            bar += "\n" + t("home.demo", passphrase=services.demo_passphrase)
        self.query_one("#home-bar", Static).update(bar)
        table = self.query_one("#engagements", DataTable)
        cursor = table.cursor_row
        columns = self._shown_columns = self._columns()
        table.clear(columns=True)
        for key, width in columns.items():
            # Text, not str: a str cell is parsed as markup (and loads rich's emoji table).
            table.add_column(Text(t(f"home.col.{key}")), key=key, width=width)
        for engagement in sorted(
            roster.engagements.values(), key=lambda e: (e.status.value, roster.coachee_names(e))
        ):
            row = self._row(engagement, today, columns)
            table.add_row(*row, key=engagement.id)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        else:
            self.query_one("#findings", Static).update(t("home.empty"))
        self._show_followups(today)
        self._show_findings()

    def _row(
        self, engagement: Engagement, today: date, columns: dict[str, int]
    ) -> tuple[str | Text, ...]:
        roster = self.roster
        sessions = roster.sessions_of(engagement.id)
        closed = [s for s in sessions if s.status is SessionStatus.CLOSED]
        open_session = any(s.status is SessionStatus.IN_PROGRESS for s in sessions)
        agenda = engagement.big_goal or engagement.agenda_for(engagement.coachee_ids[0])
        count = Text(f"{len(closed)}/{max(MIN_SESSIONS, len(closed))}")
        if len(closed) < MIN_SESSIONS:
            count.stylize("yellow")
        next_day = closed[-1].next_session_on if closed else None
        next_text = Text(format_date(next_day, short=True) if next_day else "—")
        if next_day and next_day < today:
            next_text.stylize("bold red")
        if open_session:
            status = Text(t("home.status.in_progress"), style="bold yellow")
        else:
            status = Text(t(f"home.status.{engagement.status.value}"))
        kind = t(f"kind.{engagement.kind.value}")
        names = roster.coachee_names(engagement)
        cells: dict[str, str | Text] = {
            "coachee": Text(clip(names, columns["coachee"])),
            "agenda": Text(clip(agenda, columns["agenda"])),
            "kind": Text(kind),
            "sessions": count,
            "next": next_text,
            "status": status,
        }
        return tuple(cells[key] for key in columns)

    def _show_followups(self, today: date) -> None:
        text = Text()
        for follow_up in self.roster.follow_ups(today)[:8]:
            names = ", ".join(
                self.roster.coachees[c].name
                for c in follow_up.coachee_ids
                if c in self.roster.coachees
            )
            style = "bold red" if follow_up.overdue else ""
            label = " " + t("home.overdue") if follow_up.overdue else ""
            text.append(f"{format_date(follow_up.due_on, short=True)}{label}  ", style=style)
            text.append(f"{names}\n")
        self.query_one("#followups", Static).update(
            text or Text(t("home.no_followups"), style="dim")
        )

    def selected(self) -> Engagement | None:
        """The engagement under the cursor."""
        table = self.query_one("#engagements", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.roster.engagements.get(key or "")

    def on_data_table_row_highlighted(self) -> None:
        self._show_findings()

    def on_data_table_row_selected(self) -> None:
        self.action_start_session()

    def _show_findings(self) -> None:
        engagement = self.selected()
        if engagement is None:
            return
        today = self.services.today()
        findings = self.roster.findings(engagement.id, today)
        text = Text()
        text.append(self.roster.coachee_names(engagement) + "\n", style="bold")
        for finding in findings:
            text.append("● ", style=SEVERITY_STYLE[finding.severity.value])
            text.append(format_finding(finding) + "\n")
        if not findings:
            text.append(t("home.no_findings"), style="green")
        self.query_one("#findings", Static).update(text)

    def action_start_session(self) -> None:
        engagement = self.selected()
        if engagement is not None:
            self.app_state.start_session(engagement)

    def action_history(self) -> None:
        engagement = self.selected()
        if engagement is not None:
            self.app_state.show_history(engagement.coachee_ids[0])

    def action_complete(self) -> None:
        engagement = self.selected()
        if engagement is not None:
            self.app_state.complete_engagement(engagement)

    def action_midpoint(self) -> None:
        engagement = self.selected()
        if engagement is not None:
            self.app_state.record_midpoint_review(engagement)
