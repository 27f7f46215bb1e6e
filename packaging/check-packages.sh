#!/usr/bin/env bash
# The packaging tests (packaging/CMakeLists.txt registers one per step): Build makes both Debian
# packages with cpack into SCRATCH; the other steps check them there. The environment names the rest:
#   SCRATCH CPACK CPACK_CONFIG VERSION DESKTOP_PACKAGE SERVER_PACKAGE ICON_SIZES (16 22 ...)
set -euo pipefail

step=${1:?usage: check-packages.sh Build|Control|Contents|Lintian|Metadata|RunHelp|Serve}
debs=$SCRATCH/debs
arch=$(dpkg --print-architecture)
desktop_deb=$debs/${DESKTOP_PACKAGE}_${VERSION}_$arch.deb
server_deb=$debs/${SERVER_PACKAGE}_${VERSION}_$arch.deb
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# A missing tool fails the test: skipping would turn an unchecked package green.
need() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null \
            || { echo "FAIL: $tool is missing: run packaging/install-deps.sh, which installs it" >&2; exit 1; }
    done
}

# unpack DEB: the package unpacked (dpkg -x) into a throwaway root of its own, named by $unpacked and
# removed when the test ends.
roots=()
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null; rm -rf "${roots[@]}"' EXIT
unpack() {
    local deb=$1 root
    root=$(mktemp -d "$SCRATCH/root.XXXXXX")
    roots+=("$root")
    dpkg-deb -x "$deb" "$root"
    unpacked=$root
}

build() {
    need dpkg-shlibdeps dpkg-deb file strip
    rm -rf "$SCRATCH"
    mkdir -p "$debs"
    "$CPACK" -G DEB --config "$CPACK_CONFIG" -B "$debs" >"$SCRATCH/cpack.log" 2>&1 \
        || { cat "$SCRATCH/cpack.log" >&2; fail "cpack -G DEB failed"; return; }
    for deb in "$desktop_deb" "$server_deb"; do
        [ -f "$deb" ] || fail "cpack made no $(basename "$deb") (it made: $(ls "$debs"))"
    done
}

field() {
    dpkg-deb --field "$1" "$2"
}

control() {
    need dpkg-deb apt-get
    local deb package depends
    for deb in "$desktop_deb" "$server_deb"; do
        package=$(field "$deb" Package)
        [ "$(field "$deb" Version)" = "$VERSION" ] || fail "$package: Version $(field "$deb" Version), not $VERSION"
        [ "$(field "$deb" Architecture)" = "$arch" ] || fail "$package: Architecture is not $arch"
        depends=$(field "$deb" Depends)
        echo "$package Depends: $depends"
        # dpkg-shlibdeps ran, and found the system's libraries, not the build's sanitizer runtimes
        # (clang links them statically; g++ would not).
        for lib in libc6 libqt6core6 libqt6network6 libqt6sql6 libqt6httpserver6 libsodium23 libjwt; do
            grep -Eq "(^|, )${lib}[a-z0-9.-]* " <<<"$depends, " || fail "$package: Depends lacks $lib"
        done
        grep -Eq '(^|, )libqt6sql6-sqlite(,|$)' <<<"$depends" || fail "$package: Depends lacks libqt6sql6-sqlite"
        ! grep -Eq 'libasan|libubsan|libtsan|libclang|libllvm' <<<"$depends" \
            || fail "$package: Depends names a sanitizer or compiler runtime"
    done
    [ "$(field "$desktop_deb" Package)" = "$DESKTOP_PACKAGE" ] || fail "the desktop package is not $DESKTOP_PACKAGE"
    [ "$(field "$server_deb" Package)" = "$SERVER_PACKAGE" ] || fail "the server package is not $SERVER_PACKAGE"
    depends=$(field "$desktop_deb" Depends)
    # The web engine's core, not necessarily its widgets: the phone's page has no view, and a linker with
    # --as-needed (g++'s on Debian) leaves libQt6WebEngineWidgets out.
    for lib in libqt6webenginecore6 libqt6widgets6 libqt6gui6; do
        grep -q "$lib" <<<"$depends" || fail "$DESKTOP_PACKAGE: Depends lacks $lib"
    done
    # Every dependency names a package this system has or can get: apt installs both, in simulation.
    local plan
    plan=$(apt-get install --simulate --no-install-recommends "$desktop_deb" "$server_deb" 2>&1) \
        || fail "apt-get cannot install the packages: $plan"
    depends=$(field "$server_deb" Depends)
    ! grep -Eq 'libqt6webengine|libqt6widgets|libqt6gui|libqt6quick|libqt6qml' <<<"$depends" \
        || fail "$SERVER_PACKAGE depends on the GUI stack: $depends"
}

