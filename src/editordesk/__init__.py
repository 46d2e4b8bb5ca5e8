"""EditorDesk: a desktop editorial workstation."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is read from the install's metadata only when asked for: importing
    # importlib.metadata costs start-up time every command and the window would pay.
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version("editordesk")
        except metadata.PackageNotFoundError:  # a checkout that was never installed
            return "0.0.0+unknown"
    raise AttributeError(name)
