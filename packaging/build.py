"""Build EditorDesk's installers: one script, one target per platform's artefact.

    python packaging/build.py linux-bundle       # dist/editordesk/ (PyInstaller one-folder)
    python packaging/build.py deb tar            # dist/editordesk_<v>_<arch>.deb and the .tar.gz
    python packaging/build.py windows            # on Windows: the bundle, then Inno Setup
    python packaging/build.py macos              # on macOS: EditorDesk.app, then the .dmg

Several targets in one call share one bundle. The bundle is made from a wheel of this checkout
(built here and unpacked into the work folder), never from the checkout's files directly, so an
editable install in the build Python leaves no path to the checkout in what ships. The version
comes from pyproject.toml; the running app reads the same number from its bundled metadata.
See packaging/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NAME = "editordesk"
APP_NAME = "EditorDesk"
APP_ID = "io.github.editordesk.EditorDesk"
HOMEPAGE = "https://github.com/editordesk/editordesk"
MAINTAINER = "The EditorDesk developers <editordesk@users.noreply.github.com>"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TARGETS = ("linux-bundle", "deb", "tar", "windows", "macos")

# What the bundle leaves to the system on Linux (packaging/editordesk.spec, SYSTEM_LIBS): the C
# and C++ runtimes, X11/xcb and its keyboard, GL, fonts and GLib/D-Bus, as Debian 12 packages
# them: exactly the packages of the libraries the bundle's files link to and do not carry
# (Debian's own dependencies bring what those need). `check_depends` maps each such library
# back to its package on the build machine and stops the build if one is missing here.
DEBIAN_DEPENDS = (
    "libc6 (>= {glibc})",
    "libstdc++6",
    "libgcc-s1",
    "libegl1",
    "libgl1",
    "libglib2.0-0",
    "libpq5",  # loaded by psycopg at run time, for a desk on a PostgreSQL server
    "libdbus-1-3",
    "libexpat1",
    "libfontconfig1",
    "libfreetype6",
    "libx11-6",
    "libx11-xcb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-glx0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    # Spelling: pyenchant loads Enchant through ctypes (no ELF link to find), and Enchant
    # reads Hunspell dictionaries; US and UK English at least, more where the system has them.
    "libenchant-2-2",
    "hunspell-en-us",
    "hunspell-en-gb",
)
# The icon theme whose folders the icons go into.
DEBIAN_RECOMMENDS = ("hicolor-icon-theme",)


@dataclass(frozen=True)
class Paths:
    """Where one build reads and writes."""

    dist: Path  # the artefacts
    work: Path  # everything in between (wheel, unpacked site, PyInstaller's work, staging)

    @property
    def bundle(self) -> Path:
        return self.dist / NAME

    @property
    def generated(self) -> Path:
        return self.work / "generated"

    @property
    def site(self) -> Path:
        return self.work / "site"


def project_version() -> str:
    """The one version number, from pyproject.toml."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def say(message: str) -> None:
    print(f"build: {message}", flush=True)


def run(command: Sequence[str | Path], **kwargs: object) -> None:
    say(" ".join(str(part) for part in command))
    subprocess.run([str(part) for part in command], check=True, **kwargs)  # type: ignore[call-overload]


def tree_size(path: Path) -> int:
    """Bytes in the files under path (links counted once, as themselves)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# -- the wheel and the generated files --------------------------------------------------------


def stage_package(paths: Paths) -> Path:
    """A wheel of this checkout, unpacked as pip would install it; the spec bundles this copy."""
    wheels = paths.work / "wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    shutil.rmtree(paths.site, ignore_errors=True)
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    # Offline and quicker when the build Python already has the build backend.
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-build-isolation")
    run([*command, "--wheel-dir", wheels, ROOT])
    (wheel,) = wheels.glob(f"{NAME}-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(paths.site)
    return paths.site


def make_icons(paths: Paths) -> Path:
    """The icon in each platform's form: PNGs by size, a Windows .ico and a macOS .icns."""
    from PIL import Image

    out = paths.generated
    out.mkdir(parents=True, exist_ok=True)
    pngs = {size: ROOT / "resources" / "icons" / f"editordesk-{size}.png" for size in ICON_SIZES}
    images = {size: Image.open(png).convert("RGBA") for size, png in pngs.items()}
    images[256].save(
        out / "editordesk.ico",
        sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)],
        append_images=[images[s] for s in (16, 24, 32, 48, 64, 128)],
    )
    images[512].save(out / "editordesk.icns", append_images=[images[s] for s in (16, 32, 128, 256)])
    for size, png in pngs.items():
        shutil.copyfile(png, out / f"editordesk-{size}.png")
    return out


