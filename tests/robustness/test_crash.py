"""Writers killed with SIGKILL at random moments: nothing reported done is lost.

A child process (forked, so it starts in milliseconds with everything imported) saves,
autosaves, imports, exports or backs up in a loop, writing one line to a pipe after each
action is committed or written. The parent kills it with SIGKILL at a random moment — while
it opens the store, in the middle of a transaction, inside a commit, half-way through a file
— then checks:

- the store opens and `PRAGMA integrity_check` says ok;
- every action the child reported done is there (and each story's version matches its
  revisions);
- every picture the store knows has its whole file in the media folder;
- every exported file and backup under its final name is whole; an interrupted write leaves
  at most a hidden temporary file (`.name.….tmp`), never a partial file under the real name.

The number of kills per kind is modest so CI stays quick (`EDITORDESK_CRASH_KILLS` raises it;
`EDITORDESK_CRASH_SEED` replays a run). The counts are printed (`pytest -s` shows them).
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import select
import shutil
import signal
import sqlite3
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from editordesk.services.autosave import put_autosave
from editordesk.services.backup import MANIFEST, SQLITE_NAME, create_backup, looks_like_backup
from editordesk.services.exporting import ExportOptions, Outcome, export_stories
from editordesk.services.importing import import_files
from editordesk.services.stories import StoryDraft, create_story, get_story, save_story
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation, resolve
from tests.helpers import write_harbour
from tests.robustness._html import active_content

KILLS = int(os.environ.get("EDITORDESK_CRASH_KILLS", "25"))
SEED = int(os.environ.get("EDITORDESK_CRASH_SEED", str(random.SystemRandom().randrange(10**6))))
TOTALS: dict[str, list[int]] = {}


@dataclass
class Run:
    """One kind of writer and what its children reported over all the kills."""

    kind: str
    location: StoreLocation
    work: Path
    reported: list[str] = field(default_factory=list)
    kills: int = 0
    after_open: int = 0  # kills that came once the store was open (the rest: while it opened)
    temp_leftovers: int = 0
    orphan_media: int = 0  # picture files written by an import killed before its commit


# ---------------------------------------------------------------- the children


def _say(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode("utf-8"))


def _child_save(store: Store, fd: int, token: int, work: Path) -> None:
    for i in range(10_000):
        n = token + i
        if i % 4 == 3:
            with store.write() as session:
                story = create_story(
                    session, StoryDraft(headline=f"Story {n}", body=f"made {n}"), author="W"
                )
            _say(fd, f"created {n} {story.id}")
            continue
        with store.write() as session:
            current = get_story(session, 1)
            save_story(
                session,
                1,
                StoryDraft(
                    headline=current.headline,
                    body=current.body.split("\n\nsave ")[0] + f"\n\nsave {n}\n\n" + "x " * 500,
                    related=current.related,
                ),
                base_version=current.version,
                author="W",
            )
        _say(fd, f"saved {n}")


def _child_autosave(store: Store, fd: int, token: int, work: Path) -> None:
    for i in range(10_000):
        n = token + i
        key = f"tab-{i % 3}"
        with store.write() as session:
            put_autosave(
                session,
                key,
                StoryDraft(headline="Draft", body=f"autosave {n}\n\n" + "typing " * 300),
                story_id=1 if key == "tab-0" else None,
                base_version=1 if key == "tab-0" else None,
                editor="W",
            )
        _say(fd, f"autosaved {key} {n}")


def _picture(n: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (n % 256, (n // 256) % 256, (n // 65536) % 256)).save(buf, "JPEG")
    return buf.getvalue()


def _child_import(store: Store, fd: int, token: int, work: Path) -> None:
    folder = work / f"in-{token}"
    folder.mkdir(parents=True)
    for i in range(10_000):
        n = token + i
        (folder / f"p{n}.jpg").write_bytes(_picture(n))
        path = folder / f"s{n}.md"
        path.write_text(
            f"---\ntitle: Imported {n}\nauthor: W\n---\n\nText {n}.\n\n"
            f'{{{{< figure src="p{n}.jpg" caption="Picture {n}" attr="W" >}}}}\n\n'
            f'{{{{< x user="desk" id="{n}" text="tweet {n}" >}}}}\n',
            encoding="utf-8",
        )
        [result] = import_files(store, [path], author="W")
        assert result.story is not None, result.error
        _say(fd, f"imported {n} {result.story.id}")


def _child_export(store: Store, fd: int, token: int, work: Path) -> None:
    out = work / "out"
    for i in range(10_000):
        fmt = ("html", "docx", "md")[i % 3]
        [result] = export_stories(store, [1], fmt, out, ExportOptions(force=True))
        assert result.outcome is Outcome.EXPORTED, result.error
        _say(fd, f"exported {result.path}")


def _child_backup(store: Store, fd: int, token: int, work: Path) -> None:
    for i in range(10_000):
        info = create_backup(store.location, work / "backups" / f"b{token + i}")
        _say(fd, f"backed-up {info.path}")


CHILDREN: dict[str, Callable[[Store, int, int, Path], None]] = {
    "save": _child_save,
    "autosave": _child_autosave,
    "import": _child_import,
    "export": _child_export,
    "backup": _child_backup,
}


def _spawn(run: Run, token: int) -> tuple[int, int]:
    """Fork a writer; (its pid, the read end of its pipe)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read_fd)
            store = Store.open(run.location)
            _say(write_fd, "ready")
            CHILDREN[run.kind](store, write_fd, token, run.work)
        except BaseException:  # reported through the exit code only
            code = 3
        os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _kill_at_random(run: Run, rng: random.Random, token: int) -> None:
    pid, fd = _spawn(run, token)
    ready = False
    buffer = b""
    # Mostly after the store is open, sometimes while it opens; then a random time.
    wait_for_ready = rng.random() < 0.9
    delay = rng.uniform(0.0, 0.25) if wait_for_ready else rng.uniform(0.0, 0.01)
    deadline = None if wait_for_ready else time.monotonic() + delay
    while True:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        readable, _, _ = select.select([fd], [], [], timeout)
        if not readable:
            break  # the moment has come
        chunk = os.read(fd, 65536)
        if not chunk:
            break  # the child ended by itself (an error): checked below
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            text = line.decode("utf-8")
            if text == "ready":
                ready = True
                if deadline is None:
                    deadline = time.monotonic() + delay
            else:
                run.reported.append(text)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    # Whatever the child had written to the pipe before it died was reported done too.
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buffer += chunk
    os.close(fd)
    *lines, _partial = buffer.split(b"\n")
    run.reported += [line.decode("utf-8") for line in lines if line != b"ready"]
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
        f"the {run.kind} writer stopped by itself (status {status}) before it was killed"
    )
    run.kills += 1
    run.after_open += int(ready)


