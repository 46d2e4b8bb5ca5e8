"""The export use case: each story through the format the registry names; a story whose
desk template fails is reported in a sentence and the batch goes on to its summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from editordesk.cli import main
from editordesk.errors import ValidationError
from editordesk.export import templating
from editordesk.model import StoryDraft
from editordesk.services.exporting import ExportOptions, Outcome, export_stories
from editordesk.services.stories import create_story
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation, resolve


@pytest.fixture
def sqlite_location(tmp_path: Path) -> StoreLocation:
    """The command line's store: a SQLite file named with --db."""
    return resolve(str(tmp_path / "cli.sqlite"))


# Fails only for the story whose headline says so: the others in the batch go out.
FAILS_FOR_BAD = (
    "<h1>{{ story.headline }}</h1>\n"
    "{% if 'Bad' in story.headline %}{{ story.word_count / 0 }}{% endif %}\n"
)


def _stories(store: Store, *headlines: str) -> list[int]:
    ids = []
    with store.write() as session:
        for headline in headlines:
            draft = StoryDraft(headline=headline, byline="A", body="Words here.")
            ids.append(create_story(session, draft, author="Test").id)
    return ids


def _desk(tmp_path: Path, text: str) -> Path:
    desk = tmp_path / "desk"
    desk.mkdir(exist_ok=True)
    (desk / "article.html").write_text(text, encoding="utf-8")
    return desk


def test_each_format_writes_its_file(store: Store, tmp_path: Path) -> None:
    [story] = _stories(store, "Quay reopens")
    out = tmp_path / "out"
    for fmt, path in (
        ("html", out / "quay-reopens.html"),
        ("docx", out / "quay-reopens.docx"),
        ("md", out / "quay-reopens" / "index.md"),
    ):
        [result] = export_stories(store, [story], fmt, out)
        assert (result.outcome, result.path) == (Outcome.EXPORTED, path)
    with pytest.raises(ValidationError, match="unknown export format 'pdf'; use one of html"):
        export_stories(store, [story], "pdf", out)


def test_a_template_error_fails_that_story_and_the_batch_goes_on(
    store: Store, tmp_path: Path
) -> None:
    ids = _stories(store, "Good one", "Bad one", "Good two")
    desk = _desk(tmp_path, FAILS_FOR_BAD)
    results = export_stories(store, ids, "html", tmp_path / "out", ExportOptions(template_dir=desk))
    assert [r.outcome for r in results] == [Outcome.EXPORTED, Outcome.FAILED, Outcome.EXPORTED]
    assert results[1].error == (
        f"template {desk / 'article.html'}:2: ZeroDivisionError: division by zero "
        "(an error in the template's own code; the story was not exported)"
    )
    assert (tmp_path / "out" / "good-two.html").read_text() == "<h1>Good two</h1>\n\n"


def test_a_runaway_template_is_stopped_once_and_the_rest_refused_at_once(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templating, "DESK_TEMPLATE_SECONDS", 0.3)
    ids = _stories(store, "One", "Two", "Three")
    desk = _desk(
        tmp_path, "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    )
    results = export_stories(store, ids, "html", tmp_path / "out", ExportOptions(template_dir=desk))
    assert [r.outcome for r in results] == [Outcome.FAILED] * 3
    assert {r.error for r in results} == {
        "a template ran for more than 0.3 seconds and was stopped; look for a {% for %} loop "
        "inside another (the templates run again once one of their files is saved)"
    }


@pytest.mark.parametrize(
    ("template", "says"),
    [
        (FAILS_FOR_BAD, "article.html:2: ZeroDivisionError: division by zero"),
        ("{{ '{0} {'.format(1) if 'Bad' in story.headline }}", "article.html:1: ValueError"),
        (
            "{% for i in range(1, 2, 0 if 'Bad' in story.headline else 1) %}{% endfor %}",
            "article.html:1: ValueError: range() arg 3 must not be zero",
        ),
        (
            "{{ story.headline|wordwrap(0 if 'Bad' in story.headline else 9) }}",
            "article.html:1: ValueError: invalid width 0",
        ),
        (
            "{{ (story.headline * 9000000 if 'Bad' in story.headline else '')|length }}",
            "a template tried something unsafe and was stopped",
        ),
    ],
)
def test_the_command_line_reports_the_story_and_gives_its_summary(
    sqlite_location: StoreLocation,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    template: str,
    says: str,
) -> None:
    with Store.open(sqlite_location) as store:
        _stories(store, "Good one", "Bad one", "Good two")
    desk = _desk(tmp_path, template)
    db = ["--db", str(sqlite_location.sqlite_path)]
    capsys.readouterr()
    code = main([*db, "export", "--all", "-o", str(tmp_path / "out"), "--template", str(desk)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    assert out.split() == [str(tmp_path / "out" / f"good-{n}.html") for n in ("one", "two")]
    [failed] = [line for line in err.splitlines() if line.startswith("editordesk: error:")]
    assert failed.startswith("editordesk: error: story 2: ")
    assert says in failed
    assert err.splitlines()[-1] == "editordesk: exported 2, skipped by preflight 0, failed 1"


def test_a_linked_template_outside_the_folder_fails_its_stories_by_name(
    sqlite_location: StoreLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(sqlite_location) as store:
        _stories(store, "One", "Two")
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "article.html").symlink_to("/proc/self/environ")
    db = ["--db", str(sqlite_location.sqlite_path)]
    capsys.readouterr()
    code = main([*db, "export", "--all", "-o", str(tmp_path / "out"), "--template", str(desk)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.count("leads outside the folder (to /proc/") == 2
    assert "exported 0, skipped by preflight 0, failed 2" in err
