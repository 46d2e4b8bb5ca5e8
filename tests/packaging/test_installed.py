"""The Linux installer as a newsroom installs it: build the PyInstaller bundle and the .deb with
packaging/build.py, unpack the .deb into a scratch root, then use only the installed files.

The installed program runs from a temporary folder with a bare environment (no PYTHONPATH, no
virtual environment on PATH). Where the kernel allows a private mount namespace (root, as in
CI), it also runs with the checkout and the build Python's folders covered by empty
filesystems and the package's /opt/editordesk mounted where the .deb puts it, so the
`editordesk` launcher on the installed PATH is what starts; and no installed file names the
checkout or the build Python's environment in any case.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
BUILD = CHECKOUT / "packaging" / "build.py"
BUNDLE_TARGET_MB = 150
DEB_TARGET_MB = 60
MB = 1_000_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(1800),
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="the .deb is built and installed on Linux"
    ),
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (it comes with pip install '.[test]')",
    ),
    pytest.mark.skipif(
        shutil.which("dpkg-deb") is None, reason="dpkg-deb (Debian's dpkg) is not installed"
    ),
]

FIGURE = (
    '{{< figure src="pier.png" alt="The ferry at the north pier" '
    'caption="The ferry at the north pier." attr="Photo: A. Reyes" >}}'
)
STORY = f"""\
---
title: Ferry timetable changes for the winter
description: Two sailings a day from the first of December.
author: Ana Reyes
dateline: PORT ELLAN
date: 2026-11-21T09:00:00Z
slug: ferry-winter-timetable
section: Local
tags: [ferry, transport]
status: ready
---

The island ferry moves to its **winter timetable** on the first of December.

{FIGURE}