# ---------------------------------------------------------------- the checks


def _integrity(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def _check_store(run: Run) -> None:
    """The store opens, is intact, and every story's version matches its revisions; every
    picture it knows is whole in the media folder."""
    with Store.open(run.location) as store:
        with store.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT s.id, s.version, count(r.id), max(r.number) FROM stories s "
                "JOIN revisions r ON r.story_id = s.id GROUP BY s.id"
            ).all()
            for story_id, version, count, highest in rows:
                assert version == count == highest, (story_id, version, count, highest)
            images = conn.exec_driver_sql("SELECT path, sha256 FROM images").all()
        for relative, sha256 in images:
            data = store.media.path_of(relative).read_bytes()
            assert hashlib.sha256(data).hexdigest() == sha256
        known = {relative for relative, _ in images}
        root = run.location.media_dir
        run.orphan_media = sum(
            1
            for path in root.rglob("*")
            if path.is_file()
            and not path.name.startswith(".")
            and path.relative_to(root).as_posix() not in known
        )
    assert run.location.sqlite_path is not None
    _integrity(run.location.sqlite_path)


def _tokens(pattern: str, lines: list[str]) -> list[tuple[str, ...]]:
    return [m.groups() for line in lines if (m := re.fullmatch(pattern, line))]


def _check_save(run: Run) -> None:
    conn = sqlite3.connect(run.location.sqlite_path)  # type: ignore[arg-type]
    try:
        bodies = "\n".join(
            b for (b,) in conn.execute("SELECT body FROM revisions WHERE story_id = 1")
        )
        saved = set(re.findall(r"save (\d+)", bodies))
        made = dict(conn.execute("SELECT id, headline FROM stories").fetchall())
    finally:
        conn.close()
    for (n,) in _tokens(r"saved (\d+)", run.reported):
        assert n in saved, f"save {n} was reported done and is lost"
    for n, story_id in _tokens(r"created (\d+) (\d+)", run.reported):
        assert made.get(int(story_id)) == f"Story {n}", f"story {n} was reported made and is lost"


def _check_autosave(run: Run) -> None:
    conn = sqlite3.connect(run.location.sqlite_path)  # type: ignore[arg-type]
    try:
        stored = {
            key: int(re.match(r'\{.*"body": "autosave (\d+)', draft).group(1))  # type: ignore[union-attr]
            for key, draft in conn.execute("SELECT key, draft FROM autosaves")
        }
    finally:
        conn.close()
    for key, n in _tokens(r"autosaved (tab-\d) (\d+)", run.reported):
        assert stored.get(key, -1) >= int(n), f"autosave {n} of {key} was reported and is lost"


