#!/usr/bin/env bash
# Start a throw-away Ralph LRS for the integration tests.
# Usage: start.sh [VENV_DIR] [WORK_DIR] [PORT]
#   VENV_DIR  venv made by setup.sh          (default ~/.cache/hatua/ralph-5.1.0-venv)
#   WORK_DIR  state: app/ (auth.json), statements/, serve.pid, serve.log, lrs.env
#             (default /tmp/hatua-lrs)
#   PORT      listen on 127.0.0.1:PORT       (default 8100)
# On success prints, on stdout and nothing else:
#   HATUA_TEST_LRS_URL=http://127.0.0.1:PORT/xAPI
#   HATUA_TEST_LRS_USER=hatua
#   HATUA_TEST_LRS_PASSWORD=hatua-test-password
# (also written to WORK_DIR/lrs.env).  Messages go to stderr.
# The store is emptied at every start unless LRS_KEEP_DATA=1.
# Env: LRS_START_TIMEOUT (seconds, default 60); LRS_AUTH_MBOX (agent of the
#      LRS user, default mailto:test@hatua.example); LRS_STRICT=1 (see serve.py).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/hatua/ralph-5.1.0-venv}"
WORK="${2:-/tmp/hatua-lrs}"
PORT="${3:-8100}"
TIMEOUT="${LRS_START_TIMEOUT:-60}"

LRS_USER=hatua
LRS_PASSWORD=hatua-test-password
# NB: not mailto:test@hatua.invalid -- Ralph validates mbox with pydantic's
# email validator, which rejects the special-use TLDs .invalid/.test/.local.
LRS_MBOX="${LRS_AUTH_MBOX:-mailto:test@hatua.example}"

log() { echo "start.sh: $*" >&2; }

[ -x "$VENV/bin/ralph" ] || { log "no ralph in $VENV (run setup.sh first)"; exit 1; }
VENV="$(cd "$VENV" && pwd)"
command -v curl >/dev/null || { log "curl is needed"; exit 1; }

mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
APP_DIR="$WORK/app"
DATA_DIR="$WORK/statements"
PID_FILE="$WORK/serve.pid"
LOG_FILE="$WORK/serve.log"
BASE="http://127.0.0.1:$PORT"

# A server of ours still running from an earlier start: stop it first.
if [ -f "$PID_FILE" ]; then
    "$HERE/stop.sh" "$WORK" >&2 || true
fi
# Anything else already answering on the port would fool the readiness check.
if curl -s -o /dev/null --max-time 2 "$BASE/__lbheartbeat__"; then
    log "something already listens on 127.0.0.1:$PORT; pick another port"
    exit 1
fi

# Fresh credentials (ralph auth -w appends, and refuses a duplicate username).
mkdir -p "$APP_DIR"
rm -f "$APP_DIR/auth.json"
if [ "${LRS_KEEP_DATA:-0}" != 1 ]; then
    rm -rf "$DATA_DIR"
    rm -f "$APP_DIR/history.json"
fi
mkdir -p "$DATA_DIR"

# RALPH_RUNSERVER_BACKEND=fs: otherwise `ralph auth` imports the ES backend.
# Run from APP_DIR so that no .env file of the caller's cwd is read.
(
    cd "$APP_DIR"
    RALPH_APP_DIR="$APP_DIR" \
    RALPH_RUNSERVER_BACKEND=fs \
    RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$DATA_DIR" \
    "$VENV/bin/ralph" auth -u "$LRS_USER" -p "$LRS_PASSWORD" -s all \
        -M "$LRS_MBOX" -N hatua -w
) >"$WORK/auth.log" 2>&1 || { log "ralph auth failed:"; cat "$WORK/auth.log" >&2; exit 1; }
[ -s "$APP_DIR/auth.json" ] || { log "ralph auth wrote no $APP_DIR/auth.json"; exit 1; }

# Start the server detached from our stdout (so `$(start.sh)` does not hang).
: >"$LOG_FILE"
RALPH_APP_DIR="$APP_DIR" \
RALPH_RUNSERVER_BACKEND=fs \
RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$DATA_DIR" \
nohup "$VENV/bin/python" "$HERE/serve.py" \
    --host 127.0.0.1 --port "$PORT" --data-dir "$DATA_DIR" --app-dir "$APP_DIR" \
    </dev/null >>"$LOG_FILE" 2>&1 &
PID=$!
echo "$PID" >"$PID_FILE"
log "started serve.py pid $PID, log $LOG_FILE"

deadline=$((SECONDS + TIMEOUT))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/__heartbeat__" || true)" = 200 ]; do
    if ! kill -0 "$PID" 2>/dev/null; then
        log "serve.py exited early; log follows"; tail -n 40 "$LOG_FILE" >&2
        rm -f "$PID_FILE"; exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
        log "no 200 from $BASE/__heartbeat__ after ${TIMEOUT}s; log follows"
        tail -n 40 "$LOG_FILE" >&2
        "$HERE/stop.sh" "$WORK" >&2 || true
        exit 1
    fi
    sleep 0.2
done
log "ready at $BASE/xAPI (${SECONDS}s after start.sh began)"

cat >"$WORK/lrs.env" <<ENV
HATUA_TEST_LRS_URL=$BASE/xAPI
HATUA_TEST_LRS_USER=$LRS_USER
HATUA_TEST_LRS_PASSWORD=$LRS_PASSWORD
ENV
cat "$WORK/lrs.env"
