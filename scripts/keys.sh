#!/usr/bin/env bash
# Key to screen, as the user feels it: drives the release build in tmux, sends a key and polls
# `tmux capture-pane` until the screen shows the answer (a search's final match count, the
# search line, a picker), ROUNDS presses each. The harness floor is measured in the same run:
# the same harness timing a key echoed by `cat` in a plain pane (before and after the app's
# runs). Figures are reported raw and net of the floor's median, min and median.
#
# Usage: scripts/keys.sh [EVENTS] [ROUNDS]
#   EVENTS  synthetic events (examples/synth.rs, seed 1), 100000 by default
#   ROUNDS  presses per measurement, 10 by default
# Environment:
#   ANNALS_KEYS_BINS   "label=path label=path": binaries to measure one after the other in
#                      this run (paired runs: the code before a change and after it); by
#                      default this checkout's release build, built first
#   ANNALS_BENCH_DATA  where the datasets are (default $CARGO_TARGET_DIR/bench-data)
#   ANNALS_KEYS_QUERY  the word typed letter by letter (default "cloud")
#   ANNALS_KEYS_OTHER  the word searched before each paste of that word, which must not
#                      begin it (default "zz")
#   ANNALS_KEYS_WATCH  how the harness looks for the answer: "poll" (the default, and every
#                      run in BENCHMARKS.md before 2026-12-03 20:00) captures the pane in a
#                      loop as fast as it can, which takes most of a core from the app being
#                      timed; "output" captures it only when the pane has written something,
#                      as a tmux control-mode client tells, and waits without a core meanwhile
# Raw presses go to $TARGET/bench-results/keys-EVENTS.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-100000}
ROUNDS=${2:-10}
WORD=${ANNALS_KEYS_QUERY:-cloud}
OTHER=${ANNALS_KEYS_OTHER:-zz}
TARGET=${CARGO_TARGET_DIR:-target}
DATA=${ANNALS_BENCH_DATA:-$TARGET/bench-data}
RESULTS=$TARGET/bench-results
mkdir -p "$DATA" "$RESULTS"
OUT=$RESULTS/keys-$EVENTS.txt
: >"$OUT"

if [ -z "${ANNALS_KEYS_BINS:-}" ]; then
    cargo build --release --quiet --bin annals --example synth
    ANNALS_KEYS_BINS="annals=$PWD/$TARGET/release/annals"
fi
FILE=$DATA/events-$EVENTS.toml
if ! [ -s "$FILE" ]; then
    [ -x "$TARGET/release/examples/synth" ] || cargo build --release --quiet --example synth
    "$TARGET/release/examples/synth" --events "$EVENTS" --seed 1 >"$FILE"
fi
FILE=$(realpath "$FILE")

S=annals-keys-$$
W=120
H=40
trap 'unwatch_pane; tmux kill-session -t "$S" 2>/dev/null || true' EXIT

say() { echo "$*" | tee -a "$OUT"; }
now() { echo "${EPOCHREALTIME/./}"; }
screen() { tmux capture-pane -p -t "$S"; }

WATCH=${ANNALS_KEYS_WATCH:-poll}
case $WATCH in poll | output) ;; *) echo "ANNALS_KEYS_WATCH: \"$WATCH\" (expected poll or output)" >&2; exit 2 ;; esac
WATCH_FD=""
WATCH_PID=""

# For ANNALS_KEYS_WATCH=output: a control-mode client of session $S (read-only, its size
# ignored), whose notices say when the pane writes; awk turns each into a line "o" (the
# notices hold what was written, which bash would read a byte at a time).
watch_pane() {
    [ "$WATCH" = output ] || return 0
    coproc WATCHER {
        tmux -C attach -r -f ignore-size -t "$S" 2>/dev/null | awk '/^%output/ { print "o"; fflush() }'
    } 2>/dev/null
    WATCH_FD=${WATCHER[0]}
    WATCH_PID=$WATCHER_PID
}
unwatch_pane() {
    [ -n "$WATCH_PID" ] || return 0
    pkill -P "$WATCH_PID" 2>/dev/null || true
    kill "$WATCH_PID" 2>/dev/null || true
    wait "$WATCH_PID" 2>/dev/null || true
    WATCH_FD=""
    WATCH_PID=""
}

