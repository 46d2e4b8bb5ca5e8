"""The bad-input catalogue (docs/bad-input.md), one test per row.

Each case feeds EditorDesk something bad through the way an editor would (the command line,
or the service the window calls), checks the error is one clear sentence (no traceback), and
checks the store is unchanged: the fingerprint (row counts, story versions, revision numbers,
image hashes, the media folder's files) is the same before and after. Cases that accept the
input and neutralise it (script in a field, say) check what comes out instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import socket
import sqlite3
import struct
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from editordesk.cli import main
from editordesk.errors import EditorDeskError
from editordesk.export import templating
from editordesk.media.tweets import parse_tweet_url
from editordesk.services.exporting import ExportOptions, Outcome, export_stories
from editordesk.services.library import import_image_file
from editordesk.services.stories import (
    RelatedRecord,
    StoryDraft,
    create_story,
    get_story,
    save_story,
)
from editordesk.services.tweets import get_tweets
from editordesk.settings import Settings
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation, resolve
from editordesk.text import is_device_name
from tests.gui.test_hostile_text import WINDOW_ROWS
from tests.helpers import image_bytes, write_harbour
from tests.interchange.test_html_in import PASTE_ROWS
from tests.robustness import _restore_cases as restoring
from tests.robustness._html import active_content

DOC = Path(__file__).resolve().parents[2] / "docs" / "bad-input.md"
SCRIPT = '<script>alert("x")</script>'


# ---------------------------------------------------------------- the desk and its proof


@dataclass
class Desk:
    """A store with the harbour story in it, and a folder to put bad files in."""

    tmp: Path
    location: StoreLocation
    capsys: pytest.CaptureFixture[str]

    @property
    def db(self) -> list[str]:
        return ["--db", str(self.location.sqlite_path)]

    def open(self) -> Store:
        return Store.open(self.location)

    def file(self, name: str, data: bytes | str) -> Path:
        path = self.tmp / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    def story_with_figure(self, name: str, data: bytes) -> Path:
        """A .md file whose figure is `name`, holding `data`."""
        self.file(name, data)
        return self.file(
            "story.md",
            f'---\ntitle: Pier\nauthor: M\n---\n\nText.\n\n{{{{< figure src="{name}" >}}}}\n',
        )

    def cli_error(self, *argv: str) -> str:
        """Run the command; it must fail with one clear `editordesk: error:` line."""
        self.capsys.readouterr()
        code = main([*self.db, *argv])
        out, err = self.capsys.readouterr()
        assert code == 1, (out, err)
        assert "Traceback" not in err
        errors = [line for line in err.splitlines() if line.startswith("editordesk: error:")]
        assert errors, err
        return err

    def import_error(self, path: Path) -> str:
        err = self.cli_error("import", str(path))
        assert str(path) in err  # the message names the file
        return err

    def export_error(self, *argv: str, story: int = 1) -> str:
        err = self.cli_error("export", str(story), "-o", str(self.tmp / "out"), "--force", *argv)
        assert "failed 1" in err or "error:" in err
        return err


def fingerprint(location: StoreLocation) -> dict[str, Any]:
    """Row counts, story versions, revision numbers, image hashes and the media folder."""
    path = location.sqlite_path
    assert path is not None
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master "
                "WHERE type = 'table' AND name NOT LIKE 'stories_fts%'"
            )
        ]
        state: dict[str, Any] = {
            "counts": {
                t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
            },
            "stories": conn.execute("SELECT id, version FROM stories ORDER BY id").fetchall(),
            "revisions": conn.execute(
                "SELECT story_id, number FROM revisions ORDER BY story_id, number"
            ).fetchall(),
            "images": conn.execute("SELECT sha256 FROM images ORDER BY id").fetchall(),
            "schema": conn.execute("SELECT version_num FROM alembic_version").fetchall(),
        }
    finally:
        conn.close()
    media = location.media_dir
    state["media"] = sorted(
        (p.relative_to(media).as_posix(), p.stat().st_size) for p in media.rglob("*") if p.is_file()
    )
    return state


def file_state(path: Path) -> str:
    """The bytes of a store file and its WAL, for cases where the file itself is the input."""
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):  # an empty WAL (a reader leaves one) is as good as none
        part = path.with_name(path.name + suffix)
        digest.update(part.read_bytes() if part.exists() else b"")
    return digest.hexdigest()


@pytest.fixture
def desk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Desk:
    location = resolve(str(tmp_path / "desk" / "news.sqlite"))
    d = Desk(tmp_path, location, capsys)
    assert main([*d.db, "import", str(write_harbour(tmp_path / "harbour"))]) == 0
    capsys.readouterr()
    return d


# ---------------------------------------------------------------- bad files


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width`×`height` pixels (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def jpeg_corrupt(d: Desk) -> str:
    data = bytearray(image_bytes(size=(200, 150)))
    data[200:600] = os.urandom(400)
    return d.import_error(d.story_with_figure("pier.jpg", bytes(data)))


def jpeg_truncated(d: Desk) -> str:
    data = image_bytes(size=(400, 300))
    return d.import_error(d.story_with_figure("pier.jpg", data[: len(data) // 2]))


def image_empty(d: Desk) -> str:
    return d.import_error(d.story_with_figure("pier.jpg", b""))


def image_bomb(d: Desk) -> str:
    return d.import_error(d.story_with_figure("pier.png", _png_header(40_000, 40_000)))


def image_over_limit(d: Desk) -> str:
    return d.import_error(d.story_with_figure("pier.png", _png_header(12_000, 11_000)))


def svg_as_jpg(d: Desk) -> str:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
    return d.import_error(d.story_with_figure("pier.jpg", svg))


def html_as_jpg(d: Desk) -> str:
    return d.import_error(d.story_with_figure("pier.jpg", f"<html><body>{SCRIPT}</body></html>"))


def tiff_image(d: Desk) -> str:
    buf = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (8, 8)).save(buf, "TIFF")
    return d.import_error(d.story_with_figure("pier.jpg", buf.getvalue()))


def library_not_image(d: Desk) -> str:
    path = d.file("notes.jpg", "just some text")
    with d.open() as store, pytest.raises(EditorDeskError) as caught, store.write() as session:
        import_image_file(session, store.media, path)
    return str(caught.value)


# ---------------------------------------------------------------- Markdown files


def md_yaml_malformed(d: Desk) -> str:
    return d.import_error(d.file("s.md", "---\ntitle: [unclosed\nauthor: M\n---\n\nBody.\n"))


def md_front_matter_unclosed(d: Desk) -> str:
    return d.import_error(d.file("s.md", "---\ntitle: T\n\nBody with no closing fence.\n"))


def md_front_matter_not_mapping(d: Desk) -> str:
    return d.import_error(d.file("s.md", "---\n- a\n- b\n---\n\nBody.\n"))


def md_toml_front_matter(d: Desk) -> str:
    return d.import_error(d.file("s.md", '+++\ntitle = "T"\n+++\n\nBody.\n'))


def md_not_utf8(d: Desk) -> str:
    return d.import_error(d.file("s.md", "---\ntitle: Café\n---\n\nNaïve.\n".encode("latin-1")))


def md_nul_in_front_matter(d: Desk) -> str:
    return d.import_error(d.file("s.md", "---\ntitle: A\x00B\n---\n\nBody.\n"))


def md_yaml_billion_laughs(d: Desk) -> str:
    """Nine lines of YAML aliases that stand for a billion strings."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    text = "---\ntitle: Laughs\n" + "\n".join(lines)
    text += "\nrelated:\n  - title: x\n    url: https://example.org/\n    excerpt: *a8\n---\n\nB.\n"
    return d.import_error(d.file("s.md", text))


def md_unknown_status(d: Desk) -> str:
    return d.import_error(d.file("s.md", "---\ntitle: T\nstatus: archived\n---\n\nBody.\n"))


def md_bad_date(d: Desk) -> str:
    return d.import_error(d.file("s.md", "---\ntitle: T\ndate: next tuesday\n---\n\nBody.\n"))


def md_bad_slug(d: Desk) -> str:
    return d.import_error(d.file("s.md", "---\ntitle: T\nslug: ../../etc\n---\n\nBody.\n"))


def md_figure_dotdot(d: Desk) -> str:
    write_image(d.tmp / "secret.jpg")
    return d.import_error(
        d.file("s.md", '---\ntitle: T\n---\n\n{{< figure src="../secret.jpg" >}}\n')
    )


