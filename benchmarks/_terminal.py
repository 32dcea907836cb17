"""Run a command in a pseudo-terminal and time how long it takes until some text is painted."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

_ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def time_to_text(
    argv: list[str],
    marker: str,
    *,
    env: dict[str, str],
    size: tuple[int, int] = (100, 32),
    timeout: float = 30.0,
) -> float:
    """Seconds from spawning ``argv`` until ``marker`` appears on its terminal; kills it after."""
    columns, rows = size
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child: the terminal has its size before the program starts, as in a real one
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.execvpe(argv[0], argv, env)
    seen = b""
    wanted = marker.encode()
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if wanted in _ANSI.sub(b"", seen):
                return time.perf_counter() - start
        raise RuntimeError(
            f"{marker!r} never appeared; output tail: {_ANSI.sub(b'', seen)[-400:]!r}"
        )
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
