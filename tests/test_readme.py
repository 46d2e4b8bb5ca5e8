"""The README's two commands are what a new user and CI run: keep them true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _shell_blocks(text: str) -> list[str]:
    blocks, inside, current = [], False, []
    for line in text.splitlines():
        if line.startswith("```"):
            if inside:
                blocks.append("\n".join(current))
                current = []
            inside = line.strip() == "```sh"
            continue
        if inside:
            current.append(line)
    return blocks


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_commands = [b for b in _shell_blocks(readme) if "pytest" in b]
    assert len(test_commands) == 1
    assert test_commands[0].strip() in ci


def test_readme_installs_and_runs_the_app() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = [b for b in _shell_blocks(readme) if "pip install ." in b and "pytest" not in b]
    assert install and "editordesk" in install[0].split("&&")[-1]


def test_ci_checks_format_and_types() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert any(line.endswith("ruff format --check src tests bench packaging docs") for line in ci)
    assert any(line.endswith("bin/mypy") for line in ci)


def test_every_local_link_in_the_docs_leads_to_a_file() -> None:
    pages = [ROOT / name for name in ("README.md", "CONTRIBUTING.md", "ARCHITECTURE.md")]
    pages += sorted((ROOT / "docs").glob("*.md"))
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            if not (page.parent / target.split("#")[0]).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert broken == []
