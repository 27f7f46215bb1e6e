#!/usr/bin/env bash
# Startup benchmark: the desktop app as on a first start (simulated phone, empty database) and, in the same
# run, WebEngineFloor (this folder: a window with a QWebEngineView and a small page, the least a Qt + web
# engine app does), each in a fresh Xvfb. Measures the time to the window shown and to the phone ready, and
# the idle memory. Checks DESIGN.md's budget (window shown, median under 2 s) and exits 1 when it is missed,
# 2 when it could not measure. See tests/bench/README.md.
#
#   tests/bench/run-startup-bench.sh [--build]
#
# --build runs `cmake --build --preset default` first (otherwise it builds switchboard and WebEngineFloor
# only when one is missing). Environment (defaults in brackets): BENCH_RUNS per program [5],
# BENCH_IDLE seconds between ready and the memory reading [3], BENCH_TIMEOUT seconds to wait for ready [30],
# BENCH_QUIET_WAIT seconds to wait for other builds to finish [900], BENCH_KEEP=1 keeps the work directory
# (each start's logs and directories, results), BUILD_DIR [build].
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
runs=${BENCH_RUNS:-5}
idle=${BENCH_IDLE:-3}
timeout=${BENCH_TIMEOUT:-30}
quiet_wait=${BENCH_QUIET_WAIT:-900}
switchboard=$build_dir/app/switchboard
floor=$build_dir/tests/bench/WebEngineFloor
# What each side prints once it is usable: the app's bridge logs the page's events at debug level
# (PhoneBridge::report), and the simulated device reports "registered" once the phone can take calls.
app_ready='page: "registered"'
floor_ready='page ready'

say() { printf '%s\n' "$*" >&2; }
die() { say "run-startup-bench.sh: $*"; exit 2; }

for tool in Xvfb python3; do
    command -v "$tool" >/dev/null || die "$tool is missing (packaging/install-deps.sh installs it)"
done
if [[ ${1:-} == --build ]]; then
    say "== building (cmake --build --preset default)"
    (cd "$root" && cmake --build --preset default) || die "the build failed"
elif [[ ! -x $switchboard || ! -x $floor ]]; then
    say "== building switchboard and WebEngineFloor"
    cmake --build "$build_dir" --target switchboard WebEngineFloor || die "the build failed"
fi
[[ -x $switchboard && -x $floor ]] || die "$switchboard or $floor was not built"

work=$(mktemp -d "${TMPDIR:-/tmp}/startup-bench.XXXXXX")
results=$work/results
program_pid=
xvfb_pid=
build_watcher_pid=

# The program's process and all its descendants (the QtWebEngineProcess children), by parent links.
process_tree() {
    ps -e -o pid=,ppid= | awk -v top="$1" '
        { parent[$1] = $2 }
        END { tree[top] = 1; do { grew = 0; for (p in parent) if (!(p in tree) && (parent[p] in tree)) {
                  tree[p] = 1; grew = 1 } } while (grew); for (p in tree) print p }'
}

