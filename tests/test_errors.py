"""The typed errors services raise and the sentences they carry (errors.py)."""

from __future__ import annotations

from pathlib import Path

from editordesk.errors import ConflictError, EditorDeskError, InputError, StoreError


def test_a_conflict_names_both_versions_and_says_nothing_was_overwritten() -> None:
    error = ConflictError(12, base_version=3, current_version=5)
    assert isinstance(error, EditorDeskError)
    assert str(error) == (
        "story 12 was changed by someone else since you opened it (your copy is version 3, "
        "the store has version 5); nothing was overwritten"
    )


def test_an_input_error_names_the_file_and_the_line() -> None:
    assert str(InputError("figure has no src")) == "figure has no src"
    assert str(InputError("is empty", Path("story.md"))) == "story.md: is empty"
    placed = InputError("figure has no src", line=3).at(Path("in/story.md"), line_offset=10)
    assert str(placed) == "in/story.md:13: figure has no src"
    assert (placed.message, placed.path, placed.line) == (
        "figure has no src",
        Path("in/story.md"),
        13,
    )
    assert InputError("is empty").at(Path("a.md")).line is None


def test_every_error_is_an_editordesk_error() -> None:
    assert issubclass(StoreError, EditorDeskError)
    assert issubclass(InputError, EditorDeskError)
