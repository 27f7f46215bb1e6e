#!/usr/bin/env bash
# Installs what building, testing and running Switchboard needs on Debian 12,
# and only what is missing: quiet and quick when everything is already there.
# Then installs the web page's npm packages from the committed lock file.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

packages=(
    # build
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-webengine-dev qt6-webchannel-dev
    qt6-multimedia-dev
    # voicemail playback: Qt Multimedia's GStreamer back end and the plugins that decode WAV and MP3
    gstreamer1.0-plugins-base gstreamer1.0-plugins-good
    libqt6sql6-sqlite libqt6sql6-psql
    libssl-dev libjwt-dev libsodium-dev libphonenumber-dev qtkeychain-qt6-dev
    # tests and tools: offscreen/X11 screenshots, a throwaway PostgreSQL, the sanitizer builds and fuzzing
    # (clang, its runtimes, lld), style checks, load. clang-tidy is version 22 (Debian 12's security archive
    # carries it): unlike 14 it leaves system headers (Qt's) unmatched, which makes the ClangTidy test about
    # twice as quick; its runtimes' package holds the sanitizer headers that ASan-built files include.
    xvfb xauth postgresql clang libclang-rt-14-dev lld clang-format clang-tidy-22 libclang-rt-22-dev wrk
    desktop-file-utils
    # the Debian packages: icons from the SVG, man pages from --help, cpack's dependency scan (dpkg-shlibdeps,
    # which needs file), and the packaging tests' checks (lintian, appstreamcli, systemd-analyze)
    librsvg2-bin help2man dpkg-dev file lintian appstream systemd
    # a throwaway Secret Service for the keychain tests; a private sound server with a null sink for the
    # voicemail player's tests
    dbus-daemon gnome-keyring pulseaudio
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if ((${#missing[@]})); then
    echo "install-deps: installing ${missing[*]}"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Twilio Voice SDK comes from npm, pinned by resources/web/package-lock.json.
web="$top/resources/web"
stamp="$web/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$web/package-lock.json" -nt "$stamp" ]; then
    echo "install-deps: npm ci in resources/web"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi
