#!/usr/bin/env bash
# Starts and stops a private PulseAudio with one null sink, so that the voicemail player's tests play
# through a real audio output on a machine without sound hardware (CI, containers). Nothing is heard.
#   null-sound-server.sh start DIR   its socket is DIR/native: tests get PULSE_SERVER=unix:DIR/native
#   null-sound-server.sh stop DIR
set -euo pipefail

action=$1
dir=$2

stop() {
    if [ -f "$dir/pid" ]; then
        kill "$(cat "$dir/pid")" 2>/dev/null || true
        rm -f "$dir/pid"
    fi
}

case "$action" in
start)
    stop
    mkdir -p "$dir/runtime" "$dir/home"
    command -v pulseaudio >/dev/null || { echo "null-sound-server: pulseaudio is missing: run packaging/install-deps.sh" >&2; exit 1; }
    rm -f "$dir/native"
    # Its own runtime folder and home: it touches no session's sound server, and anyone may connect to
    # the socket in DIR, which only this build reaches.
    XDG_RUNTIME_DIR="$dir/runtime" HOME="$dir/home" pulseaudio --daemonize=no --exit-idle-time=-1 -n \
        --use-pid-file=no --disable-shm=yes --log-target=stderr \
        --load="module-null-sink sink_name=null" \
        --load="module-native-protocol-unix auth-anonymous=1 socket=$dir/native" >"$dir/pulseaudio.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 100); do
        if [ -S "$dir/native" ]; then
            echo "null-sound-server: a null sink at unix:$dir/native"
            exit 0
        fi
        kill -0 "$(cat "$dir/pid")" 2>/dev/null || { echo "null-sound-server: pulseaudio ended:" >&2; tail -20 "$dir/pulseaudio.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "null-sound-server: pulseaudio did not start within 10 s; its log: $dir/pulseaudio.log" >&2
    stop
    exit 1
    ;;
stop)
    stop
    ;;
*)
    echo "usage: null-sound-server.sh start|stop DIR" >&2
    exit 2
    ;;
esac
