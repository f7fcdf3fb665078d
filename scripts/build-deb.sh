#!/usr/bin/env bash
# Builds the Debian package: the glibc-2.17 binary (build-old-linux.sh), then, written by
# that binary from its own clap definitions, the man pages and the bash, zsh and fish
# completions, then `cargo deb` packs them with the desktop entry and the README as
# [package.metadata.deb] in Cargo.toml lists them. Depends only on libc6 (>= 2.17): the
# binary carries SQLite. Usage: build-deb.sh   Prints the .deb's path on its last line.
# Env: CARGO_TARGET_DIR (default target/): the binary, the generated files (under
# x86_64-unknown-linux-gnu/release/deb-extras/) and the .deb (under debian/) go there.
# CARGO_DEB_ROOT (default ~/.cache/hatua/cargo-deb-3.8.0): where cargo-deb is installed
# (`cargo install --locked`, once) or found. And build-old-linux.sh's own.
set -euo pipefail
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
    case "$CARGO_TARGET_DIR" in /*) ;; *) CARGO_TARGET_DIR="$PWD/$CARGO_TARGET_DIR" ;; esac
    export CARGO_TARGET_DIR
fi
cd "$(dirname "$0")/.."

CARGO_DEB_VERSION=3.8.0
TARGET=x86_64-unknown-linux-gnu
CARGO_DEB_ROOT="${CARGO_DEB_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/hatua/cargo-deb-$CARGO_DEB_VERSION}"

if [ "$("$CARGO_DEB_ROOT/bin/cargo-deb" --version 2>/dev/null)" != "cargo-deb $CARGO_DEB_VERSION" ]; then
    echo "build-deb.sh: installing cargo-deb $CARGO_DEB_VERSION into $CARGO_DEB_ROOT" >&2
    # In a temporary folder of its own, not CARGO_TARGET_DIR, which is Hatua's.
    env -u CARGO_TARGET_DIR cargo install --quiet --locked cargo-deb --version "$CARGO_DEB_VERSION" --root "$CARGO_DEB_ROOT"
fi

BINARY="$(scripts/build-old-linux.sh | tail -n 1)"
RELEASE_DIR="$(dirname "$BINARY")"
TARGET_DIR="$(dirname "$(dirname "$RELEASE_DIR")")"

# Made afresh each time, so a page or command that is gone is not packed from a past run.
EXTRAS="$RELEASE_DIR/deb-extras"
rm -rf "$EXTRAS"
mkdir -p "$EXTRAS/man" "$EXTRAS/completions"
# Nothing from this shell's environment (a data folder, plain mode) reaches the pages.
generate() { env -u HATUA_DATA_DIR -u HATUA_PLAIN "$BINARY" "$@"; }
generate man --to "$EXTRAS/man" >&2
# -n: no name or time in the gzip header, so the same pages give the same bytes.
gzip -9n "$EXTRAS/man/"*.1
generate completions bash >"$EXTRAS/completions/hatua.bash"
generate completions zsh >"$EXTRAS/completions/_hatua"
generate completions fish >"$EXTRAS/completions/hatua.fish"
for f in "$EXTRAS/man/hatua.1.gz" "$EXTRAS/completions/"*; do
    [ -s "$f" ] || { echo "build-deb.sh: $f was not written" >&2; exit 1; }
done

# --no-build: the binary is build-old-linux.sh's, not a `cargo build` of this machine's
# glibc; --no-strip: the release profile strips it already.
OUT_DIR="$TARGET_DIR/debian"
mkdir -p "$OUT_DIR"
echo "build-deb.sh: cargo deb --no-build --target $TARGET" >&2
DEB="$(PATH="$CARGO_DEB_ROOT/bin:$PATH" cargo deb --no-build --no-strip --target "$TARGET" \
    --output "$OUT_DIR" | tail -n 1)"
[ -f "$DEB" ] || { echo "build-deb.sh: cargo deb said \"$DEB\", which is not a file" >&2; exit 1; }
echo "build-deb.sh: $(du -h "$DEB" | cut -f1) $DEB" >&2
echo "$DEB"
