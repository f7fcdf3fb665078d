#!/usr/bin/env bash
# Makes (or reuses) a minimal Debian 11 "bullseye" root (glibc 2.31, as on many donated
# PCs) for tests/old_linux.rs, which runs the glibc-2.17 binary and the .deb in it through
# chroot. Usage: old-debian-root.sh [ROOT_DIR]
#   (default ~/.cache/hatua/debian-bullseye-minbase-root). Prints the root's path.
# Needs root (debootstrap and chroot do); installs debootstrap with apt-get if missing.
# The root is built in a folder beside ROOT_DIR and moved into place only once complete,
# so a run cut short leaves nothing that a later run would take for a good root.
# Env: DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

ROOT="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/hatua/debian-bullseye-minbase-root}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bullseye

complete() {
    [ -f "$1/.hatua-root-complete" ] && [ -x "$1/bin/sh" ]
}

if complete "$ROOT"; then
    echo "old-debian-root.sh: reusing $ROOT ($(cat "$ROOT/etc/debian_version"))" >&2
    echo "$ROOT"
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    echo "old-debian-root.sh: needs root (debootstrap and chroot do); run it as root" >&2
    exit 1
fi

if ! command -v debootstrap >/dev/null 2>&1; then
    echo "old-debian-root.sh: installing debootstrap" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        debootstrap >/dev/null
fi

mkdir -p "$(dirname "$ROOT")"
BUILD="$ROOT.partial"
rm -rf "$BUILD"
echo "old-debian-root.sh: debootstrap --variant=minbase $SUITE into $BUILD" >&2
if ! debootstrap --variant=minbase "$SUITE" "$BUILD" "$MIRROR" >"$BUILD.log" 2>&1; then
    echo "old-debian-root.sh: debootstrap failed; the end of its log ($BUILD.log):" >&2
    tail -n 30 "$BUILD.log" >&2
    [ -f "$BUILD/debootstrap/debootstrap.log" ] && tail -n 30 "$BUILD/debootstrap/debootstrap.log" >&2
    exit 1
fi
# Nothing inside the root should try to reach a network or start services.
rm -rf "$BUILD/var/cache/apt/archives/"*.deb
touch "$BUILD/.hatua-root-complete"
rm -rf "$ROOT"
mv "$BUILD" "$ROOT"
rm -f "$BUILD.log"
echo "old-debian-root.sh: done ($ROOT, Debian $(cat "$ROOT/etc/debian_version"))" >&2
echo "$ROOT"