def md_figure_absolute(d: Desk) -> str:
    return d.import_error(
        d.file("s.md", '---\ntitle: T\n---\n\n{{< figure src="/etc/passwd" >}}\n')
    )


def md_figure_url(d: Desk) -> str:
    body = '{{< figure src="https://example.org/a.jpg" >}}'
    return d.import_error(d.file("s.md", f"---\ntitle: T\n---\n\n{body}\n"))


def md_figure_symlink_out(d: Desk) -> str:
    outside = write_image(d.tmp / "outside" / "private.jpg")
    (d.tmp / "in").mkdir(parents=True, exist_ok=True)
    (d.tmp / "in" / "pier.jpg").symlink_to(outside)
    return d.import_error(d.file("s.md", '---\ntitle: T\n---\n\n{{< figure src="pier.jpg" >}}\n'))


def md_figure_missing(d: Desk) -> str:
    return d.import_error(d.file("s.md", '---\ntitle: T\n---\n\n{{< figure src="gone.jpg" >}}\n'))


def md_shortcode_unclosed(d: Desk) -> str:
    return d.import_error(d.file("s.md", '---\ntitle: T\n---\n\n{{< figure src="a.jpg"\n\nMore.\n'))


def md_related_javascript(d: Desk) -> str:
    text = "---\ntitle: T\nrelated:\n  - title: Click\n    url: javascript:alert(1)\n---\n\nB.\n"
    return d.import_error(d.file("s.md", text))


def md_related_self(d: Desk) -> str:
    text = "---\ntitle: T\nslug: me\nrelated:\n  - title: Me\n    story: me\n---\n\nB.\n"
    return d.import_error(d.file("s.md", text))


def md_tweet_bad_id(d: Desk) -> str:
    return d.import_error(
        d.file("s.md", '---\ntitle: T\n---\n\n{{< x user="someone" id="12ab" >}}\n')
    )


def md_tweet_bad_handle(d: Desk) -> str:
    return d.import_error(
        d.file("s.md", '---\ntitle: T\n---\n\n{{< x user="no such/handle" id="123" >}}\n')
    )


def md_body_20mb(d: Desk) -> str:
    return d.import_error(
        d.file("s.md", "---\ntitle: T\n---\n\n" + "words in a line\n" * 1_300_000)
    )


def import_folder(d: Desk) -> str:
    (d.tmp / "in" / "folder.md").mkdir(parents=True)
    return d.import_error(d.tmp / "in" / "folder.md")


def import_device_file(d: Desk) -> str:
    """A story name that leads to /dev/zero (reading it never ends) and one that is a pipe."""
    (d.tmp / "in").mkdir(parents=True, exist_ok=True)
    (d.tmp / "in" / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(d.tmp / "in" / "pipe.md")
    first = d.import_error(d.tmp / "in" / "zero.md")
    assert "not a regular file" in d.import_error(d.tmp / "in" / "pipe.md")
    return first


def library_device_file(d: Desk) -> str:
    (d.tmp / "in").mkdir(parents=True, exist_ok=True)
    (d.tmp / "in" / "zero.jpg").symlink_to("/dev/zero")
    with d.open() as store, pytest.raises(EditorDeskError) as caught, store.write() as session:
        import_image_file(session, store.media, d.tmp / "in" / "zero.jpg")
    return str(caught.value)


def import_unknown_kind(d: Desk) -> str:
    return d.import_error(d.file("s.txt", "plain text"))


# ---------------------------------------------------------------- Word files


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def docx_not_zip(d: Desk) -> str:
    return d.import_error(d.file("copy.docx", "This is not a Word file at all."))


def docx_zip_bomb(d: Desk) -> str:
    bomb = _zip({"word/document.xml": b"\0" * (40 * 1024 * 1024), "[Content_Types].xml": b"<x/>"})
    return d.import_error(d.file("copy.docx", bomb))


def docx_truncated(d: Desk) -> str:
    whole = _zip({"word/document.xml": b"<w:document/>" * 2000, "[Content_Types].xml": b"<x/>"})
    return d.import_error(d.file("copy.docx", whole[: len(whole) // 2]))


def docx_password(d: Desk) -> str:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000
    return d.import_error(d.file("copy.docx", ole))


def docx_xml_entity_bomb(d: Desk) -> str:
    """A Word file whose document part defines entities that expand to a billion "lol"s."""
    import docx

    document = docx.Document()
    document.add_paragraph("BODYTEXT")
    buf = io.BytesIO()
    document.save(buf)
    entities = '<!DOCTYPE w:document [<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    members = {}
    with zipfile.ZipFile(buf) as original:
        for name in original.namelist():
            data = original.read(name)
            if name == "word/document.xml":
                head, rest = data.decode("utf-8").split("?>", 1)
                data = (head + "?>" + entities + "]>" + rest.replace("BODYTEXT", "&lol9;")).encode()
            members[name] = data
    return d.import_error(d.file("copy.docx", _zip(members)))


def docx_zip_without_document(d: Desk) -> str:
    return d.import_error(d.file("copy.docx", _zip({"readme.txt": b"hello"})))


# ---------------------------------------------------------------- super-linear input


def _import_word(d: Desk, document: Any) -> str:
    """Import a python-docx document through the command line; the new story's body."""
    path = d.tmp / "in" / "long.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    d.capsys.readouterr()
    assert main([*d.db, "import", str(path)]) == 0, d.capsys.readouterr().err
    with d.open() as store, store.read() as session:
        return get_story(session, 2).body


def docx_alternating_runs(d: Desk) -> str:
    """1,600 runs alternating bold and italic, the first of which Markdown cannot close."""
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    for i in range(1600):
        run = paragraph.add_run("x." if i == 0 else "a")
        run.bold, run.italic = i % 2 == 0, i % 2 == 1
    body = _import_word(d, document)
    assert body.replace("*", "") == "x." + "a" * 1599
    assert body.count("***") > 1500  # the emphasis of the runs after the first arrives too
    return "imported with every word and the emphasis Markdown can carry"


def docx_list_overrides(d: Desk) -> str:
    """A list of 4,000 items, each at a level of its own restarted by an override."""
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = numbering.find(f"{{{w}}}abstractNum").get(f"{{{w}}}abstractNumId")
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="5"/></w:lvlOverride>'
        for i in range(4000)
    )
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{w}" w:numId="999"><w:abstractNumId w:val="{abstract}"/>'
            f"{overrides}</w:num>"
        )
    )
    for i in range(4000):
        paragraph = document.add_paragraph(f"item {i}")
        paragraph._p.insert(
            0,
            parse_xml(
                f'<w:pPr xmlns:w="{w}"><w:numPr><w:ilvl w:val="{i}"/>'
                '<w:numId w:val="999"/></w:numPr></w:pPr>'
            ),
        )
    body = _import_word(d, document)
    assert body.count("item ") == 4000 and body.startswith("5. item 0")
    return "imported with every item of the list"


def docx_unclosed_fields(d: Desk) -> str:
    """8,000 Word fields opened and shown, never closed, each showing a word."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    paragraph = document.add_paragraph()
    for _ in range(8000):
        for kind in ("begin", "separate"):
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            paragraph.add_run()._r.append(mark)
        paragraph.add_run("w")
    assert _import_word(d, document) == "w" * 8000
    return "imported with the words the fields show"


def docx_unkeepable_pictures(d: Desk) -> str:
    """A TIFF, an EMF nothing can convert, a damaged JPEG and a linked picture in one file."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = docx.Document()
    document.add_paragraph("Words before the pictures.")
    for name in ("tiff", "emf", "damaged", "linked"):
        document.add_paragraph().add_run().add_picture(io.BytesIO(image_bytes("PNG")))
        document.add_paragraph(f"After the {name} picture.")
    path = d.tmp / "in" / "pictures.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    tiff = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (8, 6), (200, 10, 10)).save(tiff, "TIFF")
    emf = b"\x01\x00\x00\x00" + bytes(36) + b" EMF" + bytes(64)
    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    rels = members["word/_rels/document.xml.rels"].decode()
    images = sorted(m for m in members if m.startswith("word/media/"))
    assert len(images) == 1  # python-docx stored the one picture once: give each its own
    body = members["word/document.xml"].decode()
    targets = {"tiff": "media/p1.tif", "emf": "media/p2.emf", "damaged": "media/p3.jpg"}
    for number, (name, target) in enumerate(targets.items(), start=1):
        members[f"word/{target}"] = {"tiff": tiff.getvalue(), "emf": emf, "damaged": b"\xff\xd8no"}[
            name
        ]
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rIdP{number}" Type="{RT.IMAGE}" Target="{target}"/>'
            "</Relationships>",
        )
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdP4" Type="{RT.IMAGE}" Target="file:///C:/pics/pier.jpg" '
        'TargetMode="External"/></Relationships>',
    )
    embed = re.search(r'r:embed="(rId\d+)"', body)
    assert embed is not None
    for number in range(1, 5):
        body = body.replace(f'r:embed="{embed.group(1)}"', f'r:embed="rIdP{number}"', 1)
    members["word/document.xml"] = body.encode()
    members["word/_rels/document.xml.rels"] = rels.encode()
    members["[Content_Types].xml"] = (
        members["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Default Extension="tif" ContentType="image/tiff"/>'
            '<Default Extension="emf" ContentType="image/x-emf"/>'
            '<Default Extension="jpg" ContentType="image/jpeg"/></Types>',
        )
        .encode()
    )
    with zipfile.ZipFile(path, "w") as z:
        for member, data in members.items():
            z.writestr(member, data)
    d.capsys.readouterr()
    assert main([*d.db, "import", str(path)]) == 0
    report = d.capsys.readouterr().err
    with d.open() as store, store.read() as session:
        story = get_story(session, 2)
    for name in ("tiff", "emf", "damaged", "linked"):
        assert f"After the {name} picture." in story.body
    assert "an EMF drawing, not converted" in story.body
    assert "pier.jpg" in story.body
    assert story.body.count("{{< figure") == 1  # the TIFF, as a PNG in the library
    for named in ("TIFF pictures converted to PNG: 1", "EMF drawings kept as placeholders: 1"):
        assert named in report, report
    return "imported with every word, each picture converted or a named placeholder"


