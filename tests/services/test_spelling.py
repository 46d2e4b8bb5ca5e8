"""Spelling, house style and replace across stories, on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from editordesk.errors import ValidationError
from editordesk.model import StoryDraft
from editordesk.services import replace as rep
from editordesk.services import spelling, style
from editordesk.services import stories as svc
from editordesk.services.locks import take_lock
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation


def _create(store: Store, **fields: object) -> svc.StoryRecord:
    with store.write() as session:
        return svc.create_story(session, StoryDraft(**fields), author="Ann")  # type: ignore[arg-type]


def _words(store: Store, story_id: int | None, body: str) -> list[str]:
    with store.read() as session:
        checker = spelling.make_checker(spelling.load_setup(session, story_id))
    return [m.word for m in checker.check_text(body)]


def test_the_desk_dictionary_is_shared_by_two_windows_on_one_store(
    store: Store, store_location: StoreLocation
) -> None:
    story = _create(store, headline="Port", body="The Binchen ferry sails.")
    with Store.open(store_location) as other:  # a second window on the same store
        assert "Binchen" in _words(other, story.id, "The Binchen ferry sails.")
        with store.write() as session:
            spelling.add_desk_word(session, "Binchen", author="Ann")
            spelling.add_desk_word(session, "Binchen", author="Ann")  # twice: no harm
        assert _words(other, story.id, "The Binchen ferry sails.") == []


def test_an_english_story_does_not_flag_a_quoted_arabic_sentence(store: Store) -> None:
    # The trial: five "not in the dictionary" warnings for one Arabic sentence.
    story = _create(store, headline="Port", body="x")
    body = "The ferry sails.\n\nمرحبا بالعالم. هذا نص عربي\n\nThe quik ferry."
    assert _words(store, story.id, body) == ["quik"]
    assert _words(store, story.id, "The ferrبy sails.") == ["ferrبy"]  # stray letter: flagged


def test_my_dictionary_and_ignore_in_this_story(store: Store, tmp_path: Path) -> None:
    a = _create(store, headline="A", body="x")
    b = _create(store, headline="B", body="x")
    with store.write() as session:
        spelling.ignore_in_story(session, a.id, "Zorblat")
    assert _words(store, a.id, "Zorblat said.") == []
    assert _words(store, b.id, "Zorblat said.") == ["Zorblat"]
    spelling.add_my_word("Quixxle")
    assert spelling.my_dictionary_path().read_text(encoding="utf-8") == "Quixxle\n"
    assert _words(store, b.id, "Quixxle said.") == []
    with pytest.raises(ValidationError):
        spelling.add_my_word("two words")


def test_a_story_language_defaults_to_the_desk_and_a_missing_one_is_one_line(
    store: Store,
) -> None:
    story = _create(store, headline="Colour", body="The colour of the harbour.")
    with store.write() as session:
        assert spelling.story_language(session, story.id) == spelling.DEFAULT_LANGUAGE
        spelling.set_desk_language(session, "en_US")
    assert _words(store, story.id, "The colour of the harbour.") == ["colour", "harbour"]
    with store.write() as session:
        spelling.set_story_language(session, story.id, "en_GB")
    assert _words(store, story.id, "The colour of the harbour.") == []
    with store.write() as session:
        spelling.set_story_language(session, story.id, "xx_XX")
    with store.read() as session:
        findings = style.language_findings(session, story.id, story.draft())
    missing = [f for f in findings if f.field == "language"]
    assert len(missing) == 1
    assert "no dictionary for xx_XX" in missing[0].message
    assert "en_GB" in missing[0].message and "en_US" in missing[0].message
    assert missing[0].severity.value == "warning"


def test_never_flagged_addresses_handles_shortcodes_code_numbers(store: Store) -> None:
    body = (
        "See https://exmple.org/pth and wrte@exmple.org or @hndle, 42nd and 3.5%.\n"
        '{{< figure id="1" caption="Qwzx" >}} and `qwzx()` and NATO.\n'
        "```\nqwzx qwzx\n```\n"
        "But teh end."
    )
    assert _words(store, None, body) == ["teh"]


def test_house_style_is_kept_in_the_store_and_fires_with_fixes(store: Store) -> None:
    story = _create(
        store,
        headline="Councils utilise 3 percent of budget in a very long headline",
        body="They will utilise it, allegedly, in port ellan.",
    )
    with store.write() as session:
        guide = style.set_desk_style(
            session,
            "preferred:\n  utilise: use\n  percent: per cent\navoid:\n  allegedly: who says?\n"
            "numbers: words-to-nine\nnames: [Port Ellan]\nheadline_max: 30\n",
        )
        assert guide.headline_max == 30
        with pytest.raises(ValidationError, match="unknown setting 'colour'"):
            style.set_desk_style(session, "colour: red\n")
    with store.read() as session:
        found = [
            f
            for f in style.language_findings(session, story.id, story.draft(), spelling_on=False)
            if f.kind == "style"
        ]
    fixes = {(f.field, f.word): f.fix for f in found}
    assert fixes[("headline", "utilise")] == "use"
    assert fixes[("headline", "3")] == "three"
    assert fixes[("headline", "percent")] == "per cent"
    assert fixes[("body", "port ellan")] == "Port Ellan"
    assert fixes[("body", "allegedly")] is None
    assert any("limit is 30" in f.message for f in found)


def test_replace_across_stories_makes_one_revision_each_and_history_undoes_it(
    store: Store,
) -> None:
    a = _create(store, headline="Utilise", body="We utilise.\nThey utilise too.")
    b = _create(store, headline="Other", body="Nothing to see.")
    c = _create(store, headline="Locked", body="Locked utilise.")
    with store.write() as session:
        take_lock(session, c.id, holder="Bo", window="w-bo")
    spec = rep.FindSpec("utilise", "use", whole_words=True)
    with store.read() as session:
        plan = rep.plan_replace(session, [a.id, b.id, c.id], spec)
    assert [(ch.story_id, ch.field, ch.line, ch.before, ch.after) for ch in plan.changes] == [
        (a.id, "headline", None, "Utilise", "use"),
        (a.id, "body", 1, "We utilise.", "We use."),
        (a.id, "body", 2, "They utilise too.", "They use too."),
        (c.id, "body", 1, "Locked utilise.", "Locked use."),
    ]
    result = rep.apply_replace(store, plan, author="Ann", window="w-ann")
    assert result.changed == (a.id,)
    assert result.skipped == ((c.id, "being edited by Bo"),)
    with store.read() as session:
        assert svc.get_story(session, a.id).body == "We use.\nThey use too."
        history = svc.revisions(session, a.id)
        assert history[0].note == "Replaced “utilise” with “use” (3 times)"
        assert svc.get_story(session, c.id).body == "Locked utilise."
    with store.write() as session:
        record = svc.get_story(session, a.id)
        svc.restore_revision(
            session, a.id, history[1].number, base_version=record.version, author="Ann"
        )
    with store.read() as session:
        assert svc.get_story(session, a.id).body == "We utilise.\nThey utilise too."
    assert record.slug == a.slug


def test_replace_skips_a_story_saved_since_the_preview(store: Store) -> None:
    a = _create(store, headline="A", body="old words")
    with store.read() as session:
        plan = rep.plan_replace(session, [a.id], rep.FindSpec("old", "new"))
    with store.write() as session:
        svc.save_story(
            session,
            a.id,
            StoryDraft(headline="A", body="old words, edited"),
            base_version=a.version,
            author="Bo",
        )
    result = rep.apply_replace(store, plan, author="Ann")
    assert result.changed == ()
    assert result.skipped == ((a.id, "changed by someone else since the preview"),)


def test_a_bad_regular_expression_is_one_line() -> None:
    with pytest.raises(ValidationError, match="regular expression is not valid"):
        rep.FindSpec("(", regex=True).pattern()
