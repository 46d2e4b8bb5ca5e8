"""The document bridge: a tree built into a QTextDocument reads back as the same tree, a body
through the visual editor is stable after one normalisation, pasted blocks are one undo
step, and the cards draw pictures, badges, tweets and notes as the page shows them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from editordesk.assets import resource
from editordesk.document import nodes as n
from editordesk.document.parse import parse_body
from editordesk.document.write import write_body
from editordesk.gui.editor.visual import schema as s
from editordesk.gui.editor.visual.build import (
    block_for_line,
    build_document,
    figure_format,
    insert_blocks,
    line_for_position,
)
from editordesk.gui.editor.visual.cards import (
    BADGE_FILL,
    BADGE_TEXT,
    FigureCard,
    TweetCard,
    cards_of,
    contrast,
    describe_object,
    missing_marks,
    refresh_cards,
)
from editordesk.gui.editor.visual.read import read_document, read_selection
from editordesk.model import ImageFields, ImageRecord, TweetRecord
from tests.strategies.document_trees import documents, without_lines

COMMONMARK = Path(__file__).parents[2] / "_reference" / "commonmark" / "spec.json"
NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


class Library:
    """Pictures in a folder and tweets, as the store gives them to the editor."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.records: dict[int, ImageRecord] = {}
        self.paths: dict[int, Path] = {}
        self.tweets: dict[str, TweetRecord] = {}

    def add_picture(
        self,
        image_id: int,
        colour: str = "#d02020",
        size: tuple[int, int] = (800, 400),
        **fields: str,
    ) -> ImageRecord:
        image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
        image.fill(QColor(colour))
        path = self.folder / f"picture-{image_id}.png"
        assert image.save(str(path), "PNG")
        record = ImageRecord(
            image_id, f"{image_id:064x}", path.name, path.name, "image/png",
            path.stat().st_size, size[0], size[1], ImageFields(**fields), NOW, NOW,
        )  # fmt: skip
        self.records[image_id] = record
        self.paths[image_id] = path
        return record

    def image(self, image_id: int) -> ImageRecord | None:
        return self.records.get(image_id)

    def picture_path(self, image_id: int) -> Path | None:
        return self.paths.get(image_id)

    def tweet(self, status_id: str) -> TweetRecord | None:
        return self.tweets.get(status_id)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path)


# ---------------------------------------------------------------- comparing trees


def _flat(inlines: tuple[n.Inline, ...]) -> tuple[tuple[n.Inline, frozenset[object]], ...]:
    """Inlines as the visual document holds them: each leaf with the set of what wraps it
    (a soft break is a space; adjacent text, code or raw HTML alike is one)."""
    out: list[tuple[n.Inline, frozenset[object]]] = []

    def add(leaf: n.Inline, wraps: frozenset[object]) -> None:
        if out and out[-1][1] == wraps and type(out[-1][0]) is type(leaf):
            prev = out[-1][0]
            if isinstance(prev, n.Text) and isinstance(leaf, n.Text):
                out[-1] = (n.Text(prev.text + leaf.text), wraps)
                return
            if isinstance(prev, n.Code) and isinstance(leaf, n.Code):
                out[-1] = (n.Code(prev.text + leaf.text), wraps)
                return
            if isinstance(prev, n.RawInline) and isinstance(leaf, n.RawInline):
                out[-1] = (n.RawInline(prev.html + leaf.html), wraps)
                return
        out.append((leaf, wraps))

    def walk(nodes: tuple[n.Inline, ...], wraps: frozenset[object]) -> None:
        for node in nodes:
            if isinstance(node, n.Emphasis):
                walk(node.children, wraps | {"em"})
            elif isinstance(node, n.Strong):
                walk(node.children, wraps | {"strong"})
            elif isinstance(node, n.Strikethrough):
                walk(node.children, wraps | {"strike"})
            elif isinstance(node, n.Link):
                walk(node.children, wraps | {("link", node.href, node.title)})
            elif isinstance(node, n.SoftBreak):
                add(n.Text(" "), wraps)
            elif not (isinstance(node, n.Text) and not node.text):
                add(node, wraps)

    walk(inlines, frozenset())
    return tuple(out)


