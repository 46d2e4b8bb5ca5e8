"""`python -m editordesk` is the command line (__main__.py)."""

from __future__ import annotations

import subprocess
import sys

from editordesk import __version__


def test_python_dash_m_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "editordesk", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, f"EditorDesk {__version__}")
