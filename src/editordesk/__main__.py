"""`python -m editordesk` runs the same entry point as the `editordesk` command."""

from __future__ import annotations

import sys

if getattr(sys, "frozen", False):  # the packaged bundle: a desk-template worker started by
    import multiprocessing  # spawn (Windows, macOS) re-runs this file and must stop here

    multiprocessing.freeze_support()

from editordesk.cli import main

sys.exit(main())