def _trimmed(
    runs: tuple[tuple[n.Inline, frozenset[object]], ...],
) -> tuple[tuple[n.Inline, frozenset[object]], ...]:
    """Flat runs without breaks or spaces at their ends (nothing in Markdown keeps them
    there but character references, which an editor typing a last space never means)."""
    out = list(runs)
    for step, at in ((1, 0), (-1, -1)):
        while out:
            leaf, wraps = out[at]
            if isinstance(leaf, n.Text):
                text = leaf.text.lstrip(" \t") if step == 1 else leaf.text.rstrip(" \t")
                out[at] = (n.Text(text), wraps)
                if text:
                    break
            elif not isinstance(leaf, n.LineBreak):
                break
            out.pop(at)
    return tuple(out)


def _joined(blocks: tuple[n.Block, ...]) -> tuple[n.Block, ...]:
    """Canonical blocks with the quotes side by side made one (the join may bring two more
    quotes together, inside)."""
    out: list[n.Block] = []
    for block in blocks:
        if isinstance(block, n.BlockQuote) and out and isinstance(out[-1], n.BlockQuote):
            out[-1] = n.BlockQuote(_joined(out[-1].children + block.children))
        else:
            out.append(block)
    return tuple(out)


def _canon(value: Any) -> Any:
    """A tree as the visual editor can hold it: inlines flattened (emphasis in emphasis is
    emphasis; a link with no words has nothing to hold it), empty paragraphs gone, quotes
    side by side one quote (as in a word processor), a tweet's url left to the writer."""
    if isinstance(value, tuple):
        out: list[Any] = []
        for item in value:
            item = _canon(item)
            if isinstance(item, n.Paragraph) and not item.children:
                continue
            if isinstance(item, n.BlockQuote) and out and isinstance(out[-1], n.BlockQuote):
                out[-1] = n.BlockQuote(_joined(out[-1].children + item.children))
                continue
            out.append(item)
        return tuple(out)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name == "children" and isinstance(value, n.Paragraph | n.Heading | n.TableCell):
                changes[f.name] = _trimmed(_flat(item))
            elif f.name == "url":
                changes[f.name] = ""
            else:
                changes[f.name] = _canon(item)
        return dataclasses.replace(value, **changes)
    return value


def same(a: n.Document, b: n.Document) -> bool:
    return bool(_canon(without_lines(a)) == _canon(without_lines(b)))


def built(tree: n.Document, assets: Any) -> QTextDocument:
    doc = QTextDocument()
    doc.setTextWidth(700)
    build_document(doc, tree, assets)
    return doc


def through_visual(body: str, assets: Any) -> str:
    return write_body(read_document(built(parse_body(body), assets)))


def sample_body() -> str:
    text = resource("sample", "harbour-museum", "index.md").read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    return body.replace('{{< figure src="museum-quay.jpg"', '{{< figure image="1"')


EVERY_NODE = """\
# The harbour *museum* opens

A paragraph with **bold**, *italic*, ~~struck~~, `code`, <kbd>raw</kbd>,
a [link](https://example.org "Title"), a soft break and a hard one\\
and a web picture ![the quay](https://example.org/q.png "Quay") and a note[^1].

{{< figure image="1" >}}

{{< x user="jack" id="20" >}}

{{< gallery id="3" >}}

> A quote with a list:
>
> - one
> - two
>
>   > deeper

1. First
   - nested **item**
     1. deepest
2. Second

   with more

- > quote first in an item
- ```py
  code first
  ```
-
- | a | b |
  |---|:-:|
  | 1 | 2 |

| Left | Centre | Right |
|:-----|:------:|------:|
| a *b* | `c` | [d](e) |

---

```python
def f():
    return 1
```

<div class="aside">
Raw
</div>

Second note[^two] and the first again[^1].

[^1]: The first note, with *emphasis*.
[^two]: A note with a list:

    - a
    - b
"""


