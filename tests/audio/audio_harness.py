"""The virtual microphone as the tests see it (started by the ``virtual_mic`` fixture)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class VirtualMic:
    """The running virtual microphone."""

    sink: str = "virt"

    def play(self, wav: Path) -> subprocess.Popen[bytes]:
        """Start playing ``wav`` into the microphone (returns the ``paplay`` process)."""
        return subprocess.Popen(["paplay", f"--device={self.sink}", str(wav)])
