#!/usr/bin/env bash
# What a user feels, measured in a real terminal (tmux) on the release build:
#   1. idle: the CPU an app uses while nobody types, over 10 s, at 120x40 (from
#      /proc/PID/stat, user + system ticks);
#   2. reload: on a synthetic dataset (100k events by default), the file is saved (touched);
#      while the reload runs, `j` is pressed and the time until the selection moves on screen
#      is measured, and whether the status line shows the reload;
#   3. the floor: the same harness timing a key echoed by a plain shell in a pane.
# Usage: scripts/feel.sh [EVENTS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-100000}
ROUNDS=${2:-10}
TARGET=${CARGO_TARGET_DIR:-target}
DATA=$TARGET/bench-data
mkdir -p "$DATA"
cargo build --release --quiet --bin annals --example synth
BIN=$PWD/$TARGET/release/annals
FILE=$PWD/$DATA/feel-$EVENTS.toml
[ -f "$FILE" ] || "$TARGET/release/examples/synth" --events "$EVENTS" > "$FILE"

S=annals-feel-$$
now() { date +%s%N; }
screen() { tmux capture-pane -p -t "$S"; }
# Milliseconds until the pane differs from $1 (gives up after 10 s).
until_changed() {
    local before=$1 start=$2
    while :; do
        local shot
        shot=$(screen)
        if [ "$shot" != "$before" ]; then echo $((($(now) - start) / 1000000)); return; fi
        if [ $((($(now) - start) / 1000000)) -gt 10000 ]; then echo "timeout"; return; fi
    done
}
trap 'tmux kill-session -t "$S" 2>/dev/null || true' EXIT

echo "== floor: a key echoed by a plain shell pane"
tmux new-session -d -s "$S" -x 120 -y 40 "cat"
sleep 0.5
floor=()
for _ in $(seq "$ROUNDS"); do
    before=$(screen); t=$(now); tmux send-keys -t "$S" x; floor+=("$(until_changed "$before" "$t")")
done
echo "floor ms: ${floor[*]}"
tmux kill-session -t "$S"

echo "== idle CPU at 120x40 ($EVENTS events)"
tmux new-session -d -s "$S" -x 120 -y 40 "$BIN $FILE"
for _ in $(seq 600); do screen | grep -q "Timeline" && break; sleep 0.1; done
pid=$(pgrep -f "$BIN $FILE" | head -1)
sleep 1
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
a=$(ticks); sleep 10; b=$(ticks)
hz=$(getconf CLK_TCK)
echo "idle: $((b - a)) ticks of 1/$hz s in 10 s = $(awk -v t=$((b - a)) -v hz="$hz" 'BEGIN { printf "%.2f", 100 * t / hz / 10 }')% of a core"

echo "== j during a reload ($EVENTS events)"
moves=(); shown=0
for _ in $(seq "$ROUNDS"); do
    touch "$FILE"
    # The reload starts once the file has been quiet for 200 ms.
    for _ in $(seq 100); do screen | grep -q "reloading" && break; sleep 0.01; done
    if screen | grep -q "reloading"; then shown=$((shown + 1)); fi
    before=$(screen); t=$(now); tmux send-keys -t "$S" j
    moves+=("$(until_changed "$before" "$t")")
    still=$(screen | grep -c "reloading" || true)
    echo "  j shown in ${moves[-1]} ms (reload still running after it: $still)"
    for _ in $(seq 600); do screen | grep -q "reloading" || break; sleep 0.05; done
done
echo "j during a reload, ms: ${moves[*]}"
echo "reload indicator seen in $shown of $ROUNDS rounds"
