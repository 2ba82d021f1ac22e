#!/usr/bin/env bash
# Samples per second fleetscope-cli keeps up with, end to end: the Exosite simulator floods one
# dataport, `fleetscope-cli watch` writes every sample as a JSON line to /dev/null.
# Usage: scripts/bench-cli.sh [build-dir] [samples]
set -euo pipefail
build="${1:-build/dev}"
count="${2:-200000}"
out=$(mktemp)
"$build/app/fleetscope-sim" exosite --port 0 --set floodPerSecond=400000 >"$out" 2>/dev/null &
sim=$!
trap 'kill $sim 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q '"url"' "$out" && break; sleep 0.1; done
url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$out" | head -1)
export FLEETSCOPE_CIK
FLEETSCOPE_CIK=$(printf 'cik:' | sha1sum | cut -d' ' -f1)
start=$(date +%s.%N)
"$build/app/fleetscope-cli" watch --protocol exosite --url "$url" --subscribe flood --count "$count" --quiet >/dev/null
end=$(date +%s.%N)
echo "fleetscope-cli watch: $count samples in $(echo "$end - $start" | bc) s = $(echo "$count / ($end - $start)" | bc) samples/s"
