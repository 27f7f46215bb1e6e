#!/usr/bin/env bash
# Webhook benchmark: signed POST /voice/incoming against `switchboard-server serve` on SQLite and on
# PostgreSQL and, in the same run, against the Node.js baseline (Express + the official twilio helper,
# tests/bench/baseline/). Checks the budget of DESIGN.md ("Performance budgets") and exits 1 when it is
# missed. See tests/bench/README.md.
#
#   tests/bench/run-webhook-bench.sh [--build]
#
# --build runs `cmake --build --preset default` first (otherwise only when a binary is missing).
# Environment (defaults in brackets): BENCH_DURATION seconds per measurement [10], BENCH_WARMUP [3],
# BENCH_CONNECTIONS [16], BENCH_THREADS [2], BENCH_MAPPINGS [100000], BENCH_CLIENTS [100],
# BENCH_REQUESTS signed requests per file [400000], BENCH_FLAT=0 skips the 10-mapping run, BENCH_POSTGRES=0
# skips the PostgreSQL run,
# BENCH_QUIET_WAIT seconds to wait for other builds to finish [900], BENCH_SERVE_OPTIONS more options for
# every switchboard serve (e.g. "--threads 1"), BENCH_KEEP=1 keeps the work
# directory (logs, databases), BUILD_DIR [build].
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-3}
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
mapping_count=${BENCH_MAPPINGS:-100000}
client_count=${BENCH_CLIENTS:-100}
request_count=${BENCH_REQUESTS:-400000}
flat=${BENCH_FLAT:-1}
with_postgres=${BENCH_POSTGRES:-1}
quiet_wait=${BENCH_QUIET_WAIT:-900}
public_url=https://switchboard-bench.example.com
# The headless binary, as a team deployment runs it: the same core and commands as the desktop app's serve.
switchboard=$build_dir/app/switchboard-server
postgres_cluster=$root/tests/core/store/postgres-cluster.sh
seeder=$build_dir/tests/bench/SeedBenchDatabase

say() { printf '%s\n' "$*" >&2; }
die() { say "run-webhook-bench.sh: $*"; exit 2; }

tools=(wrk node npm python3)
(( with_postgres == 1 )) && tools+=(psql)
for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null || die "$tool is missing (packaging/install-deps.sh installs it)"
done
if [[ ${1:-} == --build || ! -x $switchboard || ! -x $seeder ]]; then
    say "== building (cmake --build --preset default)"
    (cd "$root" && cmake --build --preset default) || die "the build failed"
fi
[[ -x $switchboard && -x $seeder ]] || die "$switchboard or $seeder was not built"

# The baseline's node_modules come from the committed lock file alone; reinstalled when it changes.
baseline=$here/baseline
if ! cmp -s "$baseline/package-lock.json" "$baseline/node_modules/.bench-lock"; then
    say "== npm ci (baseline)"
    (cd "$baseline" && npm ci --no-audit --no-fund --loglevel=error) >&2 || die "npm ci failed in $baseline"
    cp "$baseline/package-lock.json" "$baseline/node_modules/.bench-lock"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/webhook-bench.XXXXXX")
