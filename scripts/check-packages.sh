#!/usr/bin/env bash
# Proves that scripts/setup-debian.sh installs everything Fleetscope uses, even on a machine that
# happens to have more installed (a developer's, or a CI runner that kept earlier installs).
#
# It maps what the builds and scripts actually used to Debian packages and checks that each one is
# in the dependency closure of the setup list (Depends and Pre-Depends only: the setup script
# installs with --no-install-recommends, so Recommends do not count). Essential packages and those
# of priority "required" count as present (every Debian system has them, the smallest debootstrap too).
#
# What it maps:
#   - every package CMake found, in each configured build tree given (CMakeCache.txt: *_DIR, and the
#     compilers and programs it found), and every header the compiler read (Ninja's deps log);
#   - every shared library the built programs, tests and libraries load (ldd), and every library
#     and plugin the desktop program and the CLI open at run time (LD_DEBUG=files, while the demo
#     renders a screenshot offscreen and the CLI prints its help);
#   - every program the scripts on the README's and CI's paths call, and the programs tests start
#     (the list in tools_started_by_tests below).
#
#   scripts/check-packages.sh [BUILD_DIR...]     (default: build/ci build/core-default build-fuzz, those present)
#
# Exit status 0 when complete; 1 naming each missing package and what needed it; 2 on a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Programs tests start themselves (QProcess); add a line when a test starts a new one.
tools_started_by_tests=(
)
# Scripts whose commands are checked: the README's two commands and everything CI runs.
scripts_checked=(scripts/setup-debian.sh scripts/run-demo.sh scripts/test.sh scripts/build.sh
    scripts/check-format.sh scripts/check-packages.sh scripts/fuzz.sh scripts/screenshot.sh
    scripts/ci.d/*.sh .ci/run)

builds=("$@")
if [ ${#builds[@]} -eq 0 ]; then
    for b in build/ci build/core-default build-fuzz; do [ -f "$b/CMakeCache.txt" ] && builds+=("$b"); done
fi
[ ${#builds[@]} -gt 0 ] || { echo "check-packages: no configured build tree found" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The closure of the setup list, plus the essential packages.
mapfile -t listed < <(scripts/setup-debian.sh --list)
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
    --no-enhances "${listed[@]}" 2>/dev/null | grep -v '^ ' | tr -d '<>' | sed 's/:.*//' >"$work/closure"
dpkg-query -W -f='${Package} ${Essential} ${Priority}\n' | awk '$2 == "yes" || $3 == "required" {print $1}' >>"$work/closure"
sort -u -o "$work/closure" "$work/closure"

# 2. What was used: lines of "PATH<TAB>what needed it".
used="$work/used"
: >"$used"
add() { printf '%s\t%s\n' "$1" "$2" >>"$used"; }

for b in "${builds[@]}"; do
    bdir=$(readlink -f "$b")
    # CMake: the packages it found (*_DIR: the config file in it says who installed it), the
    # compilers and the programs it found (*_EXECUTABLE, *_COMPILER). Other cache entries are left
    # out: CMake's Find modules record optional finds the build never uses.
    while IFS= read -r line; do
        key=${line%%:*}
        value=${line#*=}
        case "$value" in "" | *NOTFOUND | "$root"* | "$bdir"* | /usr/local*) continue ;; esac
        [ -e "$value" ] || continue
        if [ -d "$value" ]; then
            name=${key%_DIR}
            config="$value/${name}Config.cmake"
            [ -f "$config" ] || config="$value/${name,,}-config.cmake"
            [ -f "$config" ] || config=$(find "$value" -maxdepth 1 \( -name '*Config.cmake' -o -name '*-config.cmake' \) | head -1)
            [ -n "$config" ] && add "$config" "CMake $key in $b"
        else
            add "$value" "CMake $key in $b"
        fi
    done < <(grep -E '^[A-Za-z0-9_]+_(DIR|EXECUTABLE|COMPILER):(PATH|FILEPATH|STRING)=' "$b/CMakeCache.txt")

    # Headers the compiler actually read (Ninja keeps each object's dependencies).
    if [ -f "$b/build.ninja" ]; then
        ninja -C "$b" -t deps 2>/dev/null | sed -n 's/^    \(\/.*\)/\1/p' | sort -u | while IFS= read -r h; do
            case "$h" in "$root"* | "$bdir"*) ;; *) add "$h" "a header the build of $b includes" ;; esac
        done
    fi

    # Shared libraries every built ELF file loads.
    while IFS= read -r elf; do
        ldd "$elf" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p' | while IFS= read -r lib; do
            case "$lib" in "$root"* | "$bdir"*) ;; *) add "$lib" "ldd ${elf#"$root"/}" ;; esac
        done
    done < <(find "$b" -type f \( -perm -u+x -o -name '*.so*' \) -not -path '*/CMakeFiles/*' \
        -exec sh -c 'head -c 4 "$1" | grep -q ELF && echo "$1"' _ {} \; | sort -u)
done

