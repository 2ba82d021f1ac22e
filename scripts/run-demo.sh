#!/usr/bin/env bash
# Installs what is needed, builds, and starts the console in demo mode: every protocol's simulator
# runs in-process on loopback and the window connects to all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
scripts/build.sh dev
bin=build/dev/app
if [ -x "$bin/gui/fleetscope" ]; then
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        echo "run-demo: no display found; starting under xvfb-run (set DISPLAY to see the window)" >&2
        exec xvfb-run -a "$bin/gui/fleetscope" --demo "$@"
    fi
    exec "$bin/gui/fleetscope" --demo "$@"
fi
# Without the desktop window: the simulators plus a live `fleetscope-cli watch` on them.
"$bin/fleetscope-sim" exosite --port 0 >/tmp/fleetscope-sim.$$ &
sim=$!
trap 'kill $sim 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q '"url"' /tmp/fleetscope-sim.$$ && break; sleep 0.1; done
url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' /tmp/fleetscope-sim.$$ | head -1)
FLEETSCOPE_CIK=$(printf 'cik:' | sha1sum | cut -d' ' -f1) "$bin/fleetscope-cli" watch --protocol exosite --url "$url" "$@"
