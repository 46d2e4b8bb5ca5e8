"""The Linux bundle's libraries follow a rule, not the build machine: a system library left
behind by a dropped part (GTK 3's X extensions) is not carried."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))

from bundle_rule import carried, is_system_library

SYS = "/usr/lib/x86_64-linux-gnu/"
SITE = "/venv/lib/python3.11/site-packages/"
# What each file links to, as objdump reports it.
NEEDS = {
    SITE + "PySide6/Qt/lib/libQt6Widgets.so.6": {"libQt6Gui.so.6", "libGL.so.1"},
    SITE + "PySide6/Qt/lib/libQt6Gui.so.6": {"libfontconfig.so.1", "libX11.so.6"},
    "/usr/lib/python3.11/lib-dynload/_ctypes.so": {"libffi.so.8"},
    "/usr/local/lib/libpython3.11.so.1.0": {"libz.so.1"},
    SYS + "libffi.so.8": set(),
    SYS + "libz.so.1": set(),
    # Left behind by the GTK 3 platform theme, which the spec drops with libgtk-3 itself:
    SYS + "libXinerama.so.1": {"libXext.so.6", "libX11.so.6"},
    SYS + "libXrandr.so.2": {"libXext.so.6", "libXrender.so.1"},
    SYS + "libXcursor.so.1": {"libXfixes.so.3", "libXrender.so.1"},
}


def _entries(on_this_machine: list[str]) -> list[tuple[str, str]]:
    return [(Path(p).name if p.startswith(SYS) else p.split("/")[-1], p) for p in on_this_machine]


def test_a_system_library_nothing_kept_needs_is_not_carried() -> None:
    base = [p for p in NEEDS if "libX" not in p]
    with_gtk = list(NEEDS)  # the same build on a machine that has GTK 3 installed
    plain = carried(_entries(base), NEEDS.__getitem__)
    gtk = carried(_entries(with_gtk), NEEDS.__getitem__)
    assert plain == gtk  # what is bundled does not depend on what else is installed
    assert {"libffi.so.8", "libz.so.1"} <= gtk  # Python's own needs stay
    assert not {"libXinerama.so.1", "libXrandr.so.2", "libXcursor.so.1"} & gtk


def test_a_needed_system_library_and_what_it_needs_are_carried() -> None:
    needs = {
        SITE + "ext.so": {"liba.so.1"},
        SYS + "liba.so.1": {"libb.so.2"},
        SYS + "libb.so.2": set(),
        SYS + "libunused.so.3": set(),
    }
    assert carried(_entries(list(needs)), needs.__getitem__) == {
        "ext.so",
        "liba.so.1",
        "libb.so.2",
    }


def test_files_from_python_packages_are_never_system_libraries() -> None:
    assert is_system_library(SYS + "libXext.so.6")
    assert not is_system_library(SITE + "PySide6/Qt/lib/libQt6Core.so.6")
    assert not is_system_library("/usr/lib/python3/dist-packages/foo/libbar.so")
