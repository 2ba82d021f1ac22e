#!/usr/bin/env bash
# Records short live sessions against the simulators and turns them into the committed fuzz seed
# corpora (fuzz/corpus/<target>/), through scripts/make_fuzz_seeds.py. Seeds come from real
# sessions so that the fuzzer starts from what servers send; rerun after a protocol change.
#   scripts/make_fuzz_seeds.sh [protocol...]     (default: intu cityio opentera; BUILD=build)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
SIM="$BUILD/app/fleetscope-sim"
CLI="$BUILD/app/fleetscope-cli"
WORK="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

protocols=("$@")
[ ${#protocols[@]} -gt 0 ] || protocols=(intu cityio opentera)

# start_sim NAME PROTOCOL [--set k=v]...: a simulator on a free port; its URL in $url.
start_sim() {
    local name=$1 protocol=$2
    shift 2
    "$SIM" "$protocol" --port 0 "$@" >"$WORK/$name.sim" 2>/dev/null &
    pids+=($!)
    for _ in $(seq 100); do grep -q '"url"' "$WORK/$name.sim" && break; sleep 0.1; done
    url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$WORK/$name.sim" | head -1)
    [ -n "$url" ] || { echo "simulator $name did not start" >&2; exit 1; }
}

# record NAME PROTOCOL SECONDS [cli arguments]...: a recording exported to $WORK/NAME.jsonl.
record() {
    local name=$1 protocol=$2 seconds=$3
    shift 3
    "$CLI" record --protocol "$protocol" --url "$url" --out "$WORK/$name.fsrec" --for "$seconds" --quiet "$@" \
        >/dev/null
    "$CLI" export-recording "$WORK/$name.fsrec" >"$WORK/$name.jsonl"
    echo "$name: $(grep -c '"kind":"frame"' "$WORK/$name.jsonl") frames" >&2
}

for protocol in "${protocols[@]}"; do
    case $protocol in
    intu)
        start_sim intu intu --set cadenceScale=0.1 --set fakeChildMs=2000
        record intu intu 10 --subscribe log --subscribe sensor-System --subscribe sensor-Network \
            --subscribe blackboard-stream --subscribe conversation --subscribe topic-manager \
            --subscribe sensor-Microphone --subscribe pepper-7f3a/sensor-Sonar --subscribe nosuch-topic \
            --subscribe ghost-node/log
        start_sim intu-parent intu --set cadenceScale=0.1 --set parent=true
        record intu-parent intu 4 --subscribe ../log --subscribe nao-2c91/sensor-Touch
        python3 "$ROOT/scripts/make_fuzz_seeds.py" intu "$WORK/intu.jsonl" "$WORK/intu-parent.jsonl"
        ;;
    cityio)
        start_sim cityio cityio --set editMinMs=300 --set editMaxMs=800 --set trafficIntervalMs=300
        record cityio cityio 8 --subscribe volpe --subscribe corktown
        start_sim cityio-legacy cityio --set legacy=true --set editMinMs=300 --set editMaxMs=800
        record cityio-legacy cityio 4 --subscribe volpe
        python3 "$ROOT/scripts/make_fuzz_seeds.py" cityio "$WORK/cityio.jsonl" "$WORK/cityio-legacy.jsonl"
        ;;
    opentera)
        start_sim opentera opentera --set statusMs=200 --set presenceMs=300 --set sessionMs=2000 --set unknownMs=1500
        FLEETSCOPE_PASSWORD=admin record opentera opentera 10 --user admin --subscribe devices
        start_sim opentera-switches opentera --set statusMs=300 --set presenceMs=500 --set snakeCase=true \
            --set enumNumbers=true --set batchEvents=true --set unknownType=true
        FLEETSCOPE_PASSWORD=admin record opentera-switches opentera 4 --user admin --subscribe devices
        start_sim opentera-binary opentera --set statusMs=300 --set presenceMs=500 --set binary=true
        FLEETSCOPE_PASSWORD=admin record opentera-binary opentera 4 --user admin --subscribe devices
        python3 "$ROOT/scripts/make_fuzz_seeds.py" opentera "$WORK/opentera.jsonl" "$WORK/opentera-switches.jsonl" \
            "$WORK/opentera-binary.jsonl"
        ;;
    *)
        echo "unknown protocol $protocol (exosite: see scripts/make_fuzz_seeds.py)" >&2
        exit 2
        ;;
    esac
done