# The file list, with owners and modes: exactly what each package should install, nothing more.
contents() {
    need dpkg-deb
    local listing
    listing=$(dpkg-deb -c "$desktop_deb" | awk '{print $1, $2, $6}' | grep -v '/$')
    local -a expected=(
        "-rwxr-xr-x root/root ./usr/bin/switchboard"
        "-rw-r--r-- root/root ./usr/share/applications/switchboard.desktop"
        "-rw-r--r-- root/root ./usr/share/metainfo/switchboard.metainfo.xml"
        "-rw-r--r-- root/root ./usr/share/icons/hicolor/scalable/apps/switchboard.svg"
        "-rw-r--r-- root/root ./usr/share/man/man1/switchboard.1.gz"
        "-rw-r--r-- root/root ./usr/share/doc/switchboard/changelog.gz"
        "-rw-r--r-- root/root ./usr/share/doc/switchboard/copyright"
    )
    for size in $ICON_SIZES; do
        expected+=("-rw-r--r-- root/root ./usr/share/icons/hicolor/${size}x${size}/apps/switchboard.png")
    done
    compare "$DESKTOP_PACKAGE" "$listing" "${expected[@]}"

    listing=$(dpkg-deb -c "$server_deb" | awk '{print $1, $2, $6}' | grep -Ev '/$' || true)
    expected=(
        "-rwxr-xr-x root/root ./usr/bin/switchboard-server"
        "-rw-r--r-- root/root ./lib/systemd/system/switchboard-server.service"
        "-rw-r--r-- root/root ./usr/share/doc/switchboard-server/examples/switchboard-server.env"
        "-rw-r--r-- root/root ./usr/share/man/man1/switchboard-server.1.gz"
        "-rw-r--r-- root/root ./usr/share/doc/switchboard-server/changelog.gz"
        "-rw-r--r-- root/root ./usr/share/doc/switchboard-server/copyright"
    )
    compare "$SERVER_PACKAGE" "$listing" "${expected[@]}"
    local scripts
    scripts=$(dpkg-deb --ctrl-tarfile "$server_deb" | tar -tvf - | awk '$6 ~ /(postinst|prerm|postrm)$/ {print $1, $6}')
    compare "$SERVER_PACKAGE's maintainer scripts" "$scripts" \
        "-rwxr-xr-x ./postinst" "-rwxr-xr-x ./prerm" "-rwxr-xr-x ./postrm"
    # The folder for the administrator's environment file, and never the file itself (it holds secrets).
    listing=$(dpkg-deb -c "$server_deb")
    grep -q ' \./etc/switchboard/$' <<<"$listing" || fail "$SERVER_PACKAGE: no /etc/switchboard/"
    ! grep -q '\./etc/switchboard/.' <<<"$listing" || fail "$SERVER_PACKAGE ships a file in /etc/switchboard"
}

compare() {
    local package=$1 listing=$2
    shift 2
    local unexpected missing
    missing=$(comm -13 <(sort <<<"$listing") <(printf '%s\n' "$@" | sort))
    unexpected=$(comm -23 <(sort <<<"$listing") <(printf '%s\n' "$@" | sort))
    [ -z "$missing" ] || fail "$package lacks (or has with other modes): $missing"
    [ -z "$unexpected" ] || fail "$package has more than it should: $unexpected"
}

# No error; warnings are printed and accepted (README "Packages" lists them).
lint() {
    need lintian
    lintian --fail-on error --tag-display-limit 0 "$desktop_deb" "$server_deb" || fail "lintian reports errors"
}

