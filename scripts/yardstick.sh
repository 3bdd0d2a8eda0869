#!/usr/bin/env bash
# The yardstick: how many Vais programs of a folder vais-hot takes.
#
#   scripts/yardstick.sh DIR [VAIS_HOT]
#
# For each DIR/*.vais (sorted): `vais-hot check`; if it checks, `vais-hot
# build` and a run under `timeout` (YARDSTICK_TIMEOUT seconds, 20 unless
# set). Prints one row per file (check ok or the first diagnostic's code and
# message, build ok, the run's exit code: 124 is a timeout, above 128 a
# signal), the totals, and the failures grouped by their first diagnostic's
# code, most common first. A program's own exit code is its result, not a
# failure: a run counts when it ends by itself, without a signal.
set -u

dir=${1:?usage: scripts/yardstick.sh DIR [VAIS_HOT]}
vais_hot=${2:-$(dirname "$0")/../.build/debug/vais-hot}
limit=${YARDSTICK_TIMEOUT:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

total=0 checked=0 built=0 ran=0
: > "$work/causes"
printf '%-40s %-8s %-6s %-5s %s\n' file check build run "first diagnostic"
for file in "$dir"/*.vais; do
    [ -e "$file" ] || continue
    total=$((total + 1))
    name=$(basename "$file" .vais)
    check="ok" build="-" run="-" first=""
    if ! "$vais_hot" check "$file" > /dev/null 2> "$work/check.err"; then
        first=$(grep -m1 -o 'error\[[A-Z][0-9]*\]: .*' "$work/check.err" | cut -c1-90)
        code=$(printf '%s' "$first" | sed -n 's/^error\[\([A-Z][0-9]*\)\].*/\1/p')
        check=${code:-crash}
        [ -n "$first" ] || first=$(head -c 90 "$work/check.err" | tr '\n' ' ')
        printf '%s\t%s\n' "$check" "$first" >> "$work/causes"
    else
        checked=$((checked + 1))
        build="no"
        if "$vais_hot" build "$file" -o "$work/$name" > /dev/null 2> "$work/build.err"; then
            build="ok"
            built=$((built + 1))
            timeout "$limit" "$work/$name" > /dev/null 2>&1 < /dev/null
            run=$?
            [ "$run" -lt 124 ] && ran=$((ran + 1))
        else
            first="build: $(grep -m1 -v '^\s*$' "$work/build.err" | cut -c1-80)"
        fi
    fi
    printf '%-40s %-8s %-6s %-5s %s\n' "$name" "$check" "$build" "$run" "$first"
done

echo
echo "files: $total  check: $checked  build: $built  run: $ran (timeout ${limit}s)"
if [ -s "$work/causes" ]; then
    echo
    echo "failures by first diagnostic code:"
    cut -f1 "$work/causes" | sort | uniq -c | sort -rn
fi
