"""Accuracy of the question analyser on the labelled set ``tests/data/questions_labelled.tsv``.

To see the table per split and language, run
``uv run pytest -s tests/domain/test_question_accuracy.py``. The targets apply to the whole set per
language: stage accuracy >= 0.85 and closed-question F1 >= 0.95. ``holdout2`` was labelled before
the stage-scoring rework and never tuned on; it and ``holdout`` (tuned on since round 3) get floors
at their achieved level minus two or three questions, so that a regression fails but a small
trade-off does not (the file header records the first-run figures).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitante_tui.domain.question_analysis import analyse_question

DATA = Path(__file__).resolve().parents[1] / "data" / "questions_labelled.tsv"
STAGES = {"goal", "reality", "options", "will", "none"}
FLAG_NAMES = ("leading", "advice", "why", "stacked")
SPLITS = ("tuned", "tuned2", "holdout", "holdout2")
# (split, lang) -> (stage accuracy floor, closed F1 floor). Achieved when set (round 3):
# holdout id 0.981 / 1.000, en 1.000 / 1.000; holdout2 id 0.857 / 0.952, en 0.877 / 1.000.
FLOORS = {
    ("holdout", "id"): (0.94, 0.95),
    ("holdout", "en"): (0.95, 0.95),
    ("holdout2", "id"): (0.82, 0.90),
    ("holdout2", "en"): (0.84, 0.95),
}


@dataclass(frozen=True)
class Row:
    text: str
    lang: str
    stage: str
    open: bool
    flags: frozenset[str]
    source: str
    split: str


def load_rows() -> list[Row]:
    lines = [line for line in DATA.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    rows = []
    for raw in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        rows.append(
            Row(
                text=raw["text"],
                lang=raw["lang"],
                stage=raw["stage"],
                open=raw["open"] == "1",
                flags=frozenset(f for f in raw["flags"].split(",") if f),
                source=raw["source"],
                split=raw["split"],
            )
        )
    return rows


@dataclass(frozen=True)
class Scores:
    n: int
    stage_accuracy: float
    closed_precision: float
    closed_recall: float
    closed_f1: float
    flags: dict[str, tuple[int, int, int]]  # flag -> (true pos, false pos, false neg)


def score(rows: list[Row]) -> Scores:
    stage_ok = tp = fp = fn = 0
    flag_counts = {f: [0, 0, 0] for f in FLAG_NAMES}
    for row in rows:
        analysis = analyse_question(row.text)  # language detected, as in real use
        stage = analysis.stage.value if analysis.stage else "none"
        stage_ok += stage == row.stage
        gold_closed, got_closed = not row.open, not analysis.open
        tp += gold_closed and got_closed
        fp += got_closed and not gold_closed
        fn += gold_closed and not got_closed
        got_flags = set(analysis.flags)
        for flag in FLAG_NAMES:
            counts = flag_counts[flag]
            counts[0] += flag in row.flags and flag in got_flags
            counts[1] += flag in got_flags and flag not in row.flags
            counts[2] += flag in row.flags and flag not in got_flags
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        len(rows),
        stage_ok / len(rows),
        precision,
        recall,
        f1,
        {f: (c[0], c[1], c[2]) for f, c in flag_counts.items()},
    )


ROWS = load_rows()


def test_the_set_is_big_enough_and_well_formed() -> None:
    by_lang = {lang: [r for r in ROWS if r.lang == lang] for lang in ("id", "en")}
    assert len(ROWS) >= 200
    assert len(by_lang["id"]) >= 130 and len(by_lang["en"]) >= 110
    assert sum(r.split.startswith("holdout") for r in ROWS) >= 0.3 * len(ROWS)
    holdout2 = [r for r in ROWS if r.split == "holdout2"]
    assert (
        sum(r.lang == "id" for r in holdout2) >= 60 and sum(r.lang == "en" for r in holdout2) >= 50
    )
    assert {r.stage for r in holdout2} == STAGES
    assert {r.stage for r in ROWS} == STAGES
    assert all(r.flags <= set(FLAG_NAMES) for r in ROWS)
    assert {r.split for r in ROWS} == set(SPLITS)
    assert sum(r.source == "booklet" for r in ROWS) >= 30
    assert len({(r.text, r.lang) for r in ROWS}) == len(ROWS), "duplicate questions"


def test_print_accuracy_table() -> None:
    print()
    print(f"{'split':<9} {'lang':<4} {'n':>4} {'stage':>6} {'closedP':>8} {'closedR':>8} {'F1':>6}")
    for split in (*SPLITS, "all"):
        for lang in ("id", "en"):
            rows = [r for r in ROWS if r.lang == lang and split in ("all", r.split)]
            s = score(rows)
            print(
                f"{split:<9} {lang:<4} {s.n:>4} {s.stage_accuracy:>6.3f} "
                f"{s.closed_precision:>8.3f} {s.closed_recall:>8.3f} {s.closed_f1:>6.3f}"
            )
    for split in (*SPLITS, "all"):
        flags = score([r for r in ROWS if split in ("all", r.split)]).flags
        print(f"flags (tp, fp, fn) {split}:", flags)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_targets_on_the_whole_set(lang: str) -> None:
    s = score([r for r in ROWS if r.lang == lang])
    assert s.stage_accuracy >= 0.85, s
    assert s.closed_f1 >= 0.95, s


@pytest.mark.parametrize(("split", "lang"), sorted(FLOORS))
def test_holdouts_do_not_regress(split: str, lang: str) -> None:
    stage_floor, f1_floor = FLOORS[split, lang]
    s = score([r for r in ROWS if r.lang == lang and r.split == split])
    assert s.stage_accuracy >= stage_floor, s
    assert s.closed_f1 >= f1_floor, s


def test_flags_are_precise() -> None:
    for flag, (tp, fp, fn) in score(ROWS).flags.items():
        assert tp / (tp + fp) >= 0.95, flag
        assert tp / (tp + fn) >= 0.9, flag
