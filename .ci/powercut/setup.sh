#!/usr/bin/env bash
# Create (or reuse) the Python venv that runs powercutfs, the power-cut file system of
# tests/power_cut.rs.  Usage: setup.sh [VENV_DIR]
#   (default ~/.cache/hatua/powercutfs-mfusepy-3.1.1-venv)
# Idempotent: if the venv already has the pinned version, nothing is installed. Installs
# libfuse 3 with apt-get when the machine lacks it (root only).
# Env: PYTHON (default python3, needs >= 3.9).
set -euo pipefail

VENV="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/hatua/powercutfs-mfusepy-3.1.1-venv}"
PYTHON="${PYTHON:-python3}"
# mfusepy speaks to libfuse 3 (or 2) through ctypes: nothing to compile.
MFUSEPY_REQ='mfusepy==3.1.1'

log() { echo "powercut/setup.sh: $*" >&2; }

if ! ldconfig -p | grep 'libfuse3\.so\.3 ' >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        log "installing libfuse3-3"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends libfuse3-3 >/dev/null
    else
        log "libfuse3 is missing and only root can install it (apt-get install libfuse3-3)"
        exit 1
    fi
fi

installed_ok() {
    [ -x "$VENV/bin/python" ] || return 1
    "$VENV/bin/python" - <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if version("mfusepy") == "3.1.1" else 1)
PY
}

if installed_ok; then
    log "$VENV already has $MFUSEPY_REQ"
    exit 0
fi
if [ ! -x "$VENV/bin/python" ]; then
    log "creating venv $VENV with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv "$VENV"
fi
log "installing $MFUSEPY_REQ"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$MFUSEPY_REQ"
installed_ok || { log "install finished but check failed"; exit 1; }
log "done ($VENV)"