# ---------------------------------------------------------------- round trips


def test_every_node_reads_back_as_built(library: Library) -> None:
    tree = parse_body(EVERY_NODE)
    doc = built(tree, library)
    assert same(read_document(doc), tree)
    assert not doc.isUndoAvailable()  # the build left no undo step


def test_the_sample_story_reads_back_and_writes_stably(library: Library) -> None:
    body = sample_body()
    tree = parse_body(body)
    assert same(read_document(built(tree, library)), tree)
    once = through_visual(body, library)
    assert through_visual(once, library) == once


def test_nesting_of_emphasis_reads_back_as_written(library: Library) -> None:
    body = "*a **b*** and **c *d*** and ***e*** and [*f* g](h)\n"
    tree = parse_body(body)
    back = read_document(built(tree, library))
    assert without_lines(back) == without_lines(tree)


def test_a_storys_words_are_never_read_as_markup(library: Library) -> None:
    tree = n.Document((n.Paragraph((n.Text('<b>hi</b> <img src="/etc/passwd"> &amp;'),)),))
    doc = built(tree, library)
    assert doc.toPlainText() == '<b>hi</b> <img src="/etc/passwd"> &amp;'
    assert read_document(doc) == tree


def test_right_to_left_paragraphs_keep_their_own_direction(library: Library) -> None:
    tree = parse_body("مرحبا بالعالم\n\nשלום עולם\n\nHello\n")
    doc = built(tree, library)
    doc.documentLayout()  # laid out, so the blocks know their direction
    blocks = [doc.findBlockByNumber(i) for i in range(3)]
    assert [b.textDirection() for b in blocks] == [
        Qt.LayoutDirection.RightToLeft,
        Qt.LayoutDirection.RightToLeft,
        Qt.LayoutDirection.LeftToRight,
    ]
    for block in blocks:
        assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.LayoutDirectionAuto


def _round_trip(tree: n.Document) -> None:
    assets = NoLibrary()
    back = read_document(built(tree, assets))
    assert same(back, tree)
    once = through_visual(write_body(tree), assets)
    assert through_visual(once, assets) == once


# Generating trees takes most of these tests' time (well over the build and read): a few in
# the fast tier, many in the slow one.
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_generated_trees_read_back_and_write_stably(tree: n.Document) -> None:
    _round_trip(tree)


@pytest.mark.slow
@pytest.mark.timeout(1800)
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents(depth=4))
def test_many_generated_trees_read_back_and_write_stably(tree: n.Document) -> None:
    _round_trip(tree)


def test_commonmark_examples_are_stable_after_one_pass() -> None:
    assets = NoLibrary()
    unstable = []
    examples = json.loads(COMMONMARK.read_text(encoding="utf-8"))
    assert len(examples) > 600
    for example in examples:
        once = through_visual(example["markdown"], assets)
        if through_visual(once, assets) != once:
            unstable.append(example["example"])
    assert unstable == []


def test_a_long_story_is_stable_after_one_pass(library: Library) -> None:
    body = "\n\n".join([sample_body()] * 20)
    once = through_visual(body, library)
    assert through_visual(once, library) == once
    assert once.count("{{< figure") == 20


class NoLibrary:
    def image(self, image_id: int) -> ImageRecord | None:
        return None

    def picture_path(self, image_id: int) -> Path | None:
        return None

    def tweet(self, status_id: str) -> TweetRecord | None:
        return None


# ---------------------------------------------------------------- lines


def test_blocks_are_found_by_their_source_line(library: Library) -> None:
    body = "# Title\n\nFirst paragraph\nstill first.\n\n- item one\n- item two\n\nLast.\n"
    doc = built(parse_body(body), library)
    assert block_for_line(doc, 1).text() == "Title"
    assert block_for_line(doc, 4).text() == "First paragraph still first."
    assert block_for_line(doc, 7).text() == "item two"
    assert block_for_line(doc, 9).text() == "Last."
    assert block_for_line(doc, 99).text() == "Last."
    last = block_for_line(doc, 9)
    assert line_for_position(doc, last.position() + 2) == 9
    assert line_for_position(doc, block_for_line(doc, 6).position()) == 6


