"""A story's language on the way out: the page's lang and dir, Word's bidi and language, dates
written as the language writes them, and the language kept in the .md front matter."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from editordesk.errors import InputError
from editordesk.export.registry import ExportOptions, get_format
from editordesk.interchange.markdown import parse_markdown
from editordesk.services.exporting import load_bundle
from editordesk.services.importing import import_files
from editordesk.services.preview import preview_html
from editordesk.store.db import Store
from editordesk.text import language_tag, long_date, text_direction

# Our own words: a harbour museum, with an English name (Port Ellan) inside the Arabic.
ARABIC_STORY = """---
title: متحف الميناء يفتح أبوابه من جديد
author: ليلى حداد
date: 2026-11-24T09:30:00Z
language: ar
related:
- title: ما بعد الترميم
  url: https://example.org/after
  date: 2026-11-20
---

افتتح متحف Port Ellan البحري قاعاته بعد عامين من الترميم.

يعرض المتحف سفناً خشبية وخرائط قديمة للميناء.

| الاسم | السنة |
|---|---|
| Mary Ellen | 1911 |
"""

GERMAN_STORY = """---
title: Das Hafenmuseum öffnet wieder
date: 2026-11-24T09:30:00Z
language: de
---

Das Museum in Port Ellan zeigt "alte Karten" des Hafens.
"""


def _import(store: Store, folder: Path, text: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "story.md"
    path.write_text(text, encoding="utf-8")
    [result] = import_files(store, [path], author="Ana Ruiz")
    assert result.story is not None, result.error
    return result.story.id


def _export(store: Store, story_id: int, fmt: str, target: Path, **options: object) -> Path:
    with store.read() as session:
        bundle = load_bundle(session, story_id)
    return get_format(fmt).write(bundle, store.media, target, ExportOptions(**options))  # type: ignore[arg-type]


def test_direction_comes_from_the_language_or_its_script() -> None:
    for tag in ("ar", "he", "fa-IR", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "az-Arab"):
        assert text_direction(tag) == "rtl", tag
    for tag in ("", "en", "en-GB", "de", "ku-Latn", "zh-Hant-TW", "tr", "nonsense!"):
        assert text_direction(tag) == "ltr", tag
    assert language_tag("en_GB") == "en-GB"
    assert language_tag("") == "en"


def test_long_dates_follow_the_language() -> None:
    day = dt.date(2026, 11, 24)
    assert long_date(day) == "24 November 2026"
    assert long_date(day, "en") == "24 November 2026"
    assert long_date(day, "de") == "24. November 2026"
    assert long_date(day, "es") == "24 de noviembre de 2026"
    assert long_date(day, "ar") == "24 نوفمبر 2026"
    assert long_date(day, "tlh") == "24 November 2026"  # unknown to Babel: English


def test_an_arabic_story_page_is_right_to_left(store: Store, tmp_path: Path) -> None:
    story_id = _import(store, tmp_path / "in", ARABIC_STORY)
    page = _export(store, story_id, "html", tmp_path / "out" / "page.html").read_text("utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert "24 نوفمبر 2026" in page  # the publish date and the related link's, in Arabic
    assert "20 نوفمبر 2026" in page
    fragment = _export(
        store, story_id, "html", tmp_path / "out" / "fragment.html", fragment=True
    ).read_text("utf-8")
    assert '<div class="story-body" lang="ar" dir="rtl">' in fragment


def test_the_preview_follows_the_story_language(store: Store, tmp_path: Path) -> None:
    story_id = _import(store, tmp_path / "in", ARABIC_STORY)
    with store.read() as session:
        draft = load_bundle(session, story_id).story.draft()
    assert 'lang="ar" dir="rtl"' in preview_html(store, draft, story_id=story_id)
    assert 'lang="en" dir="ltr"' in preview_html(store, draft)  # not stored yet: the desk's


def test_a_story_without_a_language_takes_the_one_asked_for(store: Store, tmp_path: Path) -> None:
    story_id = _import(store, tmp_path / "in", GERMAN_STORY.replace("language: de\n", ""))
    page = _export(store, story_id, "html", tmp_path / "a.html").read_text("utf-8")
    assert '<html lang="en" dir="ltr">' in page
    page = _export(store, story_id, "html", tmp_path / "b.html", lang="he").read_text("utf-8")
    assert '<html lang="he" dir="rtl">' in page


def test_a_german_story_has_german_dates_and_quotes(store: Store, tmp_path: Path) -> None:
    story_id = _import(store, tmp_path / "in", GERMAN_STORY)
    page = _export(store, story_id, "html", tmp_path / "page.html").read_text("utf-8")
    assert '<html lang="de" dir="ltr">' in page
    assert "24. November 2026" in page
    assert "\u201ealte Karten\u201c" in page
    document = docx.Document(str(_export(store, story_id, "docx", tmp_path / "s.docx")))
    assert any("24. November 2026" in p.text for p in document.paragraphs)
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "de"
    assert not document.element.body.findall(".//" + qn("w:bidi"))


def test_an_arabic_word_file_runs_right_to_left(store: Store, tmp_path: Path) -> None:
    story_id = _import(store, tmp_path / "in", ARABIC_STORY)
    path = _export(store, story_id, "docx", tmp_path / "story.docx")
    document = docx.Document(str(path))
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:bidi")) == "ar"
    body = document.element.body
    paragraphs = body.findall(".//" + qn("w:p"))
    assert paragraphs and all(
        p.find(qn("w:pPr") + "/" + qn("w:bidi")) is not None for p in paragraphs
    )
    for run in body.iter(qn("w:r")):
        words = "".join(t.text or "" for t in run.iter(qn("w:t")))
        rtl = run.find(qn("w:rPr") + "/" + qn("w:rtl")) is not None
        assert rtl == bool(re.search("[\u0600-\u06ff]", words)), words
    assert body.find(".//" + qn("w:tblPr") + "/" + qn("w:bidiVisual")) is not None
    assert any("24 نوفمبر 2026" in p.text for p in document.paragraphs)
    # The package still opens as Word's: every w:bidi sits where the schema puts it.
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "<w:bidi/>" in xml and "<w:rtl/>" in xml


def test_the_language_goes_round_the_front_matter(store: Store, tmp_path: Path) -> None:
    story_id = _import(store, tmp_path / "in", ARABIC_STORY)
    text = _export(store, story_id, "md", tmp_path / "out" / "story.md").read_text("utf-8")
    assert "\nlanguage: ar\n" in text
    again = parse_markdown(text, tmp_path)
    assert again.language == "ar"
    assert parse_markdown("---\ntitle: x\nlanguage: en-GB\n---\n", tmp_path).language == "en-GB"


def test_a_language_that_is_no_tag_is_named_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="language 'Arabic please' is not a language tag") as err:
        parse_markdown("---\ntitle: x\nlanguage: Arabic please\n---\n", tmp_path)
    assert err.value.line == 3
