#!/usr/bin/env bash
# Headless virtual-microphone harness for testing real sounddevice/PortAudio capture.
#
# Topology:  paplay/aplay/espeak-ng --> PulseAudio null sink "virt" (16 kHz mono s16le)
#            virt.monitor (default source) --> ALSA "pulse"/"default" PCM --> PortAudio --> sounddevice.InputStream
#
# Usage:  virtual-mic.sh [install|start|stop|status|env|play FILE|all]   (default: all = install + start)
#         eval "$(virtual-mic.sh env)"    # export PULSE_* for the current shell
# Play into the microphone:  paplay --device=virt FILE.wav   (or espeak-ng --stdout TEXT | paplay --device=virt)
# Import sounddevice only after the server is up: PortAudio scans devices once, at initialisation.
# Works as root in a container without /dev/snd, kernel modules, dbus or systemd.
#
# sitante's copy of ../shared/tools/virtual-mic.sh (the project must not depend on ../shared).
# Changes: `install` uses sudo when not root; `play FILE` plays a WAV into the microphone.
# `start` is idempotent (the test fixture calls it whenever the server is down).
set -euo pipefail

PULSE_RUNTIME_PATH="${PULSE_RUNTIME_PATH:-/tmp/pulse-ci}"
PULSE_SERVER="unix:${PULSE_RUNTIME_PATH}/native"
export PULSE_RUNTIME_PATH PULSE_SERVER
SINK="${AUDIO_SINK:-virt}"
RATE="${AUDIO_RATE:-16000}"
KEEPALIVE_PID="${PULSE_RUNTIME_PATH}/keepalive.pid"
LOG="${PULSE_RUNTIME_PATH}/pulseaudio.log"
APT_PKGS=(libportaudio2 pulseaudio pulseaudio-utils alsa-utils libasound2-plugins espeak-ng sox)

log() { echo "[audio_harness] $*" >&2; }

install() {
  local missing=()
  for p in "${APT_PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

server_up() { pactl info >/dev/null 2>&1; }

start() {
  mkdir -p "$PULSE_RUNTIME_PATH"; chmod 700 "$PULSE_RUNTIME_PATH"
  if ! server_up; then
    log "starting pulseaudio (runtime $PULSE_RUNTIME_PATH)"
    # -n: skip default.pa (no dbus/udev/suspend-on-idle/always-sink) => deterministic module set.
    # Running as root in per-user mode only prints a warning; --system mode would need pulse-access group/auth setup.
    pulseaudio --daemonize=yes -n --exit-idle-time=-1 --disallow-exit \
      --realtime=no --high-priority=no --log-target="file:$LOG" \
      --load="module-native-protocol-unix auth-anonymous=1" 2>>"$LOG" || true
    for _ in $(seq 50); do server_up && break; sleep 0.1; done
    server_up || { log "pulseaudio failed to start; log:"; tail -n 30 "$LOG" >&2; exit 1; }
  fi
  if ! pactl list short sinks | awk '{print $2}' | grep -qx "$SINK"; then
    pactl load-module module-null-sink sink_name="$SINK" rate="$RATE" channels=1 format=s16le \
      sink_properties=device.description="$SINK" >/dev/null
  fi
  pactl set-default-sink "$SINK"
  pactl set-default-source "$SINK.monitor"
  # Keep-alive: an idle null sink renders in ~2 s blocks, so a freshly opened capture stream
  # gets no data for up to 2 s. A permanent low-latency silent playback stream pins the sink
  # latency to ~5 ms (first callback then arrives in <10 ms).
  if ! { [[ -s "$KEEPALIVE_PID" ]] && kill -0 "$(cat "$KEEPALIVE_PID")" 2>/dev/null \
         && grep -q pacat "/proc/$(cat "$KEEPALIVE_PID")/cmdline" 2>/dev/null; }; then
    setsid pacat --playback --device="$SINK" --latency-msec=20 --rate="$RATE" --channels=1 \
      --format=s16le --raw --client-name=keepalive /dev/zero </dev/null >/dev/null 2>&1 &
    echo $! >"$KEEPALIVE_PID"
  fi
  for _ in $(seq 50); do pactl list short sink-inputs | grep -q . && break; sleep 0.1; done
  # Readiness probe: on a cold server the sink is still sleeping through its first ~2 s block;
  # block until the monitor actually delivers 100 ms of audio (~2 s cold, ~0.1 s warm).
  { timeout 6 parec -d "$SINK.monitor" --raw --latency-msec=10 --rate="$RATE" --channels=1 \
      --format=s16le 2>/dev/null | head -c $((RATE / 5)) >/dev/null; } || true
  log "ready: PULSE_SERVER=$PULSE_SERVER sink=$SINK source=$SINK.monitor"
}

stop() {
  if [[ -s "$KEEPALIVE_PID" ]]; then kill "$(cat "$KEEPALIVE_PID")" 2>/dev/null || true; rm -f "$KEEPALIVE_PID"; fi
  pulseaudio --kill 2>/dev/null || true
  for _ in $(seq 50); do server_up || break; sleep 0.1; done
  log "stopped"
}

status() {
  pactl info | grep -E 'Server String|Default (Sink|Source)'
  pactl list short sinks; pactl list short sink-inputs
}

play() { paplay --device="$SINK" "$1"; }

env_out() { echo "export PULSE_RUNTIME_PATH='$PULSE_RUNTIME_PATH' PULSE_SERVER='$PULSE_SERVER'"; }

case "${1:-all}" in
  install) install ;;
  start)   start ;;
  stop)    stop ;;
  status)  status ;;
  env)     env_out ;;
  play)    play "${2:?usage: $0 play FILE.wav}" ;;
  all)     install; start ;;
  *) echo "usage: $0 [install|start|stop|status|env|play FILE|all]" >&2; exit 2 ;;
esac