# Waits until the pane writes (at most 10 ms: a notice missed costs no more), then takes
# every notice already there.
next_output() {
    read -r -t 0.01 -u "$WATCH_FD" _ || true
    while read -r -t 0 -u "$WATCH_FD"; do
        read -r -t 0.01 -u "$WATCH_FD" _ || break
    done
}

# Between two looks at the screen: a pause of $NAP seconds if set, else, when watching the
# pane's output, until it writes; else none.
between_looks() {
    if [ -n "${NAP:-}" ]; then
        sleep "$NAP"
    elif [ -n "$WATCH_FD" ]; then
        next_output
    fi
}

# Microseconds from $1 until the screen contains $2 (and, with $3, not $3); "timeout" after
# $LIMIT seconds (60 by default). With $NAP (seconds), it waits that long between two looks:
# for waits of seconds (the first frame), where looking without a pause would take a core
# from the app being timed.
until_shows() {
    local start=$1 want=$2 without=${3:-} shot limit=$((${LIMIT:-60} * 1000000))
    while :; do
        shot=$(screen)
        if [[ $shot == *"$want"* ]] && { [ -z "$without" ] || [[ $shot != *"$without"* ]]; }; then
            echo $(($(now) - start))
            return
        fi
        if [ $(($(now) - start)) -gt "$limit" ]; then echo timeout; return; fi
        between_looks
    done
}

# Microseconds from $2 until the screen differs from $1.
until_changed() {
    local before=$1 start=$2 shot
    while :; do
        shot=$(screen)
        if [ "$shot" != "$before" ]; then echo $(($(now) - start)); return; fi
        if [ $(($(now) - start)) -gt 60000000 ]; then echo timeout; return; fi
        between_looks
    done
}

# Waits (untimed) until the screen contains $1 and, with $2, not $2.
wait_shows() {
    local t
    t=$(LIMIT=900 until_shows "$(now)" "$1" "${2:-}")
    if [ "$t" = timeout ]; then
        echo "timed out waiting for: $1" >&2
        screen >&2
        exit 1
    fi
}

# Waits until the screen has not changed for 300 ms; prints it.
settled() {
    local last shot
    last=$(screen)
    while :; do
        sleep 0.3
        shot=$(screen)
        [ "$shot" = "$last" ] && break
        last=$shot
    done
    printf '%s' "$shot"
}

