"""Import, export, import again gives the same story: checked over generated stories."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editordesk.document.shortcodes import format_shortcode
from editordesk.services.exporting import export_stories
from editordesk.services.importing import import_files
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.models import StoryStatus
from tests.helpers import write_image
from tests.services.test_importing import _comparable

line_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40)
block_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), whitelist_characters="\n"),
    min_size=1,
    max_size=200,
).filter(lambda t: "{{" not in t and t.strip())

figure = st.fixed_dictionaries(
    {
        "src": st.sampled_from(["a.jpg", "b.png", "pics/c.gif"]),
        "alt": line_text,
        "caption": block_text | st.just(""),
        "attr": line_text,
        "licence": line_text,
    }
).map(lambda p: format_shortcode("figure", [(k, v) for k, v in p.items() if v or k == "src"]))

tweet = st.builds(
    lambda user, sid, text, name, paired: (
        f'{{{{< tweet user="{user}" id="{sid}" >}}}}{text}{{{{< /tweet >}}}}'
        if paired and "{{" not in text
        else format_shortcode("x", [("user", user), ("id", sid), ("text", text), ("name", name)])
    ),
    st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
    st.integers(1, 10**19).map(str),
    line_text,
    line_text,
    st.booleans(),
)

related = st.fixed_dictionaries(
    {
        "title": line_text.filter(str.strip),
        "url": st.from_regex(
            r"https://example\.org/[a-z0-9/-]{0,20}(\?q=[a-z]{1,5})?", fullmatch=True
        ),
    },
    optional={
        "date": st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)).map(dt.date.isoformat),
        "section": line_text,
        "excerpt": line_text,
    },
)

front = st.fixed_dictionaries(
    {"title": line_text, "status": st.sampled_from([s.value for s in StoryStatus])},
    optional={
        "description": block_text,
        "author": line_text,
        "dateline": line_text,
        "section": line_text,
        "tags": st.lists(line_text, max_size=5),
        "slug": st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}", fullmatch=True),
        "date": st.datetimes(
            dt.datetime(1990, 1, 1), dt.datetime(2040, 1, 1), timezones=st.just(dt.UTC)
        ).map(lambda d: d.isoformat()),
        "related": st.lists(related, max_size=4),
    },
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front, st.lists(block_text | figure | tweet, max_size=8))
def test_any_story_survives_import_export_import(meta: dict, blocks: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = root / "in"
        write_image(src / "a.jpg", color=(10, 20, 30))
        write_image(src / "b.png", color=(40, 50, 60))
        write_image(src / "pics" / "c.gif", color=(70, 80, 90))
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n"
        (src / "story.md").write_text(text + "\n\n".join(blocks) + "\n", encoding="utf-8")
        with (
            Store.open(resolve(str(root / "a.sqlite"))) as first,
            Store.open(resolve(str(root / "b.sqlite"))) as second,
        ):
            [one] = import_files(first, [src / "story.md"], author="t")
            assert one.story is not None, one.error
            [out] = export_stories(first, [one.story.id], "md", root / "out")
            assert out.path is not None, out.error
            [two] = import_files(second, [out.path], author="t")
            assert two.story is not None, two.error
            assert _comparable(first, one.story.id) == _comparable(second, two.story.id)
            assert one.story.body.count("{{<") == two.story.body.count("{{<")
            [again] = export_stories(second, [two.story.id], "md", root / "again")
            assert again.path is not None
            assert again.path.read_text(encoding="utf-8") == out.path.read_text(encoding="utf-8")


def test_line_breaks_yaml_folds_survive_the_front_matter(tmp_path: Path) -> None:
    """Found by the property tests: a standfirst holding NEL (U+0085) came back with a space
    in its place, because PyYAML wrote it raw in a single-quoted scalar."""
    from editordesk.services.stories import StoryDraft, create_story, get_story

    with (
        Store.open(resolve(str(tmp_path / "a.sqlite"))) as first,
        Store.open(resolve(str(tmp_path / "b.sqlite"))) as second,
    ):
        with first.write() as session:
            story = create_story(
                session,
                StoryDraft(
                    headline="Ferry",
                    standfirst="Delayed\x85again",
                    byline="A\u2028B",
                    dateline="PORT\u2029ELLAN",
                ),
                author="t",
            )
        [out] = export_stories(first, [story.id], "md", tmp_path / "out")
        assert out.path is not None
        [back] = import_files(second, [out.path], author="t")
        assert back.story is not None, back.error
        with second.read() as session:
            again = get_story(session, back.story.id)
        assert (again.standfirst, again.byline, again.dateline) == (
            "Delayed\x85again",
            "A\u2028B",
            "PORT\u2029ELLAN",
        )
