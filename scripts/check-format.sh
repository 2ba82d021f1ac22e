#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (the committed .clang-format) makes of it.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.cpp' '*.h' | grep -v -E '^(build|fuzz/corpus)/' || true)
[ -n "$files" ] || exit 0
# shellcheck disable=SC2086
if ! clang-format --dry-run --Werror $files; then
    echo "check-format: run  clang-format -i <file>  on the files above" >&2
    exit 1
fi
echo "check-format: $(echo "$files" | wc -l) files formatted"
