"""Which shared libraries the Linux bundle carries, decided by rule rather than by what the
build machine happens to have installed.

PyInstaller collects every library its programs link to, and every library those link to,
before the spec drops the parts EditorDesk does not load (Qt plugins, the desktop's own
libraries). On a machine with GTK 3, a dropped plugin's GTK pulled in libXinerama, libXrandr
and friends; they stayed in the bundle with nothing left that needed them, and their own
needs (libXext, libXi…) then looked like holes in the .deb's Depends. The rule: a library
found in the system's folders is carried only while something the bundle keeps still needs
it; everything the Python packages ship (PySide6, shiboken6, extension modules) is kept as
their wheels built it."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def is_system_library(source: str) -> bool:
    """A library PyInstaller found in the system's folders: not Python itself (libpython, its
    extension modules) and not a Python package's."""
    name = Path(source).name
    return (
        source.startswith(SYSTEM_DIRS)
        and "-packages/" not in source
        and "/python3" not in source
        and not name.startswith("libpython")
    )


def elf_needed(path: str) -> set[str]:
    """The sonames an ELF file asks for (objdump, from binutils)."""
    out = subprocess.run(
        ["objdump", "-p", path], capture_output=True, text=True, check=False
    ).stdout
    return set(re.findall(r"^\s+NEEDED\s+(\S+)", out, re.MULTILINE))


def needed_system_libraries(
    entries: Iterable[tuple[str, str]],
    needs: Callable[[str], set[str]] = elf_needed,
) -> set[str]:
    """Of `entries` (bundle name, source path), the names of the system libraries that a kept
    file needs, directly or through another such library. Files from Python packages and
    programs are the roots; a system library nothing reaches is not carried."""
    entries = list(entries)
    system = {Path(dest).name: source for dest, source in entries if is_system_library(source)}
    roots = [source for _dest, source in entries if not is_system_library(source)]
    reached: set[str] = set()
    todo = [soname for source in roots for soname in needs(source)]
    while todo:
        soname = todo.pop()
        if soname in reached or soname not in system:
            continue
        reached.add(soname)
        todo.extend(needs(system[soname]))
    return reached


def carried(
    entries: Iterable[tuple[str, str]],
    needs: Callable[[str], set[str]] = elf_needed,
) -> set[str]:
    """The bundle names of `entries` to keep: every non-system file, and the system
    libraries something kept needs."""
    entries = list(entries)
    wanted = needed_system_libraries(entries, needs)
    return {
        dest
        for dest, source in entries
        if not is_system_library(source) or Path(dest).name in wanted
    }