def _check_import(run: Run) -> None:
    conn = sqlite3.connect(run.location.sqlite_path)  # type: ignore[arg-type]
    try:
        stories = dict(conn.execute("SELECT id, headline FROM stories").fetchall())
        pictures = dict(
            conn.execute(
                "SELECT si.story_id, count(*) FROM story_images si GROUP BY si.story_id"
            ).fetchall()
        )
        tweets = {s for (s,) in conn.execute("SELECT status_id FROM tweets")}
    finally:
        conn.close()
    for n, story_id in _tokens(r"imported (\d+) (\d+)", run.reported):
        assert stories.get(int(story_id)) == f"Imported {n}", f"import {n} is lost"
        assert pictures.get(int(story_id)) == 1 and n in tweets


def _whole_export(path: Path, root: Path, reference: dict[str, bytes]) -> None:
    data = path.read_bytes()
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            assert b"Harbour wall" in archive.read("word/document.xml")
        import docx

        docx.Document(str(path))
    elif path.suffix in (".html", ".md", ".jpg"):
        assert data == reference[path.relative_to(root).as_posix()], path
    if path.suffix == ".html":
        assert active_content(data.decode("utf-8")) == []


def _check_export(run: Run, reference: dict[str, bytes]) -> None:
    out = run.work / "out"
    if not out.exists():
        return
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            run.temp_leftovers += 1  # hidden; never mistaken for an export
            path.unlink()
            continue
        _whole_export(path, out.parent, reference)
    for (name,) in _tokens(r"exported (.+)", run.reported):
        assert Path(name).is_file(), f"export {name} was reported done and is gone"


def _check_backup(run: Run) -> None:
    folder = run.work / "backups"
    if not folder.exists():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):  # an interrupted backup: hidden, named as such
            assert path.name.endswith(".partial")
            run.temp_leftovers += 1
            shutil.rmtree(path)
            continue
        # Under its final name, a backup is whole: its manifest, its database intact.
        assert (path / MANIFEST).is_file() and looks_like_backup(path)
        _integrity(path / SQLITE_NAME)
    for (name,) in _tokens(r"backed-up (.+)", run.reported):
        assert looks_like_backup(Path(name)), f"backup {name} was reported done and is gone"


# ---------------------------------------------------------------- the test


def _reference_exports(location: StoreLocation, folder: Path) -> dict[str, bytes]:
    with Store.open(location) as store:
        for fmt in ("html", "md"):
            [result] = export_stories(store, [1], fmt, folder / "out", ExportOptions(force=True))
            assert result.outcome is Outcome.EXPORTED
    out = folder / "out"
    return {
        p.relative_to(out.parent).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()
    }


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(CHILDREN))
def test_writers_killed_at_random_lose_nothing_reported(tmp_path: Path, kind: str) -> None:
    location = resolve(str(tmp_path / "desk" / "news.sqlite"))
    with Store.open(location) as store:
        [result] = import_files(store, [write_harbour(tmp_path / "harbour")], author="W")
        assert result.story is not None and result.story.id == 1
    reference = _reference_exports(location, tmp_path / "reference")
    run = Run(kind, location, tmp_path / "work")
    run.work.mkdir()
    rng = random.Random(f"{SEED}-{kind}")
    kills = KILLS if kind != "backup" else max(KILLS // 2, 5)
    for round_ in range(kills):
        _kill_at_random(run, rng, token=(round_ + 1) * 100_000)
        _check_store(run)
        {
            "save": lambda: _check_save(run),
            "autosave": lambda: _check_autosave(run),
            "import": lambda: _check_import(run),
            "export": lambda: _check_export(run, reference),
            "backup": lambda: _check_backup(run),
        }[kind]()
    done = len(run.reported)
    TOTALS[kind] = [run.kills, done, run.temp_leftovers]
    print(
        f"\n[crash seed {SEED}] {kind}: {run.kills} kills ({run.after_open} once the store "
        f"was open), {done} actions reported done and all found, {run.temp_leftovers} "
        "hidden temporary files left by interrupted writes (none under a final name), "
        f"{run.orphan_media} picture files no record names (written by a killed import)"
    )
    assert run.kills == kills
    assert done > 0, "no action was ever completed between kills: the kills came too early"


def test_crash_totals() -> None:
    """Runs last in this file: the sum over all kinds (at least 100 kills at the default)."""
    if len(TOTALS) < len(CHILDREN):
        pytest.skip("the kill tests did not all run in this session")
    kills = sum(k for k, _, _ in TOTALS.values())
    done = sum(d for _, d, _ in TOTALS.values())
    print(f"\n[crash seed {SEED}] in all: {kills} kills, {done} actions reported done, none lost")
    if "EDITORDESK_CRASH_KILLS" not in os.environ:
        assert kills >= 100
