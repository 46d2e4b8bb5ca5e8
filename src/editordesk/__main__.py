"""`python -m editordesk` runs the same entry point as the `editordesk` command."""

from __future__ import annotations

import sys

from editordesk.cli import main

sys.exit(main())
