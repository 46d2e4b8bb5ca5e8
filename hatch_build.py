"""Hatchling's build hook: the window's translations (resources/translations/*.ts) built to
.qm with pyside6-lrelease and put in the wheel beside them, so an installed EditorDesk and
the bundle made from the wheel (packaging/build.py) carry them ready to load. Without an
lrelease here the wheel goes without them, and the window builds them on first use."""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class TranslationsHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the .ts of the checkout (gui/i18n.py)
        spec = importlib.util.spec_from_file_location(
            "editordesk_translations", Path(self.root) / "packaging" / "translations.py"
        )
        assert spec is not None and spec.loader is not None
        tool = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(tool)
        if tool.qt_tool("lrelease") is None:
            print("editordesk: no pyside6-lrelease: the wheel has no built translations",
                  file=sys.stderr)  # fmt: skip
            return
        self._folder = tempfile.TemporaryDirectory(prefix="editordesk-qm-")
        for qm in tool.release(Path(self._folder.name)):
            build_data["force_include"][str(qm)] = f"editordesk/resources/translations/{qm.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
