#!/usr/bin/env bash
# Takes the README's pictures of the main pages (packaging/screenshots/*.png) from a build, by hand:
#     packaging/take-screenshots.sh BUILD_DIR [OUTPUT_DIR]
# It builds nothing: BUILD_DIR must hold app/switchboard, app/switchboard-server and
# tests/app/MainPagesScreenshots (the default preset builds all three). In a throwaway home, with no
# keychain and no TWILIO_* variable of yours, it starts the desktop app once (which makes its client
# `desktop`), seeds the database with the command line (clients, numbers, simulated calls), then runs
# MainPagesScreenshots, which starts the app again under Xvfb and saves each page. For the Team page it
# also starts a switchboard-server with made-up Twilio values and signs a phone in to it. Nothing
# reaches the internet: the web engine goes through a proxy that is not there (127.0.0.1:9), and every
# server listens on 127.0.0.1.
# Then, if optipng is installed, it shrinks the pictures (lossless).
set -euo pipefail

build=$(cd "${1:?usage: take-screenshots.sh BUILD_DIR [OUTPUT_DIR]}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
output=${2:-$here/screenshots}
mkdir -p "$output"
output=$(cd "$output" && pwd)
app=$build/app/switchboard
server=$build/app/switchboard-server
shooter=$build/tests/app/MainPagesScreenshots
for program in "$app" "$server" "$shooter"; do
    [ -x "$program" ] || { echo "take-screenshots: $program is missing: build $build first" >&2; exit 1; }
done
command -v Xvfb >/dev/null || { echo "take-screenshots: Xvfb is missing: run packaging/install-deps.sh" >&2; exit 1; }

scratch=$(mktemp -d -t switchboard-screenshots.XXXXXX)
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT

# One X server of its own for every start of the app, on the first free display.
Xvfb -displayfd 3 -nolisten tcp -screen 0 1280x800x24 3>"$scratch/display" 2>"$scratch/xvfb.log" &
pids+=($!)
for _ in $(seq 100); do [ -s "$scratch/display" ] && break; sleep 0.1; done
[ -s "$scratch/display" ] || { cat "$scratch/xvfb.log" >&2; exit 1; }
DISPLAY=:$(cat "$scratch/display")
export DISPLAY

# A home of its own, as the desktop tests make one (tests/support/DesktopTestMain.h).
use_home() {
    local home=$1 folder
    for folder in config data cache runtime tmp; do mkdir -p "$home/$folder"; done
    chmod 0700 "$home/runtime"
    export HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_CACHE_HOME=$home/cache
    export XDG_RUNTIME_DIR=$home/runtime TMPDIR=$home/tmp
}
use_home "$scratch/solo"
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/switchboard-screenshots-bus # no keychain
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^TWILIO_' || true)
unset SWITCHBOARD_SERVER_URL SWITCHBOARD_CLIENT SWITCHBOARD_CLIENT_SECRET
export LANG=C.UTF-8 TZ=Asia/Tokyo
export QT_QPA_PLATFORM=xcb QTWEBENGINE_DISABLE_SANDBOX=1 ASAN_OPTIONS=detect_leaks=0
export QTWEBENGINE_CHROMIUM_FLAGS="--disable-gpu --use-fake-device-for-media-stream --use-fake-ui-for-media-stream --proxy-server=http://127.0.0.1:9"

# A port nobody listens on, for the app's webhook server (so that no banner says it moved).
free_port() {
    local port
    for port in $(seq "$1" $(($1 + 200))); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
    echo "take-screenshots: no free port from $1" >&2
    exit 1
}
wait_for_port() {
    local url=$1 pid=$2
    for _ in $(seq 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/${url##*:}") 2>/dev/null && return
        kill -0 "$pid" 2>/dev/null || { echo "take-screenshots: the server at $url ended" >&2; exit 1; }
        sleep 0.1
    done
    echo "take-screenshots: nothing answered at $url" >&2
    exit 1
}
app_port=$(free_port 8080)
mkdir -p "$XDG_CONFIG_HOME/Switchboard"
# The address Twilio would call through a tunnel, as the Settings page would save it (made up: nothing
# calls it here).
printf '[server]\nlisten=127.0.0.1:%s\npublicUrl=https://example.ngrok.app\n' "$app_port" \
    >"$XDG_CONFIG_HOME/Switchboard/switchboard.conf"

# A made-up secret for each client (the pictures never show one).
new_client() {
    head -c 24 /dev/urandom | base64 | "$app" client add "$1" >/dev/null
}

# The first start makes the phone's client, `desktop`, and the key `simulate --server` signs with.
"$app" >"$scratch/first-start.log" 2>&1 &
pids+=($!)
wait_for_port "127.0.0.1:$app_port" "${pids[-1]}"
kill -TERM "${pids[-1]}"
wait "${pids[-1]}" || { cat "$scratch/first-start.log" >&2; exit 1; }

# The database the app opened (the default one), as a person would seed it from the command line.
new_client alice
new_client front_desk
"$app" number add +81 50-3123-4568 desktop --label "Main line" >/dev/null
"$app" number add +81 50-3123-4567 alice --label "Sales" >/dev/null
"$app" number add +81 3-1234-5678 front_desk --label "Reception" >/dev/null
# Calls: answered, missed (the caller left a voicemail), and one placed; --time-scale lets the minute of
# ringing pass in a second.
simulate() { "$app" simulate "$@" --time-scale 60 >/dev/null; }
simulate incoming --from "+81 90-5987-6543" --to "+81 50-3123-4567" --answer-after 2 --talk 95
simulate incoming --from "+81 80-1111-2222" --to "+81 3-1234-5678" --no-answer
simulate incoming --from "+81 90-3333-4444" --to "+81 50-3123-4568" --no-answer
simulate incoming --from "+81 90-5555-6666" --to "+81 50-3123-4568" --answer-after 3 --talk 240
simulate outgoing --client desktop --to "+81 90-5987-6543" --talk 30
simulate outgoing --client alice --to "+81 3-9876-5432" --far-end-busy

# The pictures, with one more call simulated against the running app for the Server page's request log.
"$shooter" "$output" -- \
    "$app" simulate incoming --from "+81 90-7777-8888" --to "+81 50-3123-4567" --answer-after 1 \
    --server "http://127.0.0.1:$app_port"

# Team mode: a switchboard-server with made-up account values (none is real, and nothing reaches Twilio)
# and one phone, carol, signed in to it.
team_dir=$scratch/team
mkdir -p "$team_dir"
team_db=$team_dir/team.sqlite
team_secret=$(head -c 24 /dev/urandom | base64)
printf '%s\n' "$team_secret" | "$server" --database "$team_db" client add carol >/dev/null
"$server" --database "$team_db" number add +81 50-3123-4567 carol --label "Support" >/dev/null
team_port=$(free_port 8090)
# Made-up values, shaped like SIDs (two letters and 32 digits) so that the server accepts them.
made_up_digits=$(printf '0%.0s' $(seq 32))
export TWILIO_ACCOUNT_SID=AC$made_up_digits TWILIO_AUTH_TOKEN=not-a-real-auth-token
export TWILIO_API_KEY=SK$made_up_digits TWILIO_API_SECRET=not-a-real-api-secret
export TWILIO_TWIML_APP_SID=AP$made_up_digits
"$server" --database "$team_db" serve --listen "127.0.0.1:$team_port" >"$team_dir/serve.log" 2>&1 &
pids+=($!)
wait_for_port "127.0.0.1:$team_port" "${pids[-1]}"
"$server" --database "$team_db" simulate incoming --from "+81 90-5987-6543" --to "+81 50-3123-4567" \
    --answer-after 1 --server "http://127.0.0.1:$team_port" >/dev/null
"$server" --database "$team_db" simulate incoming --from "+81 80-1111-2222" --to "+81 50-3123-4567" \
    --no-answer --time-scale 60 --server "http://127.0.0.1:$team_port" >/dev/null
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN TWILIO_API_KEY TWILIO_API_SECRET TWILIO_TWIML_APP_SID
use_home "$scratch/team-phone"
SWITCHBOARD_SERVER_URL=http://127.0.0.1:$team_port SWITCHBOARD_CLIENT=carol SWITCHBOARD_CLIENT_SECRET=$team_secret \
    "$shooter" "$output"

if command -v optipng >/dev/null; then
    optipng -quiet -o5 -strip all "$output"/*.png
fi
ls -l "$output"/*.png
