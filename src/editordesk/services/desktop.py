"""A way back in after the first start: `editordesk` on the PATH (~/.local/bin) and a menu
entry with the icon (~/.local/share/applications), as `editordesk --install-desktop-entry`
writes them for the user who installed it."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from editordesk.assets import resource
from editordesk.files import write_atomic

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ENTRY = """[Desktop Entry]
Type=Application
Version=1.4
Name=EditorDesk
GenericName=Editorial Workstation
Comment=Write, edit and export news stories with their pictures, credits and tweets
Exec={exec} %F
MimeType=text/markdown;application/vnd.openxmlformats-officedocument.wordprocessingml.document;
Icon=editordesk
Terminal=false
Categories=Office;WordProcessor;Qt;
StartupNotify=true
StartupWMClass=editordesk
"""


@dataclass(frozen=True)
class Installed:
    """What was written, for the command to report."""

    entry: Path
    command: Path
    icons: tuple[Path, ...]
    on_path: bool  # the command's folder is on PATH already


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _quoted(path: Path) -> str:
    """A path as a desktop entry's Exec key takes it (quoted when it has a space)."""
    text = str(path)
    if any(c in text for c in ' "\\`$'):
        return '"' + "".join("\\" + c if c in '"\\`$' else c for c in text) + '"'
    return text


def running_command() -> Path:
    """The `editordesk` script of the environment running now."""
    script = Path(sys.argv[0])
    if script.name == "editordesk" and script.exists():
        return script.resolve()
    return Path(sys.executable).parent / "editordesk"


def install_desktop_entry(
    command: Path | None = None, data_home: Path | None = None, bin_dir: Path | None = None
) -> Installed:
    """Write the menu entry and icons, and link `editordesk` into ~/.local/bin."""
    command = command or running_command()
    data = data_home or _data_home()
    bin_dir = bin_dir or Path.home() / ".local" / "bin"
    icons = []
    for size in ICON_SIZES:
        target = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "editordesk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, resource("icons", f"editordesk-{size}.png").read_bytes())
        icons.append(target)
    entry = data / "applications" / "editordesk.desktop"
    entry.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(entry, ENTRY.format(exec=_quoted(command)).encode("utf-8"))
    bin_dir.mkdir(parents=True, exist_ok=True)
    link = bin_dir / "editordesk"
    if link.resolve() != command.resolve():
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(command)
    on_path = str(bin_dir) in os.environ.get("PATH", "").split(os.pathsep)
    return Installed(entry, link, tuple(icons), on_path)
