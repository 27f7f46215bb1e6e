#!/usr/bin/env bash
# Starts and stops a Prism mock of Twilio's REST API (2010-04-01), made from Twilio's own OpenAPI description
# in @twilio-alpha/mcp, for the REST client's conformance test. Prism answers a request that breaks the
# description with 422 and names what is wrong, and one without HTTP Basic with 401. The description served
# is Twilio's with two gaps filled (twilio-description-gaps.js).
#   prism-mock.sh start DIR   listens on a free port of 127.0.0.1; writes its URL to DIR/url
#   prism-mock.sh stop DIR
set -euo pipefail

action=$1
dir=$2
here=$(cd "$(dirname "$0")" && pwd)
spec="$here/node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json"
prism="$here/node_modules/.bin/prism"

stop() {
    if [ -f "$dir/pid" ]; then
        kill "$(cat "$dir/pid")" 2>/dev/null || true
        rm -f "$dir/pid" "$dir/url"
    fi
}

case "$action" in
start)
    stop
    mkdir -p "$dir"
    [ -x "$prism" ] && [ -f "$spec" ] || { echo "prism-mock: $here/node_modules lacks Prism or Twilio's API description: run npm ci there" >&2; exit 1; }
    # Where Twilio's description refuses what Twilio sends or accepts (twilio-description-gaps.js).
    node "$here/twilio-description-gaps.js" "$spec" "$dir/twilio_api_v2010.json"
    # Port 0: the system picks a free one, and Prism says which in its first lines.
    "$prism" mock -h 127.0.0.1 -p 0 "$dir/twilio_api_v2010.json" >"$dir/prism.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 240); do
        url=$(grep -o 'Prism is listening on http://127\.0\.0\.1:[0-9]*' "$dir/prism.log" | grep -o 'http://.*' || true)
        if [ -n "$url" ]; then
            echo "$url" >"$dir/url"
            echo "prism-mock: Twilio's API description served at $url"
            exit 0
        fi
        kill -0 "$(cat "$dir/pid")" 2>/dev/null || { echo "prism-mock: Prism ended:" >&2; tail -20 "$dir/prism.log" >&2; exit 1; }
        sleep 0.5
    done
    echo "prism-mock: Prism did not start within 120 s; its log: $dir/prism.log" >&2
    stop
    exit 1
    ;;
stop)
    stop
    ;;
*)
    echo "usage: prism-mock.sh start|stop DIR" >&2
    exit 2
    ;;
esac
