#!/usr/bin/env bash
# Create (or reuse) a Python venv holding Ralph, the xAPI LRS used by the
# integration tests.  Usage: setup.sh [VENV_DIR]   (default ~/.cache/hatua/ralph-5.1.0-venv)
# Idempotent: if the venv already has the pinned versions, nothing is installed.
# Env: PYTHON (default python3, needs >= 3.9).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/hatua/ralph-5.1.0-venv}"
PYTHON="${PYTHON:-python3}"

RALPH_REQ='ralph-malph[cli,lrs]==5.1.0'
REQUESTS_REQ='requests==2.34.2'
# Full set of transitive versions that were tested together (pip -c).
CONSTRAINTS="$HERE/constraints.txt"

installed_ok() {
    [ -x "$VENV/bin/python" ] || return 1
    "$VENV/bin/python" - <<'PY' 2>/dev/null
import sys
import importlib.util
from importlib.metadata import version
ok = version("ralph-malph") == "5.1.0" and version("requests") == "2.34.2"
for mod in ("ralph", "fastapi", "uvicorn", "bcrypt", "click", "requests"):
    if importlib.util.find_spec(mod) is None:
        sys.exit(1)
sys.exit(0 if ok else 1)
PY
}

if installed_ok; then
    echo "setup.sh: $VENV already has ralph-malph 5.1.0 + requests 2.34.2" >&2
    exit 0
fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "setup.sh: creating venv $VENV with $("$PYTHON" --version 2>&1)" >&2
    "$PYTHON" -m venv "$VENV"
fi

constraint_args=()
[ -f "$CONSTRAINTS" ] && constraint_args=(-c "$CONSTRAINTS")

echo "setup.sh: installing $RALPH_REQ $REQUESTS_REQ" >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "${constraint_args[@]}" "$RALPH_REQ" "$REQUESTS_REQ"

installed_ok || { echo "setup.sh: install finished but check failed" >&2; exit 1; }
echo "setup.sh: done ($VENV)" >&2
