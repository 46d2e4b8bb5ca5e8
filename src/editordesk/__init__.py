"""EditorDesk: a desktop editorial workstation."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("editordesk")
except metadata.PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"
