"""Word export: the golden story against its reference dump, read back by python-docx and by
LibreOffice; lists, pictures and links; hostile input; reference documents; atomic writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.text.hyperlink import Hyperlink
from lxml import etree

from editordesk.assets import resource
from editordesk.document import nodes as n
from editordesk.document.parse import build_article
from editordesk.errors import EditorDeskError, ValidationError
from editordesk.export.credit import credit_line
from editordesk.export.docx import render_docx, write_docx
from editordesk.media.folder import MediaFolder
from editordesk.media.tweets import TweetRef
from editordesk.model import ImageRecord, StoryRecord, TweetRecord
from editordesk.services.exporting import load_bundle
from editordesk.services.images import ImageFields, add_image
from editordesk.services.stories import RelatedRecord, StoryDraft, create_story
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store
from editordesk.store.models import StoryStatus
from tests.export.conftest import REFERENCE
from tests.helpers import image_bytes

GOLDEN_DOCX = REFERENCE / "ferry-timetable-cut" / "docx.json"  # also test_golden.py's
ROOT = Path(__file__).resolve().parents[2]
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
DESK_STYLES = {
    WD_STYLE_TYPE.PARAGRAPH: [
        "Title",
        "Subtitle",
        "Byline",
        "Dateline",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Body Text",
        "Quote",
        "Caption",
        "Credit",
        "Figure",
        "Source Code",
        "List Bullet",
        "List Bullet 2",
        "List Number",
        "List Number 2",
    ],
    WD_STYLE_TYPE.CHARACTER: ["Hyperlink", "Verbatim Char"],
}


# ---------------------------------------------------------------- reading a .docx back


def _open(data: bytes | Path) -> Document:
    return docx.Document(io.BytesIO(data) if isinstance(data, bytes) else str(data))


def _run(run: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"text": run.text}
    if run.bold:
        out["bold"] = True
    if run.italic:
        out["italic"] = True
    if run.font.strike:
        out["strike"] = True
    if run._r.style is not None:
        out["style"] = run.style.name
    note = run._r.find(qn("w:footnoteReference"))
    if note is not None:
        out["footnote"] = int(note.get(qn("w:id")))
    return out


def _tables(document: Document) -> list[dict[str, Any]]:
    """Each table: its style, whether its header row repeats, each row's cells' text and
    each column's alignment."""
    tables = []
    for table in document.tables:
        first = table.rows[0]
        tables.append(
            {
                "style": table.style.name if table.style is not None else None,
                "header_repeats": bool(first._tr.xpath("./w:trPr/w:tblHeader")),
                "align": [
                    str(c.paragraphs[0].alignment).split(".")[-1].split(" ")[0].lower()
                    if c.paragraphs[0].alignment is not None
                    else None
                    for c in first.cells
                ],
                "rows": [[c.text for c in row.cells] for row in table.rows],
            }
        )
    return tables


W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def _footnotes(document: Document) -> list[dict[str, Any]]:
    """The footnotes part's notes (not the separators): id, and each paragraph's style and
    text."""
    for rel in document.part.rels.values():
        if rel.reltype != RT.FOOTNOTES:
            continue
        root = etree.fromstring(rel.target_part.blob)
        notes = []
        for note in root.iterchildren(qn("w:footnote")):
            if note.get(qn("w:type")):
                continue
            notes.append(
                {
                    "id": int(note.get(qn("w:id"))),
                    "paragraphs": [
                        {
                            "style": (p.xpath("./w:pPr/w:pStyle/@w:val", namespaces=W) or [None])[
                                0
                            ],
                            "text": "".join(p.xpath(".//w:t/text()", namespaces=W)),
                        }
                        for p in note.iterchildren(qn("w:p"))
                    ],
                }
            )
        return notes
    return []


def _custom_properties(document: Document) -> dict[str, str]:
    for rel in document.part.package.rels.values():
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            root = etree.fromstring(rel.target_part.blob)
            return {p.get("name"): "".join(p.itertext()) for p in root}
    return {}


