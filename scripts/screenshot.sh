#!/bin/sh
# Produces the README's docs/screenshot.png and docs/screenshots/: the console in demo mode (every
# simulator in-process), rendered offscreen 30 s after its first paint (half a minute of live data
# in the demo charts), at 1024x700, 1440x900 and 1920x1080 and in the dark theme.
# Usage: scripts/screenshot.sh [build-dir] [docs-dir]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build"}
docs=${2:-"$here/docs"}
app="$build/app/gui/fleetscope"
if [ ! -x "$app" ]; then
    echo "screenshot.sh: $app not built (cmake --build $build --target fleetscope)" >&2
    exit 1
fi
mkdir -p "$docs/screenshots"
# A fresh config directory: the pictures never depend on this machine's saved layout.
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
shot() { # output size [options...]
    out=$1
    size=$2
    shift 2
    FLEETSCOPE_CONFIG_DIR="$config" QT_QPA_PLATFORM=offscreen "$app" --demo --size "$size" "$@" \
        --screenshot "$out" --after 30
}
shot "$docs/screenshots/fleetscope-1024x700.png" 1024x700
shot "$docs/screenshots/fleetscope-1440x900.png" 1440x900
shot "$docs/screenshots/fleetscope-1920x1080.png" 1920x1080
shot "$docs/screenshots/fleetscope-dark-1440x900.png" 1440x900 --theme dark
cp "$docs/screenshots/fleetscope-1440x900.png" "$docs/screenshot.png"
