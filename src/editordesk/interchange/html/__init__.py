"""Pasted HTML (Word, LibreOffice, Google Docs, web pages) read into the document tree.

What a reader sees is kept: headings, paragraphs, bold, italic, strikethrough, links, lists
nested to any depth, block quotes, tables, code, rules and line breaks. What only dresses it
is dropped: fonts, colours, classes, styles, scripts, comments and tracked-change marks (a
tracked deletion's words go, an insertion's stay). Text stays text: nothing pasted is read as
Markdown, the tree carries it and the writer escapes it.

Pictures given as data: URIs or local files (file:// or a plain path) become `PastedPicture`s,
each standing in the tree as a placeholder `Figure(image_id=None, image=None)`, in reading
order (`place_pictures` puts the library's records in their place); pictures on the web become
a link with their alt text and a note. The work is linear in the HTML's length, and nesting is
bounded: what lies deeper than the tree keeps is read into the level above.

The modules: reader.py walks the page into blocks; inline.py makes runs of formatted text
into inlines; lists.py, tables.py, footnotes.py and pictures.py each read their kind of
part; elements.py is the table of which tags and classes mean what.
"""

from __future__ import annotations

from editordesk.interchange.html.footnotes import MAX_FOOTNOTES
from editordesk.interchange.html.lists import MAX_NESTING
from editordesk.interchange.html.pictures import (
    MAX_DATA_PICTURE_BYTES,
    MAX_FILE_PICTURE_BYTES,
    MAX_PICTURES,
    PastedPicture,
    figure_placeholders,
    place_pictures,
)
from editordesk.interchange.html.reader import MAX_HTML_CHARS, PastedDocument, read_html
from editordesk.interchange.html.tables import MAX_COLUMNS, MAX_SPAN

__all__ = [
    "MAX_COLUMNS",
    "MAX_DATA_PICTURE_BYTES",
    "MAX_FILE_PICTURE_BYTES",
    "MAX_FOOTNOTES",
    "MAX_HTML_CHARS",
    "MAX_NESTING",
    "MAX_PICTURES",
    "MAX_SPAN",
    "PastedDocument",
    "PastedPicture",
    "figure_placeholders",
    "place_pictures",
    "read_html",
]
