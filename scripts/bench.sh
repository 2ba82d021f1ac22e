#!/bin/sh
# Runs the benchmarks offscreen and prints their figures. Use an optimised build:
#   cmake --preset ci && cmake --build build/ci --target bench_charttick bench_flood bench_eventlogfilter bench_coldstart
#   scripts/bench.sh build/ci
set -eu
build=${1:-build}
export QT_QPA_PLATFORM=offscreen
for bench in bench_charttick bench_eventlogfilter bench_coldstart bench_flood; do
    echo "== $bench"
    "$build/benchmarks/$bench"
done
