#!/usr/bin/env bash
# Builds the .deb from the CI tree, validates its desktop metadata, installs it with apt like a
# user would, and checks the installed programs: fleetscope-cli against the installed
# fleetscope-sim, and the installed window in demo mode rendering a screenshot offscreen.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
build=build/ci
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/fleetscope_*_amd64.deb | head -1)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --field "$deb" Package Version Depends

desktop-file-validate packaging/org.fleetscope.Fleetscope.desktop
appstreamcli validate --no-net "$build/packaging/org.fleetscope.Fleetscope.metainfo.xml"

$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$root/$deb" >/dev/null
version=$(sed -n 's/^project(Fleetscope VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
/usr/bin/fleetscope-cli --version | grep -q "$version"
test -f /usr/share/applications/org.fleetscope.Fleetscope.desktop
test -f /usr/share/icons/hicolor/scalable/apps/org.fleetscope.Fleetscope.svg
test -f /usr/share/metainfo/org.fleetscope.Fleetscope.metainfo.xml
man -w fleetscope-cli >/dev/null

# The installed CLI against the installed simulator.
work=$(mktemp -d)
/usr/bin/fleetscope-sim exosite --port 0 >"$work/sim.out" 2>/dev/null &
sim=$!
trap 'kill $sim 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q '"url"' "$work/sim.out" && break; sleep 0.1; done
url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$work/sim.out" | head -1)
FLEETSCOPE_CIK=$(printf 'cik:' | sha1sum | cut -d' ' -f1) /usr/bin/fleetscope-cli browse --protocol exosite --url "$url" --quiet >"$work/browse.jsonl"
grep -q '"path":"truck-01/temperature"' "$work/browse.jsonl"
echo "installed fleetscope-cli browsed $(grep -c '"kind":"topic"' "$work/browse.jsonl") topics from the installed fleetscope-sim"

# The installed window, offscreen, in demo mode.
if [ -x /usr/bin/fleetscope ]; then
    /usr/bin/fleetscope --version | grep -q "$version"
    QT_QPA_PLATFORM=offscreen /usr/bin/fleetscope --demo --screenshot "$work/shot.png" --after 5
    file "$work/shot.png" | grep -q "PNG image data"
    size=$(stat -c %s "$work/shot.png")
    [ "$size" -gt 20000 ] || { echo "screenshot suspiciously small: $size bytes" >&2; exit 1; }
    echo "installed fleetscope --demo rendered a $(file -b "$work/shot.png" | cut -d, -f2) screenshot ($size bytes)"
fi
