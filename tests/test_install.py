"""A fresh virtual environment outside the checkout: `pip install .`, then the command works
and finds its package data (migrations, the sample story) without the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import venv
from pathlib import Path

import pytest

from tests.helpers import write_harbour

CHECKOUT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_pip_install_then_import_list_export_outside_the_checkout(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bindir}{os.pathsep}{env['PATH']}"
    subprocess.run(
        [
            bindir / "python",
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(CHECKOUT),
        ],
        check=True,
        cwd=tmp_path,
        env=env,
        timeout=840,
    )
    work = tmp_path / "desk"
    work.mkdir()

    def run(*args: str) -> str:
        done = subprocess.run(
            [bindir / "editordesk", "--db", str(work / "desk.sqlite"), *args],
            capture_output=True,
            text=True,
            cwd=work,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    where = subprocess.run(
        [bindir / "python", "-c", "import editordesk; print(editordesk.__file__)"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
        check=True,
    ).stdout
    assert str(env_dir) in where and str(CHECKOUT) not in where

    story_id = run("import", str(write_harbour(tmp_path / "in"))).strip()
    sample_id = run("sample").strip()
    rows = json.loads(run("list", "--json"))
    assert [str(r["id"]) for r in rows] == [sample_id, story_id]
    out = run("export", story_id, sample_id, "--format", "md", "-o", str(work / "out"))
    paths = [Path(p) for p in out.split()]
    assert all(p.is_file() for p in paths)
    assert (paths[1].parent / "museum-quay.jpg").is_file()
    version = subprocess.run(
        [bindir / "editordesk", "--version"], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert version.strip() == f"EditorDesk {_project_version()}"


def _project_version() -> str:
    import tomllib

    return tomllib.loads((CHECKOUT / "pyproject.toml").read_text())["project"]["version"]
