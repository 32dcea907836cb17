"""Question analysis speed: the first question after start-up, then warm, and the CLI end to end.

Target (practice issue): classify one question in ≤ 50 ms after start-up. "First question" is
measured in a fresh process from before the classifier's import to its first verdict (word lists
loaded, patterns compiled); "warm" is the median over the labelled set afterwards. The CLI run
(`sitante practice classify "…"`) is shown beside a bare `python -c pass` from the same run.

    uv run python benchmarks/classify.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "questions_labelled.tsv"

FIRST = """
import time
start = time.perf_counter()
from sitante_tui.domain.question_analysis import analyse_question
analyse_question("Apa yang ingin Anda capai dari sesi ini?")
print(time.perf_counter() - start)
"""


def questions() -> list[tuple[str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            if len(fields) >= 2 and fields[1] in ("id", "en"):
                rows.append((fields[0], fields[1]))
    return rows


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    cli = [python, "-m", "sitante_tui", "practice", "classify", "Apa yang ingin Anda capai?"]
    wall(cli)  # warm the OS file cache
    first = [
        float(subprocess.run([python, "-c", FIRST], check=True, capture_output=True).stdout)
        for _ in range(args.runs)
    ]
    cli_runs = [wall(cli) for _ in range(args.runs)]
    bare = [wall([python, "-c", "pass"]) for _ in range(args.runs)]

    from sitante_tui.domain.question_analysis import analyse_question

    rows = questions()
    per_question = []
    for text, lang in rows:
        start = time.perf_counter()
        analyse_question(text, lang)
        per_question.append(time.perf_counter() - start)

    result = {
        "first_question_ms": round(statistics.median(first) * 1000, 1),
        "warm_ms": round(statistics.median(per_question) * 1000, 3),
        "cli_s": round(statistics.median(cli_runs), 3),
        "python_s": round(statistics.median(bare), 3),
    }
    print(f"first question after start-up: {result['first_question_ms']} ms (target ≤ 50 ms)")
    print(f"warm, median over {len(rows)} labelled questions: {result['warm_ms']} ms")
    print(
        f"`sitante practice classify` end to end: {result['cli_s']} s "
        f"(bare python: {result['python_s']} s, ratio {result['cli_s'] / result['python_s']:.1f})"
    )
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