# ---------------------------------------------------------------- inserting and copying


def _doc_with(body: str, assets: Any) -> QTextDocument:
    return built(parse_body(body), assets)


def test_inserted_blocks_split_the_paragraph_and_undo_as_one(library: Library) -> None:
    library.add_picture(1, caption="Quay", credit="Nell", alt_text="The quay")
    doc = _doc_with("Hello world\n", library)
    cursor = QTextCursor(doc)
    cursor.setPosition(len("Hello "))
    pasted = parse_body('{{< figure image="1" >}}\n\nA pasted paragraph.\n')
    insert_blocks(cursor, pasted.children, (), library)
    back = read_document(doc)
    assert [type(b).__name__ for b in back.children] == [
        "Paragraph",
        "Figure",
        "Paragraph",
        "Paragraph",
    ]
    first, *_middle, last = back.children
    assert first == n.Paragraph((n.Text("Hello"),))  # not "Hello&#32;" in the body
    assert last == n.Paragraph((n.Text("world"),))
    doc.undo()
    assert write_body(read_document(doc)) == "Hello world\n"


def test_a_pasted_phrase_goes_in_where_the_cursor_stands(library: Library) -> None:
    doc = _doc_with("Hello world\n", library)
    cursor = QTextCursor(doc)
    cursor.setPosition(len("Hello "))
    phrase = n.Paragraph((n.Emphasis((n.Text("big"),)), n.Text(" ")))
    insert_blocks(cursor, (phrase,), (), library)
    assert write_body(read_document(doc)) == "Hello *big* world\n"


def test_pasted_notes_join_the_documents_under_new_labels(library: Library) -> None:
    doc = _doc_with("Body[^1].\n\n[^1]: Ours.\n", library)
    cursor = QTextCursor(doc)
    cursor.setPosition(len("Body"))  # before the reference
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    pasted = parse_body("Theirs[^1].\n\n[^1]: Their note.\n")
    insert_blocks(cursor, pasted.children, pasted.footnotes, library)
    body = write_body(read_document(doc))
    assert "[^1]: Ours." in body
    assert "[^1-2]: Their note." in body
    assert "Theirs[^1-2]" in body


def test_a_copied_selection_carries_its_blocks_and_notes(library: Library) -> None:
    doc = _doc_with(
        "First para.\n\nSecond with a note[^n].\n\nThird.\n\n[^n]: The note.\n", library
    )
    cursor = QTextCursor(doc)
    cursor.setPosition(doc.findBlockByNumber(0).position() + len("First "))
    end = doc.findBlockByNumber(1)
    cursor.setPosition(end.position() + end.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    copied = read_selection(cursor)
    assert write_body(copied) == "para.\n\nSecond with a note[^n].\n\n[^n]: The note.\n"


# ---------------------------------------------------------------- cards


def paint(doc: QTextDocument, ratio: float = 1.0, width: int = 700) -> QImage:
    doc.setTextWidth(width)
    size = doc.size()
    image = QImage(int(width * ratio), int(size.height() * ratio) + 1, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    return image


def count_colour(image: QImage, colour: QColor, tolerance: int = 24) -> int:
    found = 0
    step = 3
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) <= tolerance
                and abs(c.green() - colour.green()) <= tolerance
                and abs(c.blue() - colour.blue()) <= tolerance
            ):
                found += 1
    return found


def test_a_figure_draws_its_picture_at_the_column_width(library: Library) -> None:
    library.add_picture(1, "#d02020", (800, 400), caption="Quay", credit="Nell", alt_text="Q")
    doc = _doc_with('{{< figure image="1" >}}\n', library)
    image = paint(doc)
    red = count_colour(image, QColor("#d02020"))
    assert red > 0.8 * (700 - 2 * doc.documentMargin()) * 340 / 9  # most of its width
    assert count_colour(image, BADGE_FILL) == 0  # alt text and credit: no badge


