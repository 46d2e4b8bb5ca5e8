from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editordesk.errors import InputError
from editordesk.interchange.markdown import (
    FigureSource,
    TweetSource,
    image_file_names,
    read_markdown,
)
from editordesk.store.models import StoryStatus
from tests.helpers import write_harbour, write_image


def test_front_matter_becomes_the_story_fields(tmp_path: Path) -> None:
    story = read_markdown(write_harbour(tmp_path))
    d = story.draft
    assert d.headline == "Harbour wall gives way after week of storms"
    assert d.standfirst.startswith("Engineers say")
    assert (d.byline, d.dateline, d.section, d.slug) == (
        "Mara Quinn",
        "PORT ELLAN",
        "Local",
        "harbour-wall-gives-way",
    )
    assert d.tags == ("weather", "harbour", "infrastructure")
    assert d.status is StoryStatus.EDITING
    assert d.publish_time == dt.datetime(2026, 11, 20, 7, 45, tzinfo=dt.UTC)
    assert [r.url for r in d.related] == [
        "https://example.org/news/storm-warnings",
        "https://example.org/opinion/letters-sea-wall?page=2",
    ]
    assert d.related[0].date == dt.date(2026, 11, 14)
    assert d.related[0].excerpt == "Forecasters expect three more surges before the weekend."


def test_figures_and_tweets_are_found_with_their_fields(tmp_path: Path) -> None:
    story = read_markdown(write_harbour(tmp_path))
    [figure] = story.figures
    assert isinstance(figure, FigureSource)
    assert figure.fields.caption == 'The breach at low tide, "Friday" morning.'
    assert figure.fields.credit == "Photo: J. Doyle / Ellan Courier"
    assert figure.fields.alt_text == "A gap in the harbour wall"
    assert figure.path == (tmp_path / "harbour.jpg").resolve()
    [tweet] = story.tweets
    assert isinstance(tweet, TweetSource)
    assert (tweet.ref.handle, tweet.ref.status_id) == ("EllanCoastguard", "1727344556789012345")
    assert tweet.text == "Crews are at the north pier. Please keep away from the harbour."


@pytest.mark.parametrize("name", ["x", "tweet", "twitter"])
def test_every_tweet_shortcode_name_is_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / "t.md"
    path.write_text(
        f'---\ntitle: T\n---\n{{{{< {name} user="jack" id="20" name="Jack" date="2006-03-21" '
        f'text="just setting up" lang="en" >}}}}\n'
    )
    [tweet] = read_markdown(path).tweets
    assert (tweet.display_name, tweet.text, tweet.posted, tweet.language) == (
        "Jack",
        "just setting up",
        dt.date(2006, 3, 21),
        "en",
    )


def test_a_plain_markdown_file_takes_its_first_heading_as_headline(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Quay reopens\n\nBoats are back.\n")
    story = read_markdown(path)
    assert story.draft.headline == "Quay reopens"
    assert "".join(p for p in story.parts if isinstance(p, str)).strip() == "Boats are back."


def test_image_file_names_are_safe_and_distinct(tmp_path: Path) -> None:
    from editordesk.model import ImageFields, ImageRecord

    now = dt.datetime.now(dt.UTC)

    def rec(i: int, name: str, path: str) -> ImageRecord:
        return ImageRecord(i, "h", path, name, "image/jpeg", 1, 1, 1, ImageFields(), now, now)

    names = image_file_names(
        [
            rec(1, "Harbour Wall.JPG", "aa/x.jpg"),
            rec(2, "harbour wall.jpg", "bb/y.jpg"),
            rec(3, "../../etc/passwd", "cc/z.png"),
            rec(4, "", "dd/w.webp"),
        ]
    )
    assert names == {
        1: "Harbour-Wall.jpg",
        2: "harbour-wall-2.jpg",
        3: "passwd.png",
        4: "image-4.webp",
    }


BAD = [
    ("---\ntitle: [unclosed\n---\nBody\n", "not valid YAML", 2),
    ("---\ntitle: T\nstatus: archived\n---\n", "unknown status 'archived'", 3),
    ("---\ntitle: T\n", "never closed", 1),
    ("+++\ntitle = 'T'\n+++\n", "TOML", 1),
    ("---\n- a list\n---\n", "key: value", 2),
    ("---\ntitle: T\ndate: next tuesday\n---\n", "ISO 8601", 3),
    ("---\ntitle: T\nslug: Not A Slug\n---\n", "slug 'Not A Slug'", 3),
    ("---\ntitle: T\ntags: {a: 1}\n---\n", "list of words", 3),
    ("---\ntitle: T\nrelated:\n  - title: A\n    url: javascript:alert(1)\n---\n", "http", 4),
    (
        "---\ntitle: T\nrelated:\n  - title: ok\n    url: https://x.org\n  - title: B\n---\n",
        "no url",
        6,
    ),
    ("---\ntitle: T\nrelated: just text\n---\n", "list of links", 3),
    ('---\ntitle: T\n---\n\nText\n{{< figure src="missing.jpg" >}}\n', "missing", 6),
    ('---\ntitle: T\n---\n{{< figure src="../outside.jpg" >}}\n', "outside the story's folder", 4),
    ('---\ntitle: T\n---\n{{< figure src="/etc/hosts" >}}\n', "outside the story's folder", 4),
    ('---\ntitle: T\n---\n{{< figure src="https://x.org/a.jpg" >}}\n', "does not fetch", 4),
    ('---\ntitle: T\n---\n{{< figure alt="x" >}}\n', "no src", 4),
    ('---\ntitle: T\n---\n{{< figure src="fake.jpg" >}}\n', "not an image", 4),
    (
        '---\ntitle: T\n---\n\n\n{{< x user="jack" id="12ab" >}}\n',
        "tweet id '12ab' is not a number",
        6,
    ),
    ("---\ntitle: T\n---\n{{< tweet 1234 >}}\n", "needs user=", 4),
    ('---\ntitle: T\n---\n{{< x user="bad handle" id="1" >}}\n', "not a Twitter handle", 4),
    ('---\ntitle: T\n---\nText {{< figure src="a.jpg"\n\nmore\n', "not closed", 4),
]


@pytest.mark.parametrize(("text", "message", "line"), BAD, ids=[b[1] for b in BAD])
def test_bad_files_name_the_file_the_line_and_the_problem(
    tmp_path: Path, text: str, message: str, line: int
) -> None:
    story_dir = tmp_path / "story"
    story_dir.mkdir()
    write_image(tmp_path / "outside.jpg")
    (story_dir / "fake.jpg").write_text("<html>not a photo</html>")
    path = story_dir / "bad.md"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_markdown(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_non_utf8_text_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1.md:2: is not UTF-8"):
        read_markdown(path)


def test_a_symlinked_figure_leading_outside_is_refused(tmp_path: Path) -> None:
    story_dir = tmp_path / "story"
    story_dir.mkdir()
    write_image(tmp_path / "secret.jpg")
    (story_dir / "pic.jpg").symlink_to(tmp_path / "secret.jpg")
    path = story_dir / "s.md"
    path.write_text('---\ntitle: T\n---\n{{< figure src="pic.jpg" >}}\n')
    with pytest.raises(InputError, match="outside the story's folder"):
        read_markdown(path)
