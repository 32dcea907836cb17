"""Step 9, the action plan: per coachee, rows of action / when / who / resources / result."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Static, TabbedContent, TabPane

from sitante_tui.domain.models import ActionItem
from sitante_tui.i18n import t
from sitante_tui.ui.dialogs.action_item_dialog import FIELDS, ActionItemScreen
from sitante_tui.ui.widgets.steps.base import StepPanel


class ActionPlanTable(DataTable[str]):
    """One coachee's action plan."""

    DEFAULT_CSS = "ActionPlanTable { height: auto; max-height: 14; }"

    def __init__(self, coachee_id: str, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.coachee_id = coachee_id

    def show(self, items: list[ActionItem]) -> None:
        """Fill the table with ``items``."""
        self.clear(columns=not self.columns)
        if not self.columns:
            for name in FIELDS:
                self.add_column(t(f"action.{name}"), key=name)
        for item in items:
            self.add_row(*(getattr(item, name) or "—" for name in FIELDS))


class ActionPlanPanel(StepPanel):
    """``a`` adds a row, ``e`` or enter edits, ``delete`` removes; group: one tab per coachee."""

    BINDINGS = [
        Binding("a", "add", t("key.add_action")),
        Binding("e", "edit", t("key.edit_action")),
        Binding("delete", "remove", t("key.remove_action")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(t("action.intro"), classes="hint")
        participants = self.flow.session.participants
        if self.ctx.group:
            with TabbedContent():
                for participant in participants:
                    with TabPane(self.ctx.coachee(participant.coachee_id).name):
                        yield ActionPlanTable(participant.coachee_id)
        else:
            yield ActionPlanTable(participants[0].coachee_id)
        with Horizontal(classes="row"):
            yield Button(t("action.add_button"), id="add", variant="primary")
            yield Button(t("action.edit_button"), id="edit")
            yield Button(t("action.remove_button"), id="remove")
        yield Static(t("action.from_options", n=len(self.flow.session.options)), classes="hint")

    def on_mount(self) -> None:
        for table in self.query(ActionPlanTable):
            table.show(self.flow.session.participant(table.coachee_id).action_plan)
        self._table().focus()

    def _table(self) -> ActionPlanTable:
        tables = [t for t in self.query(ActionPlanTable) if t.display and t.region.width]
        return tables[0] if tables else self.query(ActionPlanTable).first()

    def _refresh(self, table: ActionPlanTable) -> None:
        table.show(self.flow.session.participant(table.coachee_id).action_plan)
        self.edited()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        await self.run_action(event.button.id or "")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        table = self._table()
        name = self.ctx.coachee(table.coachee_id).name

        def added(item: ActionItem | None) -> None:
            if item is not None:
                self.flow.add_action(table.coachee_id, item)
                self._refresh(table)
                table.move_cursor(row=table.row_count - 1)

        self.app.push_screen(ActionItemScreen(coachee_name=name), added)

    def action_edit(self) -> None:
        table = self._table()
        items = self.flow.session.participant(table.coachee_id).action_plan
        row = table.cursor_row
        if not items or row >= len(items):
            self.action_add()
            return

        def edited(item: ActionItem | None) -> None:
            if item is not None:
                self.flow.update_action(table.coachee_id, row, item)
                self._refresh(table)

        name = self.ctx.coachee(table.coachee_id).name
        self.app.push_screen(ActionItemScreen(items[row], coachee_name=name), edited)

    def action_remove(self) -> None:
        table = self._table()
        items = self.flow.session.participant(table.coachee_id).action_plan
        if items and table.cursor_row < len(items):
            self.flow.remove_action(table.coachee_id, table.cursor_row)
            self._refresh(table)
