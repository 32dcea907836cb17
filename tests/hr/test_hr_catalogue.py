"""Every code the HR side can show has its text in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from sitante_tui.domain import programme_rules
from sitante_tui.domain.hr_recap import RecapStatus
from sitante_tui.domain.hr_summary import DELIVERY_MODES, FORMS, KINDS, SummaryVerdict
from sitante_tui.i18n import catalogue, has_key
from sitante_tui.store import hr_exports
from sitante_tui.store.hr_trust import HrKeyVerdict


def test_finding_verdict_value_and_column_keys_exist_in_both_languages() -> None:
    source = Path(programme_rules.__file__).read_text()
    codes = set(re.findall(r'Finding\(\s*"([a-z_]+)"', source))
    assert {"month_over_cap", "followup_overdue", "midpoint_review_due"} <= codes
    keys = [f"hr.finding.{c}" for c in codes]
    keys += [f"hr.verdict.{v}" for v in SummaryVerdict]
    keys += [f"hr.key_verdict.{v}" for v in HrKeyVerdict]
    keys += [f"hr.value.{v}" for v in (*KINDS, *FORMS, *DELIVERY_MODES, *RecapStatus, "yes", "no")]
    keys += [f"hr.severity.{s}" for s in programme_rules.Severity]
    for columns in (
        hr_exports.session_columns("id"),
        hr_exports.coachee_columns("id"),
        hr_exports.coach_columns("id"),
        hr_exports.recap_columns("id"),
    ):
        keys += [f"hr.col.{c.key}" for c in columns]
    missing = [k for k in keys if not has_key(k)]
    assert not missing
    assert all(catalogue()[k]["id"] and catalogue()[k]["en"] for k in keys)
