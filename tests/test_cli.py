from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editordesk import __version__
from editordesk.cli import main
from tests.helpers import write_harbour, write_image


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    return ["--db", str(tmp_path / "cli.sqlite")]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"EditorDesk {__version__}"


def test_import_prints_one_id_per_story_and_list_json_shows_them(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    story = write_harbour(tmp_path / "in")
    plain = tmp_path / "in" / "plain.md"
    plain.write_text("# Quay reopens\n\nBoats are back.\n")
    assert main([*db, "import", str(story), str(plain)]) == 0
    ids = [int(line) for line in capsys.readouterr().out.split()]
    assert len(ids) == 2
    assert main([*db, "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ids[::-1]
    assert {"id", "headline", "slug", "status", "section", "byline", "updated"} <= rows[0].keys()
    assert rows[1]["headline"] == "Harbour wall gives way after week of storms"
    assert rows[1]["status"] == "editing"


def test_list_filters_and_options_after_the_command(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import", *db, str(write_harbour(tmp_path / "in"))])
    capsys.readouterr()
    assert main(["list", *db, "--status", "editing", "--search", "sea wall", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["list", *db, "--status", "ready", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["list", *db, "--limit", "0"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["list", *db]) == 0
    assert "Harbour wall gives way" in capsys.readouterr().out


def test_environment_selects_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EDITORDESK_DB", f"sqlite:///{tmp_path}/env.sqlite")
    assert main(["import", str(write_harbour(tmp_path / "in"))]) == 0
    assert (tmp_path / "env.sqlite").exists()
    assert (tmp_path / "env-media").is_dir()


def test_a_bad_file_gives_one_clear_line_and_a_failure_code(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: T\nstatus: archived\n---\n")
    good = write_harbour(tmp_path / "in")
    assert main([*db, "import", str(bad), str(good)]) == 1
    out, err = capsys.readouterr()
    assert out.split() == ["1"]
    lines = err.strip().splitlines()
    assert lines[0] == (
        f"editordesk: error: {bad}:3: unknown status 'archived'; "
        "use one of draft, editing, ready, published, spiked"
    )
    assert lines[1] == "editordesk: imported 1 of 2 files"


def test_export_md_writes_the_story_and_its_images(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([*db, "import", str(write_harbour(tmp_path / "in"))])
    capsys.readouterr()
    assert main([*db, "export", "1", "--format", "md", "-o", str(tmp_path / "out")]) == 0
    target = tmp_path / "out" / "harbour-wall-gives-way" / "index.md"
    assert capsys.readouterr().out.strip() == str(target)
    assert "title: Harbour wall gives way after week of storms" in target.read_text()
    assert (target.parent / "harbour.jpg").is_file()
    assert main([*db, "export", "1", "-o", str(tmp_path / "single.md")]) == 0
    assert (tmp_path / "single.md").is_file() and (tmp_path / "harbour.jpg").is_file()


def test_export_of_a_missing_story_says_so(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([*db, "import", str(write_harbour(tmp_path / "in"))])
    capsys.readouterr()
    assert main([*db, "export", "1", "42", "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "story 42: story 42 is not in the store" in err
    assert "exported 1, skipped by preflight 0, failed 1" in err


def test_history_and_revert(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([*db, "import", str(write_harbour(tmp_path / "in"))])
    assert main([*db, "revert", "1", "1"]) == 0
    assert main([*db, "history", "1"]) == 0
    out = capsys.readouterr().out
    assert "restored revision 1" in out and "imported from harbour.md" in out


def test_a_newer_store_is_refused_with_a_clear_message(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    main([*db, "list"])
    with sqlite3.connect(tmp_path / "cli.sqlite") as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    raw.close()
    assert main([*db, "list"]) == 1
    assert "written by a newer EditorDesk" in capsys.readouterr().err


def test_module_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "editordesk", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("EditorDesk ")


def test_sample_story_comes_from_the_package_with_every_feature(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from editordesk.services.exporting import load_bundle
    from editordesk.store.db import Store
    from editordesk.store.location import resolve

    assert main([*db, "sample"]) == 0
    story_id = int(capsys.readouterr().out)
    with Store.open(resolve(db[1])) as store, store.read() as session:
        bundle = load_bundle(session, story_id)
    story = bundle.story
    assert story.standfirst and story.byline and story.dateline
    [image] = bundle.images.values()
    assert image.fields.caption and image.fields.credit and image.fields.alt_text
    [tweet] = bundle.tweets.values()
    assert tweet.text == "just setting up my twttr"
    assert len(story.related) == 3


def test_progress_shows_on_a_terminal_and_stays_quiet_in_a_pipe() -> None:
    import io

    from editordesk.cli import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    progress = Progress("importing", screen)
    for done in range(3):
        progress(done, 3, Path(f"/in/story-{done}.md"))
    assert "importing [" in screen.getvalue() and "1/3 story-1.md" in screen.getvalue()
    progress(3, 3, Path("/in/story-2.md"))
    assert screen.getvalue().endswith("\r")  # the line is wiped when the work is done
    piped = io.StringIO()
    Progress("importing", piped)(1, 3, "x")
    assert piped.getvalue() == ""


def test_export_html_checks_first_and_force_overrides(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([*db, "import", str(write_harbour(tmp_path / "in"))])
    uncredited = tmp_path / "in" / "uncredited.md"
    uncredited.write_text(
        '---\ntitle: No credit\nauthor: A\nstatus: ready\n---\n{{< figure src="new.jpg" >}}\n'
    )
    write_image(tmp_path / "in" / "new.jpg", color=(1, 99, 1))
    main([*db, "import", str(uncredited)])
    capsys.readouterr()
    assert main([*db, "export", "--all", "--format", "html", "-o", str(tmp_path / "out")]) == 1
    out, err = capsys.readouterr()
    assert out.split() == [str(tmp_path / "out" / "harbour-wall-gives-way.html")]
    assert "story 2: error: line 1: new.jpg has no credit" in err
    assert "story 2: skipped: preflight found errors (use --force to export)" in err
    assert "exported 1, skipped by preflight 1, failed 0" in err
    assert main([*db, "export", "2", "-o", str(tmp_path / "out"), "--force"]) == 0
    assert (tmp_path / "out" / "no-credit.html").is_file()
    assert (
        main([*db, "export", "--status", "editing", "--fragment", "-o", str(tmp_path / "f")]) == 0
    )
    assert "<html" not in (tmp_path / "f" / "harbour-wall-gives-way.html").read_text()
    assert main([*db, "check", "1", "2"]) == 1
    out = capsys.readouterr().out
    assert "story 1: passes the checks" in out and "story 2: error" in out


def test_export_needs_stories_named(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "export", "-o", str(tmp_path)]) == 1
    assert "name the stories to export" in capsys.readouterr().err


def test_backup_then_restore_path_brings_the_store_back(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([*db, "import", str(write_harbour(tmp_path / "in"))])
    capsys.readouterr()
    archive = tmp_path / "saved" / "desk.zip"
    assert main([*db, "backup", str(archive)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(archive)
    assert "backed up 1 story and 1 media file" in err

    other = ["--db", str(tmp_path / "other.sqlite")]
    assert main([*other, "restore", str(archive)]) == 0
    assert f"restored {tmp_path / 'other.sqlite'} from {archive}" in capsys.readouterr().out
    assert main([*other, "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["headline"].startswith("Harbour wall")

    # Over a store that holds stories: refused, then kept aside with --force.
    assert main([*db, "restore", str(archive)]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert main([*db, "restore", str(archive), "--force"]) == 0
    assert "is kept as" in capsys.readouterr().err
    assert list(tmp_path.glob("cli.sqlite.before-restore-*"))


def test_restore_is_for_backups_and_revert_for_revisions(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([*db, "import", str(write_harbour(tmp_path / "in"))])
    capsys.readouterr()
    assert main([*db, "restore", "1"]) == 1
    assert "1 is not a backup folder or .zip; to make an old revision of story 1 its " in (
        capsys.readouterr().err
    )
    assert main([*db, "restore", str(tmp_path / "in")]) == 1
    assert "is not an EditorDesk backup" in capsys.readouterr().err
    assert main([*db, "revert", "one", "1"]) == 1
    assert "'one' is not a story id" in capsys.readouterr().err
    assert main([*db, "revert", "1", "1"]) == 0
    assert "story 1 reverted to revision 1 (now version 2)" in capsys.readouterr().out


def test_restore_id_revision_still_reverts_for_one_release_with_a_note(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([*db, "import", str(write_harbour(tmp_path / "in"))])
    capsys.readouterr()
    assert main([*db, "restore", "1", "1"]) == 0
    out, err = capsys.readouterr()
    assert "story 1 reverted to revision 1" in out
    assert "note: `restore ID REVISION` is now `revert 1 1`" in err
    assert main([*db, "restore", "1", "1", "--force"]) == 1
    assert "--force is for restoring a backup" in capsys.readouterr().err


def test_backup_to_a_place_it_cannot_write_is_one_line(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([*db, "import", str(write_harbour(tmp_path / "in"))])
    capsys.readouterr()
    for target in ("/proc/x.zip", "/dev/null/x.zip"):
        assert main([*db, "backup", target]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"editordesk: error: cannot write the backup {target}: ")
        assert err.count("\n") == 1 and "Traceback" not in err


def test_backup_and_restore_warn_of_links_they_left_out(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main([*db, "import", str(write_harbour(tmp_path / "in"))])
    media = tmp_path / "cli-media"
    (media / "planted.jpg").symlink_to(tmp_path / "in")
    capsys.readouterr()
    assert main([*db, "backup", str(tmp_path / "b")]) == 0
    assert "warning: planted.jpg in the media folder is a link" in capsys.readouterr().err
    (tmp_path / "b" / "media" / "again.jpg").symlink_to(tmp_path / "in")
    assert main(["--db", str(tmp_path / "r.sqlite"), "restore", str(tmp_path / "b")]) == 0
    assert "warning: media/again.jpg in the backup is a link" in capsys.readouterr().err


def test_backup_of_a_store_that_is_not_there_says_so(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "backup", str(tmp_path / "b")]) == 1
    assert "there is no store at" in capsys.readouterr().err
    assert not (tmp_path / "cli.sqlite").exists()


def test_list_says_who_is_editing_a_story(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from editordesk.services.locks import take_lock
    from editordesk.store.db import Store
    from editordesk.store.location import resolve

    main([*db, "import", str(write_harbour(tmp_path / "in"))])
    story_id = int(capsys.readouterr().out)
    with Store.open(resolve(db[1])) as store, store.write() as session:
        take_lock(session, story_id, holder="Mara Quinn", window="w1")
    assert main([*db, "list"]) == 0
    assert "[being edited by Mara Quinn since " in capsys.readouterr().out
    assert main([*db, "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["being_edited_by"]["editor"] == "Mara Quinn"


def test_an_old_store_is_upgraded_with_a_word_on_stderr_then_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).parent / "_fixtures" / "store-0003.sqlite", old)
    assert main(["--db", str(old), "list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("editordesk: upgrading the store ") and "keeping a copy" in err
    assert json.loads(out)  # the fixture's stories, listed from the upgraded store
    assert main(["--db", str(old), "list", "--json"]) == 0
    assert capsys.readouterr().err == ""  # upgraded once


def test_check_adds_spelling_and_style_findings_as_json(
    tmp_path: Path, db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "in" / "plain.md"
    plain.parent.mkdir()
    plain.write_text("# Quay reopens\n\nBoats recieve 3 percent more.\n")
    assert main([*db, "import", str(plain)]) == 0
    story_id = int(capsys.readouterr().out.split()[0])
    main([*db, "check", str(story_id), "--json"])
    rows = json.loads(capsys.readouterr().out)
    spelling = [r for r in rows if r["kind"] == "spelling"]
    assert spelling == [
        {
            "story": story_id,
            "kind": "spelling",
            "severity": "warning",
            "message": "spelling: “recieve” is not in the dictionary",
            "field": "body",
            "line": 1,
            "word": "recieve",
            "suggestions": spelling[0]["suggestions"],
        }
    ]
    assert "receive" in spelling[0]["suggestions"]
    style = {r["word"]: r for r in rows if r["kind"] == "style"}
    assert style["percent"]["suggestions"] == ["per cent"]
    assert style["3"]["suggestions"] == ["three"]
    assert all(r["severity"] == "warning" for r in rows if r["kind"] != "preflight")
    main([*db, "check", str(story_id), "--json", "--no-spelling"])
    assert not [r for r in json.loads(capsys.readouterr().out) if r["kind"] == "spelling"]


def test_sample_twice_says_the_sample_is_already_there(
    db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "sample"]) == 0
    first = capsys.readouterr().out.strip()
    assert main([*db, "sample"]) == 0
    again = capsys.readouterr()
    assert again.out.strip() == first  # the same story, not a copy
    assert "the sample story is already there: story " + first in again.err
    assert main(["list", *db]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 1


def test_help_shows_the_form_that_opens_the_window_with_files(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "editordesk [--db URL] [--media DIR] [FILE.md|FILE.docx …]" in out
    assert "`editordesk FILE…` opens the window" in out.replace("\n", " ")


def test_check_says_passes_the_checks_not_ready(
    db: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*db, "sample"]) == 0
    story_id = capsys.readouterr().out.strip()
    main([*db, "check", "--no-spelling", story_id])
    out = capsys.readouterr().out
    assert ": ready" not in out


def test_install_desktop_entry_leaves_a_way_to_start_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with pytest.raises(SystemExit) as done:
        main(["--install-desktop-entry"])
    assert done.value.code == 0
    entry = tmp_path / "data" / "applications" / "editordesk.desktop"
    text = entry.read_text(encoding="utf-8")
    assert "Icon=editordesk" in text and "Name=EditorDesk" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %F") and "editordesk" in exec_line
    assert (tmp_path / "data/icons/hicolor/256x256/apps/editordesk.png").read_bytes()[:4] == (
        b"\x89PNG"
    )
    link = tmp_path / ".local" / "bin" / "editordesk"
    assert link.is_symlink()
    assert "in the desktop's menu" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # again: replaced, not refused
        main(["--install-desktop-entry"])


def test_the_readme_install_command_fetches_apt_lists_and_adds_the_entry() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```sh\n") + len("```sh\n")
    command = readme[start : readme.index("```", start)].strip()
    steps = [step.strip() for step in command.split("&&")]
    assert steps[0] == "apt-get update"
    assert steps[1].startswith("apt-get install -y")
    assert any(step.endswith("pip install .") for step in steps)
    assert steps[-2].endswith("bin/editordesk --install-desktop-entry")
    assert "from\nthe checkout" in readme or "from the checkout" in readme