postgres_dir= # the throwaway cluster's folder, once started
declare -A server_pid=()
declare -A server_url=()
# Stops every server with SIGTERM (SIGKILL after 5 s) and says when one did not exit with status 0.
stop_servers() {
    local name pid status
    for name in "${!server_pid[@]}"; do
        pid=${server_pid[$name]}
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        status=0; wait "$pid" 2>/dev/null || status=$?
        (( status == 0 )) || say "-- $name exited with status $status on SIGTERM (137: killed after 5 s)"
        unset "server_pid[$name]"
    done
}
watcher_pid=
stop_watcher() {
    [[ -n $watcher_pid ]] || return 0
    kill "$watcher_pid" 2>/dev/null || true
    wait "$watcher_pid" 2>/dev/null || true
    watcher_pid=
}
cleanup() {
    stop_watcher
    stop_servers
    [[ -z $postgres_dir ]] || "$postgres_cluster" stop "$postgres_dir" >&2 || true
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then say "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A random key per run: nothing here is a real account.
TWILIO_AUTH_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
export TWILIO_AUTH_TOKEN
unset TWILIO_ACCOUNT_SID TWILIO_API_KEY TWILIO_API_SECRET TWILIO_TWIML_APP_SID

requests_tool() { python3 "$here/webhook_requests.py" "$@"; }

# prepare SIZE: mappings, seeded template database and signed request files for a table of SIZE numbers.
prepare() {
    local size=$1 clients=$client_count
    (( clients > size )) && clients=$size
    say "== data for $size mappings ($clients clients)"
    requests_tool mappings --count "$size" --clients "$clients" --out "$work/mappings-$size.csv"
    rm -f "$work/seed-$size.sqlite"*
    "$seeder" --database "$work/seed-$size.sqlite" --mappings "$work/mappings-$size.csv" >&2 \
        || die "seeding $size mappings failed"
    # Different CallSid prefixes: the warm-up's calls never reappear in the measurement.
    requests_tool requests --mappings "$work/mappings-$size.csv" --url "$public_url/voice/incoming" \
        --count $(( request_count / 5 )) --prefix 1 --seed 1 --out "$work/warmup-$size.txt"
    requests_tool requests --mappings "$work/mappings-$size.csv" --url "$public_url/voice/incoming" \
        --count "$request_count" --prefix 2 --seed 2 --out "$work/measure-$size.txt"
}

# The store tests' throwaway PostgreSQL cluster (postgres-cluster.sh), on a free port, in a folder of its own
# that the postgres user can reach. It keeps the tests' fsync=off but commits synchronously: an answered
# webhook's commit is then in PostgreSQL's WAL, written to the kernel, which survives a crash of either
# server (as SQLite's NORMAL with the call journal does), not a power loss.
postgres_base=
start_postgres() {
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    postgres_dir=$(mktemp -d "${TMPDIR:-/tmp}/webhook-bench-postgres.XXXXXX")
    say "== PostgreSQL cluster on 127.0.0.1:$port"
    # The server outlives this call: it must not inherit our descriptors beyond the standard three, such as
    # the lock of `flock /tmp/switchboard-build.lock` around the benchmark, which a cluster left behind by a
    # killed run would then hold forever.
    (
        for fd in "/proc/$BASHPID/fd"/*; do
            fd=${fd##*/}
            (( fd > 2 )) && eval "exec $fd>&-"
        done
        POSTGRES_CLUSTER_OPTIONS="-c synchronous_commit=on" exec "$postgres_cluster" start "$postgres_dir" "$port"
    ) >&2 || die "the PostgreSQL cluster did not start"
    postgres_base=postgresql://postgres@127.0.0.1:$port
}

psql_run() { psql -X -q -v ON_ERROR_STOP=1 "$postgres_base/switchboard_test" "$@"; }

# prepare_postgres SIZE: database bench_seed_SIZE, seeded from the same mappings file as the SQLite one.
prepare_postgres() {
    local size=$1
    say "== PostgreSQL data for $size mappings"
    psql_run -c "CREATE DATABASE bench_seed_$size" || die "cannot create the PostgreSQL seed database"
    "$seeder" --database "$postgres_base/bench_seed_$size" --mappings "$work/mappings-$size.csv" >&2 \
        || die "seeding $size mappings into PostgreSQL failed"
    # Statistics now, rather than autovacuum's work during someone else's measurement.
    psql -X -q -v ON_ERROR_STOP=1 "$postgres_base/bench_seed_$size" -c "VACUUM ANALYZE" \
        || die "cannot analyze the PostgreSQL seed database"
}

# wait_for_url NAME LOGFILE: the server prints its address once it listens.
wait_for_url() {
    local name=$1 log=$2 url=
    for _ in $(seq 150); do
        url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 || true)
        [[ -n $url ]] && break
        kill -0 "${server_pid[$name]}" 2>/dev/null || break
        sleep 0.1
    done
    [[ -n $url ]] || { cat "$log" >&2; die "$name did not start (log above)"; }
    server_url[$name]=$url
    say "$name listening on $url"
}

# start_cpp NAME SIZE [SERVE OPTIONS]: switchboard serve on a fresh copy of the seeded database, on a free
# port.
start_cpp() {
    local name=$1 size=$2 f
    shift 2
    for f in "$work/seed-$size.sqlite"*; do cp "$f" "$work/$name.sqlite${f#"$work/seed-$size.sqlite"}"; done
    # shellcheck disable=SC2086 # BENCH_SERVE_OPTIONS is a list of words
    "$switchboard" serve --database "$work/$name.sqlite" --listen 127.0.0.1:0 --public-url "$public_url" "$@" \
        ${BENCH_SERVE_OPTIONS:-} \
        >"$work/$name.out" 2>"$work/$name.log" &
    server_pid[$name]=$!
    wait_for_url "$name" "$work/$name.out"
}

