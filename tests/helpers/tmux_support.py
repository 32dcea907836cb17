"""Drive a real ``sitante`` process in tmux: send keys, read the screen, wait for text."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path


class TmuxSession:
    """One detached tmux session on a private server socket, running one command."""

    def __init__(
        self,
        argv: list[str],
        *,
        width: int = 100,
        height: int = 32,
        env: dict[str, str] | None = None,
    ) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is required for the end-to-end tests (apt-get install tmux)")
        self.socket = f"sitante-test-{uuid.uuid4().hex[:8]}"
        self.name = "app"
        environment = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        # The short sleep lets tmux apply the window size before the app reads it.
        command = f"sleep 0.3; env {environment} {shlex.join(argv)}; echo EXITED:$?; sleep 600"
        self._tmux(
            "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command
        )

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return result.stdout

    def send(self, *keys: str) -> None:
        """tmux key names (``Enter``, ``C-n``, ``Tab``) or text sent literally with ``text``."""
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        """Type ``text`` literally."""
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def screen(self) -> str:
        """What the terminal shows now."""
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Wait until ``text`` is on screen (and the screen settled a moment); else fail."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                time.sleep(0.3)
                return self.screen()
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not appear within {timeout}s; screen:\n{self.screen()}")

    def app_pid(self) -> int:
        """The pid of the Python process running the app (a child of the pane's shell)."""
        pane_pid = int(self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        for _ in range(50):
            children = Path(f"/proc/{pane_pid}/task/{pane_pid}/children").read_text().split()
            for child in children:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
                if b"sitante_tui" in cmdline:
                    return int(child)
            time.sleep(0.1)
        raise AssertionError("the sitante process was not found")

    def close(self) -> None:
        """Kill the tmux server (and whatever still runs in it)."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def sitante_argv(*args: str) -> list[str]:
    """The ``sitante`` command run by this test interpreter (the project's environment)."""
    return [sys.executable, "-m", "sitante_tui", *args]


def app_environment(home: Path) -> dict[str, str]:
    """Environment for the app under test: its own workspace and a plain 256-colour terminal."""
    names = ("PATH", "HOME", "LANG", "PULSE_SERVER", "PULSE_RUNTIME_PATH")
    keep = {k: v for k, v in os.environ.items() if k in names}
    temp = home / "tmp"
    temp.mkdir(exist_ok=True)
    return {**keep, "SITANTE_HOME": str(home), "TMPDIR": str(temp), "TERM": "xterm-256color"}
