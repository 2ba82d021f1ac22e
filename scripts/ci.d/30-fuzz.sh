#!/usr/bin/env bash
# Bounded fuzzing in CI: scripts/fuzz.sh builds every libFuzzer target of fuzz/CMakeLists.txt with
# clang (ASan + UBSan, in build-fuzz/) and runs each for FUZZ_SECONDS over its committed seed corpus
# (fuzz/corpus/<target>/). A crash fails the step; its input lands in fuzz/regressions/<target>/,
# to be fixed and committed with a regression test (tests/fuzz/tst_fuzzregressions).
#
# Budget: 9 targets x 60 s = 9 min of fuzzing, plus the clang build (about 8 min on 2 cores, less
# with more), within the ~20 min this step may take of CI's 90.
set -euo pipefail
cd "$(dirname "$0")/../.."
export FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
export FUZZ_JOBS="${FUZZ_JOBS:-$(nproc)}"
start=$(date +%s)
scripts/fuzz.sh
echo "fuzzing step: $(($(date +%s) - start)) s"
