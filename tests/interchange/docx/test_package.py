"""A bad Word file is refused whole, by name, before anything of it is stored."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from editordesk.errors import InputError
from editordesk.interchange.docx import read_docx
from editordesk.services.importing import import_files
from editordesk.store.db import Store
from tests.helpers import snapshot
from tests.interchange.docx.word import (
    PICTURE,
    add_picture,
    reporter_copy,
)

# ------------------------------------------------------------------ refusals


def _rewrite(path: Path, replace: dict[str, bytes]) -> Path:
    """The same .docx with some parts' bytes replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
    path.write_bytes(out.getvalue())
    return path


def _with_picture(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    add_picture(document, PICTURE)
    document.save(path)
    return path


def _not_a_zip(path: Path) -> Path:
    path.write_text("Harbour wall gives way\n\nThis is plain text.\n")
    return path


def _no_document(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("notes.txt", "hello")
    return path


def _zip_bomb(path: Path) -> Path:
    reporter_copy(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/zeros.bin", bytes(40 * 1024 * 1024))
    return path


def _ole(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    return path


def _truncated(path: Path) -> Path:
    data = reporter_copy(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _damaged_xml(path: Path) -> Path:
    return _rewrite(reporter_copy(path), {"word/document.xml": b"<w:document><w:body>"})


def _corrupt_picture(path: Path) -> Path:
    return _rewrite(_with_picture(path), {"word/media/image1.jpg": PICTURE[:300]})


def _emf_picture(path: Path) -> Path:
    emf = b"\x01\x00\x00\x00" + bytes(36) + b" EMF" + bytes(64)
    return _rewrite(_with_picture(path), {"word/media/image1.jpg": emf})


def _linked_picture(path: Path) -> Path:
    """What LibreOffice writes for an <img> it only linked to: no picture inside the file."""
    with zipfile.ZipFile(_with_picture(path)) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    rels = rels.replace(
        'Target="media/image1.jpg"', 'Target="file:///C:/pics/pier.jpg" TargetMode="External"'
    )
    return _rewrite(path, {"word/_rels/document.xml.rels": rels.encode()})


def _spreadsheet(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr("xl/workbook.xml", "<workbook/>")
    return path


BAD_FILES = {
    "not-a-zip": (_not_a_zip, "is not a Word .docx file (it is not a zip archive)"),
    "no-document": (_no_document, "is a zip archive without word/document.xml"),
    "zip-bomb": (_zip_bomb, "holds word/media/zeros.bin, which unpacks to 42 MB"),
    "ole": (_ole, "is password-protected or an old .doc"),
    "truncated": (_truncated, "is damaged or cut short"),
    "damaged-xml": (_damaged_xml, "its part word/document.xml is not well-formed XML"),
    "spreadsheet": (_spreadsheet, "is not a Word document"),
}


# A picture the story cannot keep as it is never refuses the file: it stands as a named
# placeholder (or a converted picture), named in the import's report.
PICTURE_PLACEHOLDERS = {
    "corrupt-picture": (
        _corrupt_picture,
        "[Picture 1 (word/media/image1.jpg): not a picture that can be read]",
        "unreadable pictures kept as placeholders: 1",
    ),
    "emf-picture": (  # not a drawing LibreOffice can convert, so a placeholder
        _emf_picture,
        "[Picture 1 (word/media/image1.jpg): an EMF drawing, not converted",
        "EMF drawings kept as placeholders: 1",
    ),
    "linked-picture": (
        _linked_picture,
        "[Picture 1: linked to file:///C:/pics/pier.jpg]",
        "linked pictures kept as links: 1",
    ),
}


@pytest.mark.parametrize("name", sorted(PICTURE_PLACEHOLDERS))
def test_a_picture_that_cannot_be_kept_is_a_named_placeholder(tmp_path: Path, name: str) -> None:
    make, label, report = PICTURE_PLACEHOLDERS[name]
    story = read_docx(make(tmp_path / f"{name}.docx"))
    text = "".join(p for p in story.parts if isinstance(p, str))
    assert label.replace("[", "\\[").replace("]", "\\]") in text
    assert story.report == report


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_word_file_is_refused_by_name_and_stores_nothing(
    store: Store, tmp_path: Path, name: str
) -> None:
    make, message = BAD_FILES[name]
    good = reporter_copy(tmp_path / "good.docx")
    bad = make(tmp_path / f"{name}.docx")
    before = snapshot(store)
    [result] = import_files(store, [bad], author="x")
    assert result.story is None and result.error is not None
    assert result.error.startswith(f"{bad}: ")
    assert message in result.error
    assert snapshot(store) == before
    with pytest.raises(InputError) as raised:
        read_docx(bad)
    assert raised.value.path == bad
    results = import_files(store, [bad, good], author="x")
    assert results[0].error and results[1].story is not None
