#!/usr/bin/env bash
# Builds the fuzz targets' seed corpora from the repository: the shipped courses, the tests'
# fixtures, bundles packed (and signed) by the hatua binary, and the kept seeds.
# The corpora are made, not kept: fuzz/corpus is ignored by git. Only the few seeds that no
# command can make are kept, in fuzz/seeds/: open attempts and a records export.
#
# Usage: fuzz/seed.sh [HATUA_BINARY]   (default: builds and uses target/debug/hatua)
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$fuzz")"
corpus="$fuzz/corpus"
cd "$repo"

if [ $# -ge 1 ]; then
    hatua="$1"
else
    cargo build --quiet --bin hatua
    hatua="$repo/target/debug/hatua"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/hatua-seeds.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Each seed is named after where it came from, so a finding can be traced to its origin.
put() { # target, file
    local name
    name="$(printf '%s' "${2#"$repo"/}" | tr '/' '_')"
    mkdir -p "$corpus/$1"
    cp "$2" "$corpus/$1/$name"
}

courses=(courses/* tests/fixtures/*/ tests/fixtures/gift/course)
for dir in "${courses[@]}"; do
    dir="${dir%/}"
    [ -f "$dir/course.toml" ] && put course_toml "$repo/$dir/course.toml"
    for f in "$dir"/quizzes/*.toml; do [ -f "$f" ] && put quiz_toml "$repo/$f"; done
    for f in "$dir"/quizzes/*.gift; do [ -f "$f" ] && put gift "$repo/$f"; done
    for f in "$dir"/lessons/*.md; do [ -f "$f" ] && put markdown "$repo/$f"; done
done
for f in tests/fixtures/gift/*.gift; do put gift "$repo/$f"; done
for f in README.md docs/*.md; do put markdown "$repo/$f"; done

# Bundles: the hostile fixtures, and every valid course packed, once signed.
for f in tests/fixtures/hostile/*.zip; do put bundle_zip "$repo/$f"; done
"$hatua" --data-dir "$work/data" keygen "$work/publisher.key" >/dev/null
for dir in courses/* tests/fixtures/minimal tests/fixtures/all-types tests/fixtures/gift/course; do
    name="$(printf '%s' "$dir" | tr '/' '_')"
    "$hatua" --data-dir "$work/data" pack "$dir" --output "$work/$name.zip" >/dev/null
    "$hatua" --data-dir "$work/data" pack "$dir" --output "$work/$name-signed.zip" \
        --sign "$work/publisher.key" >/dev/null
    for zip in "$work/$name.zip" "$work/$name-signed.zip"; do
        put bundle_zip "$zip"
        unzip -p "$zip" MANIFEST.toml >"$work/$(basename "$zip" .zip).MANIFEST.toml"
        put bundle_manifest "$work/$(basename "$zip" .zip).MANIFEST.toml"
    done
done

# Records: the kept exports, as zips and as their tables. No command makes one here: an
# export holds learners with records (answers, lessons read), and only the player makes those.
for zip in "$fuzz"/seeds/records_zip/*.zip; do
    put records_zip "$zip"
    tables="$work/$(basename "$zip" .zip).tables"
    # The tables in the order the target reads them, a NUL byte between two.
    python3 - "$zip" "$tables" <<'PY'
import sys, zipfile
order = ["learners.csv", "items.csv", "completions.csv", "attempts.csv", "answers.csv",
         "certificates.csv"]
with zipfile.ZipFile(sys.argv[1]) as z:
    parts = [z.read(n) for n in order]
open(sys.argv[2], "wb").write(b"\0".join(parts))
PY
    put records_tables "$tables"
done

# Kept seeds: what only a running player writes (an attempt's plan and answers).
for dir in "$fuzz"/seeds/*/; do
    target="$(basename "$dir")"
    for f in "$dir"*; do [ -f "$f" ] && put "$target" "$f"; done
done

for dir in "$corpus"/*/; do
    printf '%-16s %4d seeds\n' "$(basename "$dir")" "$(find "$dir" -type f | wc -l)"
done