Tickets bought before then stay valid.
"""


def project_version() -> str:
    project = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(project["project"]["version"])


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


@dataclass(frozen=True)
class Installed:
    """The built artefacts and the scratch root the .deb was unpacked into."""

    bundle: Path
    deb: Path
    root: Path
    hidden: tuple[Path, ...]  # covered while the installed program runs (empty: not possible)
    build_seconds: str

    @property
    def opt(self) -> Path:
        return self.root / "opt" / "editordesk"

    @property
    def launcher(self) -> Path:
        return self.root / "usr" / "bin" / "editordesk"


def namespace_works() -> bool:
    """Whether this process may make a private mount namespace and mount in it (root)."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", "mount -t tmpfs none /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def out_of_reach() -> tuple[Path, ...]:
    """The checkout and the folders of the Python that built the bundle (system ones aside)."""
    system = {Path("/"), Path("/usr"), Path("/usr/local")}
    found = {CHECKOUT, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    return tuple(sorted(p for p in found if p not in system))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("installer")
    dist, work, root = base / "dist", base / "work", base / "root"
    done = subprocess.run(
        [
            sys.executable,
            str(BUILD),
            "linux-bundle",
            "deb",
            "--dist",
            str(dist),
            "--work",
            str(work),
        ],
        cwd=base,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    print(done.stdout[-3000:])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-6000:]
    timings = [
        line for line in done.stdout.splitlines() if line.startswith("build: ") and " in " in line
    ]
    (deb,) = dist.glob("editordesk_*.deb")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    hidden = out_of_reach() if namespace_works() else ()
    for folder in hidden:
        assert not base.is_relative_to(folder), f"the test's folder {base} is inside {folder}"
    return Installed(dist / "editordesk", deb, root, hidden, "; ".join(timings))


def run_installed(
    installed: Installed, args: Sequence[str], cwd: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the installed `editordesk` from cwd with a bare environment, the checkout hidden."""
    home = cwd / "home"
    home.mkdir(exist_ok=True)
    clean = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "EDITORDESK_AUTHOR": "Packaging Test",
        **env,
    }
    if installed.hidden:
        # /opt/editordesk as the .deb installs it; /usr/bin/editordesk links there.
        script = (
            'set -e; root="$1"; shift; mount -t tmpfs none /opt; mkdir /opt/editordesk; '
            'mount --bind "$root/opt/editordesk" /opt/editordesk; '
            'while [ "$1" != -- ]; do mount -t tmpfs -o ro none "$1"; '
            '[ -z "$(ls -A "$1")" ]; shift; done; shift; exec "$@"'
        )
        command = [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
            "sh",
            str(installed.root),
            *(str(p) for p in installed.hidden),
            "--",
            str(installed.launcher),
            *args,
        ]
    else:
        command = [str(installed.opt / "editordesk"), *args]
    return subprocess.run(
        command, cwd=cwd, env=clean, capture_output=True, text=True, timeout=180, check=False
    )


def test_sizes_are_within_the_targets(installed: Installed) -> None:
    bundle = tree_size(installed.opt)
    deb = installed.deb.stat().st_size
    print(
        f"\ninstalled bundle {bundle / MB:.1f} MB (target < {BUNDLE_TARGET_MB} MB), "
        f".deb {deb / MB:.1f} MB (target < {DEB_TARGET_MB} MB); {installed.build_seconds}"
    )
    assert bundle < BUNDLE_TARGET_MB * MB
    assert deb < DEB_TARGET_MB * MB
    assert tree_size(installed.bundle) == bundle


def test_deb_declares_the_package_and_installs_the_desktop_files(installed: Installed) -> None:
    version = project_version()

    def field(name: str) -> str:
        return subprocess.run(
            ["dpkg-deb", "--field", str(installed.deb), name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert field("Package") == "editordesk"
    assert field("Version") == version
    depends = {d.strip().split()[0] for d in field("Depends").split(",")}
    # The libraries Qt's xcb platform plugin links to, and the GL, font and GLib ones.
    assert {
        "libc6",
        "libegl1",
        "libgl1",
        "libfontconfig1",
        "libfreetype6",
        "libglib2.0-0",
        "libdbus-1-3",
        "libx11-6",
        "libxkbcommon0",
        "libxkbcommon-x11-0",
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libxcb-render-util0",
        "libxcb-xkb1",
    } <= depends
    assert int(field("Installed-Size")) * 1024 >= tree_size(installed.opt)

    root = installed.root
    assert os.readlink(installed.launcher) == "/opt/editordesk/editordesk"
    assert os.access(installed.opt / "editordesk", os.X_OK)
    desktop = (root / "usr/share/applications/editordesk.desktop").read_text(encoding="utf-8")
    assert "Exec=editordesk" in desktop and "Icon=editordesk" in desktop
    icons = sorted(root.glob("usr/share/icons/hicolor/*/apps/editordesk.png"))
    sizes = {p.parent.parent.name for p in icons}
    assert sizes >= {"16x16", "32x32", "48x48", "128x128", "256x256"}
    metainfo = root / "usr/share/metainfo/io.github.editordesk.EditorDesk.metainfo.xml"
    assert f'<release version="{version}"' in metainfo.read_text(encoding="utf-8")
    assert (root / "usr/share/doc/editordesk/copyright").is_file()
    for tool, args in (
        ("desktop-file-validate", [str(root / "usr/share/applications/editordesk.desktop")]),
        ("appstreamcli", ["validate", "--no-net", str(metainfo)]),
    ):
        if shutil.which(tool):
            checked = subprocess.run([tool, *args], capture_output=True, text=True, check=False)
            assert checked.returncode == 0, checked.stdout + checked.stderr


def _read_without_prose(path: Path) -> bytes:
    """A file's bytes, less the README that a wheel's METADATA carries as its description.

    The README's test command names the venv CI builds in, so the prose holds that path as
    text for a reader; only the headers above it are read by anything at run time.
    """
    data = path.read_bytes()
    if path.name == "METADATA" and path.parent.name.endswith(".dist-info"):
        return data.split(b"\n\n", 1)[0]
    return data


def test_no_installed_file_points_into_the_checkout_or_the_build_environment(
    installed: Installed,
) -> None:
    needles = [str(CHECKOUT).encode(), str(Path(sys.prefix).resolve()).encode()]
    needles = [n for n in needles if n not in (b"/usr", b"/usr/local")]
    offenders = []
    for path in installed.root.rglob("*"):
        if path.is_symlink():
            target = os.readlink(path).encode()
            if any(n in target for n in needles):
                offenders.append(str(path))
        elif path.is_file():
            data = _read_without_prose(path)
            if any(n in data for n in needles):
                offenders.append(str(path))
    assert offenders == []
    print(
        "\nchecked out of reach while running: "
        + (", ".join(map(str, installed.hidden)) or "not possible here (no mount namespace)")
    )


def test_version(installed: Installed, tmp_path: Path) -> None:
    version = project_version()
    done = run_installed(installed, ["--version"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"EditorDesk {version}"


def test_import_and_export_html_and_docx_on_a_fresh_store(
    installed: Installed, tmp_path: Path
) -> None:
    from PIL import Image

    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "ferry.md").write_text(STORY, encoding="utf-8")
    Image.new("RGB", (120, 80), (30, 90, 160)).save(tmp_path / "copy" / "pier.png")
    store = str(tmp_path / "desk" / "news.sqlite")

    def editordesk(*args: str) -> str:
        done = run_installed(installed, ["--db", store, *args], tmp_path)
        assert done.returncode == 0, f"editordesk {' '.join(args)}: {done.stdout}{done.stderr}"
        return done.stdout

    ferry = editordesk("import", "copy/ferry.md").split()[-1]
    sample = editordesk("sample").split()[-1]  # the sample story, from the bundled resources
    listed = editordesk("list", "--json")
    assert "Ferry timetable changes for the winter" in listed
    assert (tmp_path / "desk" / "news-media").is_dir()

    printed = editordesk("export", ferry, sample, "-o", "out")
    assert "ferry-winter-timetable.html" in printed
    page = (tmp_path / "out" / "ferry-winter-timetable.html").read_text(encoding="utf-8")
    assert "<strong>winter timetable</strong>" in page
    assert "Credit: A. Reyes" in page  # the label printed once, by the template
    assert len(list((tmp_path / "out").glob("*.html"))) == 2

    editordesk("export", ferry, sample, "--format", "docx", "-o", "word")
    docx = tmp_path / "word" / "ferry-winter-timetable.docx"
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        assert "Ferry timetable changes for the winter" in body
        assert any(name.startswith("word/media/") for name in archive.namelist())
    assert len(list((tmp_path / "word").glob("*.docx"))) == 2


def test_window_starts_offscreen_and_quits_cleanly(installed: Installed, tmp_path: Path) -> None:
    done = run_installed(
        installed,
        ["--db", str(tmp_path / "desk" / "news.sqlite")],
        tmp_path,
        QT_QPA_PLATFORM="offscreen",
        EDITORDESK_QUIT_AFTER_START="1",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "desk" / "news.sqlite").is_file()  # the store was opened and attached