def test_a_figure_without_credit_or_alt_text_shows_a_badge(library: Library) -> None:
    record = library.add_picture(1, "#2040d0", caption="Quay")
    assert missing_marks(record) == ["No alt text", "No credit"]
    doc = _doc_with('{{< figure image="1" >}}\n', library)
    assert count_colour(paint(doc), BADGE_FILL) > 0
    assert contrast(BADGE_FILL, BADGE_TEXT) >= 4.5


def test_a_figure_is_described_by_its_caption_and_credit(library: Library) -> None:
    library.add_picture(1, caption="The <i>quay</i> at dusk", credit="Photo: Nell Farrow")
    fmt = figure_format(1, library)
    assert describe_object(fmt) == "Picture: The quay at dusk — Nell Farrow"
    assert describe_object(figure_format(12, library)) == "Picture 12 is not in the library"


def test_a_longer_caption_makes_the_card_taller(library: Library) -> None:
    library.add_picture(1, caption="Short.")
    library.add_picture(2, caption="A much longer caption. " * 20)
    doc = QTextDocument()
    doc.setTextWidth(500)
    card = FigureCard(doc, library)
    short = card.intrinsicSize(doc, 0, figure_format(1, library))
    long = card.intrinsicSize(doc, 0, figure_format(2, library))
    assert long.width() == short.width()
    assert long.height() > short.height() + 20


def test_a_missing_picture_is_a_box_that_says_so(library: Library) -> None:
    doc = _doc_with('{{< figure image="12" >}}\n', library)
    image = paint(doc)
    assert image.height() > 80
    assert count_colour(image, QColor("white")) < image.width() * image.height() / 9
    fmt = doc.firstBlock().begin().fragment().charFormat()
    assert describe_object(fmt, library) == "Picture 12 is not in the library"


def test_a_figure_at_twice_the_pixel_ratio_draws_from_a_twice_as_large_source(
    library: Library,
) -> None:
    library.add_picture(1, "#20a040", (1600, 800), caption="Quay", credit="N", alt_text="Q")
    doc = _doc_with('{{< figure image="1" >}}\n', library)
    paint(doc, ratio=2.0)
    card = cards_of(doc)[s.FIGURE_OBJECT]
    assert isinstance(card, FigureCard)
    ((key, source),) = card.images.items()
    assert key[2] == 2.0
    assert source.devicePixelRatio() == 2.0
    assert source.width() == round(key[1] * 2)


