"""Start-up as a user meets it: the installed `editordesk` command on a real X display.

    python bench/startup_bench.py [--stories 10000] [--runs 7] [--db store.sqlite]

Each run launches the console script (the `editordesk` beside this Python) on an Xvfb display
and times it from launch to the first paint of its window, against a bare PySide6 window
started the same way (a Python script showing a QMainWindow), alternating the two so that a
busy machine slows both alike. Every EditorDesk run is the first start of the day: the
store's daily backups and the media sweep's mark are removed before it, so the day's chores
run as they would at nine in the morning. The processes keep their compiled bytecode (in the
bench's own folder), as an installed program has it; the first, unmeasured, run of each
writes it and warms the disk cache.

The processes report their own moments (EDITORDESK_STARTUP_TRACE=1 makes EditorDesk print
them; the bare window prints the same): the first paint of the window, with the processor
time used by then (steadier than the clock on a busy machine), the store attached, the
list's first page, the day's chores done, and the longest the UI thread went without turning
its event loop between the first paint and the chores being done (a stalled window). Target:
the first paint within 2x of the bare window's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", time.time(), flush=True)
            print("cpu", time.process_time(), flush=True)
            QTimer.singleShot(0, app.quit)
            watched.removeEventFilter(self)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Bare")
window.resize(1280, 820)
painted = Painted()
window.installEventFilter(painted)
window.show()
app.exec()
"""


MOMENTS = ("painted", "cpu", "attached", "listed", "chores", "stall_opening", "stall")
STALLS = ("stall_opening", "stall")  # in milliseconds


def start_display() -> tuple[str, subprocess.Popen[bytes] | None]:
    """A display to start on: $BENCH_DISPLAY if given, else an Xvfb of our own."""
    if os.environ.get("BENCH_DISPLAY"):
        return os.environ["BENCH_DISPLAY"], None
    for number in range(90, 120):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            break
    else:
        raise SystemExit("no free X display number between :90 and :119")
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if time.time() > deadline or server.poll() is not None:
            raise SystemExit("Xvfb did not start")
        time.sleep(0.05)
    return f":{number}", server


def moments(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from launching `command` to each moment it reports ("name seconds" lines; a
    "stall" line is already in milliseconds, a "cpu" line the processor seconds the process
    had used by its first paint)."""
    start = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    found: dict[str, float] = {}
    for line in (done.stdout + "\n" + done.stderr).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in MOMENTS:
            value = float(parts[1])
            found[parts[0]] = value if parts[0] in (*STALLS, "cpu") else value - start
    if "painted" not in found:
        raise SystemExit(f"{command[0]} reported no paint:\n{done.stdout}\n{done.stderr}")
    return found


def first_of_the_day(db: Path) -> None:
    """Remove what tells EditorDesk the day's chores are done."""
    shutil.rmtree(db.with_name(f"{db.stem}-backups"), ignore_errors=True)
    for mark in db.parent.glob("**/.editordesk-swept"):
        mark.unlink()


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name}: min {min(values) * 1000:.0f} ms, median {statistics.median(values) * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", help="an existing SQLite store to start on (skips filling one)")
    parser.add_argument(
        "--command",
        default=str(Path(sys.executable).with_name("editordesk")),
        help="the EditorDesk command to launch (default: the console script beside Python; "
        "a frozen bundle's executable works too)",
    )
    parser.add_argument(
        "--also",
        metavar="COMMAND",
        help="another EditorDesk command (an older checkout's, say) alternated with the first",
    )
    parser.add_argument(
        "--also-db",
        metavar="STORE",
        help="the store for --also, if its schema is older (default: the same store)",
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="editordesk-startup-bench-"))
    if args.db:
        db = Path(args.db)
    else:
        from window_bench import fill

        db = tmp / "store" / "bench.sqlite"
        db.parent.mkdir()
        os.environ["EDITORDESK_CONFIG"] = str(tmp / "fill-config" / "settings.yaml")
        began = time.perf_counter()
        fill(db, args.stories)
        print(f"filled {args.stories:,} stories in {time.perf_counter() - began:.0f} s")
    bare_script = tmp / "bare_window.py"
    bare_script.write_text(BARE, encoding="utf-8")
    display, server = start_display()
    dropped = ("QT_QPA_PLATFORM", "EDITORDESK_DB", "EDITORDESK_MEDIA", "WAYLAND_DISPLAY")
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    # An installed program has its bytecode compiled (pip does it on install): keep it, in a
    # folder of the bench's own, even where PYTHONDONTWRITEBYTECODE is set.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env |= {
        "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "EDITORDESK_CONFIG": str(tmp / "config" / "settings.yaml"),
        "EDITORDESK_STARTUP_TRACE": "1",
        "EDITORDESK_QUIT_AFTER_START": "1",
    }
    commands = {"bare PySide6 window": [sys.executable, str(bare_script)]}
    commands[args.command] = [args.command, "--db", str(db)]
    if args.also:
        commands[args.also] = [args.also, "--db", args.also_db or str(db)]
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    try:
        for command in commands.values():  # warm the disk cache (and upgrade the store)
            first_of_the_day(Path(command[-1]))
            moments(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                first_of_the_day(Path(command[-1]))
                runs[name].append(moments(command, env))
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    report(runs, args.runs, args.stories)


def report(runs: dict[str, list[dict[str, float]]], count: int, stories: int) -> None:
    bare = runs.pop("bare PySide6 window")
    bare_paint = statistics.median(m["painted"] for m in bare)
    bare_cpu = statistics.median(m["cpu"] for m in bare)
    print(f"start-up on an X display (Xvfb), {count} runs alternated, {stories:,} stories")
    print("  " + summary("bare PySide6 window: first paint", [m["painted"] for m in bare]))
    print("  " + summary("  processor time by then", [m["cpu"] for m in bare]))
    for name, seen in runs.items():
        painted = [m["painted"] for m in seen]
        cpu = [m["cpu"] for m in seen]
        print(f"{name}:")
        print("  " + summary("first paint", painted))
        print(
            f"  ratio to the bare window: {statistics.median(painted) / bare_paint:.2f}x by "
            f"medians, {min(painted) / min(m['painted'] for m in bare):.2f}x by minimums "
            "(target 2x)"
        )
        print("  " + summary("processor time by the first paint", cpu))
        print(f"  processor-time ratio: {statistics.median(cpu) / bare_cpu:.2f}x by medians")
        for moment, what in (
            ("attached", "store attached"),
            ("listed", "list's first page shown"),
            ("chores", "day's backup and sweep done"),
        ):
            values = [m[moment] for m in seen if moment in m]
            if values:
                print("  " + summary(what, values))
        for moment, what in (
            ("stall_opening", "longest UI-thread stall while the store opened"),
            ("stall", "longest UI-thread stall from then to the chores' end"),
        ):
            stalls = [m[moment] / 1000 for m in seen if moment in m]
            if stalls:
                print("  " + summary(what, stalls))


if __name__ == "__main__":
    main()