def _import_and_export(d: Desk, name: str, text: str) -> str:
    """Import a .md through the command line, then check it and export it as HTML and Word;
    the new story's body."""
    path = d.file(name, text)
    d.capsys.readouterr()
    assert main([*d.db, "import", str(path)]) == 0, d.capsys.readouterr().err
    out = d.tmp / "out"
    main([*d.db, "check", "2"])  # findings or none: it answers, whatever the body holds
    for fmt in ("html", "docx"):
        assert main([*d.db, "export", "2", "-f", fmt, "-o", str(out), "--force"]) == 0
    with d.open() as store, store.read() as session:
        return get_story(session, 2).body


def md_many_tweets(d: Desk) -> str:
    """4,000 tweet shortcodes in one .md (220 KB): the scanner looked for each one's closing
    tag to the end of the body."""
    tweets = "\n\n".join(
        f'{{{{< x user="reader{i % 50}" id="{10**15 + i}" >}}}}' for i in range(4000)
    )
    body = _import_and_export(d, "tweets.md", f"---\ntitle: Reactions\n---\n\n{tweets}\n")
    assert body.count("{{< x ") == 4000
    with d.open() as store, store.read() as session:
        assert len(get_tweets(session, {str(10**15 + i) for i in range(4000)})) == 4000
    return "imported with every tweet recorded, then checked and exported"


def md_unclosed_tags(d: Desk) -> str:
    """A paragraph of 4,000 `<span>` tags never closed: each looked for its closer to the
    end of the paragraph."""
    body = _import_and_export(d, "spans.md", "---\ntitle: Spans\n---\n\n" + "a <span> " * 4000)
    assert body.count("<span>") == 4000
    return "imported, checked and exported with every word"


# ---------------------------------------------------------------- text an editor types


def _new_story(d: Desk, draft: StoryDraft) -> str:
    with d.open() as store, pytest.raises(EditorDeskError) as caught, store.write() as session:
        create_story(session, draft, author="Editor")
    return str(caught.value)


def _save_over(d: Desk, **changes: Any) -> str:
    with d.open() as store, pytest.raises(EditorDeskError) as caught, store.write() as session:
        story = get_story(session, 1)
        draft = StoryDraft(
            headline=story.headline, body=story.body, related=story.related, slug=story.slug
        )
        save_story(
            session, 1, replace(draft, **changes), base_version=story.version, author="Editor"
        )
    return str(caught.value)


def related_self(d: Desk) -> str:
    return _save_over(d, related=(RelatedRecord(title="Itself", story_id=1),))


def related_javascript(d: Desk) -> str:
    return _save_over(d, related=(RelatedRecord(title="Click", url="javascript:alert(1)"),))


def related_data_url(d: Desk) -> str:
    return _save_over(
        d, related=(RelatedRecord(title="Click", url="data:text/html,<script>1</script>"),)
    )


def related_missing_story(d: Desk) -> str:
    return _save_over(d, related=(RelatedRecord(title="Gone", story_id=999),))


def field_too_long(d: Desk) -> str:
    """A byline longer than its column: PostgreSQL refused it with a raw database error."""
    return _save_over(d, byline="B" * 400)


def slug_invalid(d: Desk) -> str:
    return _save_over(d, slug="../Harbour Wall!")


def status_unknown(d: Desk) -> str:
    return _new_story(d, StoryDraft(headline="T", status="archived"))  # type: ignore[arg-type]


def body_20mb(d: Desk) -> str:
    return _save_over(d, body="A line of a story far too long.\n" * 660_000)


def tweet_url_not_tweet(d: Desk) -> str:
    with pytest.raises(EditorDeskError) as caught:
        parse_tweet_url("https://example.org/EllanCoastguard/status/1727344556789012345")
    return str(caught.value)


def tweet_url_profile(d: Desk) -> str:
    with pytest.raises(EditorDeskError) as caught:
        parse_tweet_url("https://x.com/EllanCoastguard")
    return str(caught.value)


def _export_text(d: Desk, story_id: int, fmt: str = "html") -> str:
    part = {"docx": "word/document.xml", "docx-rels": "word/_rels/document.xml.rels"}.get(fmt)
    fmt = "docx" if part else fmt
    out = d.tmp / f"out-{fmt}"
    with d.open() as store:
        [result] = export_stories(store, [story_id], fmt, out, ExportOptions(force=True))
    assert result.outcome is Outcome.EXPORTED, result.error
    assert result.path is not None
    if part:
        with zipfile.ZipFile(result.path) as archive:
            return archive.read(part).decode("utf-8")
    return result.path.read_text(encoding="utf-8")


def script_in_every_field(d: Desk) -> str:
    hostile = f'{SCRIPT}<img src=x onerror="alert(2)"><iframe src="https://evil.test">'
    quoted = hostile.replace('"', '\\"')
    text = (
        f"---\ntitle: '{hostile}'\ndescription: '{hostile}'\nauthor: '{hostile}'\n"
        f"dateline: '{hostile}'\nsection: '{hostile}'\ntags: ['{hostile}']\n---\n\n"
        f"{hostile}\n\nA paragraph with {hostile} inline.\n\n"
        f'{{{{< figure src="p.jpg" caption="{quoted}" attr="{quoted}" alt="{quoted}" >}}}}\n'
    )
    write_image(d.tmp / "in" / "p.jpg")
    path = d.file("hostile.md", text)
    assert main([*d.db, "import", str(path)]) == 0
    html = _export_text(d, 2)
    assert active_content(html) == []
    assert "<h1>&lt;script&gt;" in html  # the headline's text, shown as typed, never run
    docx = _export_text(d, 2, "docx")
    assert "<script" not in docx
    return "stored as typed; exported escaped or removed"


def links_javascript_and_data(d: Desk) -> str:
    body = (
        "[one](javascript:alert(1)) [two](JaVaScRiPt:alert(2)) [three](java\tscript:alert(3)) "
        "[four](data:text/html;base64,PHNjcmlwdD4=) [five](vbscript:x) "
        '<a href="javascript:alert(6)">six</a> [ok](https://example.org/)'
    )
    with d.open() as store, store.write() as session:
        create_story(session, StoryDraft(headline="Links", byline="M", body=body), author="E")
    html = _export_text(d, 2)
    assert 'href="https://example.org/"' in html
    assert active_content(html) == []
    rels = _export_text(d, 2, "docx-rels")
    targets = re.findall(r'Target="([^"]*)"', rels)
    assert "https://example.org/" in targets
    assert not [t for t in targets if re.match(r"(?i)\s*(java|vb)\s*script|data:", t)]
    return "link kept as words, its target dropped"