def test_a_right_to_left_tweet_draws_from_the_right(library: Library) -> None:
    library.tweets["1"] = TweetRecord("1", "ahmad", "", "Ahmad", "مرحبا", dt.date(2026, 1, 2))
    library.tweets["2"] = TweetRecord("2", "jack", "", "jack", "Hi", dt.date(2006, 3, 21))

    def ink_centre(status_id: str) -> float:
        doc = QTextDocument()
        doc.setTextWidth(700)
        card = TweetCard(doc, library)
        fmt = QTextCharFormat()
        fmt.setObjectType(s.TWEET_OBJECT)
        fmt.setProperty(s.TWEET_ID, status_id)
        size = card.intrinsicSize(doc, 0, fmt)
        image = QImage(int(size.width()), int(size.height()), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        card.drawObject(painter, QRectF(QPointF(0, 0), size), doc, 0, fmt)
        painter.end()
        # the words' row: from the padding to the first line's end
        xs = [
            x
            for y in range(12, 24)
            for x in range(14, image.width() - 14)
            if image.pixelColor(x, y).lightness() < 120
        ]
        assert xs
        return sum(xs) / len(xs) / image.width()

    assert ink_centre("1") > 0.6
    assert ink_centre("2") < 0.4


def test_tweet_and_footnote_descriptions(library: Library) -> None:
    library.tweets["20"] = TweetRecord("20", "jack", "", "jack", "just setting up my twttr")
    doc = _doc_with('{{< x user="jack" id="20" >}}\n\nA note[^a].\n\n[^a]: Text.\n', library)
    formats = []
    block = doc.firstBlock()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isCharFormat() and fmt.objectType():
                formats.append(describe_object(fmt, library))
            it += 1
        block = block.next()
    assert formats == [
        "Tweet by @jack: just setting up my twttr",
        "Footnote 1",
        "Notes",
        "Note 1",
    ]


def test_the_notes_separator_is_not_read_as_content(library: Library) -> None:
    doc = _doc_with("Text[^a].\n\n[^a]: Note.\n", library)
    assert "Notes" not in write_body(read_document(doc))
    assert cards_of(doc)[s.NOTES_OBJECT].intrinsicSize(doc, 0, QTextCharFormat()) != QSizeF()


def test_a_copy_carries_the_notes_its_notes_refer_to(library: Library) -> None:
    doc = _doc_with("Aa[^a] and more.\n\n[^a]: See[^b].\n[^b]: The second.\n", library)
    cursor = QTextCursor(doc)
    cursor.setPosition(0)
    cursor.setPosition(len("Aa") + 1, QTextCursor.MoveMode.KeepAnchor)
    assert write_body(read_selection(cursor)) == ("Aa[^a]\n\n[^a]: See[^b].\n\n[^b]: The second.\n")


def test_a_copied_figure_is_a_figure(library: Library) -> None:
    library.add_picture(3, caption="Quay")
    doc = _doc_with('Before.\n\n{{< figure image="3" >}}\n\nAfter.\n', library)
    figure = doc.findBlockByNumber(1)
    cursor = QTextCursor(figure)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    assert read_selection(cursor).children == (n.Figure(3, None),)


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (0, ["Picture", "One two"]),
        (len("One two"), ["One two", "Picture"]),
    ],
)
def test_blocks_pasted_at_a_paragraphs_ends_leave_no_empty_paragraph(
    library: Library, where: int, expected: list[str]
) -> None:
    doc = _doc_with("One two\n", library)
    cursor = QTextCursor(doc)
    cursor.setPosition(where)
    insert_blocks(cursor, (n.Figure(1, None),), (), library)
    assert doc.blockCount() == 2
    shown = [
        "Picture" if b.text() == s.OBJECT_CHAR else b.text()
        for b in (doc.findBlockByNumber(0), doc.findBlockByNumber(1))
    ]
    assert shown == expected
    doc.undo()
    assert doc.toPlainText() == "One two"


def test_blocks_pasted_in_an_empty_document_fill_it(library: Library) -> None:
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    pasted = parse_body("# Head\n\n- a\n- b\n")
    insert_blocks(cursor, pasted.children, (), library)
    assert write_body(read_document(doc)) == "# Head\n\n- a\n- b\n"
    assert cards_of(doc)  # the cards are there to draw what was pasted


def test_a_damaged_or_missing_picture_file_draws_a_box_not_a_crash(library: Library) -> None:
    library.add_picture(1, caption="Damaged")
    library.paths[1].write_bytes(b"not a picture at all")
    library.add_picture(2, caption="Gone")
    del library.paths[2]
    doc = _doc_with('{{< figure image="1" >}}\n\n{{< figure image="2" >}}\n', library)
    image = paint(doc)
    assert image.height() > 335 + 96  # the damaged one keeps the record's shape, 800x400
    assert count_colour(image, QColor("#d02020")) == 0
    assert describe_object(figure_format(2, library)) == "Picture: Gone"


def test_a_picture_path_that_is_no_regular_file_is_never_read(
    library: Library, tmp_path: Path
) -> None:
    library.add_picture(1, caption="Piped")
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)  # a read from it would never end
    library.paths[1] = fifo
    doc = _doc_with('{{< figure image="1" >}}\n', library)
    paint(doc)
    card = cards_of(doc)[s.FIGURE_OBJECT]
    assert isinstance(card, FigureCard)
    assert card.images == {}


