#!/usr/bin/env bash
# Installs, by name, every Debian 12 package Fleetscope needs to build, test, package and run.
# Safe to run again: apt skips what is already there. `--list` prints the list and installs nothing
# (scripts/check-packages.sh proves in CI that the list is complete).
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config git
    # Qt 6.4 and the rest of the stack
    qt6-base-dev qt6-websockets-dev qt6-charts-dev qt6-svg-dev libqt6svg6 qt6-httpserver-dev
    # Qt6Charts' CMake config needs Qt6OpenGL and Qt6OpenGLWidgets; no Depends pulls them in
    libqt6opengl6-dev
    qt6-wayland qt6-qpa-plugins libgl-dev
    libprotobuf-dev protobuf-compiler
    qtkeychain-qt6-dev libqt6sql6-sqlite
    # running the window without a display, and looking at it
    xvfb xauth
    # checks: formatting, fuzzing (clang's libFuzzer runtime), packaging metadata
    clang-format clang libclang-rt-14-dev
    desktop-file-utils appstream dpkg-dev file man-db
)

if [ "${1:-}" = --list ]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#packages[@]} packages present"
    exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
