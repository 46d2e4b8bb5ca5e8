"""Preferences every part of EditorDesk shares, kept in one small YAML file.

The window's own state (layout, open tabs) lives in Qt's settings; what the command line needs
too (the store, the editor's name) lives here, so both agree.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from editordesk.errors import ValidationError
from editordesk.files import write_atomic

CONFIG_ENV = "EDITORDESK_CONFIG"
AUTHOR_ENV = "EDITORDESK_AUTHOR"


@dataclass
class Settings:
    """An editor's preferences. Empty strings mean "the default"."""

    editor_name: str = ""
    store: str = ""
    media: str = ""
    autosave_seconds: int = 5
    template_dir: str = ""
    reference_docx: str = ""
    backups_keep: int = 7  # daily backups of a SQLite store kept beside it; 0 turns them off
    edit_in: str = "visual"  # how a story's body is edited: "visual" or "source" (Markdown)
    theme: str = "system"  # the window's colours: "system" (as the platform), "light", "dark"
    ui_language: str = ""  # the window's language: "" follows the system, else "en", "de"…

    def edits_source(self) -> bool:
        """Stories open in the Markdown source rather than the visual editor."""
        return self.edit_in.strip().lower() == "source"

    def author(self) -> str:
        """Who revisions and locks name: the editor's name, else the account's full name,
        else the login name (never `root`, which names nobody)."""
        name = os.environ.get(AUTHOR_ENV) or self.editor_name
        return name or account_name()


def account_name() -> str:
    """The account's full name (its GECOS field), else its login, else "Editor"."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = ""
    try:
        import pwd

        full = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError, OSError, AttributeError):
        full = ""
    if full and full.lower() != "root":
        return full
    return login if login and login != "root" else "Editor"


def settings_path() -> Path:
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    from platformdirs import user_config_dir

    return Path(user_config_dir("EditorDesk", appauthor=False)) / "settings.yaml"


def load(path: Path | None = None) -> Settings:
    """Read settings; a missing file gives the defaults, a damaged one a clear error."""
    path = path or settings_path()
    if path.exists() and not path.is_file():  # a folder, or a device that never ends
        raise ValidationError(f"the settings file {path} is not a regular file")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"cannot read the settings file {path}: {exc}") from exc
    import yaml  # only when there is a file to read: it costs start-up time

    try:
        data: Any = yaml.safe_load(text) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = " ".join(str(exc.problem or exc.context or "malformed").split())
        raise ValidationError(
            f"the settings file {path} is not valid YAML{where}: {problem}"
        ) from exc
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise ValidationError(f"the settings file {path} is not valid YAML: {reason}") from exc
    except RecursionError:  # lists or mappings nested thousands deep
        raise ValidationError(
            f"the settings file {path} nests lists or mappings too deep to read"
        ) from None
    except (ValueError, OverflowError) as exc:  # a date the calendar lacks (2026-02-30)
        raise ValidationError(
            f"the settings file {path} holds a date that does not exist: {exc}"
        ) from None
    if not isinstance(data, dict):
        raise ValidationError(f"the settings file {path} should hold key: value lines")
    settings = Settings()
    for f in fields(Settings):
        if f.name in data and data[f.name] is not None:
            value = data[f.name]
            try:
                setattr(settings, f.name, int(value) if f.type == "int" else str(value))
            except (TypeError, ValueError) as exc:
                raise ValidationError(
                    f"the settings file {path}: {f.name} should be a number, not {value!r}"
                ) from exc
    return settings


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    import yaml

    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(asdict(settings), sort_keys=False, allow_unicode=True)
    write_atomic(path, text.encode("utf-8"), mode=0o600)  # a store URL may hold a password
