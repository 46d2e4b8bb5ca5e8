"""The window's language: our translation and Qt's own, installed at start-up by choice or by
the system's locale.

The translations are kept as Qt Linguist `.ts` files in resources/translations/ and built to
`.qm` by pyside6-lrelease: a wheel and the packaged bundle carry the built files (the build
hook, hatch_build.py); a checkout, or an install made without them, builds them once into the
user's cache from the `.ts` with the lrelease PySide6 ships.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    Qt,
    QTime,
    QTranslator,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDateTimeEdit, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

# The languages the window speaks: the code kept in the settings, and its own name for itself
# (a German reader finds "Deutsch", whatever language the window is in now).
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("de", "Deutsch"))
SOURCE_LANGUAGE = "en"  # the strings in the code

_installed: list[QTranslator] = []  # kept alive while installed, removed on a change


def translations_folder() -> Path:
    """resources/translations/ as the package holds it (a checkout's symlink or a wheel's)."""
    return Path(str(resources.files("editordesk") / "resources" / "translations"))


def ts_files() -> list[Path]:
    return sorted(translations_folder().glob("editordesk_*.ts"))


def chosen_language(choice: str, system: QLocale | None = None) -> str:
    """The language to show: the one chosen in Preferences, else the system's if we have a
    translation for it, else English."""
    choice = choice.strip().lower()
    if choice:
        return choice if any(code == choice for code, _ in LANGUAGES) else SOURCE_LANGUAGE
    locale = system if system is not None else QLocale.system()
    for name in (locale.name(), *locale.uiLanguages()):
        code = name.replace("-", "_").split("_")[0].lower()
        if any(code == known for known, _ in LANGUAGES):
            return code
    return SOURCE_LANGUAGE


def lrelease() -> str | None:
    """Qt's lrelease: the one PySide6 ships, else one on PATH; None when there is none."""
    import shutil

    import PySide6

    folder = Path(PySide6.__file__).parent
    for name in ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",):
        if (folder / name).is_file():
            return str(folder / name)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def qm_file(language: str) -> Path | None:
    """The built translation for `language`: the package's own, else one built into the
    user's cache from the .ts (again when the .ts changes); None if there is neither."""
    built = translations_folder() / f"editordesk_{language}.qm"
    if built.is_file():
        return built
    source = translations_folder() / f"editordesk_{language}.ts"
    if not source.is_file():
        return None
    from platformdirs import user_cache_dir

    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    cache = Path(
        os.environ.get("EDITORDESK_CACHE") or user_cache_dir("EditorDesk", appauthor=False)
    )
    target = cache / "translations" / f"editordesk_{language}-{digest}.qm"
    if target.is_file():
        return target
    tool = lrelease()
    if tool is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    try:
        subprocess.run(
            [tool, "-silent", str(source), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        os.replace(partial, target)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"editordesk: the {language} translation was not built: {exc}", file=sys.stderr)
        partial.unlink(missing_ok=True)
        return None
    return target


def qt_translations() -> Path:
    """Qt's own translations (qtbase_de.qm…): where Qt says, else in the PySide6 package (the
    packaged bundle keeps them there)."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if folder.is_dir():
        return folder
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "translations"


def install(app: QCoreApplication, choice: str = "") -> str:
    """Install the translators for the chosen language (Qt's own too, so standard buttons
    and dialogs speak it) and make it the default locale; returns the language shown.
    A later call replaces what an earlier one installed."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = chosen_language(choice)
    ours = qm_file(language)  # English has one too: its plural forms ("1 story", "2 stories")
    if ours is not None:
        _load(app, str(ours))
    if language != SOURCE_LANGUAGE:
        _load(app, str(qt_translations() / f"qtbase_{language}.qm"))
    if choice:  # chosen outright: dates and numbers in the window follow it too
        QLocale.setDefault(QLocale(language))
    return language


def _load(app: QCoreApplication, path: str) -> None:
    translator = QTranslator(app)
    if os.path.isfile(path) and translator.load(path):
        app.installTranslator(translator)
        _installed.append(translator)


# ------------------------------------------------------------------ a story's direction


def story_direction(language: str) -> Qt.LayoutDirection:
    """Qt's direction for a story in `language` ("ar" -> right to left; "" -> the desk's)."""
    from editordesk.text import text_direction

    rtl = text_direction(language) == "rtl"
    return Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight


def set_direction(language: str, *widgets: QWidget) -> None:
    """Fields and text boxes that hold a story's words run in its language's direction: an
    Arabic story's lines, empty ones included, start at the right, and an English name in an
    Arabic sentence still reads left to right inside it (Unicode's bidi algorithm). A
    left-to-right story leaves each paragraph to find its own direction from its first
    letter, so a quotation in Arabic inside an English story still reads right."""
    direction = story_direction(language)
    rtl = direction == Qt.LayoutDirection.RightToLeft
    for widget in widgets:
        if isinstance(widget, QLineEdit):
            widget.setLayoutDirection(direction)
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            document = widget.document()
            option = document.defaultTextOption()
            if rtl:
                option.setTextDirection(Qt.LayoutDirection.RightToLeft)
                # QPlainTextEdit takes a plain "left" as the left edge whatever the direction.
                option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
            else:
                option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
                option.setAlignment(Qt.AlignmentFlag.AlignLeft)
            if option.textDirection() != document.defaultTextOption().textDirection():
                document.setDefaultTextOption(option)


def left_to_right(*widgets: QWidget) -> None:
    """Dates and times read left to right in a mirrored window too ("3 Dec 2026 02:15", not
    "02:15 2026 Dec 3"): the fields that show them keep that direction."""
    for widget in widgets:
        # A date field lays its sections out when its format is set, reversed when it is
        # right to left then: the format (as written) is set again once it is left to right.
        form = widget.displayFormat() if isinstance(widget, QDateTimeEdit) else None
        widget.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        if isinstance(widget, QDateTimeEdit) and form:
            widget.setDisplayFormat(form)


def ltr_text(text: str) -> str:
    """A date or time as text that reads left to right in a mirrored window too: isolated
    (Unicode's LRI…PDI) when the window runs right to left, as it is otherwise."""
    if QGuiApplication.isRightToLeft():
        return f"\u2066{text}\u2069"
    return text


def local_time(when: dt.datetime, *, with_year: bool = True) -> str:
    """A moment in the window's locale and the computer's time zone: "27 Nov 2026 21:14"
    (English), "27. Nov. 2026 21:14" (German), always left to right."""
    local = when.astimezone()
    moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    form = "d MMM yyyy HH:mm" if with_year else "d MMM HH:mm"
    return ltr_text(QLocale().toString(moment, form))
