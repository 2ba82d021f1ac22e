#!/bin/sh
# Produces docs/screenshot.png: the console in demo mode (every simulator in-process), rendered
# offscreen 30 s after its first paint (half a minute of live data in the demo chart). Usage: scripts/screenshot.sh [build-dir] [output.png]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build"}
out=${2:-"$here/docs/screenshot.png"}
app="$build/app/gui/fleetscope"
if [ ! -x "$app" ]; then
    echo "screenshot.sh: $app not built (cmake --build $build --target fleetscope)" >&2
    exit 1
fi
mkdir -p "$(dirname "$out")"
# A fresh config directory: the picture never depends on this machine's saved layout.
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
FLEETSCOPE_CONFIG_DIR="$config" QT_QPA_PLATFORM=offscreen "$app" --demo --screenshot "$out" --after 30
