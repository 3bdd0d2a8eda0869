#!/usr/bin/env bash
# The yardstick: how many Vais programs of a folder vais-hot takes.
#
#   scripts/yardstick.sh DIR [VAIS_HOT]
#
# For each DIR/*.vais (sorted): `vais-hot check`; if it checks, `vais-hot
# build` and a run limited to YARDSTICK_TIMEOUT seconds (20 unless set).
# YARDSTICK_FLAGS go to check and build (`--lenient-mutability`, say).
# Prints one row per file (check ok or the first diagnostic's code and
# message, build ok, how the run ended: its exit code, `signal N` or
# `timeout`), the totals, and the failures grouped by their first
# diagnostic's code, most common first. A program's own exit code is its
# result, not a failure: a run counts when it ends by itself, without a
# signal. Programs run in a scratch folder (some write files where they
# run). Perl (always there on Debian) runs the program, as only a parent
# process can tell an exit code of 139 from a segmentation fault.
set -u

dir=${1:?usage: scripts/yardstick.sh DIR [VAIS_HOT]}
vais_hot=${2:-$(dirname "$0")/../.build/debug/vais-hot}
limit=${YARDSTICK_TIMEOUT:-20}
read -r -a flags <<< "${YARDSTICK_FLAGS:-}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# How a program ends: `exit N`, `signal N` or `timeout`.
run_limited() {
    perl -e '
        my $limit = shift;
        my $pid = fork();
        if ($pid == 0) {
            open(STDIN, "<", "/dev/null"); open(STDOUT, ">", "/dev/null"); open(STDERR, ">", "/dev/null");
            exec(@ARGV) or exit 127;
        }
        local $SIG{ALRM} = sub { kill "KILL", $pid; waitpid($pid, 0); print "timeout\n"; exit 0 };
        alarm $limit;
        waitpid($pid, 0);
        print(($? & 127) ? "signal " . ($? & 127) . "\n" : "exit " . ($? >> 8) . "\n");
    ' "$1" "$2"
}

total=0 checked=0 built=0 ran=0
: > "$work/causes"
printf '%-40s %-8s %-6s %-9s %s\n' file check build run "first diagnostic"
for file in "$dir"/*.vais; do
    [ -e "$file" ] || continue
    total=$((total + 1))
    name=$(basename "$file" .vais)
    check="ok" build="-" run="-" first=""
    if ! "$vais_hot" check "${flags[@]}" "$file" > /dev/null 2> "$work/check.err"; then
        first=$(grep -m1 -o 'error\[[A-Z][0-9]*\]: .*' "$work/check.err" | cut -c1-90)
        code=$(printf '%s' "$first" | sed -n 's/^error\[\([A-Z][0-9]*\)\].*/\1/p')
        check=${code:-crash}
        [ -n "$first" ] || first=$(head -c 90 "$work/check.err" | tr '\n' ' ')
        printf '%s\t%s\n' "$check" "$first" >> "$work/causes"
    else
        checked=$((checked + 1))
        build="no"
        if "$vais_hot" build "${flags[@]}" "$file" -o "$work/$name" > /dev/null 2> "$work/build.err"; then
            build="ok"
            built=$((built + 1))
            run=$(cd "$work" && run_limited "$limit" "$work/$name")
            case $run in
                exit*) ran=$((ran + 1)); run=${run#exit } ;;
            esac
        else
            first="build: $(grep -m1 -v '^\s*$' "$work/build.err" | cut -c1-80)"
        fi
    fi
    printf '%-40s %-8s %-6s %-9s %s\n' "$name" "$check" "$build" "$run" "$first"
done

echo
echo "files: $total  check: $checked  build: $built  run: $ran (timeout ${limit}s${flags[*]:+, ${flags[*]}})"
if [ -s "$work/causes" ]; then
    echo
    echo "failures by first diagnostic code:"
    cut -f1 "$work/causes" | sort | uniq -c | sort -rn
fi
