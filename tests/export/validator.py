"""The Nu Html Checker (vnu.jar from the vnu-jar npm package), run on written pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

CANDIDATES = (
    os.environ.get("VNU_JAR", ""),
    "/opt/vnu/node_modules/vnu-jar/build/dist/vnu.jar",
    str(Path.home() / "node_modules/vnu-jar/build/dist/vnu.jar"),
)


def vnu_jar() -> str | None:
    return next((c for c in CANDIDATES if c and Path(c).is_file()), None)


def validation_errors(*pages: Path) -> list[str]:
    """Errors the checker reports for the pages (warnings are left out)."""
    jar = vnu_jar()
    java = shutil.which("java")
    if jar is None or java is None:
        pytest.skip(
            "the Nu Html Checker needs java and vnu.jar (npm install vnu-jar; .ci/run does)"
        )
    done = subprocess.run(
        [java, "-jar", jar, "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]
