"""Tables, footnotes, strikethrough and in-story links in Word: real Word tables and real
footnotes, as python-docx reads them and as LibreOffice opens them."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx

from editordesk.export.docx import render_docx
from editordesk.media.folder import MediaFolder
from tests.export.test_docx import _article, _soffice

BODY = """\
The count ended at ~~midnight~~ two in the morning.[^count] See [the results](#the-results).

## The results

| Candidate | Votes | Share |
|:----------|------:|:-----:|
| Ann Kerr  | 1,204 | 52%   |
| Bo Lund   | 1,100 | 48%   |

Turnout was the highest since 1998.[^turnout]

[^count]: Two ballot boxes from the islands came in late.
[^turnout]: Figures from the returning officer.
"""


def _docx(tmp_path: Path) -> Path:
    path = tmp_path / "results.docx"
    path.write_bytes(render_docx(_article(BODY), MediaFolder(tmp_path / "media")))
    return path


def test_a_real_table_real_footnotes_strike_and_a_bookmarked_heading(tmp_path: Path) -> None:
    path = _docx(tmp_path)
    document = docx.Document(str(path))
    [table] = document.tables
    assert table.style.name == "Story Table"  # the reference restyles every table
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Candidate", "Votes", "Share"],
        ["Ann Kerr", "1,204", "52%"],
        ["Bo Lund", "1,100", "48%"],
    ]
    header = table.rows[0]._tr
    assert header.find(f"{{{header.nsmap['w']}}}trPr") is not None  # repeats on every page
    assert table.rows[1].cells[1].paragraphs[0].alignment is not None  # right-aligned
    with zipfile.ZipFile(path) as archive:
        notes = archive.read("word/footnotes.xml").decode()
        body = archive.read("word/document.xml").decode()
    assert "Two ballot boxes from the islands came in late." in notes
    assert body.count("<w:footnoteReference") == 2
    assert "<w:strike/>" in body
    assert '<w:bookmarkStart w:id="1" w:name="the-results"/>' in body
    assert '<w:hyperlink w:anchor="the-results">' in body


def test_libreoffice_opens_a_real_table_and_real_footnotes(tmp_path: Path) -> None:
    path = _docx(tmp_path)
    out = tmp_path / "lo-out"
    result = subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "html",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    page = out / "results.html"
    assert page.is_file(), result
    html = page.read_text(encoding="utf-8", errors="replace")
    assert html.count("<table") == 1 and html.count("<tr") == 3
    assert "sdfootnote1" in html and "sdfootnote2" in html  # Writer's own footnotes
    assert "Figures from the returning officer." in html
    assert html.count("the-results") >= 2  # the bookmark, and the link to it