def deep_nesting(d: Desk) -> str:
    """Emphasis 50,000 levels deep, lists 60 deep, quotes 1,000 deep, 10,000 list markers on
    one line, and a paragraph after each."""
    body = (
        "*" * 100_000
        + "deep"
        + "*" * 100_000
        + "\n\n"
        + "".join("  " * i + f"- level{i}\n" for i in range(60))
        + "\nAfter the lists.\n\n"
        + "> " * 1000
        + "quoted\n\nAfter the quotes.\n\n"
        + "- " * 10_000
        + "marked\n\nThe paragraph after."
    )
    with d.open() as store, store.write() as session:
        create_story(session, StoryDraft(headline="Deep", byline="M", body=body), author="E")
    html = _export_text(d, 2)
    words = ["deep", "level59", "After the lists.", "quoted", "After the quotes.", "marked"]
    words.append("The paragraph after.")
    for word in words:
        assert word in html
    assert active_content(html) == []
    docx = _export_text(d, 2, "docx")
    for word in words:
        assert word in docx
    return "stored; exported with its words, nesting kept within reason"


def control_characters(d: Desk) -> str:
    body = "Nul \x00 bell \x07 vertical \x0b escape \x1b[31m and \ufffe end."
    with d.open() as store, store.write() as session:
        create_story(session, StoryDraft(headline="C\x00trl", byline="M", body=body), author="E")
    with d.open() as store, store.read() as session:
        stored = get_story(session, 2)
    assert stored.headline == "Ctrl" and "\x00" not in stored.body and "\x1b" not in stored.body
    html = _export_text(d, 2)
    assert "\x00" not in html
    docx = _export_text(d, 2, "docx")
    assert "\x00" not in docx and "\x0b" not in docx
    return "stored; exports drop what HTML and XML cannot carry"


# ---------------------------------------------------------------- templates and exports


def _template(d: Desk, text: str | bytes, name: str = "article.html") -> Path:
    folder = d.tmp / "templates"
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return folder


def template_python_internals(d: Desk) -> str:
    folder = _template(d, "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    return d.export_error("--template", str(folder))


def template_globals(d: Desk) -> str:
    folder = _template(d, "{{ cycler.__init__.__globals__.os.popen('id').read() }}")
    return d.export_error("--template", str(folder))


def template_include_dotdot(d: Desk) -> str:
    folder = _template(d, "{% include '../../../../etc/passwd' %}")
    return d.export_error("--template", str(folder))


def template_include_absolute(d: Desk) -> str:
    folder = _template(d, "{% include '/etc/passwd' %}")
    return d.export_error("--template", str(folder))


def template_recursion(d: Desk) -> str:
    folder = _template(d, "{% include 'article.html' %}")
    return d.export_error("--template", str(folder))


def template_memory_bomb(d: Desk) -> str:
    folder = _template(d, "{{ 'x' * 10 ** 10 }}{{ 'y'|center(10 ** 9) }}")
    return d.export_error("--template", str(folder))


def template_huge_range(d: Desk) -> str:
    folder = _template(d, "{% for i in range(10 ** 9) %}{{ i }}{% endfor %}")
    return d.export_error("--template", str(folder))


def template_endless_loop(d: Desk) -> str:
    loops = "{% for i in range(10 ** 5) %}{% for j in range(10 ** 5) %}{% endfor %}{% endfor %}"
    folder = _template(d, loops)
    with pytest.MonkeyPatch.context() as patch:  # ten seconds, as shipped, is long for a test
        patch.setattr(templating, "DESK_TEMPLATE_SECONDS", 0.5)
        started = time.monotonic()
        message = d.export_error("--template", str(folder))
        assert time.monotonic() - started < 30
    return message


def template_page_flood(d: Desk) -> str:
    folder = _template(d, "{% for i in range(10 ** 5) %}{{ 'x' * 10 ** 6 }}{% endfor %}")
    return d.export_error("--template", str(folder))


def template_syntax_error(d: Desk) -> str:
    folder = _template(d, "{% if story.headline %}never closed")
    return d.export_error("--template", str(folder))


def template_not_utf8(d: Desk) -> str:
    folder = _template(d, "Caf\xe9 {{ story.headline }}".encode("latin-1"))
    return d.export_error("--template", str(folder))


def template_folder_missing(d: Desk) -> str:
    return d.export_error("--template", str(d.tmp / "no-such-folder"))


def template_symlink_out(d: Desk) -> str:
    """A template that is a link to the process's environment (its database password)."""
    folder = _template(d, "{% include 'partials/env.html' %}")
    (folder / "partials").mkdir()
    (folder / "partials" / "env.html").symlink_to("/proc/self/environ")
    message = d.export_error("--template", str(folder))
    assert "=" not in message.split("leads outside")[-1]  # nothing of the file itself
    return message


def template_fifo(d: Desk) -> str:
    folder = _template(d, "{% include 'pipe.html' %}")
    os.mkfifo(folder / "pipe.html")
    return d.export_error("--template", str(folder))


def template_string_builders(d: Desk) -> str:
    """Doubling a string with `~` in a loop, then join/replace/indent/wordwrap: each once
    built a gigabyte; all are refused, each at its first oversized step."""
    doubling = (
        "{% set ns = namespace(s='x' * 1000000) %}"
        "{% for i in range(30) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
    )
    messages = []
    for code in (
        doubling,
        "{{ ('x' * 9000000).replace('x', 'yyyyyyyyyy')|length }}",
        "{{ (['y' * 9000000] * 2)|join('-') }}",
        "{{ ('\\n' * 100000)|indent(1000)|length }}",
        "{{ ('x' * 9000000)|wordwrap(1, wrapstring='--')|length }}",
    ):
        messages.append(d.export_error("--template", str(_template(d, code))))
    assert all("unsafe and was stopped" in m for m in messages), messages
    return messages[0]


def template_runtime_error(d: Desk) -> str:
    """An error in the template's own code: 1/0, a bad format, range(1, 2, 0), wordwrap(0)."""
    for code, says in (
        ("{{ '{'.format(1) }}", "ValueError: Single '{'"),
        ("{% for i in range(1, 2, 0) %}{% endfor %}", "ValueError: range() arg 3"),
        ("{{ story.headline|wordwrap(0) }}", "ValueError: invalid width 0"),
    ):
        assert says in d.export_error("--template", str(_template(d, f"<p>\n{code}")))
    return d.export_error(
        "--template", str(_template(d, "<h1>{{ story.headline }}</h1>\n{{ 1 / 0 }}"))
    )


def reference_not_docx(d: Desk) -> str:
    ref = d.file("reference.docx", "not a Word file")
    return d.export_error("--format", "docx", "--reference", str(ref))


def reference_device(d: Desk) -> str:
    return d.export_error("--format", "docx", "--reference", "/dev/zero")


def _shipped_reference_members() -> dict[str, bytes]:
    from editordesk.assets import resource

    data = resource("templates", "docx", "reference.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def reference_zip_bomb(d: Desk) -> str:
    members = _shipped_reference_members()
    members["word/media/zeros.bin"] = b"\0" * (40 * 1024 * 1024)
    ref = d.file("house.docx", _zip(members))
    return d.export_error("--format", "docx", "--reference", str(ref))


def reference_active_content(d: Desk) -> str:
    """A reference with a remote attached template, macros and an embedded object."""
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    from editordesk.assets import resource

    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    document = docx.Document(
        io.BytesIO(resource("templates", "docx", "reference.docx").read_bytes())
    )
    package = document.part.package
    settings = document.part._settings_part
    r_id = settings.relate_to("https://evil.test/normal.dotm", f"{office}/attachedTemplate", True)
    settings.element.insert(
        0,
        parse_xml(
            '<w:attachedTemplate xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
            f'2006/main" xmlns:r="{office}" r:id="{r_id}"/>'
        ),
    )
    macros = Part(
        PackURI("/word/vbaProject.bin"), "application/vnd.ms-office.vbaProject", b"VBA", package
    )
    document.part.relate_to(
        macros, "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
    )
    embedded = Part(
        PackURI("/word/embeddings/oleObject1.bin"),
        "application/vnd.openxmlformats-officedocument.oleObject",
        b"object",
        package,
    )
    document.part.relate_to(embedded, f"{office}/oleObject")
    ref = d.tmp / "in" / "house.docx"
    ref.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(ref))
    out = d.tmp / "out"
    d.capsys.readouterr()
    assert (
        main(
            [
                *d.db,
                "export",
                "1",
                "-o",
                str(out),
                "--force",
                "--format",
                "docx",
                "--reference",
                str(ref),
            ]
        )
        == 0
    )
    [exported] = out.glob("*.docx")
    with zipfile.ZipFile(exported) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(name) for name in names)
    assert "word/vbaProject.bin" not in names and "word/embeddings/oleObject1.bin" not in names
    assert b"evil.test" not in everything and b"attachedTemplate" not in everything
    assert docx.Document(str(exported)).paragraphs
    return "exported on its styles; the attached template, macros and object dropped"