# The line of the screen holding $1 (the search line), trailing spaces cut.
line_with() {
    local line
    line=$(grep -F -- "$1" | head -1)
    printf '%s' "${line%"${line##*[![:space:]]}"}"
}

# Records a series of microsecond figures: "label what" then the figures.
FLOOR_MEDIAN=0
record() {
    local label=$1 what=$2
    shift 2
    local sorted n min median
    sorted=$(printf '%s\n' "$@" | grep -v timeout | sort -n)
    n=$(printf '%s\n' "$sorted" | grep -c . || true)
    if [ "$n" -eq 0 ]; then say "$(printf '%-10s %-44s timeout' "$label" "$what")"; return; fi
    min=$(printf '%s\n' "$sorted" | head -1)
    median=$(printf '%s\n' "$sorted" | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
    say "$(awk -v l="$label" -v w="$what" -v n="$n" -v min="$min" -v med="$median" -v f="$FLOOR_MEDIAN" 'BEGIN {
        printf "%-10s %-44s n=%-3d min %8.1f ms  median %8.1f ms   net of floor: min %8.1f  median %8.1f ms\n",
            l, w, n, min / 1000, med / 1000, (min - f) / 1000, (med - f) / 1000 }')"
    echo "  raw µs: $*" >>"$OUT"
}

floor() {
    tmux new-session -d -s "$S" -x $W -y $H "cat"
    sleep 0.5
    watch_pane
    local times=() before t
    for _ in $(seq "$ROUNDS"); do
        before=$(screen)
        t=$(now)
        tmux send-keys -t "$S" x
        times+=("$(until_changed "$before" "$t")")
    done
    unwatch_pane
    tmux kill-session -t "$S"
    printf '%s\n' "${times[@]}"
}

# An empty search line, with no results of the word or of its beginning kept to answer from
# (a backspace is answered from those): another word is searched first, then erased.
afresh() {
    tmux send-keys -t "$S" C-u
    wait_shows "type to search"
    tmux send-keys -t "$S" -l "$OTHER"
    wait_shows "/$OTHER▏" "searching"
    settled >/dev/null
    tmux send-keys -t "$S" C-u
    wait_shows "type to search"
    settled >/dev/null
}

# Presses key $2 (tmux key name) and times until the screen shows $3; then presses $4 and
# waits until $5 is gone (untimed). ROUNDS times; recorded as $1.
toggle() {
    local what=$1 key=$2 want=$3 back=$4 times=() t
    for _ in $(seq "$ROUNDS"); do
        t=$(now)
        tmux send-keys -t "$S" "$key"
        times+=("$(until_shows "$t" "$want")")
        tmux send-keys -t "$S" "$back"
        wait_shows "Timeline ·" "$want"
        settled >/dev/null
    done
    record "$LABEL" "$what" "${times[@]}"
}

measure() {
    LABEL=$1
    local bin=$2 t times first ready check
    say "== $LABEL: $bin"
    # --check, then the first frame (the timeline drawn).
    t=$(now)
    "$bin" --check "$FILE" >/dev/null 2>&1
    check=$(($(now) - t))
    t=$(now)
    tmux new-session -d -s "$S" -x $W -y $H "$bin $FILE"
    first=$(NAP=0.02 LIMIT=900 until_shows "$t" "Timeline ·")
    # The search index is built after the first frame ("indexing for search…" at the right
    # of the status line until it is there, "indexing…" when the line is short; builds from
    # before that change never show it). Keys are timed only once it is there.
    ready=$(NAP=0.02 LIMIT=900 until_shows "$t" "Timeline ·" "indexing")
    say "$(awk -v l="$LABEL" -v c="$check" -v f="$first" -v r="$ready" 'BEGIN {
        printf "%-10s --check %.2f s; first frame %.2f s = %.2f x --check; search ready %.2f s\n",
            l, c / 1e6, f / 1e6, f / c, r / 1e6 }')"
    # The timeline's title with every event shown, for ctrl-u below.
    watch_pane
    local whole
    whole=$(settled | grep -o 'Timeline · [^─]*' | head -1)
    whole=${whole%"${whole##*[![:space:]]}"}

    toggle "/ opens the search line" / "type to search" Escape
    toggle "y opens the year picker" y "all years" Escape
    toggle "t opens the theme picker" t " Themes · " Escape
    # Moving in the year picker.
    tmux send-keys -t "$S" y
    wait_shows "all years"
    settled >/dev/null
    times=()
    for i in $(seq "$ROUNDS"); do
        local key=j before
        [ $((i % 2)) -eq 0 ] && key=k
        before=$(screen)
        t=$(now)
        tmux send-keys -t "$S" "$key"
        times+=("$(until_changed "$before" "$t")")
        settled >/dev/null
    done
    record "$LABEL" "j/k in the year picker" "${times[@]}"
    tmux send-keys -t "$S" Escape
    wait_shows "Timeline ·" "all years"

    # The search line, once: the final text of each prefix of the word, recorded untimed
    # (the first query also waits for the index, if it is still being built).
    tmux send-keys -t "$S" /
    wait_shows "type to search"
    local prefix="" expected=() shot
    for ((i = 0; i < ${#WORD}; i++)); do
        prefix+=${WORD:i:1}
        tmux send-keys -t "$S" -l "${WORD:i:1}"
        wait_shows "/$prefix▏" "searching"
        shot=$(settled)
        expected+=("$(line_with "/$prefix▏" <<<"$shot")")
    done
    echo "  final lines: ${expected[*]}" >>"$OUT"

    # One letter, from an empty query; then each later letter.
    local one=() later=()
    for ((i = 1; i < ${#WORD}; i++)); do later[i]=""; done
    for _ in $(seq "$ROUNDS"); do
        afresh
        t=$(now)
        tmux send-keys -t "$S" -l "${WORD:0:1}"
        one+=("$(until_shows "$t" "${expected[0]}")")
        settled >/dev/null
        for ((i = 1; i < ${#WORD}; i++)); do
            t=$(now)
            tmux send-keys -t "$S" -l "${WORD:i:1}"
            later[i]+=" $(until_shows "$t" "${expected[i]}")"
            settled >/dev/null
        done
    done
    record "$LABEL" "\"${WORD:0:1}\" typed: final count shown" "${one[@]}"
    for ((i = 1; i < ${#WORD}; i++)); do
        # shellcheck disable=SC2086
        record "$LABEL" "\"${WORD:0:i+1}\" (letter added): final count" ${later[i]}
    done
    # A backspace after the whole word, then the last letter typed again (untimed).
    times=()
    for _ in $(seq "$ROUNDS"); do
        t=$(now)
        tmux send-keys -t "$S" BSpace
        times+=("$(until_shows "$t" "${expected[${#WORD} - 2]}")")
        settled >/dev/null
        tmux send-keys -t "$S" -l "${WORD: -1}"
        wait_shows "${expected[${#WORD} - 1]}"
        settled >/dev/null
    done
    record "$LABEL" "backspace after \"$WORD\": final count" "${times[@]}"
    # The whole word at once (pasted), as a new query.
    times=()
    for _ in $(seq "$ROUNDS"); do
        afresh
        t=$(now)
        tmux send-keys -t "$S" -l "$WORD"
        times+=("$(until_shows "$t" "${expected[${#WORD} - 1]}")")
        settled >/dev/null
    done
    record "$LABEL" "\"$WORD\" pasted: final count shown" "${times[@]}"
    # Ctrl-u after the word: the search cleared, every event shown again.
    times=()
    for _ in $(seq "$ROUNDS"); do
        t=$(now)
        tmux send-keys -t "$S" C-u
        times+=("$(until_shows "$t" "$whole")")
        settled >/dev/null
        tmux send-keys -t "$S" -l "$WORD"
        wait_shows "${expected[${#WORD} - 1]}"
        settled >/dev/null
    done
    record "$LABEL" "ctrl-u after \"$WORD\": every event shown" "${times[@]}"
    unwatch_pane
    tmux kill-session -t "$S"
    sleep 1
}

say "== keys.sh: $EVENTS events ($FILE, $(stat -c %s "$FILE") bytes), $ROUNDS presses each, ${W}x$H, the screen watched by $WATCH; $(date -u +%FT%TZ); uptime:$(uptime | sed 's/.*load average/ load average/')"
median_of() { printf '%s\n' "$@" | grep -v timeout | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
mapfile -t f1 < <(floor)
record floor "a key echoed by cat (before)" "${f1[@]}"
FLOOR_MEDIAN=$(median_of "${f1[@]}")
say "floor median: $(awk -v f="$FLOOR_MEDIAN" 'BEGIN { printf "%.1f", f / 1000 }') ms; the net figures subtract it"
for pair in $ANNALS_KEYS_BINS; do
    measure "${pair%%=*}" "${pair#*=}"
done
mapfile -t f2 < <(floor)
record floor "a key echoed by cat (after)" "${f2[@]}"
say "uptime after: $(uptime | sed 's/.*load average/load average/')"