metadata() {
    need dpkg-deb desktop-file-validate appstreamcli systemd-analyze
    local desktop_root server_root exposure
    unpack "$desktop_deb"
    desktop_root=$unpacked
    unpack "$server_deb"
    server_root=$unpacked
    desktop-file-validate "$desktop_root/usr/share/applications/switchboard.desktop" \
        || fail "desktop-file-validate"
    # The ID is the package's and the desktop entry's name, switchboard: the project has no domain of its
    # own yet for a reverse-DNS one, and a later rename needs <replaces> in the metainfo.
    appstreamcli validate --no-net --override=cid-desktopapp-is-not-rdns=info \
        "$desktop_root/usr/share/metainfo/switchboard.metainfo.xml" || fail "appstreamcli validate"
    # The unit as installed, but with the unpacked program in ExecStart (verify checks that it runs);
    # --man=no: its man: link points into the package, which is not installed here. verify exits 0 on
    # settings it ignores, so anything it prints fails the test.
    local unit=$server_root/lib/systemd/system/switchboard-server.service checked report
    checked=$server_root/switchboard-server.service
    sed "s|^ExecStart=/usr/bin/|ExecStart=$server_root/usr/bin/|" "$unit" >"$checked"
    report=$(systemd-analyze verify --man=no "$checked" 2>&1) || fail "systemd-analyze verify: $report"
    [ -z "$report" ] || fail "systemd-analyze verify: $report"
    exposure=$(systemd-analyze security --offline=yes --root="$server_root" "$unit" \
                   | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
    echo "systemd-analyze security: exposure $exposure"
    # 1.1 when written; the rest is the network a server needs. Lowering the guard fails here.
    awk -v e="$exposure" 'BEGIN { exit !(e != "" && e <= 1.5) }' \
        || fail "systemd-analyze security: exposure '$exposure', above 1.5: a hardening option went missing"
}

run_help() {
    need dpkg-deb
    local root out
    unpack "$server_deb"
    root=$unpacked
    out=$("$root/usr/bin/switchboard-server" --help) || fail "switchboard-server --help failed"
    grep -q '^Usage: switchboard-server' <<<"$out" || fail "switchboard-server --help printed no usage: $out"
    out=$("$root/usr/bin/switchboard-server" serve --help) || fail "switchboard-server serve --help failed"
    grep -q -- '--public-url' <<<"$out" || fail "switchboard-server serve --help names no --public-url"
    unpack "$desktop_deb"
    root=$unpacked
    out=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/switchboard" --help) || fail "switchboard --help failed"
    grep -q '^Usage: switchboard ' <<<"$out" || fail "switchboard --help printed no usage: $out"
}

# The unit's command line as systemd would run it, from the unpacked package: its Environment= lines, then
# the example environment file (the unit's EnvironmentFile=, which wins), then ExecStart with ${VAR} as
# one word and $VAR split at spaces. The database goes to a scratch folder and the port is any free one.
serve() {
    need dpkg-deb
    unpack "$server_deb"
    local root=$unpacked unit exec_line state log pid status
    unit=$root/lib/systemd/system/switchboard-server.service
    state=$(mktemp -d "$SCRATCH/state.XXXXXX")
    roots+=("$state")
    log=$state/serve.log
    exec_line=$(sed -nE 's|^ExecStart=/usr/bin/|'"$root"'/usr/bin/|; s/\$\{([A-Za-z_]+)\}/"${\1}"/g; /^\//p' "$unit")
    # Runs in a subshell of its own (the caller's parentheses or &), and execs: the caller's $! is serve.
    run_unit_command() {
        {
            while IFS= read -r assignment; do export "${assignment?}"; done \
                < <(sed -n 's/^Environment=//p' "$unit")
            set -a
            # shellcheck source=/dev/null
            . "$root/usr/share/doc/switchboard-server/examples/switchboard-server.env"
            set +a
            export SWITCHBOARD_DATABASE=$state/switchboard.sqlite
            for assignment in "$@"; do export "${assignment?}"; done
            local -a argv
            eval "argv=($exec_line)"
            echo "running: ${argv[*]} --listen 127.0.0.1:0"
            exec "${argv[@]}" --listen 127.0.0.1:0
        }
    }

    # As shipped, the example has no auth token, and serve refuses to start rather than run unchecked.
    status=0
    (run_unit_command) >"$log" 2>&1 || status=$?
    if [ "$status" != 1 ] || ! grep -q 'TWILIO_AUTH_TOKEN is not set' "$log"; then
        fail "serve with the example environment as shipped: exit $status, not 1 naming TWILIO_AUTH_TOKEN: $(cat "$log")"
    fi

    # Filled in, it serves until SIGTERM (systemd's stop), then exits 0, which Restart=on-failure leaves be.
    run_unit_command TWILIO_AUTH_TOKEN=example-auth-token >"$log" 2>&1 &
    pid=$!
    server_pid=$pid
    for _ in $(seq 300); do
        grep -q '^Listening on' "$log" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    grep -q '^Listening on' "$log" || { fail "serve did not start: $(cat "$log")"; return; }
    grep -q 'signed for https://switchboard.example.org' "$log" \
        || fail "serve did not take the example's --public-url: $(cat "$log")"
    kill -TERM "$pid"
    status=0
    wait "$pid" || status=$?
    server_pid=
    [ "$status" = 0 ] || fail "serve exited $status on SIGTERM, not 0: $(cat "$log")"
    grep -q 'shutting down' "$log" || fail "serve did not say it was shutting down: $(cat "$log")"
    [ -f "$state/switchboard.sqlite" ] || fail "serve made no database at SWITCHBOARD_DATABASE"
    cat "$log"
}

case $step in
    Build) build ;;
    Control) control ;;
    Contents) contents ;;
    Lintian) lint ;;
    Metadata) metadata ;;
    RunHelp) run_help ;;
    Serve) serve ;;
    *) echo "check-packages.sh: unknown step $step" >&2; exit 2 ;;
esac
if ((failures)); then
    echo "check-packages.sh $step: $failures failure(s)" >&2
    exit 1
fi
echo "check-packages.sh $step: passed"