def test_line_breaks_at_a_paragraphs_ends_are_not_kept(library: Library) -> None:
    """A hard break ending a paragraph (Shift+Enter, or a break before a link with no
    words) would be written as a lone backslash, which the parser reads as text; a space
    typed last would be written `&#32;`."""
    tree = n.Document(
        (
            n.Paragraph((n.LineBreak(), n.Text(" a "), n.LineBreak(), n.Link("#x", ()))),
            n.Paragraph((n.Emphasis((n.Text("b"), n.LineBreak())),)),
        )
    )
    back = read_document(built(tree, library))
    assert back.children == (
        n.Paragraph((n.Text("a"),)),
        n.Paragraph((n.Emphasis((n.Text("b"),)),)),
    )
    assert through_visual(write_body(back), library) == write_body(back)


def test_what_is_pasted_into_code_is_its_plain_text(library: Library) -> None:
    doc = _doc_with("```\nab\n```\n", library)
    cursor = QTextCursor(doc)
    cursor.setPosition(1)
    insert_blocks(cursor, parse_body("**x** y\n\nz\n").children, (), library)
    assert write_body(read_document(doc)) == "```\nax y\n\nzb\n```\n"


def test_a_small_picture_is_not_enlarged_past_its_own_size(library: Library) -> None:
    library.add_picture(1, "#d02020", (40, 30), caption="Tiny", credit="N", alt_text="T")
    doc = QTextDocument()
    doc.setTextWidth(700)
    card = FigureCard(doc, library)
    _width, drawn, _layout, _height = card.geometry(doc, 0, figure_format(1, library))
    assert (drawn.width(), drawn.height()) == (40, 30)


def test_quotes_side_by_side_read_back_as_one(library: Library) -> None:
    tree = n.Document((n.BlockQuote(()), n.BlockQuote((n.Paragraph((n.Text("harbour"),)),))))
    back = read_document(built(tree, library))
    assert back.children == (n.BlockQuote((n.Paragraph((n.Text("harbour"),)),)),)
    assert same(back, tree)


def test_decoded_pictures_are_kept_within_a_budget(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editordesk.gui.editor.visual import cards

    for i in (1, 2, 3):
        library.add_picture(i, caption="Quay", credit="N", alt_text="Q")
    body = "\n\n".join(f'{{{{< figure image="{i}" >}}}}' for i in (1, 2, 3)) + "\n"
    doc = _doc_with(body, library)
    monkeypatch.setattr(cards, "IMAGE_BUDGET", 1)
    paint(doc)
    card = cards_of(doc)[s.FIGURE_OBJECT]
    assert isinstance(card, FigureCard)
    assert len(card.images) == 1
    assert card.image_bytes == next(iter(card.images.values())).sizeInBytes()


def test_cards_take_their_colours_from_the_editors_palette(library: Library, qtbot: Any) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QTextEdit

    library.tweets["20"] = TweetRecord("20", "jack", "", "jack", "just setting up my twttr")
    edit = QTextEdit()
    qtbot.addWidget(edit)
    dark = QPalette(edit.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#101010"))
    dark.setColor(QPalette.ColorRole.AlternateBase, QColor("#203040"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    edit.setPalette(dark)
    edit.resize(700, 300)
    build_document(edit.document(), parse_body('{{< x user="jack" id="20" >}}\n'), library)
    edit.show()
    qtbot.waitExposed(edit)
    shot = edit.viewport().grab().toImage()
    assert count_colour(shot, QColor("#203040"), tolerance=6) > 100  # the card's fill
    assert count_colour(shot, QColor("#f7f7f7"), tolerance=6) == 0  # no light-theme fill


def test_a_caption_changed_in_the_library_shows_after_a_refresh(library: Library) -> None:
    library.add_picture(1, caption="Short.", credit="N", alt_text="Q")
    doc = _doc_with('Before.\n\n{{< figure image="1" >}}\n', library)
    doc.setTextWidth(500)
    before = doc.size().height()
    library.add_picture(1, caption="A much longer caption. " * 20, credit="N", alt_text="Q")
    refresh_cards(doc)
    assert doc.size().height() > before + 20
