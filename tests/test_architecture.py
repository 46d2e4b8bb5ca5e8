"""Dependencies point one way: each layer imports only the layers beneath it, and Qt stays
in the window."""

from __future__ import annotations

import ast
from pathlib import Path

import editordesk

ROOT = Path(editordesk.__file__).parent
# Each package and the packages it may import, besides itself and the base modules.
# store/ and media/ sit side by side above the base; document/, interchange/ and export/
# read value types from model.py and never reach the database. export/'s registry names the
# Markdown writer, which lives in interchange/ beside the reader.
BASE = {"model", "errors", "files", "text", "assets", "settings", "ooxml", "__init__"}
MAY_IMPORT: dict[str, set[str]] = {
    "media": set(),
    "store": {"media"},
    "document": {"media"},
    "interchange": {"media", "document"},
    "export": {"media", "document", "interchange"},
    "publish": {"media", "document", "export"},
    "services": {"media", "store", "document", "interchange", "export", "publish"},
}
TOP = {"cli", "app", "gui", "__main__"}  # the entry points and the window: anything below


def _allowed(module: str, target: str) -> bool:
    here, there = module.split(".")[0], target.split(".")[0]
    if here in BASE:
        return there in BASE
    if here == there or there in BASE or here in TOP:
        return True
    return there in MAY_IMPORT[here]


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
            if not _allowed(module, target):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_the_document_tree_never_reaches_the_database() -> None:
    for below in ("document", "interchange", "export", "media"):
        assert not _allowed(f"{below}.x", "store.models"), below
    assert _allowed("document.parse", "model")


def test_qt_is_imported_only_by_the_window() -> None:
    wrong = [
        module
        for module, path in _modules()
        if module.split(".")[0] not in ("gui", "app")
        and any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(path))
    ]
    assert wrong == []


def _module_edges() -> dict[str, set[str]]:
    """Every editordesk module and the editordesk modules it names in an import, wherever
    the import stands (at the top, inside a function, under TYPE_CHECKING): a cycle through
    a deferred import is still two modules that cannot be understood apart."""
    modules = {module for module, _ in _modules()}

    def resolve(name: str) -> str | None:
        name = name.removeprefix("editordesk.")
        while name and name not in modules and f"{name}.__init__" not in modules:
            name = name.rpartition(".")[0]
        return name or None

    edges: dict[str, set[str]] = {}
    for module, path in _modules():
        here = module.removesuffix(".__init__")
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # `from editordesk.gui import plain` names the module gui.plain
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                target = resolve(name) if name.startswith("editordesk.") else None
                if target is not None and target != here:
                    found.add(target)
        edges[here] = found
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles() -> None:
    assert _cycles(_module_edges()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
