#!/usr/bin/env bash
# Bounded libFuzzer run for CI: builds the fuzz targets with clang in build-fuzz/ (or $FUZZ_BUILD_DIR),
# runs each for FUZZ_SECONDS (default 60) over a scratch copy of its committed seed corpus
# (fuzz/corpus/<target>/), and reports executions, corpus size and crashes per target.
# Exit status: 0 no crash; 1 a target crashed (its input is copied to fuzz/regressions/<target>/,
# ready to become a regression test: fix the bug, commit the input); 2 build failure.
#   scripts/fuzz.sh [target...]
set -u
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
JOBS="${FUZZ_JOBS:-2}"
WORK="$BUILD/fuzz-work"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    # Every target listed in fuzz/CMakeLists.txt.
    mapfile -t targets < <(sed -n 's/^fleetscope_add_fuzzer(\([a-z0-9_]*\) .*/\1/p' "$ROOT/fuzz/CMakeLists.txt")
fi

if [ ! -f "$BUILD/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DFLEETSCOPE_FUZZ=ON -DFLEETSCOPE_GUI=OFF -DFLEETSCOPE_BUILD_TESTS=OFF -DFLEETSCOPE_BUILD_BENCHMARKS=OFF \
        >"$BUILD.configure.log" 2>&1 || { cat "$BUILD.configure.log"; exit 2; }
fi
ninja -C "$BUILD" -j "$JOBS" $(printf 'fuzz_%s ' "${targets[@]}") || exit 2

status=0
printf '%-20s %12s %10s %14s %8s\n' target executions exec/s "corpus (files)" crashes
for target in "${targets[@]}"; do
    corpus="$WORK/$target/corpus"
    artifacts="$WORK/$target/artifacts/"
    rm -rf "$WORK/$target"
    mkdir -p "$corpus" "$artifacts"
    cp "$ROOT/fuzz/corpus/$target/"* "$corpus/" 2>/dev/null
    log="$WORK/$target/fuzz.log"
    # -rss_limit_mb keeps a leaking input from taking the machine; -timeout flags a hang.
    "$BUILD/fuzz/fuzz_$target" "$corpus" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    files=$(find "$corpus" -type f | wc -l)
    crashes=$(find "$artifacts" -type f | wc -l)
    printf '%-20s %12s %10s %14s %8s\n' "$target" "${execs:-?}" "${rate:-?}" "$files" "$crashes"
    if [ "$rc" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        status=1
        mkdir -p "$ROOT/fuzz/regressions/$target"
        cp "$artifacts"* "$ROOT/fuzz/regressions/$target/" 2>/dev/null
        echo "--- $target failed (exit $rc); the end of its log:"
        tail -40 "$log"
    fi
done
exit $status
