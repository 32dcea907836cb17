"""The steps of a session, the templates that order them, and each step's time budget."""

from __future__ import annotations

from enum import StrEnum

from sitante_tui.domain.models import Template


class Step(StrEnum):
    """One screen of the session flow."""

    PREPARE = "prepare"
    RAPPORT = "rapport"
    CONSENT = "consent"
    CONFIDENTIALITY = "confidentiality"
    GOAL = "goal"
    REALITY = "reality"
    OPTIONS = "options"
    WILL = "will"
    SHARING = "sharing"
    MAP_PROBLEM = "map_problem"
    DISCUSS_CAUSES = "discuss_causes"
    IDENTIFY_SOLUTIONS = "identify_solutions"
    ACTION_PLAN = "action_plan"
    REVIEW = "review"
    FOLLOW_UP = "follow_up"
    CLOSE = "close"


_OPENING = (Step.PREPARE, Step.RAPPORT, Step.CONSENT, Step.CONFIDENTIALITY)
_ENDING = (Step.ACTION_PLAN, Step.REVIEW, Step.FOLLOW_UP, Step.CLOSE)

TEMPLATE_STEPS: dict[Template, tuple[Step, ...]] = {
    Template.GROW: (*_OPENING, Step.GOAL, Step.REALITY, Step.OPTIONS, Step.WILL, *_ENDING),
    Template.MENTORING: (*_OPENING, Step.SHARING, *_ENDING),
    Template.PERFORMANCE: (
        *_OPENING,
        Step.MAP_PROBLEM,
        Step.DISCUSS_CAUSES,
        Step.IDENTIFY_SOLUTIONS,
        *_ENDING,
    ),
}

#: Steps where the conversation itself happens: never before consent and confidentiality.
CONVERSATION_STEPS = frozenset(
    {
        Step.GOAL,
        Step.REALITY,
        Step.OPTIONS,
        Step.WILL,
        Step.SHARING,
        Step.MAP_PROBLEM,
        Step.DISCUSS_CAUSES,
        Step.IDENTIFY_SOLUTIONS,
    }
)

#: Steps that show a question bank beside a notes editor (the prompt-library stage name).
QUESTION_BANK_STEPS = {
    Step.RAPPORT: "rapport",
    Step.GOAL: "goal",
    Step.REALITY: "reality",
    Step.OPTIONS: "options",
    Step.WILL: "will",
    Step.SHARING: "sharing",
    Step.MAP_PROBLEM: "map_problem",
    Step.DISCUSS_CAUSES: "discuss_causes",
    Step.IDENTIFY_SOLUTIONS: "identify_solutions",
}

#: Minutes each step should take; a GROW session sums to 58 of its 45–60 minute window.
BUDGET_MINUTES: dict[Step, float] = {
    Step.PREPARE: 3,
    Step.RAPPORT: 3,
    Step.CONSENT: 2,
    Step.CONFIDENTIALITY: 1,
    Step.GOAL: 8,
    Step.REALITY: 12,
    Step.OPTIONS: 8,
    Step.WILL: 6,
    Step.SHARING: 30,
    Step.MAP_PROBLEM: 8,
    Step.DISCUSS_CAUSES: 10,
    Step.IDENTIFY_SOLUTIONS: 8,
    Step.ACTION_PLAN: 6,
    Step.REVIEW: 4,
    Step.FOLLOW_UP: 3,
    Step.CLOSE: 2,
}


def steps_for(template: Template) -> tuple[Step, ...]:
    """The ordered steps of a template."""
    return TEMPLATE_STEPS[template]


def budget_seconds(step: Step) -> float:
    """The time budget of a step, in seconds."""
    return BUDGET_MINUTES[step] * 60
