#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests (the ctest fixture "postgres"):
#   postgres-cluster.sh start DIR PORT   fresh cluster in DIR, on 127.0.0.1:PORT and a socket in DIR,
#                                        trust authentication, superuser "postgres", database switchboard_test
#   postgres-cluster.sh stop DIR         stops it and deletes DIR
# POSTGRES_CLUSTER_OPTIONS adds server options ("-c name=value ..."), after ours: they win.
# As root, the server runs as the postgres user: initdb refuses to run as root.
set -euo pipefail

usage() {
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
}

find_bindir() {
    local dir
    if command -v pg_config >/dev/null; then
        dir=$(pg_config --bindir)
        if [ -x "$dir/initdb" ]; then
            echo "$dir"
            return
        fi
    fi
    # Debian keeps the server's programs out of PATH, one directory per major version: take the newest.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ]; then
            echo "$dir"
            return
        fi
    done
    echo "postgres-cluster: PostgreSQL's server programs (initdb, pg_ctl) are not installed;" \
         "run packaging/install-deps.sh or apt-get install postgresql" >&2
    exit 1
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop_cluster() {
    local dir=$1
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
}

[ $# -ge 2 ] || usage
action=$1
dir=$2
case "$dir" in
/*) ;;
*) dir="$PWD/$dir" ;;
esac
bindir=$(find_bindir)

case "$action" in
start)
    [ $# -eq 3 ] || usage
    port=$3
    # A cluster left running by an interrupted run would hold the port: stop it, start afresh.
    stop_cluster "$dir"
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || {
            echo "postgres-cluster: running as root, but there is no postgres user to run the server as" >&2
            exit 1
        }
        chown postgres: "$dir"
    fi
    if ! as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
        --no-sync >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        echo "postgres-cluster: initdb failed" >&2
        exit 1
    fi
    # Durability is worthless for a cluster that lives for one test run; speed is not.
    options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir'"
    options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    options="$options ${POSTGRES_CLUSTER_OPTIONS:-}"
    if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w -t 60 start >/dev/null; then
        cat "$dir/server.log" >&2 || true
        echo "postgres-cluster: the server did not start (is port $port taken?)" >&2
        exit 1
    fi
    as_owner "$bindir/createdb" -h "$dir" -p "$port" -U postgres switchboard_test
    echo "postgres-cluster: postgresql://postgres@127.0.0.1:$port/switchboard_test is up (data in $dir)"
    ;;
stop)
    stop_cluster "$dir"
    rm -rf "$dir"
    ;;
*)
    usage
    ;;
esac