# Stops the program's process group (it runs under setsid: group = session = its pid) and whatever of its
# tree left the group, SIGTERM then SIGKILL after 5 s, and makes sure nothing of it is left.
stop_program() {
    [[ -n $program_pid ]] || return 0
    local pids left
    pids=$(process_tree "$program_pid"; ps -e -o pid=,sid= | awk -v s="$program_pid" '$2 == s { print $1 }')
    # shellcheck disable=SC2086 # one pid per word
    kill -TERM -- "-$program_pid" $pids 2>/dev/null || true
    for _ in $(seq 50); do
        # shellcheck disable=SC2086
        left=$(ps -o pid= -p "$(echo $pids | tr ' ' ',')" 2>/dev/null || true)
        [[ -z $left ]] && break
        sleep 0.1
    done
    if [[ -n $left ]]; then
        say "-- killing what is left after 5 s: ${left//$'\n'/ }"
        # shellcheck disable=SC2086
        kill -KILL $left 2>/dev/null || true
    fi
    wait "$program_pid" 2>/dev/null || true
    program_pid=
}
stop_xvfb() {
    [[ -n $xvfb_pid ]] || return 0
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=
}
stop_build_watcher() {
    [[ -n $build_watcher_pid ]] || return 0
    kill "$build_watcher_pid" 2>/dev/null || true
    wait "$build_watcher_pid" 2>/dev/null || true
    build_watcher_pid=
}
cleanup() {
    stop_build_watcher
    stop_program
    stop_xvfb
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then say "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=tests/bench/quiet-machine.sh
source "$here/quiet-machine.sh"

# memory PID: "pss_kib rss_kib" summed over the process and its descendants (PSS from smaps_rollup; RSS
# when that file is missing, as on kernels before 4.14).
memory() {
    local pid pss rss pss_sum=0 rss_sum=0
    for pid in $(process_tree "$1"); do
        rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
        pss_sum=$(( pss_sum + ${pss:-${rss:-0}} ))
        rss_sum=$(( rss_sum + ${rss:-0} ))
    done
    echo "$pss_sum $rss_sum"
}

# measure SIDE RUN: one start of the app or the baseline in its own Xvfb, with its own empty configuration
# and data directories. Appends a line to $results; returns 1 when a build started meanwhile.
measure() {
    local side=$1 run=$2 dir=$work/$1-$2 program name ready display start watcher_pid window_ns ready_ns pss rss
    if [[ $side == app ]]; then program=$switchboard name='^Switchboard$' ready=$app_ready
    else program=$floor name='^WebEngineFloor$' ready=$floor_ready; fi
    rm -rf "$dir"
    mkdir -p "$dir/config" "$dir/data" "$dir/runtime" "$dir/tmp"
    chmod 700 "$dir/runtime"

    rm -f "$work/build-seen"
    ( while :; do pgrep -f 'ninja|cc1plus' >/dev/null && : >"$work/build-seen"; sleep 1; done ) &
    build_watcher_pid=$!

    # Xvfb picks a free display and writes its number once it accepts connections.
    Xvfb -displayfd 3 -screen 0 1400x800x24 -nolisten tcp 3>"$dir/display" 2>"$dir/xvfb.log" &
    xvfb_pid=$!
    for _ in $(seq 100); do [[ -s $dir/display ]] && break; sleep 0.05; done
    [[ -s $dir/display ]] || { cat "$dir/xvfb.log" >&2; die "Xvfb did not start"; }
    display=:$(tr -d '\n' <"$dir/display")

    : >"$dir/stderr"
    DISPLAY=$display python3 "$here/startup_bench.py" watch --display "$display" --window "$name" \
        --log "$dir/stderr" --ready "$ready" --timeout "$timeout" >"$dir/watch" &
    watcher_pid=$!
    for _ in $(seq 500); do grep -q '^watching' "$dir/watch" && break; sleep 0.01; done
    grep -q '^watching' "$dir/watch" || die "the window watcher did not start"

    start=$(date +%s%N)
    DISPLAY=$display XDG_CONFIG_HOME=$dir/config XDG_DATA_HOME=$dir/data XDG_RUNTIME_DIR=$dir/runtime \
        TMPDIR=$dir/tmp QTWEBENGINE_DISABLE_SANDBOX=1 QTWEBENGINE_CHROMIUM_FLAGS=--disable-gpu \
        DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bench QT_LOGGING_RULES=switchboard.engine.debug=true \
        setsid "$program" >"$dir/stdout" 2>"$dir/stderr" &
    program_pid=$!

    wait "$watcher_pid" || true
    window_ns=$(sed -n 's/^window_ns=//p' "$dir/watch")
    ready_ns=$(sed -n 's/^ready_ns=//p' "$dir/watch")
    if [[ ${window_ns:-0} == 0 || ${ready_ns:-0} == 0 ]]; then
        tail -n 20 "$dir/stderr" >&2
        die "$side run $run: no $([[ ${window_ns:-0} == 0 ]] && echo "window $name" || echo "'$ready'") within ${timeout}s (log above)"
    fi
    sleep "$idle"
    kill -0 "$program_pid" 2>/dev/null || { tail -n 20 "$dir/stderr" >&2; die "$side exited (log above)"; }
    read -r pss rss <<<"$(memory "$program_pid")"
    stop_program
    stop_xvfb
    stop_build_watcher
    if [[ -e $work/build-seen ]]; then
        say "a build ran during $side run $run"
        return 1
    fi
    awk -v s="$side" -v w="$(( window_ns - start ))" -v r="$(( ready_ns - start ))" -v p="$pss" -v m="$rss" \
        'BEGIN { printf "side=%s window_ms=%.1f ready_ms=%.1f pss_mib=%.1f rss_mib=%.1f\n", s, w / 1e6, r / 1e6,
                 p / 1024, m / 1024 }' | tee -a "$results" >&2
    [[ ${BENCH_KEEP:-0} == 1 ]] || rm -rf "$dir"
}

: >"$results"
for run in $(seq "$runs"); do
    for side in app baseline; do
        for try in 1 2 3; do
            wait_until_quiet
            measure "$side" "$run" && break
            (( try == 3 )) && die "a build ran during each of three tries at $side run $run: measure when it is quiet"
        done
    done
done

python3 "$here/startup_bench.py" report --results "$results" --budget-ms 2000
