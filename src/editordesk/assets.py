"""The shipped resources (templates, reference .docx, icons, the sample story), found the
same way in a checkout, an installed wheel and a packaged bundle."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A file or folder under resources/; raises FileNotFoundError naming it if absent."""
    item = resources.files("editordesk").joinpath("resources", *parts)
    if not item.is_file() and not item.is_dir():
        raise FileNotFoundError(
            f"EditorDesk resource {'/'.join(parts)} is missing from this install"
        )
    return item