def windows_version_info(version: str) -> str:
    """PyInstaller's version resource for editordesk.exe (shown in the file's Properties)."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:3]]
    numbers += [0] * (4 - len(numbers))
    fixed = tuple(numbers)
    strings = {
        "CompanyName": "The EditorDesk developers",
        "FileDescription": f"{APP_NAME} editorial workstation",
        "FileVersion": version,
        "InternalName": NAME,
        "LegalCopyright": "GPL-3.0-or-later; Qt and PySide6 under the LGPL v3",
        "OriginalFilename": f"{NAME}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    entries = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={fixed}, prodvers={fixed}, mask=0x3F, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
          {entries}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])]),
  ],
)
"""


# -- the bundle -------------------------------------------------------------------------------


def build_bundle(paths: Paths) -> Path:
    """PyInstaller's one-folder bundle (and EditorDesk.app on macOS) from the spec."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise SystemExit("PyInstaller is not installed: pip install '.[test]' (or pyinstaller)")
    started = time.monotonic()
    site = stage_package(paths)
    generated = make_icons(paths)
    (generated / "version_info.txt").write_text(
        windows_version_info(project_version()), encoding="utf-8"
    )
    env = dict(os.environ)
    env["EDITORDESK_SITE"] = str(site)
    env["EDITORDESK_GENERATED"] = str(generated)
    # The staged wheel goes before everything, an editable install of the checkout included.
    env["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [env.get("PYTHONPATH")])])
    for leftover in (paths.bundle, paths.dist / f"{APP_NAME}.app"):
        shutil.rmtree(leftover, ignore_errors=True)
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            paths.dist,
            "--workpath",
            paths.work / "pyinstaller",
            HERE / "editordesk.spec",
        ],
        env=env,
        cwd=paths.work,
    )
    say(
        f"bundle {paths.bundle}: {megabytes(tree_size(paths.bundle))} "
        f"in {time.monotonic() - started:.0f} s"
    )
    return paths.bundle


# -- Linux ------------------------------------------------------------------------------------


def elf_files(folder: Path) -> Iterable[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    yield path


def elf_needs(folder: Path) -> tuple[set[str], str]:
    """The shared libraries the bundle's programs ask for but do not carry, and the newest
    glibc symbol version any of them uses (objdump, from binutils)."""
    carried = {p.name for p in folder.rglob("*.so*")}
    needed: set[str] = set()
    glibc = (2, 17)
    for path in elf_files(folder):
        out = subprocess.run(
            ["objdump", "-p", str(path)], capture_output=True, text=True, check=False
        ).stdout
        needed.update(re.findall(r"^\s+NEEDED\s+(\S+)", out, re.MULTILINE))
        for major, minor in re.findall(r"\bGLIBC_(\d+)\.(\d+)\b", out):
            glibc = max(glibc, (int(major), int(minor)))
    return needed - carried, f"{glibc[0]}.{glibc[1]}"


def debian_package_of(soname: str) -> str | None:
    """The installed Debian package that provides a library, if dpkg knows it."""
    done = subprocess.run(
        ["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return None
    return done.stdout.split(":", 1)[0].split(",")[0].strip()


def depends_line(glibc: str) -> str:
    return ", ".join(d.format(glibc=glibc) for d in DEBIAN_DEPENDS)


def check_depends(bundle: Path) -> tuple[str, list[str]]:
    """The Depends line, and each library the bundle needs whose package it does not name
    (empty when Depends is complete; libraries not installed here cannot be checked)."""
    needed, glibc = elf_needs(bundle)
    named = {d.split()[0] for d in DEBIAN_DEPENDS}
    missing = []
    for soname in sorted(needed):
        package = debian_package_of(soname)
        if package is not None and package not in named:
            missing.append(f"{soname} ({package})")
    return depends_line(glibc), missing


def debian_arch() -> str:
    if shutil.which("dpkg"):
        out = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def fill(template: Path, values: dict[str, str]) -> str:
    text = template.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise SystemExit(f"{template.name}: {', '.join(left)} left unfilled")
    return text


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, symlinks=True)
    for path in [target, *target.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or os.access(path, os.X_OK)
        path.chmod(0o755 if executable else 0o644)


def install_desktop_files(root: Path, version: str) -> None:
    """The .desktop file, the hicolor icons and the AppStream metainfo under root/usr/share."""
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(
        HERE / "linux" / "editordesk.desktop", share / "applications" / f"{NAME}.desktop"
    )
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copyfile(
            ROOT / "resources" / "icons" / f"editordesk-{size}.png", folder / f"{NAME}.png"
        )
    (share / "metainfo").mkdir()
    metainfo = fill(
        HERE / "linux" / f"{APP_ID}.metainfo.xml",
        {"VERSION": version, "DATE": dt.date.today().isoformat(), "HOMEPAGE": HOMEPAGE},
    )
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo, encoding="utf-8")
    for path in share.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def build_deb(paths: Paths) -> Path:
    """The .deb: the bundle under /opt/editordesk, `editordesk` on PATH, desktop integration."""
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("dpkg-deb is needed for the .deb (Debian's dpkg package)")
    started = time.monotonic()
    version = project_version()
    arch = debian_arch()
    root = paths.work / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    opt = root / "opt" / NAME
    opt.parent.mkdir(parents=True)
    copy_tree(paths.bundle, opt)
    bindir = root / "usr" / "bin"
    bindir.mkdir(parents=True)
    # PyInstaller's bootloader finds its _internal folder through /proc/self/exe, so a link works.
    (bindir / NAME).symlink_to(f"/opt/{NAME}/{NAME}")
    install_desktop_files(root, version)
    docs = root / "usr" / "share" / "doc" / NAME
    docs.mkdir(parents=True)
    shutil.copyfile(HERE / "linux" / "copyright", docs / "copyright")
    (docs / "copyright").chmod(0o644)

    depends, missing = check_depends(paths.bundle)
    if missing:
        raise SystemExit(
            "the bundle needs libraries whose packages the .deb does not depend on: "
            + ", ".join(missing)
            + " (add them to DEBIAN_DEPENDS in packaging/build.py)"
        )
    installed_kib = (tree_size(root) + 1023) // 1024
    control = fill(
        HERE / "linux" / "control.in",
        {
            "VERSION": version,
            "ARCH": arch,
            "MAINTAINER": MAINTAINER,
            "INSTALLED_SIZE": str(installed_kib),
            "DEPENDS": depends,
            "RECOMMENDS": ", ".join(DEBIAN_RECOMMENDS),
            "HOMEPAGE": HOMEPAGE,
        },
    )
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    deb = paths.dist / f"{NAME}_{version}_{arch}.deb"
    deb.unlink(missing_ok=True)
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", root, deb])
    say(f"deb {deb}: {megabytes(deb.stat().st_size)} in {time.monotonic() - started:.0f} s")
    return deb


def build_tar(paths: Paths) -> Path:
    """The portable .tar.gz: the bundle in editordesk-<version>/ with the desktop files beside."""
    started = time.monotonic()
    version = project_version()
    top = f"{NAME}-{version}"
    archive = paths.dist / f"{top}-linux-{platform.machine()}.tar.gz"
    extras = paths.work / "tar-extras"
    shutil.rmtree(extras, ignore_errors=True)
    install_desktop_files(extras, version)
    readme = extras / "README.txt"
    readme.write_text(
        f"EditorDesk {version}, portable\n\n"
        f"Run ./{NAME} (the window; `./{NAME} --help` for the command line). It needs the\n"
        "system libraries Qt uses for a window; on Debian and Ubuntu:\n\n"
        "  apt-get install " + " ".join(d.split()[0] for d in DEBIAN_DEPENDS) + "\n\n"
        "share/ holds a .desktop file, icons and AppStream metadata for a desktop menu:\n"
        "copy them under ~/.local/share and put this folder's editordesk on PATH.\n",
        encoding="utf-8",
    )

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(archive, "w:gz", compresslevel=9) as tar:
        tar.add(paths.bundle, arcname=top, filter=owned_by_root)
        tar.add(extras / "usr" / "share", arcname=f"{top}/share", filter=owned_by_root)
        tar.add(readme, arcname=f"{top}/README.txt", filter=owned_by_root)
    say(f"tar {archive}: {megabytes(archive.stat().st_size)} in {time.monotonic() - started:.0f} s")
    return archive


# -- Windows and macOS ------------------------------------------------------------------------


def find_iscc() -> str | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").exists():
            return str(Path(base) / "Inno Setup 6" / "ISCC.exe")
    return None


def build_windows_installer(paths: Paths) -> Path:
    """The Inno Setup installer from packaging/windows/editordesk.iss and the bundle."""
    iscc = find_iscc()
    if iscc is None:
        raise SystemExit("Inno Setup 6 (ISCC.exe) is needed: choco install innosetup")
    version = project_version()
    run(
        [
            iscc,
            "/Qp",
            f"/DAppVersion={version}",
            f"/DSourceDir={paths.bundle}",
            f"/DIconFile={paths.generated / 'editordesk.ico'}",
            f"/DOutputDir={paths.dist}",
            HERE / "windows" / "editordesk.iss",
        ]
    )
    setup = paths.dist / f"{NAME}-{version}-windows-setup.exe"
    say(f"windows installer {setup}: {megabytes(setup.stat().st_size)}")
    return setup


def build_dmg(paths: Paths) -> Path:
    """A compressed disk image holding EditorDesk.app beside a link to /Applications."""
    if shutil.which("hdiutil") is None:
        raise SystemExit("hdiutil (macOS) is needed for the .dmg")
    app = paths.dist / f"{APP_NAME}.app"
    identity = os.environ.get("EDITORDESK_CODESIGN_IDENTITY")
    if identity:  # see packaging/README.md, "Signing and notarisation"
        run(
            [
                "codesign",
                "--force",
                "--deep",
                "--options",
                "runtime",
                "--timestamp",
                "--sign",
                identity,
                app,
            ]
        )
    stage = paths.work / "dmg"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    shutil.copytree(app, stage / app.name, symlinks=True)
    (stage / "Applications").symlink_to("/Applications")
    dmg = paths.dist / f"{NAME}-{project_version()}-macos-{platform.machine()}.dmg"
    dmg.unlink(missing_ok=True)
    run(
        [
            "hdiutil",
            "create",
            "-volname",
            f"{APP_NAME} {project_version()}",
            "-srcfolder",
            stage,
            "-fs",
            "HFS+",
            "-format",
            "UDZO",
            "-imagekey",
            "zlib-level=9",
            "-ov",
            dmg,
        ]
    )
    if identity:
        run(["codesign", "--force", "--timestamp", "--sign", identity, dmg])
    say(f"dmg {dmg}: {megabytes(dmg.stat().st_size)}")
    return dmg


# -- the command ------------------------------------------------------------------------------


def build(targets: Sequence[str], paths: Paths, *, reuse_bundle: bool = False) -> list[Path]:
    """Build the targets in order, making the bundle at most once; the artefacts' paths."""
    paths.dist.mkdir(parents=True, exist_ok=True)
    paths.work.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    bundle_ready = reuse_bundle and paths.bundle.is_dir()
    if reuse_bundle and bundle_ready:
        make_icons(paths)
    for target in targets:
        if target in ("windows", "macos", "linux-bundle", "deb", "tar") and not bundle_ready:
            wanted_platform = {"windows": "win32", "macos": "darwin"}.get(target, "linux")
            if not sys.platform.startswith(wanted_platform):
                raise SystemExit(f"{target} is built on {wanted_platform}, not {sys.platform}")
            build_bundle(paths)
            bundle_ready = True
        if target == "linux-bundle":
            made.append(paths.bundle)
        elif target == "deb":
            made.append(build_deb(paths))
        elif target == "tar":
            made.append(build_tar(paths))
        elif target == "windows":
            made.append(build_windows_installer(paths))
        elif target == "macos":
            made.append(build_dmg(paths))
    return made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "targets", nargs="+", choices=TARGETS, metavar="TARGET", help=", ".join(TARGETS)
    )
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="artefacts (default dist/)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "packaging",
        help="intermediate files (default build/packaging/)",
    )
    parser.add_argument(
        "--reuse-bundle",
        action="store_true",
        help="package the bundle already in --dist instead of building it again",
    )
    args = parser.parse_args(argv)
    paths = Paths(args.dist.resolve(), args.work.resolve())
    for artefact in build(args.targets, paths, reuse_bundle=args.reuse_bundle):
        print(artefact)
    return 0


if __name__ == "__main__":
    sys.exit(main())
