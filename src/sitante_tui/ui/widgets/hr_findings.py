"""Programme-rule findings as HR reads them: a sentence each, a short label, a severity mark."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text

from sitante_tui.domain.programme_rules import Finding
from sitante_tui.i18n import t
from sitante_tui.ui.formatting import SEVERITY_STYLE, format_date

MARK = "●"


def finding_sentence(finding: Finding) -> str:
    """The finding in words (``hr.finding.<code>``), dates and months spelled out."""
    params = dict(finding.params)
    for key in ("due_on", "date", "started_on", "ended_on"):
        value = params.get(key)
        if isinstance(value, str):
            params[key] = format_date(date.fromisoformat(value), short=True)
    month = params.get("month")
    if isinstance(month, str) and len(month) == 7:
        year, number = month.split("-")
        params["month"] = f"{t(f'date.month.{int(number)}')} {year}"
    return t(f"hr.finding.{finding.code}", **params)


def finding_label(finding: Finding) -> str:
    """A few words naming the rule (``hr.finding_short.<code>``), for a table cell."""
    return t(f"hr.finding_short.{finding.code}", **finding.params)


def worst_cell(findings: Sequence[Finding]) -> Text:
    """The most serious finding as a coloured mark and label, with how many more there are."""
    if not findings:
        return Text(t("hr.app.on_track"), style="green")
    worst = findings[0]  # the dashboard sorts findings most serious first
    text = Text(MARK + " ", style=SEVERITY_STYLE[worst.severity.value])
    text.append(finding_label(worst))
    if len(findings) > 1:
        text.append(f" +{len(findings) - 1}", style="dim")
    return text


def findings_text(findings: Sequence[Finding]) -> Text:
    """Every finding on its own line, marked by severity."""
    if not findings:
        return Text(t("hr.dashboard.no_findings"), style="green")
    text = Text()
    for number, finding in enumerate(findings):
        if number:
            text.append("\n")
        text.append(MARK + " ", style=SEVERITY_STYLE[finding.severity.value])
        text.append(finding_sentence(finding))
    return text
