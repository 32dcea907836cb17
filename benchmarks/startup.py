"""Start-up: time to the first painted home screen of `sitante demo`, beside a bare Textual app.

Both run in a pseudo-terminal (100×32) from process start until their text is on screen; the
median of several runs is reported, with the ratio, and the time of `sitante --help`.
Target: first paint ≤ 1.5× the bare Textual app; `--help` ≤ 0.3 s.

    uv run python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _terminal import time_to_text

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello from a bare Textual app")

Hello().run()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "TERM": "xterm-256color", "SITANTE_HOME": scratch, "TMPDIR": scratch}
        # As on a user's laptop from the second start on: compiled bytecode is cached (here in a
        # scratch folder, so the benchmark leaves nothing behind even where the environment sets
        # PYTHONDONTWRITEBYTECODE). The warm-up runs below fill that cache for both apps.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        bare_script = Path(scratch) / "bare.py"
        bare_script.write_text(BARE_APP)
        # Warm the OS file cache and the bytecode cache once for both, so the comparison is about
        # our own work.
        time_to_text([python, str(bare_script)], "Hello from", env=env)
        time_to_text([python, "-m", "sitante_tui", "demo"], "Coachee dan program", env=env)
        bare, demo = [], []
        for _ in range(args.runs):
            bare.append(time_to_text([python, str(bare_script)], "Hello from", env=env))
            demo.append(
                time_to_text([python, "-m", "sitante_tui", "demo"], "Coachee dan program", env=env)
            )
        helps = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(
                [python, "-m", "sitante_tui", "--help"], env=env, capture_output=True, check=True
            )
            helps.append(time.perf_counter() - start)
    result = {
        "first_paint_s": round(statistics.median(demo), 3),
        "bare_textual_s": round(statistics.median(bare), 3),
        "ratio": round(statistics.median(demo) / statistics.median(bare), 2),
        "help_s": round(statistics.median(helps), 3),
    }
    print(f"runs: {args.runs} each (median)")
    runs = {
        "demo": ", ".join(f"{x:.2f}" for x in demo),
        "bare": ", ".join(f"{x:.2f}" for x in bare),
    }
    print(f"sitante demo, first paint: {result['first_paint_s']:.3f} s  (all: {runs['demo']})")
    print(f"bare Textual app, first paint: {result['bare_textual_s']:.3f} s  (all: {runs['bare']})")
    print(f"ratio: {result['ratio']:.2f} (target ≤ 1.5)")
    print(f"sitante --help: {result['help_s']:.3f} s (target ≤ 0.3)")
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
