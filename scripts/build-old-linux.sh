#!/usr/bin/env bash
# Builds the release binary for old Linux: linked against glibc 2.17 (CentOS 7, Debian 8,
# Ubuntu 14.04 and everything newer) with cargo-zigbuild, whose Zig toolchain carries the
# old glibc's symbol lists. The usual `cargo build --release` links against this machine's
# glibc and then fails on Debian 11 or Ubuntu 20.04 with "version `GLIBC_2.34' not found".
# Usage: build-old-linux.sh   Prints the binary's path on its last line (standard output).
# Fails, naming the symbols, if the binary needs any glibc newer than 2.17 (objdump -T).
# Env: ZIGBUILD_VENV (default ~/.cache/hatua/zigbuild-0.24.1-zig-0.17.1-venv), made or
# reused; PYTHON (default python3) makes it; CARGO_TARGET_DIR (default target/) is where
# cargo builds, the binary landing in $CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release/.
set -euo pipefail
# Cargo reads a relative CARGO_TARGET_DIR from where it runs: make it absolute before the cd.
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
    case "$CARGO_TARGET_DIR" in /*) ;; *) CARGO_TARGET_DIR="$PWD/$CARGO_TARGET_DIR" ;; esac
    export CARGO_TARGET_DIR
fi
cd "$(dirname "$0")/.."

ZIGBUILD_VERSION=0.24.1
ZIG_VERSION=0.17.1
GLIBC_MAX=2.17
TARGET=x86_64-unknown-linux-gnu
VENV="${ZIGBUILD_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/hatua/zigbuild-$ZIGBUILD_VERSION-zig-$ZIG_VERSION-venv}"
PYTHON="${PYTHON:-python3}"

installed_ok() {
    [ -x "$VENV/bin/cargo-zigbuild" ] &&
        [ "$("$VENV/bin/cargo-zigbuild" --version 2>/dev/null)" = "cargo-zigbuild $ZIGBUILD_VERSION" ] &&
        [ "$("$VENV/bin/python" -m ziglang version 2>/dev/null)" = "$ZIG_VERSION" ]
}

if ! installed_ok; then
    if [ ! -x "$VENV/bin/python" ]; then
        echo "build-old-linux.sh: creating venv $VENV" >&2
        mkdir -p "$(dirname "$VENV")"
        "$PYTHON" -m venv "$VENV"
    fi
    echo "build-old-linux.sh: installing ziglang==$ZIG_VERSION cargo-zigbuild==$ZIGBUILD_VERSION" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "ziglang==$ZIG_VERSION" "cargo-zigbuild==$ZIGBUILD_VERSION"
    installed_ok || { echo "build-old-linux.sh: install finished but check failed" >&2; exit 1; }
fi

# cargo-zigbuild finds Zig through `python3 -m ziglang`: the venv's python must come first.
export PATH="$VENV/bin:$PATH"
if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    rustup target add "$TARGET"
fi

echo "build-old-linux.sh: cargo zigbuild --release --target $TARGET.$GLIBC_MAX" >&2
cargo zigbuild --release --target "$TARGET.$GLIBC_MAX" >&2

BINARY="${CARGO_TARGET_DIR:-$PWD/target}/$TARGET/release/hatua"
[ -x "$BINARY" ] || { echo "build-old-linux.sh: no binary at $BINARY" >&2; exit 1; }

# Every versioned glibc symbol the binary imports, as "VERSION SYMBOL", newest first.
# objdump -T prints e.g. "0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.3.4) __memcpy_chk"
# (older binutils leave out the parentheses).
symbols="$(objdump -T "$BINARY" |
    awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\(?GLIBC_[0-9.]+\)?$/) {
               v = $i; gsub(/[()]/, "", v); sub(/^GLIBC_/, "", v); print v, $NF } }' |
    sort -t' ' -k1,1Vr)"
[ -n "$symbols" ] || { echo "build-old-linux.sh: objdump -T found no glibc symbols in $BINARY" >&2; exit 1; }
newest="$(head -n 1 <<<"$symbols" | cut -d' ' -f1)"
too_new="$(awk -v max="$GLIBC_MAX" '{
        split($1, a, "."); split(max, b, ".");
        if (a[1] + 0 > b[1] + 0 || (a[1] + 0 == b[1] + 0 && a[2] + 0 > b[2] + 0)) print "  GLIBC_" $1 " " $2
    }' <<<"$symbols")"
if [ -n "$too_new" ]; then
    echo "build-old-linux.sh: $BINARY needs a glibc newer than $GLIBC_MAX for:" >&2
    echo "$too_new" >&2
    exit 1
fi
echo "build-old-linux.sh: newest glibc symbol GLIBC_$newest ($(grep -c . <<<"$symbols") versioned imports, none past $GLIBC_MAX); $(du -h "$BINARY" | cut -f1)" >&2
echo "$BINARY"