# start_cpp_postgres NAME SIZE: switchboard serve on a fresh copy (CREATE DATABASE ... TEMPLATE) of the
# PostgreSQL seed database.
start_cpp_postgres() {
    local name=$1 size=$2 database=${1//-/_}
    psql_run -c "CREATE DATABASE $database TEMPLATE bench_seed_$size" || die "cannot copy the seed database"
    # shellcheck disable=SC2086 # BENCH_SERVE_OPTIONS is a list of words
    "$switchboard" serve --database "$postgres_base/$database" --listen 127.0.0.1:0 --public-url "$public_url" \
        ${BENCH_SERVE_OPTIONS:-} \
        >"$work/$name.out" 2>"$work/$name.log" &
    server_pid[$name]=$!
    wait_for_url "$name" "$work/$name.out"
}

start_baseline() {
    local name=$1 size=$2
    NODE_ENV=production node "$baseline/server.js" --listen 127.0.0.1:0 --public-url "$public_url" \
        --mappings "$work/mappings-$size.csv" >"$work/$name.out" 2>"$work/$name.log" &
    server_pid[$name]=$!
    wait_for_url "$name" "$work/$name.out"
}

# shellcheck source=tests/bench/quiet-machine.sh
source "$here/quiet-machine.sh"

# server_pids NAME: the processes that serve NAME: its own and, on PostgreSQL, the cluster's (the
# postmaster and its children: the backends that serve its connections, the WAL writer, autovacuum).
server_pids() {
    local postmaster
    echo "${server_pid[$1]}"
    if [[ $1 == *postgres* && -n $postgres_dir ]]; then
        postmaster=$(head -n 1 "$postgres_dir/data/postmaster.pid")
        echo "$postmaster"
        pgrep -P "$postmaster" || true
    fi
}

# cpu_ticks NAME: "wall time, machine-wide busy ticks, the server's ticks (server_pids, taken afresh each
# time: a backend that starts during a run counts whole), this script's and its waited-for children's ticks".
cpu_ticks() {
    local busy proc self
    busy=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
    echo -n "$(date +%s.%N) "
    # shellcheck disable=SC2046,SC2002 # one file per process; cat goes on past one that has just exited
    proc=$(cat $(server_pids "$1" | sed 's|.*|/proc/&/stat|') 2>/dev/null \
        | awk '{ sub(/^.*\) /, ""); total += $12 + $13 } END { print total + 0 }')
    self=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$$/stat")
    echo "$busy $proc $self"
}

# run_wrk NAME SIZE KIND: one wrk run (KIND warmup or measure) into $work/NAME.KIND-out. Fails when another
# build ran during it, or other processes took more than a fifth of a core: two shared cores then measure
# them as much as the server.
run_wrk() {
    local name=$1 size=$2 kind=$3 seconds=$duration busy=$work/$1.busy before after other
    [[ $kind == warmup ]] && seconds=$warmup
    rm -f "$busy"
    ( while :; do pgrep -f 'ninja|cc1plus' >/dev/null && : >"$busy"; sleep 1; done ) &
    watcher_pid=$!
    before=$(cpu_ticks "$name")
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s -s "$here/signed-requests.lua" \
        "${server_url[$name]}/voice/incoming" -- "$work/$kind-$size.txt" "$threads" "$name" \
        >"$work/$name.$kind-out" 2>&1 || { stop_watcher
                                           cat "$work/$name.$kind-out" >&2; die "wrk failed ($name, $kind)"; }
    after=$(cpu_ticks "$name")
    stop_watcher
    # Cores used by everything but the server (its database included), wrk and this script, on average
    # over the run.
    other=$(echo "$before $after" | awk -v hz="$(getconf CLK_TCK)" \
        '{ printf "%.2f", (($6 - $2) - ($7 - $3) - ($8 - $4)) / hz / ($5 - $1) }')
    echo "other_cores=$other" >>"$work/$name.$kind-out"
    if [[ -e $busy ]] || awk -v o="$other" 'BEGIN { exit !(o > 0.2) }'; then
        say "other processes used $other cores during the $name $kind$([[ -e $busy ]] && echo ', a build among them')"
        return 1
    fi
}

# measure NAME SIZE: warm-up, then the measured run; its BENCH line goes to $work/NAME.bench. A run
# disturbed by a build is repeated (up to three times) once the machine is quiet again.
measure() {
    local name=$1 size=$2 try
    for try in 1 2 3; do
        wait_until_quiet
        say "== $name: warm-up ${warmup}s, then ${duration}s at $connections connections, $threads threads"
        if run_wrk "$name" "$size" warmup && run_wrk "$name" "$size" measure; then
            break
        fi
        (( try == 3 )) && die "the machine was busy during each of three tries at $name: measure when it is quiet"
        say "measuring $name again (CallSids repeat from here on)"
    done
    grep '^BENCH ' "$work/$name.measure-out" >"$work/$name.bench" \
        || { cat "$work/$name.measure-out" >&2; die "no result for $name"; }
    echo "tries=$try" >>"$work/$name.bench"
    grep '^other_cores=' "$work/$name.measure-out" >>"$work/$name.bench"
    kill -0 "${server_pid[$name]}" 2>/dev/null || { tail -n 20 "$work/$name.log" >&2; die "$name died during the run"; }
    # Resident memory after the run, for the report.
    echo "rss_kb=$(ps -o rss= -p "${server_pid[$name]}" | tr -d ' ')" >>"$work/$name.bench"
}

prepare "$mapping_count"
(( flat == 1 )) && prepare 10
if (( with_postgres == 1 )); then
    start_postgres
    prepare_postgres "$mapping_count"
fi

# Each answer waits until its call-log event is committed. With synchronous=normal (the default) the
# commit survives a crash of the process; with full, also a power loss.
start_cpp switchboard "$mapping_count"
start_cpp switchboard-full "$mapping_count" --sqlite-synchronous full
(( with_postgres == 1 )) && start_cpp_postgres switchboard-postgres "$mapping_count"
start_baseline baseline "$mapping_count"
(( flat == 1 )) && start_cpp switchboard-10 10

# The data written so far (database copies, PostgreSQL's WAL) goes to disk now: the kernel's and the
# checkpointer's writing it back later would count against whichever server is being measured then.
(( with_postgres == 1 )) && { psql_run -c "CHECKPOINT" || die "PostgreSQL's checkpoint failed"; }
sync
say "== pre-flight: a signed request must get 200 and the expected TwiML, a bad signature 403"
for name in "${!server_url[@]}"; do
    size=$mapping_count; [[ $name == *-10 ]] && size=10
    requests_tool check --base "${server_url[$name]}" --url "$public_url/voice/incoming" \
        --mappings "$work/mappings-$size.csv" --name "$name" || die "$name fails the pre-flight check"
done

measure switchboard "$mapping_count"
measure switchboard-full "$mapping_count"
(( with_postgres == 1 )) && measure switchboard-postgres "$mapping_count"
measure baseline "$mapping_count"
(( flat == 1 )) && measure switchboard-10 10
stop_servers
# What the PostgreSQL server's call log holds, for the report (which reads the SQLite files itself).
if (( with_postgres == 1 )); then
    psql -X -A -t "$postgres_base/switchboard_postgres" \
        -c "SELECT (SELECT COUNT(*) FROM calls) || ' ' || (SELECT COUNT(*) FROM call_events)" \
        >"$work/switchboard-postgres.rows" || say "-- cannot count the PostgreSQL call log"
fi

# The C++ server logs one line per request; anything else it said (warnings, criticals) is reported.
for name in switchboard switchboard-full switchboard-postgres switchboard-10; do
    [[ -f $work/$name.log ]] || continue
    grep -v -E '^(switchboard\.server: )?(POST|GET) /' "$work/$name.log" \
        | grep -v -E 'signal 15, shutting down|^switchboard\.store: opened |^switchboard\.server: listening on |POST /token cannot issue access tokens' \
        >"$work/$name.other" || true
    if [[ -s $work/$name.other ]]; then
        say "-- $name printed $(wc -l <"$work/$name.other") line(s) besides its request log, first ones:"
        head -n 10 "$work/$name.other" >&2
    fi
done

python3 "$here/bench_report.py" --work "$work" --mappings "$mapping_count" --connections "$connections" \
    --flat "$flat" --postgres "$with_postgres"