def _start(document: Document, num_id: int, level: int) -> int | None:
    num = document.part.numbering_part.element.num_having_numId(num_id)
    found = num.xpath(f"./w:lvlOverride[@w:ilvl='{level}']/w:startOverride/@w:val")
    return int(found[0]) if found else None


def dump(document: Document, library: dict[str, str] | None = None) -> dict[str, Any]:
    """A .docx reduced to what a reader and an office's styles see, as JSON: per paragraph
    its style, text, runs, links, pictures and list numbering; the page; the core properties
    (but not the save time). `library` maps an image's sha256 to its file name, so the dump
    does not change when an image encoder does."""
    library = library or {}
    lists: dict[int, int] = {}  # numbering instance -> 1, 2, ... in order of appearance
    paragraphs = []
    for paragraph in document.paragraphs:
        entry: dict[str, Any] = {"style": paragraph.style.name, "text": paragraph.text}
        runs, links = [], []
        for item in paragraph.iter_inner_content():
            if isinstance(item, Hyperlink):
                link = {"url": item.url, "text": item.text}
                tooltip = item._hyperlink.get(qn("w:tooltip"))
                if tooltip:
                    link["tooltip"] = tooltip
                links.append(link)
                runs += [{**_run(r), "link": item.url} for r in item.runs]
            elif item.text or item._r.find(qn("w:footnoteReference")) is not None:
                runs.append(_run(item))
        if runs:
            entry["runs"] = runs
        if links:
            entry["links"] = links
        pictures = []
        for inline in paragraph._p.xpath(".//wp:inline"):
            [r_id] = inline.xpath(".//a:blip/@r:embed")
            part = document.part.related_parts[r_id]
            sha = hashlib.sha256(part.blob).hexdigest()
            pictures.append(
                {
                    "alt": inline.docPr.get("descr"),
                    "pixels": [part.image.px_width, part.image.px_height],
                    "extent_emu": [inline.extent.cx, inline.extent.cy],
                    "content_type": part.content_type,
                    "sha256": f"<sha256 of {library[sha]}>" if sha in library else sha,
                }
            )
        if pictures:
            entry["pictures"] = pictures
        p_pr = paragraph._p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        if num_pr is not None and num_pr.numId is not None:
            num_id, level = num_pr.numId.val, num_pr.ilvl.val if num_pr.ilvl is not None else 0
            lists.setdefault(num_id, len(lists) + 1)
            entry["list"] = {
                "instance": lists[num_id],
                "level": level,
                "start": _start(document, num_id, level),
            }
        if paragraph._p.xpath("./w:pPr/w:pBdr/w:bottom"):
            entry["border"] = "bottom"
        bookmarks = paragraph._p.xpath("./w:bookmarkStart/@w:name")
        if bookmarks:
            entry["bookmarks"] = [str(b) for b in bookmarks]
        anchors = paragraph._p.xpath("./w:hyperlink/@w:anchor")
        if anchors:
            entry["jumps_to"] = [str(a) for a in anchors]
        paragraphs.append(entry)
    section = document.sections[-1]
    props = document.core_properties
    return {
        "page": {
            "width_cm": round(Emu(section.page_width).cm, 2),
            "height_cm": round(Emu(section.page_height).cm, 2),
            "text_width_emu": section.page_width - section.left_margin - section.right_margin,
        },
        "properties": {
            "title": props.title,
            "subject": props.subject,
            "author": props.author,
            "last_modified_by": props.last_modified_by,
            "keywords": props.keywords,
            "comments": props.comments,
            "category": props.category,
            "identifier": props.identifier,
            "content_status": props.content_status,
            "revision": props.revision,
            "created": props.created.isoformat() if props.created else None,
        },
        "custom_properties": _custom_properties(document),
        "paragraphs": paragraphs,
        **({"tables": tables} if (tables := _tables(document)) else {}),
        **({"footnotes": notes} if (notes := _footnotes(document)) else {}),
    }


def _library(article: n.Article) -> dict[str, str]:
    return {image.sha256: image.original_name for image in article.images.values()}


