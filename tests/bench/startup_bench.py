#!/usr/bin/env python3
"""Helpers of run-startup-bench.sh.

watch:  waits, on one X display, for a top-level window with a given name to be mapped and for a line to
        appear in a log file, and prints when each happened (epoch nanoseconds). Map events arrive as they
        happen (libX11 through ctypes, no polling of the window list: `xdotool search --sync` polls every
        500 ms, too coarse for a 2 s budget); the log file is read every 10 ms.
report: the table of medians and maxima, app against baseline, and the budget verdict.
"""

import argparse
import ctypes
import ctypes.util
import os
import re
import select
import statistics
import sys
import time

MAP_NOTIFY = 19
PROPERTY_NOTIFY = 28
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
PROPERTY_CHANGE_MASK = 1 << 22


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("pad", ctypes.c_long * 24)]


def open_x11():
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
    x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
    x11.XPending.argtypes = [ctypes.c_void_p]
    x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
    x11.XFree.argtypes = [ctypes.c_void_p]
    # A window that is gone before we ask for its name must not end the process (the default handler does).
    handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
    x11.ignore_errors = handler_type(lambda display, error: 0)
    x11.XSetErrorHandler(x11.ignore_errors)
    return x11


def window_name(x11, display, window):
    name = ctypes.c_char_p()
    if not x11.XFetchName(display, window, ctypes.byref(name)) or not name.value:
        return ""
    value = name.value.decode("utf-8", "replace")
    x11.XFree(name)
    return value


def watch(args):
    x11 = open_x11()
    display = x11.XOpenDisplay(args.display.encode())
    if not display:
        sys.exit(f"startup_bench.py: cannot open display {args.display}")
    root = x11.XDefaultRootWindow(display)
    x11.XSelectInput(display, root, SUBSTRUCTURE_NOTIFY_MASK)
    x11.XSync(display, 0)
    print("watching", flush=True)  # from here on no map is missed: the runner starts the program now

    pattern = re.compile(args.window)
    ready = args.ready.encode()
    mapped = {}  # window -> when it was mapped; its name may come later
    window_at = ready_at = None
    log = b""
    deadline = time.monotonic() + args.timeout
    connection = x11.XConnectionNumber(display)
    event = XEvent()
    while window_at is None or ready_at is None:
        if time.monotonic() > deadline:
            break
        select.select([connection], [], [], 0.01)
        now = time.time_ns()
        while x11.XPending(display):
            x11.XNextEvent(display, ctypes.byref(event))
            if event.type == MAP_NOTIFY:
                # XMapEvent: type, serial, send_event, display, event, window (longs on LP64).
                window = event.pad[5]
                mapped.setdefault(window, now)
                x11.XSelectInput(display, window, PROPERTY_CHANGE_MASK)
        if window_at is None:
            for window, at in mapped.items():
                if pattern.search(window_name(x11, display, window)):
                    window_at = at
                    break
        if ready_at is None and os.path.exists(args.log):
            with open(args.log, "rb") as file:
                log = file.read()
            if ready in log:
                ready_at = now
    print(f"window_ns={window_at or 0}")
    print(f"ready_ns={ready_at or 0}", flush=True)


def report(args):
    runs = {"app": [], "baseline": []}
    for line in open(args.results):
        fields = dict(field.split("=", 1) for field in line.split())
        runs[fields["side"]].append({key: float(value) for key, value in fields.items() if key != "side"})
    rows = [("window shown", "window_ms", "ms", 0), ("phone ready", "ready_ms", "ms", 0),
            ("idle PSS", "pss_mib", "MiB", 1), ("idle RSS", "rss_mib", "MiB", 1)]

    def figure(side, key, how):
        values = [run[key] for run in runs[side]]
        return statistics.median(values) if how == "median" else max(values)

    print(f"\nStartup, {len(runs['app'])} runs each, alternating (first start: simulated phone, empty database)")
    print(f"{'':18}{'app median':>12}{'max':>9}{'baseline median':>17}{'max':>9}{'app - baseline':>16}")
    for label, key, unit, digits in rows:
        app = (figure("app", key, "median"), figure("app", key, "max"))
        base = (figure("baseline", key, "median"), figure("baseline", key, "max"))
        cells = [f"{value:.{digits}f}" for value in (*app, *base, app[0] - base[0])]
        print(f"{label + ' (' + unit + ')':18}{cells[0]:>12}{cells[1]:>9}{cells[2]:>17}{cells[3]:>9}"
              f"{cells[4]:>16}")
    print("(phone ready: app registered in simulated mode / baseline page loaded; "
          "memory 3 s later, process and its QtWebEngineProcess children)")

    shown = figure("app", "window_ms", "median")
    verdict = "met" if shown < args.budget_ms else "MISSED"
    print(f"\nbudget: window shown, median under {args.budget_ms:.0f} ms: {shown:.0f} ms, {verdict}")
    sys.exit(0 if verdict == "met" else 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    watcher = commands.add_parser("watch")
    watcher.add_argument("--display", required=True)
    watcher.add_argument("--window", required=True, help="regular expression for the window's name")
    watcher.add_argument("--log", required=True)
    watcher.add_argument("--ready", required=True, help="text whose appearance in the log means ready")
    watcher.add_argument("--timeout", type=float, default=30)
    reporter = commands.add_parser("report")
    reporter.add_argument("--results", required=True)
    reporter.add_argument("--budget-ms", type=float, default=2000)
    args = parser.parse_args()
    watch(args) if args.command == "watch" else report(args)


if __name__ == "__main__":
    main()
