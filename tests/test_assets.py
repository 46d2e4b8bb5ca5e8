"""Shipped resources are found through the package, not the checkout (assets.py)."""

from __future__ import annotations

import pytest

from editordesk.assets import resource


def test_shipped_files_and_folders_are_found() -> None:
    assert resource("templates", "docx", "reference.docx").is_file()
    assert resource("sample", "harbour-museum").is_dir()


def test_a_missing_resource_is_named() -> None:
    with pytest.raises(FileNotFoundError, match=r"resource templates/nowhere\.html is missing"):
        resource("templates", "nowhere.html")
