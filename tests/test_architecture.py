"""Dependencies point one way: each layer imports only the layers beneath it, and Qt stays
in the window."""

from __future__ import annotations

import ast
from pathlib import Path

import editordesk

ROOT = Path(editordesk.__file__).parent
# Lower numbers sit lower; a module may import its own layer and any lower one.
LAYERS = {
    "errors": 0,
    "files": 0,
    "text": 0,
    "assets": 0,
    "settings": 0,
    "__init__": 0,
    "__main__": 7,
    "media": 1,
    "store": 2,
    "document": 3,
    "interchange": 4,
    "export": 5,
    "services": 6,
    "cli": 7,
    "app": 7,
    "gui": 7,
}


def _layer(module: str) -> int:
    return LAYERS[module.split(".")[0]]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        if rel.parts[0] == "resources" or "migrations" in rel.parts:
            continue
        out.append((".".join(rel.parts), path))
    return out


def test_layers_import_only_downward() -> None:
    wrong = []
    for module, path in _modules():
        for name in _imports(path):
            if not name.startswith("editordesk."):
                continue
            target = name.removeprefix("editordesk.")
            if _layer(target) > _layer(module):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_qt_is_imported_only_by_the_window() -> None:
    wrong = [
        module
        for module, path in _modules()
        if module.split(".")[0] not in ("gui", "app")
        and any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(path))
    ]
    assert wrong == []