# Libraries and plugins opened at run time (Qt platform, image, SQL and icon plugins are dlopened).
for b in "${builds[@]}"; do
    gui="$b/app/gui/fleetscope"
    cli="$b/app/cli/fleetscope-cli"
    if [ -x "$gui" ]; then
        QT_QPA_PLATFORM=offscreen LD_DEBUG=files LD_DEBUG_OUTPUT="$work/gui" FLEETSCOPE_CONFIG_DIR="$work/config" \
            FLEETSCOPE_DATA_DIR="$work/data" "$gui" --demo --screenshot "$work/shot.png" --after 3 >/dev/null 2>&1 || true
    fi
    if [ -x "$cli" ]; then
        LD_DEBUG=files LD_DEBUG_OUTPUT="$work/cli" "$cli" --help >/dev/null 2>&1 || true
    fi
done
for f in "$work"/gui.* "$work"/cli.*; do
    [ -e "$f" ] || continue
    sed -n 's/.*file=\(\/[^ ]*\) \[0\];  \(dynamically loaded\|generating link map\).*/\1/p' "$f" | sort -u |
        while IFS= read -r lib; do
            [ -e "$lib" ] || continue  # a variant Qt looked for (e.g. plugin.so.avx2) but did not find
            case "$lib" in "$root"*) ;; *) add "$lib" "run time of $(basename "${f%.*}")" ;; esac
        done
done

# Programs the scripts call (comments and quoted text stripped), and programs tests start.
system_path=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin
for s in "${scripts_checked[@]}"; do
    [ -f "$s" ] || continue
    sed -e 's/#.*//' -e 's/"[^"]*"//g' -e "s/'[^']*'//g" "$s" | tr -cs 'A-Za-z0-9_.+-' '\n' | sort -u |
        while IFS= read -r word; do
            case "$word" in "" | -* | [0-9]*) continue ;; esac
            exe=$(PATH=$system_path command -v -- "$word" 2>/dev/null) || continue
            case "$exe" in /*) add "$exe" "the command '$word' in $s" ;; esac
        done
done
for t in "${tools_started_by_tests[@]}"; do
    exe=$(PATH=$system_path command -v -- "$t" 2>/dev/null) || { echo "check-packages: '$t' (started by tests) is not installed" >&2; exit 1; }
    add "$exe" "tests start '$t'"
done

# 3. Each used path → its package (dpkg -S, in one call; merged /usr: try the other spelling too),
#    then → in the closure or not. One awk pass: a fork per file is minutes on a busy machine.
sort -u -t$'\t' -k1,1 -o "$used" "$used"
cut -f1 "$used" | xargs -d '\n' readlink -m >"$work/real"
paste "$used" "$work/real" >"$work/used-real"
awk -F'\t' '{ print $1; print $3; if ($3 ~ /^\/usr\//) print substr($3, 5); else print "/usr" $3 }' \
    "$work/used-real" | sort -u | xargs -d '\n' dpkg -S 2>/dev/null | grep -v '^diversion' >"$work/owners" || true

set +e
awk -F'\t' -v closure="$work/closure" -v owners="$work/owners" '
    BEGIN {
        while ((getline line < closure) > 0) present[line] = 1
        while ((getline line < owners) > 0) {
            i = index(line, ": ")
            owner[substr(line, i + 2)] = substr(line, 1, i - 1)
        }
    }
    function pkgsOf(path) { return (path in owner) ? owner[path] : "" }
    {
        path = $1; why = $2; real = $3
        alt = (real ~ /^\/usr\//) ? substr(real, 5) : "/usr" real
        list = pkgsOf(path) ", " pkgsOf(real) ", " pkgsOf(alt)
        n = split(list, cand, /, */)
        found = 0; ok = 0; first = ""
        for (k = 1; k <= n; k++) {
            p = cand[k]; sub(/:.*/, "", p)
            if (p == "") continue
            found = 1
            if (first == "") first = p
            # Our own package (installed by the packaging step) is what is built, not a dependency.
            if (p in present || p == "fleetscope") ok = 1
        }
        if (!found) {
            if (path ~ /^\/(etc|proc|dev)\//) next
            printf "check-packages: %s (needed by %s) belongs to no Debian package\n", path, why > "/dev/stderr"
            bad = 1
        } else if (!ok && !(first in reported)) {
            printf "check-packages: MISSING %s: not installed by scripts/setup-debian.sh nor pulled in by its Depends; needed by %s (%s)\n", first, why, path > "/dev/stderr"
            reported[first] = 1
            bad = 1
        }
    }
    END { exit bad }' "$work/used-real"
missing=$?
set -e

count=$(wc -l <"$used")
if [ $missing -ne 0 ]; then
    echo "check-packages: add the package(s) above to scripts/setup-debian.sh" >&2
    exit 1
fi
echo "check-packages: ${#listed[@]} listed packages ($(wc -l <"$work/closure") with their Depends and the essential set) cover $count files used by ${builds[*]} and the scripts"
