"""Keeps native libraries from writing over the full-screen app.

PortAudio and ALSA print straight to file descriptor 2 (device scans, a microphone that is
unplugged mid-session), and Textual draws on that same descriptor. While the app runs, Textual
gets its own copy of the terminal and descriptor 2 points at ``/dev/null``.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """Route Python's stderr (Textual's output) to a duplicate of the terminal and send what
    native code writes to descriptor 2 nowhere, until the block ends."""
    stream = sys.__stderr__
    try:
        if stream is None or not os.isatty(stream.fileno()):
            yield  # not a terminal: nothing to scribble over
            return
    except (OSError, ValueError):
        yield
        return
    stream.flush()
    saved_fd = os.dup(2)
    terminal = io.TextIOWrapper(
        io.FileIO(os.dup(2), "w"),
        encoding=stream.encoding,
        errors="backslashreplace",
        line_buffering=False,
        write_through=True,
    )
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    previous = sys.__stderr__, sys.stderr
    sys.__stderr__ = sys.stderr = terminal
    try:
        yield
    finally:
        terminal.flush()
        sys.__stderr__, sys.stderr = previous
        os.dup2(saved_fd, 2)
        os.close(saved_fd)
        terminal.close()
