#!/bin/sh
# Runs Hatua from a USB stick, even one mounted `noexec` (as many FAT32 sticks are), where
# starting the binary itself fails with "Permission denied". Put this file beside the Linux
# binary, named `hatua`, on the stick, and run it with sh:
#
#     sh /media/usb/hatua.sh              the player
#     sh /media/usb/hatua.sh courses      any command, with its arguments
#
# It copies `hatua` into a private temporary folder (mktemp -d), runs it from there with the
# data folder `hatua-data` beside this file (HATUA_DATA_DIR; `--data-dir DIR` still wins),
# reading `hatua-data/config.toml` when there is one, as the binary does in portable mode,
# and exits with Hatua's exit code. The temporary folder is removed when Hatua ends, also
# after a Ctrl-C, a closed terminal or a `kill` (a signal sent to this script alone takes
# effect when Hatua ends); only a `kill -9` of this script leaves it behind in $TMPDIR.
# Where /tmp is noexec too, give another folder: TMPDIR=$HOME sh /media/usb/hatua.sh
# docs/install.md says more, and what a FAT32 stick means for the data on it.
set -u

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P) || {
    echo "hatua.sh: cannot find the folder this script is in ($0)" >&2
    exit 1
}
if [ ! -f "$here/hatua" ]; then
    echo "hatua.sh: there is no hatua binary beside this script ($here/hatua); copy it there" >&2
    exit 1
fi

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/hatua.XXXXXX") || {
    echo "hatua.sh: cannot make a temporary folder in ${TMPDIR:-/tmp}; set TMPDIR to a folder with room" >&2
    exit 1
}
# Set only now, so the trap never removes anything but the folder mktemp made.
trap 'rm -rf -- "$run_dir"' EXIT
# A signal ends the script through `exit`, which runs the EXIT trap, with the usual 128+n.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

if ! cp -- "$here/hatua" "$run_dir/hatua" || ! chmod 700 "$run_dir/hatua"; then
    echo "hatua.sh: cannot copy $here/hatua into $run_dir" >&2
    exit 1
fi

HATUA_DATA_DIR="$here/hatua-data"
export HATUA_DATA_DIR

# The stick's own settings, as portable mode reads them, unless the command names others.
config=""
if [ -f "$HATUA_DATA_DIR/config.toml" ]; then
    config="$HATUA_DATA_DIR/config.toml"
    for arg in "$@"; do
        case "$arg" in
            --config | --config=* | --data-dir | --data-dir=*) config="" ;;
        esac
    done
fi

if [ -n "$config" ]; then
    "$run_dir/hatua" --config "$config" "$@"
else
    "$run_dir/hatua" "$@"
fi
status=$?
if [ "$status" -eq 126 ]; then
    echo "hatua.sh: $run_dir does not allow programs to run either; try: TMPDIR=\$HOME sh $0" >&2
fi
exit "$status"