def _hyperlink_targets(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    return [rel.get("Target") for rel in rels if rel.get("Type", "").endswith("/hyperlink")]


# ---------------------------------------------------------------- building articles by hand

MOMENT = dt.datetime(2026, 11, 24, 6, 30, tzinfo=dt.UTC)


def _story(**fields: Any) -> StoryRecord:
    values: dict[str, Any] = {
        "id": 7,
        "version": 3,
        "slug": "test-story",
        "headline": "Test headline",
        "standfirst": "",
        "byline": "",
        "dateline": "",
        "section": "",
        "tags": (),
        "status": StoryStatus.DRAFT,
        "body": "",
        "publish_time": None,
        "created": MOMENT,
        "updated": MOMENT + dt.timedelta(days=1),
        "word_count": 0,
    }
    values.update(fields)
    return StoryRecord(**values)


def _article(
    body: str,
    images: dict[int, ImageRecord] | None = None,
    tweets: dict[str, TweetRecord] | None = None,
    **fields: Any,
) -> n.Article:
    return build_article(_story(body=body, **fields), images or {}, tweets or {})


def _image(
    media: MediaFolder, image_id: int, size: tuple[int, int], fmt: str = "PNG", **fields: str
) -> ImageRecord:
    data = image_bytes(fmt, size=size, color=(image_id * 40 % 255, 90, 120))
    sha = hashlib.sha256(data).hexdigest()
    extension = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp", "GIF": ".gif"}[fmt]
    relative, _ = media.put(data, sha, extension)
    return ImageRecord(
        id=image_id,
        sha256=sha,
        path=relative,
        original_name=f"picture-{image_id}{extension}",
        mime_type=f"image/{'jpeg' if fmt == 'JPEG' else fmt.lower()}",
        byte_size=len(data),
        width=size[0],
        height=size[1],
        fields=ImageFields(**fields),
        imported=MOMENT,
        updated=MOMENT,
    )


# ---------------------------------------------------------------- the golden story


def test_golden_story(golden_article: n.Article, store: Store, tmp_path: Path) -> None:
    target = write_docx(golden_article, store.media, tmp_path / "out" / "ferry.docx")
    got = dump(_open(target), _library(golden_article))
    if os.environ.get("EDITORDESK_REGENERATE_GOLDEN"):
        GOLDEN_DOCX.write_text(
            json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    assert got == json.loads(GOLDEN_DOCX.read_text(encoding="utf-8"))


def test_python_docx_reads_back_styles_links_and_pictures(
    golden_article: n.Article, store: Store
) -> None:
    data = render_docx(golden_article, store.media)
    document = _open(data)
    styles = [p.style.name for p in document.paragraphs]
    assert styles[:4] == ["Title", "Subtitle", "Byline", "Dateline"]
    assert document.paragraphs[2].text == "By Ana Ruiz"
    assert document.paragraphs[3].text == "KILMORE · 24 November 2026"
    for wanted in ("Body Text", "Heading 2", "Quote", "Figure", "Caption", "Credit"):
        assert wanted in styles
    assert styles.count("List Number") == 3 and styles.count("List Bullet") == 3
    assert styles.count("Related Link") == 3  # the related links, a style of their own

    defined = {(s.type, s.name) for s in document.styles}
    for kind, names in DESK_STYLES.items():
        assert {(kind, name) for name in names} <= defined

    links = [
        (link.text, link.url)
        for p in document.paragraphs
        for link in p.iter_inner_content()
        if isinstance(link, Hyperlink)
    ]
    assert links == [
        ("operator's notice", "https://example.org/ferry/notice"),
        ("24 November 2026", "https://twitter.com/SKerrInverbeg/status/1860000000000000001"),
        ("Crew shortage hits island routes", "https://example.org/transport/crew-shortage"),
        ("Letters: the ferry is our road", "https://example.org/opinion/ferry-letters"),
        ("Fuel duty review promised by spring", "https://example.org/politics/fuel-duty-review"),
    ]
    link_runs = [
        r for p in document.paragraphs for h in p.hyperlinks for r in h.runs
    ]  # every run of every link is in the Hyperlink character style
    assert link_runs and {r.style.name for r in link_runs} == {"Hyperlink"}

    shapes = document.inline_shapes
    assert len(shapes) == 2
    alts = [s._inline.docPr.get("descr") for s in shapes]
    assert alts == [
        "The ferry tied up at Kilmore pier in rain",
        "A printed timetable with three sailings crossed out",
    ]
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert [s.width for s in shapes] == [text_width, text_width]  # both wider than the text
    assert shapes[0].height == round(text_width * 1000 / 1600)
    embedded = {
        hashlib.sha256(part.blob).hexdigest()
        for part in document.part.package.iter_parts()
        if part.partname.startswith("/word/media/")
    }
    assert embedded == {image.sha256 for image in golden_article.images.values()}

    code = next(r for p in document.paragraphs for r in p.runs if r.text == "17:00")
    assert code.style.name == "Verbatim Char"
    last = next(p for p in document.paragraphs if p.text.startswith("The operator's chief"))
    assert '"as soon as crew can be found".\nTalks with the union' in last.text  # <br>

    props = document.core_properties
    assert props.title == golden_article.story.headline
    assert props.author == "Ana Ruiz"
    assert props.created == MOMENT
    assert props.keywords == "ferry, islands, transport"
    assert props.subject == "Transport"
    assert props.comments == golden_article.story.standfirst


# ---------------------------------------------------------------- LibreOffice


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    return found


def _libreoffice_text(documents: list[Path], tmp_path: Path) -> dict[str, str]:
    """Each document as LibreOffice reads it, converted to plain text, by stem. A private
    profile lets parallel runs (and a desktop LibreOffice) coexist."""
    out = tmp_path / "lo-out"
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(out),
            *map(str, documents),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    texts = {}
    for document in documents:
        converted = out / f"{document.stem}.txt"
        assert converted.is_file(), f"LibreOffice did not convert {document.name}: {result}"
        texts[document.stem] = converted.read_text(encoding="utf-8-sig")
    return texts


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
def test_libreoffice_reads_every_paragraph_and_real_numbering(
    golden_article: n.Article, store: Store, tmp_path: Path
) -> None:
    golden = write_docx(golden_article, store.media, tmp_path / "golden.docx")
    lists = write_docx(
        _article("1. one\n2. two\n\nBetween.\n\n4. four\n5. five\n\n- a\n\n  1. inner"),
        MediaFolder(tmp_path / "media"),
        tmp_path / "lists.docx",
    )
    texts = _libreoffice_text([golden, lists], tmp_path)

    story = golden_article.story
    expected = [story.headline, story.standfirst]
    for block in n.walk(golden_article.body.children):
        if isinstance(block, n.Paragraph | n.Heading):
            expected.append(n.inlines_text(block.children))
        elif isinstance(block, n.Figure) and block.image is not None:
            fields = block.image.fields
            expected += [fields.caption, f"Credit: {credit_line(fields.credit, fields.creator)}"]
        elif isinstance(block, n.Tweet) and block.tweet is not None:
            expected.append(block.tweet.text)
    expected += [link.title for link in golden_article.related]
    seen = _words(texts["golden"])
    missing = [para for para in expected if _words(para) not in seen]
    assert missing == []
    assert "1. the 09:30 from Kilmore" in texts["golden"]

    lines = [line.strip() for line in texts["lists"].splitlines()]
    # the second list starts at its own 4, not at 3 carrying on from the first
    for label in ("1. one", "2. two", "4. four", "5. five", "1. inner"):
        assert label in lines


# ---------------------------------------------------------------- lists, blocks and inlines


def test_lists_restart_nest_and_take_level_styles(tmp_path: Path) -> None:
    article = _article(
        "1. first\n2. second\n\nBetween.\n\n3. third\n4. fourth\n\n"
        "- outer\n  1. nested one\n  2. nested two\n\n  more of outer\n- outer again\n"
        "  - deep\n    - deeper\n      - deepest"
    )
    paragraphs = dump(_open(render_docx(article, MediaFolder(tmp_path))))["paragraphs"]
    by_text = {p["text"]: p for p in paragraphs}
    first, second = by_text["first"]["list"], by_text["third"]["list"]
    assert first["start"] == 1 and second["start"] == 3
    assert first["instance"] != second["instance"]
    assert by_text["second"]["list"] == first and by_text["fourth"]["list"] == second
    assert by_text["outer"]["style"] == "List Bullet" and "list" not in by_text["outer"]
    nested = by_text["nested one"]
    assert nested["style"] == "List Number 2" and nested["list"]["start"] == 1
    assert nested["list"]["instance"] not in (first["instance"], second["instance"])
    assert by_text["more of outer"]["style"] == "List Continue"
    assert by_text["deep"]["style"] == "List Bullet 2"
    assert by_text["deeper"]["style"] == "List Bullet 3"
    assert by_text["deepest"]["style"] == "List Bullet 3"  # no level 4: the deepest style


def test_blocks_and_inlines(tmp_path: Path) -> None:
    body = (
        "#### Small heading\n\n"
        "Some *italic **bold italic*** and `code` with a [mail](mailto:desk@example.org), a "
        "[relative](other-story.html), an [ftp](ftp://example.org/f) and a "
        "[tab](java&#9;script:alert(1)) link.\nSoft break.\n\n"
        "```python\nprint('hi')\n\tindented\n```\n\n"
        "> Quoted *words*.\n\n"
        "***\n\n"
        '<div class="box">\n<p>Raw words</p>\n</div>\n\n'
        '{{< figure image="99" >}}\n\n'
        '{{< youtube id="abc" >}}\n\n'
        '{{< x user="Nobody" id="123456" >}}\n'
    )
    related = (
        RelatedRecord(
            title="Inside",
            story_id=3,
            story_slug="inside-story",
            section="Local",
            excerpt="An excerpt.",
        ),
        RelatedRecord(title="Gone", story_slug="gone-story"),
        RelatedRecord(title="Outside", url="https://example.org/x", date=dt.date(2026, 3, 2)),
    )
    document = _open(render_docx(_article(body, related=related), MediaFolder(tmp_path)))
    paragraphs = dump(document)["paragraphs"]
    by_style: dict[str, list[dict[str, Any]]] = {}
    for p in paragraphs:
        by_style.setdefault(p["style"], []).append(p)

    assert by_style["Heading 3"][0]["text"] == "Small heading"
    body_para = by_style["Body Text"][0]
    assert body_para["text"].endswith("an ftp and a tab link. Soft break.")
    assert {"text": "bold italic", "bold": True, "italic": True} in body_para["runs"]
    assert {"text": "code", "style": "Verbatim Char"} in body_para["runs"]
    assert [link["url"] for link in body_para["links"]] == [
        "mailto:desk@example.org",
        "other-story.html",
    ]
    assert by_style["Source Code"][0]["text"] == "print('hi')\n\tindented"
    assert by_style["Quote"][0]["text"] == "Quoted words."
    [rule] = [p for p in paragraphs if p.get("border")]
    assert rule["text"] == ""
    assert ("Body Text", "Raw words") in [(p["style"], p["text"]) for p in paragraphs]
    # the unknown image and the unknown shortcode leave nothing; the unrecorded tweet a link
    assert "Figure" not in by_style and not any("youtube" in p["text"] for p in paragraphs)
    assert by_style["Tweet"][-1]["text"] == "— @Nobody, View on Twitter"
    assert by_style["Tweet"][-1]["links"] == [
        {"url": "https://twitter.com/Nobody/status/123456", "text": "View on Twitter"}
    ]
    related = [(p["text"], p.get("links")) for p in by_style["Related Link"]]
    assert related == [
        ("Inside — Local. An excerpt.", [{"url": "inside-story.html", "text": "Inside"}]),
        ("Gone", None),  # its story has left the store: no link to nowhere
        ("Outside — 2 March 2026", [{"url": "https://example.org/x", "text": "Outside"}]),
    ]
    assert by_style["Related Heading"][-1]["text"] == "Related"
    props = document.core_properties
    assert props.created == MOMENT + dt.timedelta(days=1)  # no publish time: last update
    assert props.revision == 3


def test_pictures_fit_the_text_width_never_grow_and_keep_their_alt_text(tmp_path: Path) -> None:
    media = MediaFolder(tmp_path / "media")
    images = {
        1: _image(media, 1, (64, 48), "PNG", caption="Small", alt_text="A small thing"),
        2: _image(media, 2, (3000, 1000), "JPEG", caption="Wide", credit="Photo: W"),
        3: _image(media, 3, (200, 2000), "GIF", caption="Tall only"),
        4: _image(media, 4, (300, 200), "WEBP", caption="WebP", credit="Photo: P / CC BY"),
    }
    body = "\n\n".join(f'{{{{< figure image="{i}" >}}}}' for i in (1, 2, 3, 4, 1))
    document = _open(render_docx(_article(body, images), media))
    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    sizes = [(s.width, s.height) for s in document.inline_shapes]
    assert sizes[0] == (64 * 9525, 48 * 9525) == sizes[4]  # native size at 96 dpi
    assert sizes[1] == (width, round(width / 3))
    assert sizes[2][1] == height and sizes[2][0] == round(height / 10)  # fits the page
    assert [s._inline.docPr.get("descr") for s in document.inline_shapes] == [
        "A small thing",
        "Wide",  # no alt text: the caption stands in
        "Tall only",
        "WebP",
        "A small thing",
    ]
    texts = [p.text for p in document.paragraphs if p.style.name == "Credit"]
    assert texts == ["Credit: W", "Credit: P / CC BY"]  # the stored "Photo:" not doubled
    media_parts = sorted(
        (str(part.partname), part.content_type)
        for part in document.part.package.iter_parts()
        if part.partname.startswith("/word/media/")
    )  # four pictures, the repeated one stored once, the WebP made a PNG/JPEG
    assert len(media_parts) == 4
    assert {ct for _, ct in media_parts} <= {"image/png", "image/jpeg", "image/gif"}
    ids = [s._inline.docPr.get("id") for s in document.inline_shapes]
    assert len(set(ids)) == len(ids)


# ---------------------------------------------------------------- hostile input

HOSTILE_BODY = """Intro <a href="javascript:alert('a')" onclick="alert('b')">click here</a> and \
<script>alert('inline-script')</script> end <span onmouseover="alert('c')">hover</span>.

<script>alert('block-script')</script>

<iframe src="javascript:alert('frame')"></iframe>

<form action="javascript:alert('form')"><input value="form-field"><button>Send</button></form>

<div onclick="alert('div')">Words in a div</div>

<style>body { background: url(javascript:alert('style')) }</style>

Links: [x](javascript:alert(1)), [y](data:text/html,<script>alert('data')</script>), \
[z](JaVaScRiPt:alert(1)), <javascript:alert(2)>, [ok](https://example.org/ok).

Mixed <script>*alert('split-script')*</script> tail.

{{< figure image="IMAGE" >}}

{{< x user="DeskAccount" id="1860000000000000077" >}}
"""


def _hostile_article(store: Store) -> n.Article:
    evil = '<script>alert("field")</script><img src=x onerror="alert(1)">'
    with store.write() as session:
        image = add_image(
            session,
            store.media,
            image_bytes("PNG", size=(40, 30)),
            "evil.png",
            ImageFields(
                caption=f"Caption {evil}",
                credit=f"Credit {evil}",
                alt_text='"><script>alert("alt")</script>',
            ),
        )
        put_tweet(
            session,
            TweetRef(status_id="1860000000000000077", handle="DeskAccount"),
            display_name=f"Name {evil}",
            text=f"Tweet {evil} javascript:alert('tweet')",
            posted=dt.date(2026, 11, 24),
        )
        story = create_story(
            session,
            StoryDraft(
                headline=f"Headline {evil}",
                standfirst=f"Standfirst {evil}",
                byline=f"Byline {evil}",
                dateline="<iframe src=javascript:alert(1)>",
                section="<form action=javascript:alert(1)>",
                tags=("<script>", "javascript:alert(1)"),
                body=HOSTILE_BODY.replace("IMAGE", str(image.id)) + "Control \x0b\x01 chars.",
                publish_time=MOMENT,
                related=(
                    RelatedRecord(title=f"Related {evil}", url="https://example.org/related"),
                ),
            ),
            author="Mallory",
        )
    with store.read() as session:
        bundle = load_bundle(session, story.id)
    # Writers must not rely on the store's checks: add links no service would accept.
    unchecked = (
        RelatedRecord(title="Unchecked js", url="javascript:alert('related')"),
        RelatedRecord(title="Unchecked data", url="data:text/html;base64,PHNjcmlwdD4="),
        RelatedRecord(title="Unchecked vb", url=" vbscript:msgbox(1)"),
    )
    story_record = replace(bundle.story, related=bundle.story.related + unchecked)
    return build_article(story_record, bundle.images, bundle.tweets)


ACTIVE_ELEMENTS = {"script", "iframe", "form", "input", "object", "embed", "altchunk", "control"}
SCRIPT_MARKERS = [
    "inline-script",
    "block-script",
    "split-script",
    "alert('frame')",
    "alert('form')",
    "alert('div')",
    "alert('style')",
    "alert('b')",
    "alert('c')",
]


def test_hostile_input_leaves_nothing_active(store: Store) -> None:
    article = _hostile_article(store)
    data = render_docx(article, store.media)

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert not [
            name
            for name in names
            if re.search(r"vbaProject|activeX|embeddings|\.(bin|html?|js|mht)$", name, re.I)
        ]
        for name in names:
            if not name.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(archive.read(name))
            for element in root.iter():
                if not isinstance(element.tag, str):
                    continue
                assert etree.QName(element).localname.lower() not in ACTIVE_ELEMENTS, name
                assert etree.QName(element).localname not in ("instrText", "fldSimple"), name
                for attr, value in element.attrib.items():
                    assert not re.fullmatch(r"on[a-z]+", etree.QName(attr).localname), name
                    squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
                    assert not squeezed.startswith(("javascript:", "data:", "vbscript:")), name
            if name.endswith(".rels"):
                for rel in root:
                    if rel.get("TargetMode") == "External":
                        assert rel.get("Type").endswith("/hyperlink")
                        scheme = urlsplit(rel.get("Target")).scheme.lower()
                        assert scheme in ("http", "https", "mailto", ""), rel.get("Target")
        document_xml = archive.read("word/document.xml").decode("utf-8")
    for marker in SCRIPT_MARKERS:
        assert marker not in document_xml

    assert sorted(_hyperlink_targets(data)) == [
        "https://example.org/ok",
        "https://example.org/related",
        "https://twitter.com/DeskAccount/status/1860000000000000077",
    ]
    document = _open(data)
    texts = [p.text for p in document.paragraphs]
    # Field text that merely looks like HTML is shown as the words it is, never as markup.
    assert texts[0] == 'Headline <script>alert("field")</script><img src=x onerror="alert(1)">'
    assert "Intro click here and end hover." in texts
    assert "Words in a div" in texts
    unchecked = {p.text: p.hyperlinks for p in document.paragraphs if p.text.startswith("Unch")}
    assert sorted(unchecked) == ["Unchecked data", "Unchecked js", "Unchecked vb"]
    assert not any(unchecked.values())  # their words stay, as plain text
    assert "Control  chars." in texts
    assert document.inline_shapes[0]._inline.docPr.get("descr") == '"><script>alert("alt")</script>'


# ---------------------------------------------------------------- the reference document


def test_the_shipped_reference_is_what_the_packaging_script_builds(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_reference_docx", ROOT / "packaging" / "make_reference_docx.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = tmp_path / "reference.docx"
    assert module.main([str(built)]) == 0
    shipped = Path(str(resource("templates", "docx", "reference.docx")))
    with zipfile.ZipFile(built) as ours, zipfile.ZipFile(shipped) as theirs:
        assert ours.namelist() == theirs.namelist()
        for name in ours.namelist():  # content, not bytes: zlib versions deflate differently
            assert ours.read(name) == theirs.read(name), (
                f"{name} differs: run packaging/make_reference_docx.py"
            )
    reference = _open(shipped)
    assert reference.paragraphs == [] and reference.tables == []
    section = reference.sections[0]
    assert (round(Emu(section.page_width).cm, 1), round(Emu(section.page_height).cm, 1)) == (
        21.0,
        29.7,
    )
    assert section.left_margin == section.right_margin == Cm(2.54)
    defined = {(s.type, s.name) for s in reference.styles}
    for kind, names in DESK_STYLES.items():
        assert {(kind, name) for name in names} <= defined


def test_a_custom_reference_restyles_the_export(
    golden_article: n.Article, store: Store, tmp_path: Path
) -> None:
    custom = docx.Document(io.BytesIO(resource("templates", "docx", "reference.docx").read_bytes()))
    custom.styles["Title"].font.size = Pt(40)
    custom.styles["Hyperlink"].font.bold = True
    custom.add_paragraph("Sample text in the office template")  # the body is not exported
    path = tmp_path / "house-style.docx"
    custom.save(str(path))

    document = _open(render_docx(golden_article, store.media, reference=path))
    assert document.styles["Title"].font.size == Pt(40)
    assert document.styles["Hyperlink"].font.bold is True
    assert document.paragraphs[0].text == golden_article.story.headline
    assert not any("office template" in p.text for p in document.paragraphs)
    shipped = _open(render_docx(golden_article, store.media))
    assert shipped.styles["Title"].font.size == Pt(26)


def test_a_bad_reference_is_refused_naming_the_file(
    golden_article: n.Article, store: Store, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "house.docx"
    with pytest.raises(ValidationError, match=re.escape(str(missing))) as caught:
        render_docx(golden_article, store.media, reference=missing)
    assert "does not exist" in str(caught.value)

    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("just some notes", encoding="utf-8")
    with pytest.raises(ValidationError, match=re.escape(str(not_docx))) as caught:
        render_docx(golden_article, store.media, reference=not_docx)
    assert "is not a Word .docx file" in str(caught.value)

    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))  # python-docx's own template has no desk styles
    with pytest.raises(ValidationError, match=re.escape(str(plain))) as caught:
        render_docx(golden_article, store.media, reference=plain)
    assert "Byline" in str(caught.value) and "Hyperlink" in str(caught.value)


def test_a_missing_picture_is_named(golden_article: n.Article, store: Store) -> None:
    pier = next(i for i in golden_article.images.values() if i.original_name == "pier.jpg")
    store.media.path_of(pier.path).unlink()
    with pytest.raises(EditorDeskError, match=rf"image {pier.id} \(pier\.jpg\) is missing"):
        render_docx(golden_article, store.media)


# ---------------------------------------------------------------- atomic writes


def test_writing_is_atomic(golden_article: n.Article, store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "ferry.docx"
    target.write_bytes(b"the previous export")

    assert write_docx(golden_article, store.media, target) == target
    first = target.read_bytes()
    assert _open(first).paragraphs[0].text == golden_article.story.headline
    assert sorted(p.name for p in folder.iterdir()) == ["ferry.docx"]

    timetable = next(i for i in golden_article.images.values() if i.mime_type == "image/png")
    store.media.path_of(timetable.path).unlink()  # fails after half the document is built
    with pytest.raises(EditorDeskError, match=r"timetable\.png"):
        write_docx(golden_article, store.media, target)
    assert target.read_bytes() == first
    assert sorted(p.name for p in folder.iterdir()) == ["ferry.docx"]
