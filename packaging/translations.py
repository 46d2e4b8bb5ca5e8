"""The window's translations, kept as Qt Linguist .ts files in resources/translations/.

    python packaging/translations.py update     # pyside6-lupdate: new strings into every .ts
    python packaging/translations.py release D  # pyside6-lrelease: every .ts built to D/*.qm
    python packaging/translations.py check      # fails on an unfinished or empty translation

`update` reads the window's code (src/editordesk/gui and app.py) and the menus, which
gui/actions.py keeps as data and translates when it builds them (context "Menus"): their texts
are handed to lupdate through a file written for the run. editordesk_en.ts holds only the
plural forms of English itself ("%n story(s)": "1 story", "2 stories"). The build hook
(hatch_build.py) runs `release` for the wheel, and so for the packaged bundle made from it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCES = [ROOT / "src" / "editordesk" / "gui", ROOT / "src" / "editordesk" / "app.py"]
MENU_CONTEXT = "Menus"


def qt_tool(name: str) -> str | None:
    """Qt's lupdate or lrelease: PySide6's own (pyside6-NAME beside this Python, or the
    binary in the PySide6 package), else one on PATH."""
    beside = Path(sys.executable).parent
    for candidate in (beside / f"pyside6-{name}", beside / f"pyside6-{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    try:
        import PySide6

        folder = Path(PySide6.__file__).parent
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.is_file():
                return str(candidate)
    except ImportError:
        pass
    return shutil.which(f"pyside6-{name}") or shutil.which(name)


def menu_texts() -> list[str]:
    """Every text of the menus-as-data in gui/actions.py: titles, entries and their tips."""
    sys.path.insert(0, str(ROOT / "src"))
    from editordesk.gui import actions

    texts: list[str] = []
    for title, entries in actions.MENUS:
        texts.append(title)
        for entry in entries:
            if isinstance(entry, actions.Command):
                texts += [entry.text] + ([entry.tip] if entry.tip else [])
    texts += [actions.TABLE_TITLE]  # the Insert menu's "Edit table" submenu
    for command in actions.TABLE_COMMANDS:
        texts += [command.text] + ([command.tip] if command.tip else [])
    texts += [actions.READ_ONLY_TIP]
    return list(dict.fromkeys(texts))


def _python_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def update(languages: Sequence[str] = ()) -> list[Path]:
    tool = qt_tool("lupdate")
    if tool is None:
        raise SystemExit("pyside6-lupdate is not installed: pip install PySide6-Essentials")
    files = sorted(
        str(p) for src in SOURCES for p in ([src] if src.is_file() else src.rglob("*.py"))
    )
    targets = [TRANSLATIONS / f"editordesk_{code}.ts" for code in languages] or sorted(
        TRANSLATIONS.glob("editordesk_*.ts")
    )
    with tempfile.TemporaryDirectory() as tmp:
        menus = Path(tmp) / "menus.py"
        lines = [
            "from PySide6.QtCore import QCoreApplication",
            "",
            *(
                f'QCoreApplication.translate("{MENU_CONTEXT}", {_python_string(text)})'
                for text in menu_texts()
            ),
        ]
        menus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for target in targets:
            subprocess.run(
                [
                    tool,
                    "-locations",
                    "none",
                    "-no-obsolete",
                    *(["-pluralonly"] if target.stem.endswith("_en") else []),
                    *files,
                    str(menus),
                    "-ts",
                    str(target),
                ],
                check=True,
            )
    return targets


def release(folder: Path) -> list[Path]:
    """Every .ts built to `folder`/editordesk_<lang>.qm."""
    tool = qt_tool("lrelease")
    if tool is None:
        raise SystemExit("pyside6-lrelease is not installed: pip install PySide6-Essentials")
    folder.mkdir(parents=True, exist_ok=True)
    built = []
    for ts in sorted(TRANSLATIONS.glob("editordesk_*.ts")):
        qm = folder / f"{ts.stem}.qm"
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def unfinished(ts: Path) -> list[str]:
    """The sources in `ts` whose translation is missing, empty or marked unfinished (a plural
    needs every one of its forms)."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished"):
            if translation is None or translation.get("type") == "unfinished":
                missing.append(source)
            continue
        forms = translation.findall("numerusform")
        if message.get("numerus") == "yes":
            if not forms or any(not (f.text or "").strip() for f in forms):
                missing.append(source)
        elif not (translation.text or "").strip():
            missing.append(source)
    return missing


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("update", help="new strings from the code into the .ts files")
    up.add_argument("languages", nargs="*", help="only these (de, es…); a new code starts a file")
    rel = commands.add_parser("release", help="build the .qm files into a folder")
    rel.add_argument("folder", type=Path)
    commands.add_parser("check", help="list unfinished translations; exit 1 if any")
    args = parser.parse_args(argv)
    if args.command == "update":
        for target in update(args.languages):
            print(target)
    elif args.command == "release":
        for qm in release(args.folder):
            print(qm)
    else:
        bad = 0
        for ts in sorted(TRANSLATIONS.glob("editordesk_*.ts")):
            for source in unfinished(ts):
                print(f"{ts.name}: unfinished: {source!r}")
                bad += 1
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
