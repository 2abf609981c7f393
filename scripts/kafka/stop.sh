#!/usr/bin/env bash
# Stop the Kafka broker started by start.sh (via its pid file). Idempotent.
set -euo pipefail

KAFKA_HOME="${KAFKA_HOME:-${HOME:-/root}/.cache/orchestrator-kafka}"
PID_FILE="$KAFKA_HOME/kafka.pid"
TIMEOUT="${KAFKA_STOP_TIMEOUT:-60}"

log() { echo "[kafka] $*" >&2; }

if [[ ! -f "$PID_FILE" ]]; then
  log "not running (no pid file at $PID_FILE)"
  exit 0
fi
pid="$(cat "$PID_FILE" 2>/dev/null || true)"

# Only signal the pid if it still is our Kafka JVM (guards against pid reuse).
if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null \
    || ! grep -qa 'kafka\.Kafka' "/proc/$pid/cmdline" 2>/dev/null; then
  log "not running (stale pid file removed)"
  rm -f "$PID_FILE"
  exit 0
fi

log "stopping Kafka (pid $pid)"
kill -TERM "$pid" 2>/dev/null || true
for ((i = 0; i < TIMEOUT * 2; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
  log "still running after ${TIMEOUT}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 1
fi
rm -f "$PID_FILE"
log "stopped"
