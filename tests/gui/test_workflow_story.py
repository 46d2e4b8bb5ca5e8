"""A story's slug and word count in the window, driven as an editor drives them: typing a
headline, typing a slug, saving, exporting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.document.words import body_words
from editordesk.gui.main_window import MainWindow
from editordesk.services import stories as svc
from editordesk.services.exporting import export_stories
from editordesk.services.stories import StoryDraft
from editordesk.store.db import Store

WAIT_MS = 5000


def _forget_unsaved(win: MainWindow) -> None:
    for editor in win.editors():
        editor.dirty = False


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    win = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60))
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _stored(store: Store, story_id: int) -> svc.StoryRecord:
    with store.read() as session:
        return svc.get_story(session, story_id)


def _save(qtbot: QtBot, window: MainWindow) -> svc.StoryRecord:
    editor = window.current_editor()
    assert editor is not None
    window.save_current()
    qtbot.waitUntil(lambda: not editor.dirty and editor.story_id is not None, timeout=WAIT_MS)
    return _stored(window.store, editor.story_id)  # type: ignore[arg-type]


def test_the_slug_follows_the_headline_until_typed(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    editor = window.new_story()
    slug = editor.slug_field
    assert slug.from_headline.isChecked()
    qtbot.keyClicks(editor.headline, "Storm closes harbour")
    assert slug.edit.text() == "storm-closes-harbour"
    record = _save(qtbot, window)
    assert record.slug == "storm-closes-harbour" and not record.slug_fixed

    editor.headline.selectAll()
    qtbot.keyClicks(editor.headline, "Storm shuts port")
    assert slug.edit.text() == "storm-shuts-port"
    record = _save(qtbot, window)
    assert record.slug == "storm-shuts-port"

    slug.edit.selectAll()
    qtbot.keyClicks(slug.edit, "harbour-storm")
    assert not slug.from_headline.isChecked()
    record = _save(qtbot, window)
    assert record.slug == "harbour-storm" and record.slug_fixed
    qtbot.keyClicks(editor.headline, " again")
    assert slug.edit.text() == "harbour-storm"  # typed: it stays


def test_a_slug_another_story_has_is_named_as_you_type(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    with store.write() as session:
        svc.create_story(session, StoryDraft(headline="Ferry cuts"), author="t")
    editor = window.new_story()
    slug = editor.slug_field
    qtbot.keyClicks(slug.edit, "ferry-cuts")
    qtbot.waitUntil(lambda: "Taken by “Ferry cuts”" in slug.note.text(), timeout=WAIT_MS)
    qtbot.keyClicks(slug.edit, "-2")
    qtbot.waitUntil(lambda: slug.note.isHidden(), timeout=WAIT_MS)
    slug.edit.selectAll()
    qtbot.keyClicks(slug.edit, "Bad Slug")
    qtbot.waitUntil(lambda: "lowercase" in slug.note.text(), timeout=WAIT_MS)
    editor.dirty = False


def test_an_exported_story_keeps_its_slug(
    qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path
) -> None:
    with store.write() as session:
        story = svc.create_story(session, StoryDraft(headline="Museum opens"), author="t")
    [result] = export_stories(store, [story.id], "md", tmp_path / "out")
    assert result.path == tmp_path / "out" / "museum-opens" / "index.md", result
    editor = window.open_story(story.id)
    assert editor is not None
    assert not editor.slug_field.from_headline.isChecked()
    editor.headline.selectAll()
    qtbot.keyClicks(editor.headline, "Museum opens its doors")
    assert editor.slug_field.edit.text() == "museum-opens"
    assert _save(qtbot, window).slug == "museum-opens"


def test_the_window_counts_words_as_the_list_does(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    body = (
        "The museum opened today.\n\n"
        '{{< figure src="a.jpg" caption="A caption here" >}}\n\n'
        "Visitors came early.\n"
    )
    with store.write() as session:
        story = svc.create_story(session, StoryDraft(headline="Museum", body=body), author="t")
    editor = window.open_story(story.id)
    assert editor is not None
    words = editor.stats()[0]
    assert words == body_words(body) == story.word_count == 7
    qtbot.waitUntil(lambda: window.counts.text().startswith("7 words"), timeout=WAIT_MS)


def test_the_preview_keeps_a_picture_s_aspect_ratio(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    from editordesk.services.images import add_image
    from tests.helpers import image_bytes

    with store.write() as session:
        image = add_image(session, store.media, image_bytes("PNG", (800, 500)), "wide.png")
        story = svc.create_story(
            session,
            StoryDraft(headline="Wide", body=f'Text.\n\n{{{{< figure image="{image.id}" >}}}}\n'),
            author="t",
        )
    editor = window.open_story(story.id)
    assert editor is not None
    editor.side.setVisible(True)
    editor.preview.resize(400, 600)
    with qtbot.waitSignal(editor.preview_updated, timeout=WAIT_MS):
        editor.schedule_preview()
    sizes = []
    block = editor.preview.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                sizes.append((fmt.toImageFormat().width(), fmt.toImageFormat().height()))
            it += 1
        block = block.next()
    assert sizes == [(800, 0)]  # no fixed height: Qt keeps the ratio as it narrows it
    assert 'height="500"' not in editor.preview.toHtml()


def test_open_in_browser_writes_the_real_page(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    from editordesk.gui.editor.browser_preview import write_page

    with store.write() as session:
        story = svc.create_story(
            session, StoryDraft(headline="Museum opens", body="> A quote.\n"), author="t"
        )
    page = write_page(store, story.draft(), story.id, story.slug, None)
    html = page.read_text(encoding="utf-8")
    assert page.name == "museum-opens.html"
    assert html.startswith("<!DOCTYPE html>") and "<blockquote>" in html
    assert "<style" in html  # the exported page's own styles, which a browser draws
