"""One panel per session step; :func:`panel_for` picks the panel of a step."""

from __future__ import annotations

from sitante_tui.domain.session_steps import Step
from sitante_tui.ui.widgets.steps.action_plan_panel import ActionPlanPanel
from sitante_tui.ui.widgets.steps.base import SessionContext, StepPanel
from sitante_tui.ui.widgets.steps.close_panel import ClosePanel
from sitante_tui.ui.widgets.steps.conversation_panel import ConversationPanel
from sitante_tui.ui.widgets.steps.follow_up_panel import FollowUpPanel
from sitante_tui.ui.widgets.steps.opening_panels import (
    ConfidentialityPanel,
    ConsentPanel,
    RapportPanel,
)
from sitante_tui.ui.widgets.steps.prepare_panel import PreparePanel
from sitante_tui.ui.widgets.steps.review_panel import ReviewPanel

_PANELS: dict[Step, type[StepPanel]] = {
    Step.PREPARE: PreparePanel,
    Step.RAPPORT: RapportPanel,
    Step.CONSENT: ConsentPanel,
    Step.CONFIDENTIALITY: ConfidentialityPanel,
    Step.ACTION_PLAN: ActionPlanPanel,
    Step.REVIEW: ReviewPanel,
    Step.FOLLOW_UP: FollowUpPanel,
    Step.CLOSE: ClosePanel,
}


def panel_for(step: Step, ctx: SessionContext) -> StepPanel:
    """The panel showing ``step`` (conversation steps share one panel class)."""
    return _PANELS.get(step, ConversationPanel)(ctx, id=f"panel-{step.value}")


__all__ = ["SessionContext", "StepPanel", "panel_for"]
