#!/bin/sh
# Runs "$@" with a Secret Service of its own, for the keychain tests: gnome-keyring (Debian's) in a
# throwaway home, its login keyring created and unlocked with a throwaway password, on the D-Bus session bus that the
# caller started with dbus-run-session. packaging/install-deps.sh installs both.
set -eu
command -v gnome-keyring-daemon >/dev/null || { echo "gnome-keyring-daemon is missing: run packaging/install-deps.sh" >&2; exit 1; }
HOME=$(mktemp -d)
export HOME
trap 'rm -rf "$HOME"' EXIT
eval "$(printf 'switchboard-test' | gnome-keyring-daemon --unlock --components=secrets)"
"$@"
