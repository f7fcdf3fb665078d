#!/usr/bin/env bash
# Stop the LRS started by start.sh.  Usage: stop.sh [WORK_DIR]  (default /tmp/hatua-lrs)
# Safe to run when nothing is running (exit 0).
set -uo pipefail

WORK="${1:-/tmp/hatua-lrs}"
PID_FILE="$WORK/serve.pid"
log() { echo "stop.sh: $*" >&2; }

[ -f "$PID_FILE" ] || { log "no $PID_FILE, nothing to stop"; exit 0; }
PID="$(cat "$PID_FILE")"

# Only signal the process if it still is our serve.py (pids get reused).
if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null \
   && tr '\0' ' ' <"/proc/$PID/cmdline" 2>/dev/null | grep -q 'serve\.py'; then
    kill -TERM "$PID" 2>/dev/null
    for _ in $(seq 1 50); do            # up to 10 s for a graceful shutdown
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$PID" 2>/dev/null; then
        log "pid $PID ignored SIGTERM, sending SIGKILL"
        kill -KILL "$PID" 2>/dev/null
    fi
    log "stopped pid $PID"
else
    log "pid ${PID:-?} is not running (or not serve.py)"
fi
rm -f "$PID_FILE"
exit 0
