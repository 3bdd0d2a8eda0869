#!/usr/bin/env bash
# Runs the front-end fuzzer (libFuzzer) for FUZZ_SECONDS seconds from a seed
# corpus made of Tests/Corpus and examples/ (`make fuzz` calls it). A crash,
# trap or hang it finds is copied to Tests/Corpus/fuzz/, where
# RobustnessTests compiles it from then on: commit it with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-600}"
swift="${SWIFT:-swift}"
work=build/fuzz

(cd Fuzz && "$swift" build -c release -Xswiftc -sanitize=fuzzer)
mkdir -p "$work/corpus" "$work/artifacts"
# The corpus folder keeps what earlier runs found; the seeds are copied in again each time.
cp Tests/Corpus/run/*.vais Tests/Corpus/run/lib/*.vais Tests/Corpus/fail/*.vais examples/*.vais "$work/corpus/"
find Tests/Corpus/fuzz -name '*.vais' -exec cp {} "$work/corpus/" \;
rm -f "$work"/artifacts/*

status=0
# FUZZ_SEED and FUZZ_RUNS make a run repeatable (CI's smoke run: the same
# inputs for the same commit, so a finding is the commit's, not the luck's).
repeatable=()
[ -n "${FUZZ_SEED:-}" ] && repeatable+=("-seed=$FUZZ_SEED")
[ -n "${FUZZ_RUNS:-}" ] && repeatable+=("-runs=$FUZZ_RUNS")
Fuzz/.build/release/FrontEndFuzzer "$work/corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -dict=Fuzz/vais.dict -artifact_prefix="$work/artifacts/" -print_final_stats=1 "${repeatable[@]}" || status=$?

found=0
for artifact in "$work"/artifacts/*; do
    [ -e "$artifact" ] || continue
    name="$(basename "$artifact")"
    cp "$artifact" "Tests/Corpus/fuzz/$name.vais"
    echo "fuzz: $name is now Tests/Corpus/fuzz/$name.vais (RobustnessTests fails on it until the front end is fixed)"
    found=$((found + 1))
done
if [ "$found" -gt 0 ] || [ "$status" -ne 0 ]; then
    echo "fuzz: FAILED after up to $seconds s: $found input(s) crashed or hung the front end (libFuzzer status $status)"
    exit 1
fi
echo "fuzz: $seconds s, no crash, trap or hang; corpus of $(ls "$work/corpus" | wc -l) inputs in $work/corpus"
