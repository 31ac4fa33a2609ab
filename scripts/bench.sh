#!/usr/bin/env bash
# Every benchmark of annals, in under 10 minutes on a 2-core machine:
#   1. synthetic datasets (examples/synth.rs) of 1k, 10k, 100k and 1M events in
#      $TARGET/bench-data, each checked with `annals --check`;
#   2. load, keystroke and frame benchmarks (divan, benches/*.rs);
#   3. peak memory of `annals --check` at 100k and 1M events, and of the app itself from
#      start to its first frame, run in tmux (/usr/bin/time -v);
#   4. start-up: `annals --check` on the bundled dataset (hyperfine, else a loop);
#   5. key to screen in tmux (scripts/keys.sh) at 100k and 1M events: a search letter by
#      letter, a word pasted, `/`, the pickers, each net of the harness floor.
# Raw outputs go to $TARGET/bench-results/. Usage:
#   scripts/bench.sh            # everything (about 5 minutes once the datasets exist)
#   ANNALS_BENCH_1M=0 scripts/bench.sh   # without the 1M-event runs
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
DATA=$TARGET/bench-data
RESULTS=$TARGET/bench-results
WITH_1M=${ANNALS_BENCH_1M:-1}
mkdir -p "$DATA" "$RESULTS"
started=$(date +%s)

section() { printf '\n== %s (at %ss)\n' "$1" $(($(date +%s) - started)); }

section "machine"
{
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo || true
    grep MemTotal /proc/meminfo || true
    rustc --version
} | tee "$RESULTS/machine.txt"

section "build"
cargo build --release --quiet --bin annals --example synth
cargo bench --quiet --no-run 2>/dev/null
BIN=$TARGET/release/annals
SYNTH=$TARGET/release/examples/synth

sizes="1000 10000 100000"
if [ "$WITH_1M" = 1 ]; then sizes="$sizes 1000000"; fi

section "datasets"
for n in $sizes; do
    file=$DATA/events-$n.toml
    [ -s "$file" ] || "$SYNTH" --events "$n" --seed 1 >"$file"
    printf '%8s events: %s bytes; ' "$n" "$(stat -c %s "$file")"
    "$BIN" --check "$file"
done

if ! [ -x /usr/bin/time ]; then
    echo "installing GNU time for peak memory"
    (apt-get install -y time >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y time >/dev/null)) || true
fi

section "memory: peak RSS of annals --check"
for n in $sizes; do
    [ "$n" -ge 100000 ] || continue
    file=$DATA/events-$n.toml
    /usr/bin/time -v "$BIN" --check "$file" >/dev/null 2>"$RESULTS/rss-$n.txt"
    rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$RESULTS/rss-$n.txt")
    wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$RESULTS/rss-$n.txt")
    size=$(stat -c %s "$file")
    awk -v n="$n" -v rss="$rss_kb" -v size="$size" -v wall="$wall" 'BEGIN {
        printf "%8s events: file %.1f MB, peak RSS %.1f MB = %.2fx the file (target <= 2.5x at 100k); wall %s\n",
            n, size / 1e6, rss * 1024 / 1e6, rss * 1024 / size, wall }' | tee -a "$RESULTS/memory.txt"
done

section "memory: peak RSS of the app, from start to its search index (tmux)"
if command -v tmux >/dev/null; then
    for n in $sizes; do
        [ "$n" -ge 100000 ] || continue
        file=$DATA/events-$n.toml
        tmux kill-session -t annals-bench 2>/dev/null || true
        tmux new-session -d -s annals-bench -x 200 -y 50 \
            "/usr/bin/time -v -o $RESULTS/rss-tui-$n.txt $BIN $file"
        for _ in $(seq 1 600); do
            sleep 0.2
            # The first frame, then the search index built after it (the status line says
            # "indexing for search…" until then): the peak includes both.
            shot=$(tmux capture-pane -p -t annals-bench)
            [[ $shot == *"Timeline ·"* && $shot != *"indexing for search"* ]] && break
        done
        tmux send-keys -t annals-bench q
        for _ in $(seq 1 100); do [ -s "$RESULTS/rss-tui-$n.txt" ] && break; sleep 0.1; done
        sleep 0.5
        rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$RESULTS/rss-tui-$n.txt")
        size=$(stat -c %s "$file")
        awk -v n="$n" -v rss="$rss_kb" -v size="$size" 'BEGIN {
            printf "%8s events: the app (load, first frame at 200x50, search index): peak RSS %.1f MB = %.2fx the file\n",
                n, rss * 1024 / 1e6, rss * 1024 / size }' | tee -a "$RESULTS/memory.txt"
    done
else
    echo "tmux not found: skipped"
fi

section "start-up: annals --check on the bundled dataset"
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 5 --runs 100 --style basic "$BIN --check" | tee "$RESULTS/startup.txt"
else
    runs=50
    t0=$(date +%s%N)
    for _ in $(seq $runs); do "$BIN" --check >/dev/null; done
    t1=$(date +%s%N)
    echo "mean of $runs runs: $(((t1 - t0) / runs / 1000)) µs" | tee "$RESULTS/startup.txt"
fi

section "load: load_str vs toml::Table (1k, 10k, 100k)"
ANNALS_BENCH_PAIRED=1 ANNALS_BENCH_SIZES=1000,10000,100000 cargo bench --quiet --bench load | tee "$RESULTS/load.txt"

keystroke_sizes=1000,10000,100000
frame_sizes=1000,100000
if [ "$WITH_1M" = 1 ]; then
    keystroke_sizes=$keystroke_sizes,1000000
    frame_sizes=1000,1000000
fi

section "keystroke: search, filter, navigation ($keystroke_sizes)"
ANNALS_BENCH_SIZES=$keystroke_sizes cargo bench --quiet --bench keystroke | tee "$RESULTS/keystroke.txt"

section "search: letters, words, the scan / memmem ratio, keys that open things ($keystroke_sizes)"
ANNALS_BENCH_SIZES=${keystroke_sizes#1000,10000,} cargo bench --quiet --bench search | tee "$RESULTS/search.txt"

section "frame: main view at 200x50 ($frame_sizes)"
ANNALS_BENCH_SIZES=$frame_sizes cargo bench --quiet --bench frame | tee "$RESULTS/frame.txt"

section "key to screen in tmux (scripts/keys.sh)"
if command -v tmux >/dev/null; then
    for n in $sizes; do
        [ "$n" -ge 100000 ] || continue
        ANNALS_BENCH_DATA=$DATA scripts/keys.sh "$n" 10
    done
else
    echo "tmux not found: skipped"
fi

section "done in $(($(date +%s) - started)) s; raw results in $RESULTS"