def export_into_a_file(d: Desk) -> str:
    target = d.file("exists.txt", "a file")
    return d.cli_error("export", "--all", "-o", str(target))


def media_symlink_out(d: Desk) -> str:
    """A media file replaced by a link to a file outside the media folder."""
    secret = d.tmp / "secret.txt"
    secret.write_text("password=hunter2")
    media = d.location.media_dir
    [picture] = [p for p in media.rglob("*") if p.is_file()]
    aside = d.tmp / "picture-aside"
    shutil.move(picture, aside)
    picture.symlink_to(secret)
    try:
        err = d.export_error("--embed-images")
        assert "hunter2" not in err
        assert not list((d.tmp / "out").glob("*.html"))
    finally:
        picture.unlink()
        shutil.move(aside, picture)
    return err


def _sql(d: Desk, statement: str, *params: Any) -> None:
    """Change the store behind EditorDesk's back, as a damaged or crafted file would be."""
    assert d.location.sqlite_path is not None
    conn = sqlite3.connect(d.location.sqlite_path)
    conn.execute(statement, params)
    conn.commit()
    conn.close()


def crafted_image_path(d: Desk) -> None:
    _sql(d, "UPDATE images SET path = '../../../../etc/passwd'")


def media_path_in_record(d: Desk) -> str:
    """An image record (a crafted store) pointing outside the media folder."""
    return d.export_error("--embed-images")


# ---------------------------------------------------------------- the store itself


def _other_store(d: Desk, name: str) -> list[str]:
    return ["--db", str(d.tmp / "other" / name)]


def store_not_database(d: Desk) -> str:
    path = d.file("notes.sqlite", "This is a text file, not a database.\n" * 100)
    before = file_state(path)
    d.capsys.readouterr()
    assert main(["--db", str(path), "list"]) == 1
    err = d.capsys.readouterr().err
    assert file_state(path) == before
    return err


