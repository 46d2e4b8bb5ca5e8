"""Preferences in one small YAML file (settings.py): defaults, a round trip, and a damaged
file refused in a sentence."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from editordesk.errors import ValidationError
from editordesk.settings import AUTHOR_ENV, Settings, load, save, settings_path


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load(tmp_path / "settings.yaml") == Settings()


def test_what_is_saved_is_loaded_and_the_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.yaml"
    given = Settings(editor_name="Ana Ruiz", store="postgresql://desk:pw@db/news", backups_keep=0)
    save(given, path)
    assert load(path) == given
    if hasattr(os, "fchmod"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_environment_names_the_file(tmp_path: Path) -> None:
    assert settings_path() == Path(os.environ["EDITORDESK_CONFIG"])


def test_the_author_is_the_environment_then_the_name_then_the_login(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings(editor_name="Ana Ruiz").author() == "Test Editor"  # conftest sets it
    monkeypatch.delenv(AUTHOR_ENV)
    assert Settings(editor_name="Ana Ruiz").author() == "Ana Ruiz"
    assert Settings().author()  # the login name, or "editor"


def test_unknown_keys_are_ignored_and_numbers_read_from_text(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text("autosave_seconds: '12'\ncolour: blue\ntemplate_dir:\n", encoding="utf-8")
    assert load(path) == Settings(autosave_seconds=12)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("editor_name: [unclosed\n", r"is not valid YAML \(line 2\)"),
        ("- a list\n", "should hold key: value lines"),
        ("backups_keep: many\n", "backups_keep should be a number, not 'many'"),
    ],
)
def test_a_damaged_file_is_refused_naming_it(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=message) as refused:
        load(path)
    assert str(path) in str(refused.value)


def test_a_folder_in_the_files_place_is_refused(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").mkdir()
    with pytest.raises(ValidationError, match="is not a regular file"):
        load(tmp_path / "settings.yaml")
