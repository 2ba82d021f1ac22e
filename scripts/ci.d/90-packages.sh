#!/usr/bin/env bash
# Last: proves scripts/setup-debian.sh's list is complete for everything the steps before used
# (the three build trees, the programs' run-time plugins, the scripts' commands), so a package that
# this runner happens to have installed cannot hide a gap from a new user's fresh machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
builds=()
for b in build/ci build/core-default build-fuzz; do [ -f "$b/CMakeCache.txt" ] && builds+=("$b"); done
scripts/check-packages.sh "${builds[@]}"