def store_truncated(d: Desk) -> str:
    source = d.location.sqlite_path
    assert source is not None
    copy = d.tmp / "cut" / "cut.sqlite"
    copy.parent.mkdir()
    with d.open():
        pass  # closed: the WAL is folded into the file
    data = source.read_bytes()
    copy.write_bytes(data[: len(data) // 3])
    before = file_state(copy)
    d.capsys.readouterr()
    assert main(["--db", str(copy), "list"]) == 1
    err = d.capsys.readouterr().err
    assert file_state(copy) == before
    return err


def store_of_another_program(d: Desk) -> str:
    path = d.tmp / "other" / "contacts.sqlite"
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = file_state(path)
    d.capsys.readouterr()
    assert main(["--db", str(path), "list"]) == 1
    err = d.capsys.readouterr().err
    assert file_state(path) == before
    return err


def newer_schema(d: Desk) -> None:
    _sql(d, "UPDATE alembic_version SET version_num = '9999'")


def store_newer(d: Desk) -> str:
    assert d.location.sqlite_path is not None
    before = file_state(d.location.sqlite_path)
    err = d.cli_error("import", str(d.file("s.md", "# New\n\nText.\n")))
    assert file_state(d.location.sqlite_path) == before
    return err


def store_is_a_folder(d: Desk) -> str:
    folder = d.tmp / "other" / "news.sqlite"
    folder.mkdir(parents=True)
    d.capsys.readouterr()
    assert main(["--db", str(folder), "list"]) == 1
    return d.capsys.readouterr().err


def store_unknown_engine(d: Desk) -> str:
    d.capsys.readouterr()
    assert main(["--db", "mysql://desk@localhost/news", "list"]) == 1
    return d.capsys.readouterr().err


def store_read_only(d: Desk) -> str:
    # A world-readable folder, so an unprivileged user can reach it.
    base = Path(tempfile.mkdtemp(prefix="editordesk-ro-"))
    try:
        base.chmod(0o755)
        path = base / "ro.sqlite"
        shutil.copy(d.location.sqlite_path, path)  # type: ignore[arg-type]
        path.chmod(0o444)
        story = d.file("s.md", "# New\n\nText.\n")
        for part in (d.tmp, d.tmp / "in", story):
            part.chmod(part.stat().st_mode | 0o755)
        argv = ["--db", str(path), "--media", str(base / "media"), "import", str(story)]
        assert main(["--db", str(d.tmp / "warm.sqlite"), "import", str(story)]) == 0  # load code
        before = file_state(path)
        d.capsys.readouterr()
        config = os.environ["EDITORDESK_CONFIG"]
        os.environ["EDITORDESK_CONFIG"] = str(base / "settings.yaml")
        try:
            with _unprivileged():
                code = main(argv)
        finally:
            os.environ["EDITORDESK_CONFIG"] = config
        err = d.capsys.readouterr().err
        assert code == 1, err
        assert file_state(path) == before
        return err
    finally:
        shutil.rmtree(base, ignore_errors=True)


@contextlib.contextmanager
def _unprivileged() -> Iterator[None]:
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def _limit_pages(store: Store) -> None:
    """A full disk, as SQLite meets it: the file may grow no further."""

    @event.listens_for(store.engine, "connect")
    def _full(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    store.engine.dispose()


def disk_full_on_save(d: Desk) -> str:
    with d.open() as store:
        _limit_pages(store)
        with pytest.raises(EditorDeskError) as caught, store.write() as session:
            story = get_story(session, 1)
            save_story(
                session,
                1,
                StoryDraft(headline=story.headline, body=story.body + "\n\n" + "More. " * 200_000),
                base_version=story.version,
                author="Editor",
            )
    return str(caught.value)


def disk_full_on_import(d: Desk) -> str:
    write_image(d.tmp / "in" / "new-picture.jpg")
    story = d.file(
        "long.md",
        '---\ntitle: Long\n---\n\n{{< figure src="new-picture.jpg" >}}\n\n'
        + "A long line of copy. " * 100_000,
    )
    with d.open() as store:
        _limit_pages(store)
        from editordesk.services.importing import import_files

        [result] = import_files(store, [story], author="Editor")
    assert result.error is not None
    return result.error


def long_story(d: Desk) -> None:
    with d.open() as store, store.write() as session:
        create_story(
            session, StoryDraft(headline="Long", byline="M", body="Copy. " * 20_000), author="E"
        )


def disk_full_on_export(d: Desk) -> str:
    """The export's file system is full: simulated with a file size limit in a child."""
    import subprocess
    import sys

    out = d.tmp / "out"
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (40000, 40000))\n"
        "from editordesk.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *d.db, "export", "2", "-o", str(out), "--force"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() or not [p for p in out.iterdir()]  # nothing half-written left
    return done.stderr


def two_windows_same_copy(d: Desk) -> str:
    """Two windows on one SQLite file save from the same copy: the second is refused."""
    with d.open() as first, d.open() as second:
        with first.read() as session:
            base = get_story(session, 1)
        with first.write() as session:
            save_story(
                session,
                1,
                StoryDraft(headline="First window", body=base.body),
                base_version=base.version,
                author="A",
            )
        with pytest.raises(EditorDeskError) as caught, second.write() as session:
            save_story(
                session,
                1,
                StoryDraft(headline="Second window", body=base.body),
                base_version=base.version,
                author="B",
            )
    with d.open() as store, store.read() as session:
        assert get_story(session, 1).headline == "First window"
    return str(caught.value)


def settings_malformed(d: Desk) -> str:
    config = Path(os.environ["EDITORDESK_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("store: [unclosed\nautosave_seconds: often\n")
    d.capsys.readouterr()
    assert main(["list"]) == 1
    err = d.capsys.readouterr().err
    assert err.count("\n") == 1  # one line
    return err


def settings_not_a_number(d: Desk) -> str:
    config = Path(os.environ["EDITORDESK_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("backups_keep: lots\n")
    d.capsys.readouterr()
    assert main(["list"]) == 1
    assert isinstance(Settings().backups_keep, int)
    return d.capsys.readouterr().err


def settings_device(d: Desk) -> str:
    d.capsys.readouterr()
    os.environ["EDITORDESK_CONFIG"] = "/dev/zero"  # isolated_env (conftest) restores it after
    assert main(["list"]) == 1
    return d.capsys.readouterr().err


def restore_not_a_backup(d: Desk) -> str:
    return d.cli_error("restore", str(d.file("backup.zip", "not a zip")))


# ---------------------------------------------------------------- clear errors, never tracebacks

HUGE = "99999999999999999999"  # more than any integer column (or SQLite's driver) holds


def _md(d: Desk, front: str, name: str = "s.md") -> Path:
    return d.file(name, f"---\ntitle: T\n{front}\n---\n\nBody.\n")


def md_date_past_year_9999(d: Desk) -> str:
    return d.import_error(_md(d, "date: 9999-12-31T23:59:59-12:00"))


def md_date_year_one_offset(d: Desk) -> str:
    return d.import_error(_md(d, "date: 0001-01-01T00:00:00+05:00"))


def md_yaml_nested_deep(d: Desk) -> str:
    return d.import_error(_md(d, "x: " + "[" * 5000 + "]" * 5000))


def md_related_date_not_real(d: Desk) -> str:
    related = "related:\n  - title: Old\n    url: https://example.org/a\n    date: 2026-02-30"
    return d.import_error(_md(d, related))


def md_slug_windows_device(d: Desk) -> str:
    return d.import_error(_md(d, "slug: lpt9"))


def md_language_not_a_tag(d: Desk) -> str:
    return d.import_error(_md(d, "language: Arabic please"))


def md_batch_past_bad_dates(d: Desk) -> str:
    """Each bad file above in one batch with a good one: the batch reaches its summary."""
    bad = [
        _md(d, "date: 9999-12-31T23:59:59-12:00", "a.md"),
        _md(d, "date: 0001-01-01T00:00:00+05:00", "b.md"),
        _md(d, "x: " + "{a: " * 3000 + "1" + "}" * 3000, "c.md"),
        _md(
            d, "related:\n  - title: O\n    url: https://example.org/\n    date: 2026-02-30", "d.md"
        ),
    ]
    good = d.file("e.md", "---\ntitle: Good\n---\n\nBody.\n")
    d.capsys.readouterr()
    assert main([*d.db, "import", *map(str, bad), str(good)]) == 1
    out, err = d.capsys.readouterr()
    assert "Traceback" not in err
    assert [line.split(":")[0] for line in err.splitlines()[:4]] == ["editordesk"] * 4
    assert all(str(path) in err for path in bad)
    with d.open() as store, store.read() as session:
        assert get_story(session, int(out.split()[-1])).headline == "Good"
    return err


def _usage_error(d: Desk, *argv: str) -> str:
    """A command line argparse refuses: exit 2, its usage, then one `error:` line."""
    d.capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main([*d.db, *argv])
    assert done.value.code == 2
    err = d.capsys.readouterr().err
    assert "Traceback" not in err
    assert len([line for line in err.splitlines() if ": error: " in line]) == 1
    return err


def list_limit_huge(d: Desk) -> str:
    return _usage_error(d, "list", "--limit", HUGE)


def lock_the_story(d: Desk) -> None:
    """Mara has story 1 open in her window: she holds its edit lock."""
    from editordesk.services.locks import take_lock

    with d.open() as store, store.write() as session:
        take_lock(session, 1, holder="Mara Quinn", window="w-mara")


def revert_locked_story(d: Desk) -> str:
    return d.cli_error("revert", "1", "1")


def story_id_huge(d: Desk) -> str:
    out = str(d.tmp / "out")
    for argv in (["export", HUGE, "-o", out], ["check", HUGE], ["history", HUGE]):
        message = _usage_error(d, *argv)
    for command in ("restore", "revert"):
        assert "is not a story id" in d.cli_error(command, HUGE, "1")
        assert f"{HUGE} is not a whole number" in _usage_error(d, command, "1", HUGE)
    return message


def _db_error(d: Desk, url: str) -> str:
    d.capsys.readouterr()
    assert main(["--db", url, "--media", str(d.tmp / "media"), "list"]) == 1
    err = d.capsys.readouterr().err
    assert err.count("\n") == 1 and ":p@" not in err
    return err


def db_port_not_a_number(d: Desk) -> str:
    return _db_error(d, "postgresql://u:p@h:54x32/db")


def db_port_out_of_range(d: Desk) -> str:
    return _db_error(d, "postgresql://u:p@h:99999/db")


def db_async_driver(d: Desk) -> str:
    return _db_error(d, "postgresql+asyncpg://u:p@h/db")


def _settings_error(d: Desk, text: str) -> str:
    config = Path(os.environ["EDITORDESK_CONFIG"])  # isolated_env (conftest) points it here
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text)
    d.capsys.readouterr()
    assert main(["list"]) == 1
    err = d.capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def settings_yaml_nested_deep(d: Desk) -> str:
    return _settings_error(d, "store: " + "[" * 5000 + "]" * 5000 + "\n")


def settings_date_not_real(d: Desk) -> str:
    return _settings_error(d, "author: Ann\nlast_backup: 2026-02-30\n")


def publish_time_past_year_9999(d: Desk) -> str:
    """What the window or a recovered autosave hands the service: a time the store's own
    conversion to UTC would run off the calendar with."""
    west = dt.timezone(dt.timedelta(hours=-12))
    return _save_over(d, publish_time=dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=west))


def slug_windows_device(d: Desk) -> str:
    return _save_over(d, slug="con")


def headline_windows_device(d: Desk) -> str:
    """A story headed "Con" with a picture named NUL.jpg: no file of its exports names a
    device, so the export unpacks on Windows too."""
    write_image(d.tmp / "in" / "NUL.jpg")
    story = d.file("con.md", '---\ntitle: Con\n---\n\nText.\n\n{{< figure src="NUL.jpg" >}}\n')
    d.capsys.readouterr()
    assert main([*d.db, "import", str(story)]) == 0
    story_id = d.capsys.readouterr().out.split()[-1]
    names = []
    for fmt in ("html", "md", "docx"):
        out = d.tmp / f"out-{fmt}"
        assert main([*d.db, "export", story_id, "-f", fmt, "-o", str(out), "--force"]) == 0
        names += [p.name for p in out.rglob("*")]
    assert "con-story.html" in names and "con-story.docx" in names and "con-story" in names
    assert not [name for name in names if is_device_name(name)], names
    return "stored as con-story; exported as " + ", ".join(sorted(names))


# ---------------------------------------------------------------- publishing


def site_not_web_address(d: Desk) -> str:
    os.environ["EDITORDESK_SITE_PASSWORD"] = "pw"
    try:
        return d.cli_error("sites", "add", "News", "--url", "ftp://example.org", "--user", "ed")
    finally:
        del os.environ["EDITORDESK_SITE_PASSWORD"]


def site_unreachable(d: Desk) -> str:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    os.environ["EDITORDESK_SITE_PASSWORD"] = "pw"
    try:
        url = f"http://127.0.0.1:{port}"
        return d.cli_error("sites", "add", "News", "--url", url, "--user", "ed")
    finally:
        del os.environ["EDITORDESK_SITE_PASSWORD"]


def site_no_password(d: Desk) -> str:
    os.environ.pop("EDITORDESK_SITE_PASSWORD", None)
    return d.cli_error("sites", "add", "News", "--url", "https://news.example", "--user", "ed")


def publish_unknown_site(d: Desk) -> str:
    return d.cli_error("publish", "1", "--site", "Nowhere")


def _style_import(d: Desk, name: str, data: bytes | str) -> str:
    from editordesk.services.style import import_style

    path = d.file(name, data)
    with d.open() as store:
        try:
            with store.write() as session:
                import_style(session, path)
        except EditorDeskError as exc:
            return str(exc)
    raise AssertionError("the style file was taken")


def style_not_yaml(d: Desk) -> str:
    return _style_import(d, "house.yaml", "preferred: [utilise\n")


def style_unknown_setting(d: Desk) -> str:
    return _style_import(d, "house.yaml", "colour: red\n")


def style_not_utf8(d: Desk) -> str:
    return _style_import(d, "house.yaml", b"\xff\xfepreferred:\n")


def replace_bad_regex(d: Desk) -> str:
    from editordesk.services.replace import FindSpec, plan_replace

    with d.open() as store, store.read() as session:
        try:
            plan_replace(session, [1], FindSpec("(harbour", "port", regex=True))
        except EditorDeskError as exc:
            return str(exc)
    raise AssertionError("the expression was taken")


def _language_without_dictionary(d: Desk) -> None:
    from editordesk.services.spelling import set_story_language

    with d.open() as store, store.write() as session:
        set_story_language(session, 1, "xx_XX")


def spelling_no_dictionary(d: Desk) -> str:
    d.capsys.readouterr()
    main([*d.db, "check", "1"])
    out, err = d.capsys.readouterr()
    assert "Traceback" not in err
    return next(line for line in out.splitlines() if "dictionary" in line)


# ---------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class Case:
    id: str
    run: Callable[[Desk], str]
    says: str  # a regular expression the message must match
    changes_store: bool = False  # accepted and neutralised: one story added, nothing lost
    prepare: Callable[[Desk], None] | None = None  # sets the scene before the fingerprint


def write_image(path: Path) -> Path:
    """A picture no other test file has (its colour comes from its name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shade = hashlib.sha256(path.name.encode()).digest()
    path.write_bytes(image_bytes(color=(shade[0], shade[1], shade[2])))
    return path


CASES = [
    Case("jpeg-corrupt", jpeg_corrupt, r"damaged or truncated|not an image"),
    Case("jpeg-truncated", jpeg_truncated, r"damaged or truncated"),
    Case("image-empty", image_empty, r"is empty \(0 bytes\)"),
    Case("image-bomb", image_bomb, r"too large to decode safely|more than EditorDesk accepts"),
    Case("image-over-limit", image_over_limit, r"more than EditorDesk accepts"),
    Case("svg-as-jpg", svg_as_jpg, r"not an image EditorDesk can read"),
    Case("html-as-jpg", html_as_jpg, r"not an image EditorDesk can read"),
    Case("tiff-image", tiff_image, r"is a TIFF image; use JPEG, PNG, WebP or GIF"),
    Case("library-not-image", library_not_image, r"notes.jpg is not an image"),
    Case("md-yaml-malformed", md_yaml_malformed, r":\d+: front matter is not valid YAML"),
    Case("md-front-matter-unclosed", md_front_matter_unclosed, r"never closed with ---"),
    Case("md-front-matter-not-mapping", md_front_matter_not_mapping, r"key: value lines"),
    Case("md-toml-front-matter", md_toml_front_matter, r"TOML front matter"),
    Case("md-not-utf8", md_not_utf8, r":\d+: is not UTF-8 text"),
    Case("md-nul-in-front-matter", md_nul_in_front_matter, r":2: .*holds the character U\+0000"),
    Case("md-yaml-billion-laughs", md_yaml_billion_laughs, r":4: .*uses the YAML alias \*a0"),
    Case("md-unknown-status", md_unknown_status, r":3: unknown status 'archived'"),
    Case("md-bad-date", md_bad_date, r":3: date 'next tuesday' is not an ISO 8601"),
    Case("md-bad-slug", md_bad_slug, r"slug '\.\./\.\./etc' may hold only"),
    Case("md-figure-dotdot", md_figure_dotdot, r"lies outside the story's folder"),
    Case("md-figure-absolute", md_figure_absolute, r"lies outside the story's folder"),
    Case("md-figure-url", md_figure_url, r"does not fetch images from the web"),
    Case("md-figure-symlink-out", md_figure_symlink_out, r"lies outside the story's folder"),
    Case("md-figure-missing", md_figure_missing, r"figure file 'gone.jpg' is missing"),
    Case("md-shortcode-unclosed", md_shortcode_unclosed, r":\d+: .*(never closed|not closed)"),
    Case("md-related-javascript", md_related_javascript, r"not an http\(s\) address"),
    Case("md-related-self", md_related_self, r"cannot list itself as related"),
    Case("md-tweet-bad-id", md_tweet_bad_id, r"tweet id '12ab' is not a number"),
    Case("md-tweet-bad-handle", md_tweet_bad_handle, r"is not a Twitter handle"),
    Case("md-body-20mb", md_body_20mb, r"body is [\d.]+ million characters"),
    Case("import-folder", import_folder, r"is a folder, not a story file"),
    Case("import-device-file", import_device_file, r"zero.md: is not a regular file"),
    Case("library-device-file", library_device_file, r"zero.jpg is not a regular file"),
    Case("import-unknown-kind", import_unknown_kind, r"is not a file EditorDesk imports"),
    Case("docx-not-zip", docx_not_zip, r"is not a Word .docx file"),
    Case("docx-zip-bomb", docx_zip_bomb, r"zip bomb"),
    Case("docx-truncated", docx_truncated, r"damaged or cut short"),
    Case("docx-password", docx_password, r"password-protected or an old .doc"),
    Case("docx-xml-entity-bomb", docx_xml_entity_bomb, r"is damaged: .*amplification"),
    Case("docx-zip-without-document", docx_zip_without_document, r"without word/document.xml"),
    Case(
        "docx-alternating-runs",
        docx_alternating_runs,
        r"every word and the emphasis",
        changes_store=True,
    ),
    Case(
        "docx-unclosed-fields", docx_unclosed_fields, r"words the fields show", changes_store=True
    ),
    Case("docx-list-overrides", docx_list_overrides, r"every item of the list", changes_store=True),
    Case(
        "docx-unkeepable-pictures",
        docx_unkeepable_pictures,
        r"converted or a named placeholder",
        changes_store=True,
    ),
    Case("md-many-tweets", md_many_tweets, r"every tweet recorded", changes_store=True),
    Case("md-unclosed-tags", md_unclosed_tags, r"checked and exported", changes_store=True),
    Case("related-self", related_self, r"cannot list itself as related"),
    Case("related-javascript", related_javascript, r"not an http\(s\) address"),
    Case("related-data-url", related_data_url, r"not an http\(s\) address"),
    Case("related-missing-story", related_missing_story, r"related story 999 is not in the store"),
    Case(
        "field-too-long",
        field_too_long,
        r"the story.s byline is 400 characters long; it may have up to 300",
    ),
    Case("slug-invalid", slug_invalid, r"may hold only lowercase letters"),
    Case("status-unknown", status_unknown, r"unknown status 'archived'"),
    Case("body-20mb", body_20mb, r"body is [\d.]+ million characters"),
    Case("tweet-url-not-tweet", tweet_url_not_tweet, r"is not a tweet link"),
    Case("tweet-url-profile", tweet_url_profile, r"is not a link to one tweet"),
    Case("script-in-every-field", script_in_every_field, r"stored as typed", changes_store=True),
    Case("links-javascript-data", links_javascript_and_data, r"target dropped", changes_store=True),
    Case("deep-nesting", deep_nesting, r"exported with its words", changes_store=True),
    Case("control-characters", control_characters, r"exports drop", changes_store=True),
    Case("template-python-internals", template_python_internals, r"unsafe and was stopped"),
    Case("template-globals", template_globals, r"unsafe and was stopped"),
    Case("template-include-dotdot", template_include_dotdot, r"template '.*passwd' was not found"),
    Case("template-include-absolute", template_include_absolute, r"'/etc/passwd' was not found"),
    Case("template-recursion", template_recursion, r"includes or extends itself"),
    Case("template-memory-bomb", template_memory_bomb, r"unsafe and was stopped"),
    Case("template-huge-range", template_huge_range, r"asked for too much|larger than a template"),
    Case("template-endless-loop", template_endless_loop, r"ran for more than 0.5 seconds"),
    Case("template-page-flood", template_page_flood, r"wrote more than 50,000,000 characters"),
    Case("template-syntax-error", template_syntax_error, r"article.html:1: Unexpected end"),
    Case("template-not-utf8", template_not_utf8, r"not UTF-8 text"),
    Case("template-folder-missing", template_folder_missing, r"template folder .* does not exist"),
    Case("template-symlink-out", template_symlink_out, r"'partials/env.html' in .* leads outside"),
    Case("template-fifo", template_fifo, r"pipe.html is not a regular file"),
    Case("template-string-builders", template_string_builders, r"more than a template may build"),
    Case("template-runtime-error", template_runtime_error, r"article.html:2: ZeroDivisionError"),
    Case("reference-not-docx", reference_not_docx, r"reference document .* is not a Word"),
    Case("reference-device", reference_device, r"reference document /dev/zero is not a Word"),
    Case(
        "reference-zip-bomb",
        reference_zip_bomb,
        r"reference document .*house.docx holds .*zip bomb",
    ),
    Case(
        "reference-active-content",
        reference_active_content,
        r"attached template, macros and object",
    ),
    Case("export-into-a-file", export_into_a_file, r"is a file; give a folder"),
    Case("media-symlink-out", media_symlink_out, r"leads outside the media folder"),
    Case(
        "media-path-in-record",
        media_path_in_record,
        r"is not inside the media folder",
        prepare=crafted_image_path,
    ),
    Case("store-not-database", store_not_database, r"is not an EditorDesk store"),
    Case(
        "store-truncated",
        store_truncated,
        r"cannot open the store .*damaged.*restore BACKUP --force",
    ),
    Case("store-of-another-program", store_of_another_program, r"not an EditorDesk store"),
    Case(
        "store-newer",
        store_newer,
        r"written by a newer EditorDesk .* left untouched",
        prepare=newer_schema,
    ),
    Case("store-is-a-folder", store_is_a_folder, r"is a folder, not a store file"),
    Case("store-unknown-engine", store_unknown_engine, r"SQLite or PostgreSQL, not mysql"),
    Case("store-read-only", store_read_only, r"read-only"),
    Case("disk-full-on-save", disk_full_on_save, r"(disk|store) is full.*nothing was saved"),
    Case("disk-full-on-import", disk_full_on_import, r"(disk|store) is full.*nothing was saved"),
    Case(
        "disk-full-on-export",
        disk_full_on_export,
        r"cannot write: .*no half-written file was left",
        prepare=long_story,
    ),
    Case(
        "two-windows-same-copy",
        two_windows_same_copy,
        r"changed by someone else.*nothing was overwritten",
        changes_store=True,
    ),
    Case("settings-malformed", settings_malformed, r"settings file .* is not valid YAML"),
    Case("settings-not-a-number", settings_not_a_number, r"backups_keep should be a number"),
    Case("settings-device", settings_device, r"settings file /dev/zero is not a regular file"),
    Case("restore-not-a-backup", restore_not_a_backup, r"is not an EditorDesk backup"),
    Case(
        "restore-pg-newer-schema",
        restoring.restore_pg_newer_schema,
        r"newer EditorDesk \(schema 9999\).*Nothing was changed",
    ),
    Case(
        "restore-pg-dump-cut-short",
        restoring.restore_pg_dump_cut_short,
        r"dump is cut short or damaged: .*Nothing was changed",
    ),
    Case(
        "restore-pg-missing-table",
        restoring.restore_pg_missing_table,
        r"lacks the table autosaves .*Nothing was changed",
    ),
    Case("restore-zip-bomb", restoring.restore_zip_bomb, r"refused as a zip bomb"),
    Case("restore-database-link", restoring.restore_database_is_a_link, r"not a regular file"),
    Case("restore-link-in-zip", restoring.restore_link_in_zip, r"links are refused"),
    Case(
        "restore-missing-table",
        restoring.restore_backup_missing_table,
        r"lacks the table autosaves .*Nothing was changed",
    ),
    Case("open-during-restore", restoring.open_during_restore, r"is being restored from a backup"),
    Case("restore-during-restore", restoring.restore_during_restore, r"being restored already"),
    Case(
        "open-after-killed-restore",
        restoring.open_after_killed_restore,
        r"was interrupted .*restore .*desk\.zip --force. again to finish it",
    ),
    Case(
        "backup-media-link",
        restoring.backup_media_link,
        r"warning: planted\.jpg in the media folder is a link, not a file; it was left out",
        prepare=restoring.plant_media_link,
    ),
    Case("backup-into-proc", restoring.backup_into_proc, r"cannot write the backup /proc/x\.zip"),
    Case(
        "md-date-past-year-9999",
        md_date_past_year_9999,
        r":3: date 9999-12-31T23:59:59-12:00 is outside the dates EditorDesk keeps",
    ),
    Case(
        "md-date-year-one-offset",
        md_date_year_one_offset,
        r":3: date 0001-01-01T00:00:00\+05:00 is outside the dates EditorDesk keeps",
    ),
    Case("md-yaml-nested-deep", md_yaml_nested_deep, r":3: front matter nests .* more than 32"),
    Case(
        "md-related-date-not-real",
        md_related_date_not_real,
        r":6: '2026-02-30' is not a date that exists \(day is out of range for month\)",
    ),
    Case("md-slug-windows-device", md_slug_windows_device, r"slug 'lpt9' is a name Windows keeps"),
    Case(
        "md-language-not-a-tag",
        md_language_not_a_tag,
        r"s\.md:3: language 'Arabic please' is not a language tag such as en, de or ar",
    ),
    Case(
        "md-batch-past-bad-dates",
        md_batch_past_bad_dates,
        r"imported 1 of 5 files",
        changes_store=True,
    ),
    Case("list-limit-huge", list_limit_huge, r"--limit: 9+ is not a whole number from 0 to"),
    Case("story-id-huge", story_id_huge, r"argument ID: 9+ is not a whole number from 0 to"),
    Case(
        "revert-locked-story",
        revert_locked_story,
        r"story 1 was not reverted: Mara Quinn is editing it \(since \d\d:\d\d\) and holds "
        r"its lock; take it over first \(or revert anyway with --force\)",
        prepare=lock_the_story,
    ),
    Case("db-port-not-a-number", db_port_not_a_number, r"its port must be a number from 1"),
    Case("db-port-out-of-range", db_port_out_of_range, r"port 99999 is not a port number"),
    Case("db-async-driver", db_async_driver, r"through psycopg, not asyncpg"),
    Case("slug-windows-device", slug_windows_device, r"slug 'con' is a name Windows keeps"),
    Case(
        "headline-windows-device",
        headline_windows_device,
        r"stored as con-story; exported as .*NUL-image\.jpg",
        changes_store=True,
    ),
    Case(
        "publish-time-past-year-9999",
        publish_time_past_year_9999,
        r"the publish time 9999-12-31T23:59:59-12:00 is outside the dates EditorDesk keeps",
    ),
    Case(
        "settings-yaml-nested-deep",
        settings_yaml_nested_deep,
        r"settings file .* nests lists or mappings too deep to read",
    ),
    Case(
        "settings-date-not-real",
        settings_date_not_real,
        r"settings file .* holds a date that does not exist: day is out of range",
    ),
    Case("site-not-web-address", site_not_web_address, r"'ftp://example.org' is not a web address"),
    Case(
        "site-unreachable",
        site_unreachable,
        r"the site News \(http://127.0.0.1:\d+\) cannot be reached while checking the account",
    ),
    Case("site-no-password", site_no_password, r"no application password given for News"),
    Case("publish-unknown-site", publish_unknown_site, r"no site called 'Nowhere' \(sites: none"),
    Case("style-not-yaml", style_not_yaml, r"^style: the file is not valid YAML at line 2$"),
    Case("style-unknown-setting", style_unknown_setting, r"^style: unknown setting 'colour'"),
    Case("style-not-utf8", style_not_utf8, r"^house.yaml: not UTF-8 text$"),
    Case("replace-bad-regex", replace_bad_regex, r"^the regular expression is not valid: "),
    Case(
        "spelling-no-dictionary",
        spelling_no_dictionary,
        r"no dictionary for xx_XX \(installed: [a-z]{2}_[A-Z]{2}",
        prepare=_language_without_dictionary,
    ),
]
# Untrusted text in the window (tests/gui/test_hostile_text.py): stored as typed, shown as written.
CASES += [Case(row.id, row.run, row.says, changes_store=True) for row in WINDOW_ROWS]
# Pasted HTML (tests/interchange/test_html_in.py): read, never stored until a save.
CASES += [Case(row.id, row.run, row.says) for row in PASTE_ROWS]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, desk: Desk) -> None:
    if case.prepare:
        case.prepare(desk)
    before = fingerprint(desk.location)
    message = case.run(desk)
    print(f"\n[{case.id}] {message.strip()}")
    assert re.search(case.says, message), message
    assert "Traceback" not in message
    after = fingerprint(desk.location)
    if case.changes_store:  # nothing that was there is lost
        assert {i for i, _ in before["stories"]} <= {i for i, _ in after["stories"]}
        assert set(before["revisions"]) <= set(after["revisions"])
        assert set(before["media"]) <= set(after["media"])
    else:
        assert after == before


def _table_ids() -> list[str]:
    ids = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\|\s*`([a-z0-9-]+)`\s*\|", line)
        if found:
            ids.append(found.group(1))
    return ids


def test_every_row_of_the_catalogue_has_its_test_and_every_test_its_row() -> None:
    ids = _table_ids()
    assert len(ids) == len(set(ids)), "an id appears twice in docs/bad-input.md"
    assert len(ids) >= 30
    assert sorted(ids) == sorted(c.id for c in CASES)
