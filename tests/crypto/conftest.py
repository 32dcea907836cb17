"""Fixtures for the crypto tests: the real ``age``/``age-keygen`` binaries, driven through a pty.

``age`` reads passphrases only from a terminal, so :class:`AgeCli` gives it a pseudo-terminal
and answers its prompts. A missing binary FAILS the test (CI installs age), it never skips.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

_PROMPT = re.compile(rb"passphrase[^:\r\n]*:", re.IGNORECASE)


@dataclass(frozen=True)
class AgeResult:
    """What a run of the real ``age`` left behind."""

    returncode: int
    stdout: bytes
    stderr: bytes  # for pty runs: everything age wrote to the terminal


class AgeCli:
    """Runs the real ``age`` and ``age-keygen`` binaries."""

    def __init__(self, age: str, keygen: str) -> None:
        self.age = age
        self.keygen = keygen

    def run(self, *args: str | Path, stdin: bytes = b"", timeout: float = 60) -> AgeResult:
        """Run ``age`` with ``args`` (no terminal), feeding ``stdin``."""
        proc = subprocess.run(
            [self.age, *map(str, args)],
            input=stdin,
            capture_output=True,
            timeout=timeout,
            start_new_session=True,  # no controlling terminal: age can never block on /dev/tty
        )
        return AgeResult(proc.returncode, proc.stdout, proc.stderr)

    def generate(self, path: Path) -> tuple[str, str]:
        """Create an identity file with ``age-keygen``; returns (identity, recipient)."""
        subprocess.run([self.keygen, "-o", str(path)], check=True, capture_output=True, timeout=30)
        identity = next(
            line for line in path.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-")
        )
        return identity, self.recipient_of(path)

    def recipient_of(self, identity_file: Path) -> str:
        """The recipient ``age-keygen -y`` derives from an identity file."""
        return (
            subprocess.run(
                [self.keygen, "-y", str(identity_file)], check=True, capture_output=True, timeout=30
            )
            .stdout.decode()
            .strip()
        )

    def run_with_passphrase(
        self, *args: str | Path, passphrase: str, timeout: float = 120
    ) -> AgeResult:
        """Run ``age`` on a pseudo-terminal, typing ``passphrase`` at each passphrase prompt.

        The child gets its own session with no controlling terminal, so age's ``/dev/tty``
        lookup fails and it falls back to its standard input: the pty. Input and output must
        therefore be files (``-o`` and a path argument), never stdin/stdout.
        """
        master, slave = os.openpty()
        try:
            proc = subprocess.Popen(
                [self.age, *map(str, args)],
                stdin=slave,
                stdout=subprocess.PIPE,
                stderr=slave,
                start_new_session=True,
            )
        finally:
            os.close(slave)
        seen = bytearray()
        answered = 0
        deadline = time.monotonic() + timeout
        try:
            while True:
                if time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail(f"age did not finish within {timeout} s; terminal: {bytes(seen)!r}")
                ready, _, _ = select.select([master], [], [], 0.05)
                if ready:
                    try:
                        data = os.read(master, 4096)
                    except OSError:  # EIO: the child closed its side of the pty
                        data = b""
                    seen += data
                    if not data and proc.poll() is not None:
                        break
                elif proc.poll() is not None:
                    break
                while answered < len(_PROMPT.findall(seen)):
                    _wait_for_no_echo(master)
                    os.write(master, passphrase.encode() + b"\n")
                    answered += 1
        finally:
            os.close(master)
        assert proc.stdout is not None
        stdout = proc.stdout.read()
        proc.stdout.close()
        return AgeResult(proc.wait(timeout=10), stdout, bytes(seen))


def _wait_for_no_echo(master: int) -> None:
    """Give age a moment to switch the terminal to password mode (echo off) before typing."""
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            if not termios.tcgetattr(master)[3] & termios.ECHO:
                return
        except termios.error:
            return
        time.sleep(0.005)


@pytest.fixture(scope="session")
def age_cli() -> AgeCli:
    """The real age binaries; fails (never skips) when they are not installed."""
    age = shutil.which("age")
    keygen = shutil.which("age-keygen")
    if age is None or keygen is None:
        pytest.fail(
            "the real `age` and `age-keygen` binaries are required for the interoperability "
            "tests (apt-get install age, or https://github.com/FiloSottile/age/releases)",
            pytrace=False,
        )
    return AgeCli(age, keygen)
