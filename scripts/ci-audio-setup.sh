#!/usr/bin/env bash
# CI: install the audio packages (PortAudio, PulseAudio, espeak-ng, sox) and start the virtual
# microphone, so that the tests record through the real sounddevice/PortAudio stack.
#
# Usage (in .ci/run, before `uv run pytest`):
#     scripts/ci-audio-setup.sh
#     eval "$(scripts/virtual-mic.sh env)"      # exports PULSE_RUNTIME_PATH and PULSE_SERVER
# The tests also start the microphone themselves when it is down (packages must be installed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/virtual-mic.sh" install
"$here/virtual-mic.sh" start
"$here/virtual-mic.sh" status >&2
