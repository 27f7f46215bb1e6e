# shellcheck shell=bash disable=SC2154  # quiet_wait, say and die come from the sourcing script
# Sourced by the benchmarks: waiting for a machine quiet enough to measure on. Expects say, die and
# quiet_wait (seconds to wait at most) from the script that sources it.

# busy_cores: how many cores the machine kept busy over the last two seconds (the programs measured sit
# idle then).
busy_cores() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
    sleep 2
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
    awk -v a="$a" -v b="$b" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz / 2 }'
}

# wait_until_quiet: until no build runs and under 0.2 of a core is busy; dies after quiet_wait seconds.
wait_until_quiet() {
    local waited=0
    while pgrep -f 'ninja|cc1plus' >/dev/null || awk -v c="$(busy_cores)" 'BEGIN { exit !(c > 0.2) }'; do
        (( waited == 0 )) && say "waiting for the machine to be quiet (a build or other processes running) ..."
        (( waited >= quiet_wait )) && die "the machine stayed busy for ${quiet_wait}s: measure later"
        sleep 10; waited=$(( waited + 10 ))
    done
}
