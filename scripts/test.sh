#!/usr/bin/env bash
# The whole test suite, as CI runs it on a clean Debian 12 machine:
#   1. install the packages (scripts/setup-debian.sh)
#   2. check formatting (clang-format, the committed .clang-format) and that every connect to a
#      functor has a context object (scripts/check-connect-context.pl)
#   3. build the core alone (-DFLEETSCOPE_GUI=OFF, warnings as errors, the default generator) and
#      run its tests
#   4. build everything (GUI on, warnings as errors) and run every test
#   5. anything extra the project adds under scripts/ci.d/ (fuzzing, packaging, the proof that
#      step 1's package list is complete), in name order
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n=== %s ===\n' "$*"; }

step "packages"
scripts/setup-debian.sh

step "formatting"
scripts/check-format.sh
scripts/check-connect-context.pl

# The plain build a packager or newcomer types, with CMake's default generator (Unix Makefiles),
# so a Ninja-only assumption cannot come back; the presets below use Ninja.
step "core only (FLEETSCOPE_GUI=OFF, CMake's default generator)"
env -u CMAKE_GENERATOR cmake -S . -B build/core-default -DCMAKE_BUILD_TYPE=Debug -DFLEETSCOPE_GUI=OFF \
    -DFLEETSCOPE_WERROR=ON -DFLEETSCOPE_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build/core-default -j "$(nproc)"
ctest --test-dir build/core-default -j 2 --output-on-failure --timeout 300

step "full build (GUI on)"
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$(nproc)"
QT_QPA_PLATFORM=offscreen ctest --preset ci -j 2

if [ -d scripts/ci.d ]; then
    for extra in scripts/ci.d/*.sh; do
        [ -e "$extra" ] || continue
        step "$(basename "$extra")"
        bash "$extra"
    done
fi
step "all checks passed"
