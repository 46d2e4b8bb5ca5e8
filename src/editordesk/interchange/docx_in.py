"""Reporters file copy as Word documents; this turns one into a draft so nobody retypes it.

The file is checked as a package before any of it is parsed (not a zip, a password, a zip bomb,
a damaged part), so a bad file is refused with one sentence and nothing is stored. What Word
means by styles becomes Markdown: Title is the headline, Subtitle the standfirst, Heading N a
subhead, bold and italic runs emphasis, hyperlinks links, numbered and bulleted paragraphs
lists; pictures go to the image library with the caption and credit typed under them. Every
paragraph's Markdown is parsed back before it is kept, so the words an editor sees are the
words the reporter typed, whatever characters they hold.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree
from markdown_it import MarkdownIt

from editordesk.errors import InputError
from editordesk.interchange.markdown import FigureSource, MarkdownStory, Part
from editordesk.media.images import inspect_image
from editordesk.model import ImageFields, StoryDraft, StoryStatus
from editordesk.text import SAFE_SCHEMES

MAX_FILE_BYTES = 100 * 1024 * 1024
# A .docx is a zip: refuse one that would unpack to more than this, or a member that unpacks
# to more than MAX_RATIO times its packed size once it is large enough to matter.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECKED_FROM = 10 * 1024 * 1024
MAX_MEMBERS = 5000
# Word keeps a password-protected .docx, and every old .doc, in an OLE compound file.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Names Word and document generators put in the author field when nobody typed one.
PLACEHOLDER_AUTHORS = frozenset(
    {
        "",
        "python-docx",
        "windows user",
        "microsoft office user",
        "user",
        "admin",
        "administrator",
        "owner",
        "author",
        "unknown",
    }
)

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def _xml_parser() -> etree.XMLParser:
    """A parser that never fetches or expands anything (one per use: lxml parsers are not
    shared between threads)."""
    return etree.XMLParser(resolve_entities=False, no_network=True)


W_P = _q("w:p")
W_R = _q("w:r")
W_T = _q("w:t")
W_PPR = _q("w:pPr")
W_RPR = _q("w:rPr")
W_VAL = _q("w:val")
W_STYLE = _q("w:style")
W_STYLE_ID = _q("w:styleId")
W_NAME = _q("w:name")
W_TYPE = _q("w:type")
W_DEFAULT = _q("w:default")
W_PSTYLE = _q("w:pStyle")
W_RSTYLE = _q("w:rStyle")
W_BASED_ON = _q("w:basedOn")
W_OUTLINE = _q("w:outlineLvl")
W_NUMPR = _q("w:numPr")
W_NUMID = _q("w:numId")
W_ILVL = _q("w:ilvl")
W_NUM = _q("w:num")
W_ABSTRACT_NUM = _q("w:abstractNum")
W_ABSTRACT_NUM_ID = _q("w:abstractNumId")
W_LVL = _q("w:lvl")
W_LVL_OVERRIDE = _q("w:lvlOverride")
W_START_OVERRIDE = _q("w:startOverride")
W_START = _q("w:start")
W_NUM_FMT = _q("w:numFmt")
W_NUM_STYLE_LINK = _q("w:numStyleLink")
W_HYPERLINK = _q("w:hyperlink")
W_ANCHOR = _q("w:anchor")
W_FLDSIMPLE = _q("w:fldSimple")
W_INSTR = _q("w:instr")
W_INSTR_TEXT = _q("w:instrText")
W_FLDCHAR = _q("w:fldChar")
W_FLDCHAR_TYPE = _q("w:fldCharType")
W_TAB = _q("w:tab")
W_PTAB = _q("w:ptab")
W_BR = _q("w:br")
W_CR = _q("w:cr")
W_NO_BREAK_HYPHEN = _q("w:noBreakHyphen")
W_DRAWING = _q("w:drawing")
W_PICT = _q("w:pict")
W_TXBX_CONTENT = _q("w:txbxContent")
W_BODY = _q("w:body")
W_SDT = _q("w:sdt")
W_SDT_CONTENT = _q("w:sdtContent")
W_TBL = _q("w:tbl")
W_TR = _q("w:tr")
W_TC = _q("w:tc")
W_CUSTOM_XML = _q("w:customXml")
R_ID = _q("r:id")
R_EMBED = _q("r:embed")
R_LINK = _q("r:link")
WP_DOCPR = _q("wp:docPr")
A_BLIP = _q("a:blip")
PIC_CNVPR = _q("pic:cNvPr")
V_IMAGEDATA = _q("v:imagedata")
V_SHAPE = _q("v:shape")
O_TITLE = _q("o:title")
MC_ALTERNATE = _q("mc:AlternateContent")
MC_CHOICE = _q("mc:Choice")
MC_FALLBACK = _q("mc:Fallback")
# Inline containers whose runs are part of the text as it reads now.
_INLINE_CONTAINERS = frozenset(
    {_q("w:ins"), _q("w:moveTo"), _q("w:smartTag"), W_CUSTOM_XML, _q("w:dir"), _q("w:bdo")}
)
_BLOCK_CONTAINERS = frozenset({W_TBL, W_TR, W_TC, W_CUSTOM_XML, _q("w:ins"), _q("w:moveTo")})

_MD = MarkdownIt("commonmark")

# ------------------------------------------------------------------ escaping

# Characters that are Markdown syntax wherever they stand; "{" so that no "{{" can open a
# shortcode; "]" so that text never closes a link early.
_ALWAYS = frozenset("\\`*_[]<{")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_ORDERED_MARKER = re.compile(r"[0-9]{1,9}([.)])(?=[ \t]|$)")
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def escape_markdown(text: str, *, at_line_start: bool = True) -> str:
    """Text as CommonMark that reads back as the same characters, never as syntax.

    Line breaks become spaces (Word marks a break as an element, which callers write as a hard
    break). At the start of a line leading whitespace is dropped, as Markdown would drop it
    (or read four spaces as code), and a leading `#`, `>`, `-`, `+`, `=`, `~~~` or `1.` is
    escaped so it cannot start a heading, quote, list, rule or fence.
    """
    text = _LINE_BREAKS.sub(" ", text)
    if at_line_start:
        text = text.lstrip()
    out: list[str] = []
    for i, char in enumerate(text):
        if char in _ALWAYS or (char == "&" and _ENTITY.match(text, i)):
            out.append("\\" + char)
        else:
            out.append(char)
    escaped = "".join(out)
    if not at_line_start or not escaped:
        return escaped
    first = escaped[0]
    if (
        (first == "#" and _ATX.match(escaped))
        or first == ">"
        or (first in "-+" and (len(escaped) == 1 or escaped[1] in " \t"))
        or (first in "-=" and not escaped.strip(first + " \t"))  # a rule or setext underline
        or escaped.startswith("~~~")
    ):
        return "\\" + escaped
    ordered = _ORDERED_MARKER.match(escaped)
    if ordered:
        at = ordered.start(1)
        return escaped[:at] + "\\" + escaped[at:]
    return escaped


# ------------------------------------------------------------------ inline text


@dataclass(frozen=True)
class _Seg:
    """A stretch of text with one formatting; the text "\\n" alone is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None

    @property
    def is_break(self) -> bool:
        return self.text == "\n"

    def marks(self) -> frozenset[Any]:
        keys: set[Any] = set()
        if self.bold:
            keys.add("b")
        if self.italic:
            keys.add("i")
        if self.href is not None:
            keys.add(("a", self.href))
        return frozenset(keys)


_BREAK = _Seg("\n")


def _merge(segs: list[_Seg]) -> list[_Seg]:
    out: list[_Seg] = []
    for seg in segs:
        if not seg.text:
            continue
        last = out[-1] if out else None
        if (
            last is not None
            and not seg.is_break
            and not last.is_break
            and last.marks() == seg.marks()
        ):
            out[-1] = replace(last, text=last.text + seg.text)
        else:
            out.append(seg)
    return out


def _tidy(segs: list[_Seg], *, breaks: bool = True) -> list[_Seg]:
    """Trim each line, drop empty lines, and give whitespace the formatting around it, so no
    bold or link starts or ends on a space (Markdown would not read it)."""
    segs = [
        _Seg(_LINE_BREAKS.sub(" ", s.text), s.bold, s.italic, s.href) if not s.is_break else s
        for s in segs
    ]
    lines: list[list[_Seg]] = [[]]
    for seg in _merge(segs):
        if seg.is_break:
            lines.append([])
        else:
            lines[-1].append(seg)
    tidy_lines: list[list[_Seg]] = []
    for line in lines:
        while line and not line[0].text.lstrip():
            line.pop(0)
        while line and not line[-1].text.rstrip():
            line.pop()
        if not line:
            continue
        line[0] = replace(line[0], text=line[0].text.lstrip())
        line[-1] = replace(line[-1], text=line[-1].text.rstrip())
        for i in range(1, len(line) - 1):
            if not line[i].text.strip():
                before, after = line[i - 1], line[i + 1]
                line[i] = _Seg(
                    line[i].text,
                    before.bold and after.bold,
                    before.italic and after.italic,
                    before.href if before.href == after.href else None,
                )
        tidy_lines.append(_merge(line))
    out: list[_Seg] = []
    for line in tidy_lines:
        if out:
            out.append(_BREAK if breaks else _Seg(" "))
        out.extend(line)
    return _merge(out)


def _plain(segs: list[_Seg]) -> str:
    return "".join(s.text for s in segs)


def _safe_href(url: str | None) -> str | None:
    """Only web and mail links become links; file paths and scripts stay as their words."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES or (scheme != "mailto" and not parts.netloc):
        return None
    return url


def _destination(url: str) -> str:
    """A link target that cannot end early: spaces, brackets and the like percent-encoded."""
    return quote(url, safe=";/?:@&=+$,-_.!~*'#%[]")


_OPEN = {"b": "**", "i": "*"}


def _extent(segs: list[_Seg], start: int, key: Any) -> int:
    end = start
    while end < len(segs) and key in segs[end].marks():
        end += 1
    return end - start


def _nest(segs: list[_Seg]) -> list[tuple[str, Any]]:
    """Open and close formatting as properly nested tags (reopening what must be split)."""
    tokens: list[tuple[str, Any]] = []
    stack: list[Any] = []
    for index, seg in enumerate(segs):
        if seg.is_break:
            while stack:
                tokens.append(("close", stack.pop()))
            tokens.append(("break", None))
            continue
        want = seg.marks()
        bad = next((k for k, key in enumerate(stack) if key not in want), None)
        if bad is not None:
            while len(stack) > bad:
                tokens.append(("close", stack.pop()))
        new = sorted(
            (key for key in want if key not in stack),
            key=lambda key: (-_extent(segs, index, key), str(key)),
        )
        for key in new:
            tokens.append(("open", key))
            stack.append(key)
        tokens.append(("text", seg.text))
    while stack:
        tokens.append(("close", stack.pop()))
    # Whitespace just inside a tag moves outside it: `** a**` is not emphasis.
    moved: list[tuple[str, Any]] = []
    for kind, value in tokens:
        if kind == "text":
            lead = value[: len(value) - len(value.lstrip())]
            if lead and moved and moved[-1][0] == "open":
                at = len(moved)
                while at > 0 and moved[at - 1][0] == "open":
                    at -= 1
                moved.insert(at, ("text", lead))
                value = value[len(lead) :]
        elif kind == "close" and moved and moved[-1][0] == "text":
            text = moved[-1][1]
            trail = text[len(text.rstrip()) :]
            if trail and text.strip():
                moved[-1] = ("text", text.rstrip())
                moved.append((kind, value))
                moved.append(("text", trail))
                continue
        moved.append((kind, value))
    # Trailing whitespace pushed past several closing tags in turn.
    changed = True
    while changed:
        changed = False
        for i in range(len(moved) - 1):
            if (
                moved[i][0] == "text"
                and not moved[i][1].strip()
                and moved[i][1]
                and moved[i + 1][0] == "close"
                and i > 0
                and moved[i - 1][0] == "close"
            ):
                moved[i], moved[i + 1] = moved[i + 1], moved[i]
                changed = True
    return [t for t in moved if t[0] != "text" or t[1]]


def _emit(segs: list[_Seg], indent: str) -> str:
    tokens = _nest(segs)
    out: list[str] = []
    line_start = True
    for i, (kind, value) in enumerate(tokens):
        if kind == "text":
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            before_link = (
                following is not None and following[0] == "open" and following[1] not in _OPEN
            )
            if before_link and value.endswith("!"):  # `![` would start an image
                out.append(escape_markdown(value[:-1], at_line_start=line_start) + "\\!")
            else:
                out.append(escape_markdown(value, at_line_start=line_start))
            line_start = False
        elif kind == "open":
            out.append(_OPEN.get(value, "["))
            line_start = False
        elif kind == "close":
            out.append(_OPEN[value] if value in _OPEN else f"]({_destination(value[1])})")
        else:
            out.append("\\\n" + indent)
            line_start = True
    return "".join(out)


def _expected(segs: list[_Seg]) -> list[tuple[str, bool, bool, str | None]]:
    chars: list[tuple[str, bool, bool, str | None]] = []
    for seg in segs:
        href = _MD.normalizeLink(_destination(seg.href)) if seg.href is not None else None
        chars.extend((c, seg.bold, seg.italic, href) for c in seg.text)
    return chars


_OPENERS = {
    "paragraph_open": 1,
    "heading_open": 1,
    "blockquote_open": 2,
    "bullet_list_open": 3,
    "ordered_list_open": 3,
}


def _read_back(markdown: str, opener: str) -> list[tuple[str, bool, bool, str | None]] | None:
    """The characters and formatting CommonMark reads from one block, or None if the block
    is not the kind meant or holds anything but text, emphasis and links."""
    tokens = _MD.parse(markdown)
    inlines = [t for t in tokens if t.type == "inline"]
    if not tokens or tokens[0].type != opener or len(inlines) != 1:
        return None
    if sum(1 for t in tokens if t.type.endswith("_open")) != _OPENERS[opener]:
        return None
    chars: list[tuple[str, bool, bool, str | None]] = []
    bold = italic = 0
    href: str | None = None
    for tok in inlines[0].children or []:
        if tok.type == "text":
            chars.extend((c, bold > 0, italic > 0, href) for c in tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            chars.append(("\n", False, False, None))
        elif tok.type in ("strong_open", "strong_close"):
            bold += 1 if tok.type == "strong_open" else -1
        elif tok.type in ("em_open", "em_close"):
            italic += 1 if tok.type == "em_open" else -1
        elif tok.type == "link_open":
            href = str(tok.attrGet("href"))
        elif tok.type == "link_close":
            href = None
        else:
            return None
    return chars


def _same(got: list[tuple[str, bool, bool, str | None]] | None, segs: list[_Seg]) -> bool:
    if got is None:
        return False
    want = _expected(segs)
    return len(got) == len(want) and all(
        g[0] == w[0] and (g[0].isspace() or g[1:] == w[1:]) for g, w in zip(got, want, strict=True)
    )


def _spans(segs: list[_Seg]) -> list[tuple[str, int, int]]:
    spans = []
    for key in ("b", "i"):
        start = None
        for index, seg in enumerate([*segs, _BREAK]):
            on = key in seg.marks()
            if on and start is None:
                start = index
            elif not on and start is not None:
                spans.append((key, start, index))
                start = None
    return spans


def _only(segs: list[_Seg], spans: list[tuple[str, int, int]], links: bool = True) -> list[_Seg]:
    out = []
    for index, seg in enumerate(segs):
        if seg.is_break:
            out.append(seg)
            continue
        on = {key for key, start, end in spans if start <= index < end}
        out.append(_Seg(seg.text, "b" in on, "i" in on, seg.href if links else None))
    return _merge(out)


def _checked(segs: list[_Seg], prefix: str, indent: str, opener: str) -> list[_Seg]:
    """The formatting Markdown can carry for this block: all of it if it reads back right,
    else without the emphasis that does not (a bold quote mark inside a word, say)."""

    def reads_back(candidate: list[_Seg]) -> bool:
        return _same(_read_back(prefix + _emit(candidate, indent), opener), candidate)

    if reads_back(segs):
        return segs
    # Keep as many spans as read back together, longest first: bold running straight into
    # italic inside a word, say, has no Markdown form, but the rest of the paragraph does.
    kept: list[tuple[str, int, int]] = []
    for span in sorted(_spans(segs), key=lambda s: (s[1] - s[2], s[1], s[0])):
        if reads_back(_only(segs, [*kept, span])):
            kept.append(span)
    for candidate in (_only(segs, kept), _only(segs, [], links=False)):
        if reads_back(candidate):
            return candidate
    return _only(segs, [], links=False)


def _inline_markdown(segs: list[_Seg], prefix: str, indent: str, opener: str) -> str:
    """One block's text as Markdown, checked by reading it back (see `_checked`)."""
    test_indent = " " * len(prefix) if opener.endswith("list_open") else indent
    chosen = _checked(segs, prefix, test_indent, opener)
    return _emit(chosen, indent)


# ------------------------------------------------------------------ the package


def _package_bytes(path: Path) -> bytes:
    """The file's bytes, once they are known to be a Word package safe to unpack."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}") from None
    if data.startswith(OLE_SIGNATURE):
        raise InputError(
            "is password-protected or an old .doc (Word 97-2003) file; remove the password "
            "or save it as a .docx in Word, and import again"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        if data.startswith(b"PK\x03\x04"):
            raise InputError(
                "is damaged or cut short (its zip directory is missing); copy or download it again"
            ) from None
        raise InputError("is not a Word .docx file (it is not a zip archive)") from None
    with archive:
        _check_members(archive)
    return data


def _check_members(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"holds {len(infos)} files; a Word document has far fewer")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"would unpack to {total / 1e6:,.0f} MB, more than the "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB EditorDesk takes from a Word file "
            "(it may be a zip bomb)"
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise InputError(
                f"holds {info.filename}, which unpacks to {info.file_size / 1e6:,.0f} MB from "
                f"{info.compress_size:,} bytes; EditorDesk refuses it as a possible zip bomb"
            )
        if info.flag_bits & 0x1:
            raise InputError("is password-protected (its parts are encrypted)")
    names = {info.filename for info in infos}
    main = _main_part(archive, names)
    if main not in names:
        raise InputError(f"is not a Word .docx file (it is a zip archive without {main})")
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            etree.fromstring(archive.read(info), _xml_parser())
        except etree.XMLSyntaxError as exc:
            raise InputError(
                f"is damaged: its part {info.filename} is not well-formed XML ({exc.msg})"
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
            raise InputError(f"is damaged: its part {info.filename} cannot be unpacked") from None


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The name of the main document part, as the package's own index gives it."""
    if "_rels/.rels" not in names:
        return "word/document.xml"
    try:
        rels = etree.fromstring(archive.read("_rels/.rels"), _xml_parser())
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError):
        raise InputError("is damaged: its part _rels/.rels cannot be read") from None
    for rel in rels.iter(_q("pr:Relationship")):
        if rel.get("Type", "").endswith("/officeDocument"):
            return str(rel.get("Target", "")).lstrip("/")
    return "word/document.xml"


def _open(data: bytes) -> Any:
    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as exc:
        if "content type" in str(exc):
            kind = str(exc).rsplit("content type is", 1)[-1].strip(" '")
            raise InputError(
                f"is not a Word document (its main part is {kind}); save it from Word as "
                "a .docx and import again"
            ) from None
        raise InputError(f"is damaged and cannot be read as a Word file ({exc})") from None
    except (
        PackageNotFoundError,
        KeyError,
        etree.XMLSyntaxError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        OSError,
        AttributeError,
        TypeError,
    ) as exc:
        raise InputError(f"is damaged and cannot be read as a Word file ({exc})") from None


# ------------------------------------------------------------------ pictures

_UNSUPPORTED_EXTENSIONS = {
    ".emf": "an EMF drawing",
    ".emz": "a compressed EMF drawing",
    ".wmf": "a WMF drawing",
    ".wmz": "a compressed WMF drawing",
    ".svg": "an SVG drawing",
    ".tif": "a TIFF picture",
    ".tiff": "a TIFF picture",
    ".bmp": "a BMP picture",
}


def _unsupported_kind(data: bytes, member: str) -> str | None:
    """Name picture formats Word uses that a web page cannot show, before Pillow tries them."""
    if data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":
        return "an EMF drawing"
    if data[:4] in (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00"):
        return "a WMF drawing"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "an SVG drawing"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "a TIFF picture"
    if data[:2] == b"BM":
        return "a BMP picture"
    suffix = member[member.rfind(".") :].lower() if "." in member else ""
    if data[:2] == b"\x1f\x8b" and suffix in _UNSUPPORTED_EXTENSIONS:
        return _UNSUPPORTED_EXTENSIONS[suffix]
    return None


_GENERATED_ALT = re.compile(r"description automatically generated", re.IGNORECASE)


def _alt_text(*candidates: str | None) -> str:
    """The first alt text a person wrote; Word's own guesses are not alt text."""
    for candidate in candidates:
        text = " ".join((candidate or "").split())
        if text and not _GENERATED_ALT.search(text):
            return text
    return ""


@dataclass(frozen=True)
class _Pic:
    """A picture where it stands in a paragraph, already checked."""

    number: int
    member: str
    data: bytes
    alt: str


@dataclass
class _Figure:
    """A picture in the body, waiting for the caption and credit that may follow it."""

    pic: _Pic
    paragraph: int
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)

    def source(self, path: Path) -> FigureSource:
        return FigureSource(
            src=self.pic.member,
            path=path / self.pic.member,
            line=self.paragraph,
            data=self.pic.data,
            fields=ImageFields(
                caption=" ".join(self.captions),
                credit="; ".join(self.credits),
                alt_text=self.pic.alt,
            ),
        )


# ------------------------------------------------------------------ reading the document


@dataclass
class _Field:
    """A Word field (HYPERLINK, SEQ...) open in a paragraph."""

    instr: list[str] = field(default_factory=list)
    in_result: bool = False
    href: str | None = None
    is_seq: bool = False

    def start_result(self) -> None:
        self.in_result = True
        words = _field_words("".join(self.instr))
        name = words[0].upper() if words else ""
        self.is_seq = name == "SEQ"
        if name == "HYPERLINK":
            self.href = _safe_href(_hyperlink_field_target(words[1:]))


_FIELD_WORD = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


def _field_words(instr: str) -> list[str]:
    return [
        m.group(1) if m.group(1) is not None else m.group(2) for m in _FIELD_WORD.finditer(instr)
    ]


def _hyperlink_field_target(words: list[str]) -> str | None:
    with_argument = {"\\l", "\\o", "\\t"}
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word.startswith("\\"):
            skip = word.lower() in with_argument
        else:
            return word
    return None


@dataclass
class _Paragraph:
    """One paragraph as read: what it is (from its style) and what it holds."""

    kind: str
    number: int
    items: list[_Seg | _Pic] = field(default_factory=list)
    level: int = 0
    list_kind: str = ""
    list_key: str = ""
    list_start: int = 1
    seq_end: int | None = None

    @property
    def segs(self) -> list[_Seg]:
        return [i for i in self.items if isinstance(i, _Seg)]

    @property
    def pics(self) -> list[_Pic]:
        return [i for i in self.items if isinstance(i, _Pic)]

    def text(self) -> str:
        """The words on one line, whitespace collapsed."""
        return " ".join(_plain(self.segs).split())

    def groups(self) -> Iterator[list[_Seg] | _Pic]:
        """Runs of text, with the pictures that stand between them."""
        run: list[_Seg] = []
        for item in self.items:
            if isinstance(item, _Pic):
                if run:
                    yield run
                    run = []
                yield item
            else:
                run.append(item)
        if run:
            yield run


@dataclass
class _Context:
    """What is open while one paragraph is read."""

    items: list[_Seg | _Pic] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)
    fields: list[_Field] = field(default_factory=list)
    text_boxes: list[Any] = field(default_factory=list)
    length: int = 0
    seq_end: int | None = None

    @property
    def in_field_code(self) -> bool:
        return any(not f.in_result for f in self.fields)

    @property
    def href(self) -> str | None:
        for f in reversed(self.fields):
            if f.href is not None:
                return f.href
        for link in reversed(self.links):
            if link is not None:
                return link
        return None

    def add(self, text: str, bold: bool, italic: bool) -> None:
        if text and not self.in_field_code:
            self.items.append(_Seg(text, bold, italic, self.href))
            self.length += len(text)

    def end_field(self) -> None:
        if self.fields:
            done = self.fields.pop()
            if done.is_seq:
                self.seq_end = self.length


def _on(element: Any) -> bool | None:
    """A toggle property (bold, italic, hidden): None when not set here."""
    if element is None:
        return None
    return element.get(W_VAL, "true").lower() not in ("0", "false", "off", "none")


def _iter_outside(root: Any, tag: str, stops: frozenset[str]) -> Iterator[Any]:
    """Descendants named `tag`, not looking inside `stops` (text boxes, fallback copies)."""
    pending = list(reversed(list(root)))
    while pending:
        element = pending.pop()
        if element.tag == tag:
            yield element
        if element.tag in stops or element.tag == tag:
            continue
        pending.extend(reversed(list(element)))


_PICTURE_STOPS = frozenset({W_TXBX_CONTENT, MC_FALLBACK})
_TOGGLES = (_q("w:b"), _q("w:i"), _q("w:vanish"))  # bold, italic, hidden
_HEADING_NAME = re.compile(r"heading ([1-9])")
_LIST_LEVEL_NAME = re.compile(r"list(?: bullet| number)? ([2-9])")


class _Numbering:
    """Word's list definitions: is level N of list M bullets or numbers, and where it starts."""

    def __init__(self, element: Any, styles: dict[str, Any]) -> None:
        self.nums: dict[str, Any] = {}
        self.abstracts: dict[str, Any] = {}
        self.styles = styles
        if element is not None:
            for num in element.iterchildren(W_NUM):
                self.nums[num.get(W_NUMID, "")] = num
            for abstract in element.iterchildren(W_ABSTRACT_NUM):
                self.abstracts[abstract.get(W_ABSTRACT_NUM_ID, "")] = abstract

    def _level(self, num_id: str, ilvl: int, depth: int = 0) -> tuple[Any, int | None]:
        num = self.nums.get(num_id)
        if num is None or depth > 5:
            return None, None
        start: int | None = None
        for override in num.iterchildren(W_LVL_OVERRIDE):
            if override.get(W_ILVL) == str(ilvl):
                start_override = override.find(W_START_OVERRIDE)
                if start_override is not None:
                    start = _int(start_override.get(W_VAL))
                lvl = override.find(W_LVL)
                if lvl is not None:
                    return lvl, start
        abstract_id = num.find(W_ABSTRACT_NUM_ID)
        abstract = (
            self.abstracts.get(abstract_id.get(W_VAL, "")) if abstract_id is not None else None
        )
        if abstract is None:
            return None, start
        link = abstract.find(W_NUM_STYLE_LINK)
        if link is not None:  # the list is defined by a numbering style
            style = self.styles.get(link.get(W_VAL, ""))
            linked = style.find(f"{W_PPR}/{W_NUMPR}/{W_NUMID}") if style is not None else None
            if linked is not None:
                lvl, linked_start = self._level(linked.get(W_VAL, ""), ilvl, depth + 1)
                return lvl, start if start is not None else linked_start
        for lvl in abstract.iterchildren(W_LVL):
            if lvl.get(W_ILVL) == str(ilvl):
                return lvl, start
        return None, start

    def describe(self, num_id: str, ilvl: int) -> tuple[str | None, int]:
        """("bullet" | "number" | "none" | None if unknown, the number the level starts at)."""
        lvl, start = self._level(num_id, ilvl)
        if lvl is None:
            return None, start or 1
        if start is None:
            start_el = lvl.find(W_START)
            start = _int(start_el.get(W_VAL)) if start_el is not None else 1
        fmt_el = lvl.find(W_NUM_FMT)
        fmt = fmt_el.get(W_VAL, "decimal") if fmt_el is not None else "decimal"
        kind = "bullet" if fmt == "bullet" else "none" if fmt == "none" else "number"
        return kind, start if start is not None else 1


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


class _Reader:
    """Walks the document body once, in reading order, into `_Paragraph`s."""

    def __init__(self, document: Any) -> None:
        self.part = document.part
        self.body = document.element.find(W_BODY)
        styles_element = document.styles.element
        self.styles: dict[str, Any] = {
            s.get(W_STYLE_ID, ""): s for s in styles_element.iterchildren(W_STYLE)
        }
        self.default_style = next(
            (
                s.get(W_STYLE_ID, "")
                for s in styles_element.iterchildren(W_STYLE)
                if s.get(W_TYPE) == "paragraph" and s.get(W_DEFAULT) in ("1", "true", "on")
            ),
            "",
        )
        try:
            numbering = self.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        self.numbering = _Numbering(numbering, self.styles)
        self.paragraphs: list[_Paragraph] = []
        self.pictures = 0
        self._run_style_cache: dict[str, tuple[bool | None, bool | None, bool | None]] = {}

    def read(self) -> list[_Paragraph]:
        if self.body is not None:
            self._blocks(self.body)
        return self.paragraphs

    # -------------------------------------------------- styles

    def _chain(self, style_id: str) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return
            yield style
            based = style.find(W_BASED_ON)
            style_id = based.get(W_VAL, "") if based is not None else ""

    def _style_name(self, style_id: str) -> str:
        style = self.styles.get(style_id)
        name = style.find(W_NAME) if style is not None else None
        return (name.get(W_VAL, "") if name is not None else style_id).strip().lower()

    def _run_style_flags(self, style_id: str) -> tuple[bool | None, bool | None, bool | None]:
        if style_id not in self._run_style_cache:
            flags: list[bool | None] = [None, None, None]
            for style in self._chain(style_id):
                rpr = style.find(W_RPR)
                if rpr is None:
                    continue
                for i, tag in enumerate(_TOGGLES):
                    if flags[i] is None:
                        flags[i] = _on(rpr.find(tag))
            self._run_style_cache[style_id] = (flags[0], flags[1], flags[2])
        return self._run_style_cache[style_id]

    def _run_flags(self, rpr: Any) -> tuple[bool, bool, bool]:
        """(bold, italic, hidden) of a run: direct formatting, else its character style."""
        if rpr is None:
            return False, False, False
        direct = [_on(rpr.find(tag)) for tag in _TOGGLES]
        style = rpr.find(W_RSTYLE)
        styled = self._run_style_flags(style.get(W_VAL, "")) if style is not None else (None,) * 3
        bold, italic, hidden = (
            bool(d if d is not None else s) for d, s in zip(direct, styled, strict=True)
        )
        return bold, italic, hidden

    # -------------------------------------------------- blocks

    def _blocks(self, container: Any) -> None:
        for child in container:
            tag = child.tag
            if tag == W_P:
                self._paragraph(child)
            elif tag in _BLOCK_CONTAINERS:
                self._blocks(child)
            elif tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    self._blocks(content)
            elif tag == MC_ALTERNATE:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self._blocks(choice)

    def _paragraph(self, p: Any) -> None:
        ppr = p.find(W_PPR)
        style_el = ppr.find(W_PSTYLE) if ppr is not None else None
        style_id = style_el.get(W_VAL, "") if style_el is not None else self.default_style
        name = self._style_name(style_id) if style_id else ""
        paragraph = _Paragraph(kind="para", number=len(self.paragraphs) + 1)
        heading = self._heading_level(ppr, style_id, name)
        if name == "title":
            paragraph.kind = "title"
        elif name == "subtitle":
            paragraph.kind = "subtitle"
        elif heading:
            paragraph.kind, paragraph.level = "heading", heading
        elif "caption" in name:
            paragraph.kind = "caption"
        elif "credit" in name:
            paragraph.kind = "credit"
        elif "byline" in name:
            paragraph.kind = "byline"
        elif self._list(paragraph, ppr, style_id, name):
            pass
        elif "quote" in name or name == "block text":
            paragraph.kind = "quote"
        context = _Context()
        self._inline(p, context)
        paragraph.items = context.items
        paragraph.seq_end = context.seq_end
        self.paragraphs.append(paragraph)
        for box in context.text_boxes:  # a text box reads after the paragraph it is anchored to
            self._blocks(box)

    def _heading_level(self, ppr: Any, style_id: str, name: str) -> int:
        match = _HEADING_NAME.fullmatch(name)
        if match:
            return int(match.group(1))
        outline = ppr.find(W_OUTLINE) if ppr is not None else None
        if outline is None:
            outline = next(
                (
                    found
                    for style in self._chain(style_id)
                    if (found := style.find(f"{W_PPR}/{W_OUTLINE}")) is not None
                ),
                None,
            )
        level = _int(outline.get(W_VAL), 9) if outline is not None else 9
        return level + 1 if 0 <= level < 9 else 0

    def _list(self, paragraph: _Paragraph, ppr: Any, style_id: str, name: str) -> bool:
        """Make `paragraph` a list item if Word numbers or bullets it."""
        num_id: str | None = None
        ilvl: int | None = None
        numpr = ppr.find(W_NUMPR) if ppr is not None else None
        if numpr is not None:
            num_el, ilvl_el = numpr.find(W_NUMID), numpr.find(W_ILVL)
            num_id = num_el.get(W_VAL) if num_el is not None else None
            ilvl = _int(ilvl_el.get(W_VAL)) if ilvl_el is not None else None
        if num_id is None:
            for style in self._chain(style_id):
                style_numpr = style.find(f"{W_PPR}/{W_NUMPR}")
                if style_numpr is None:
                    continue
                num_el, ilvl_el = style_numpr.find(W_NUMID), style_numpr.find(W_ILVL)
                if ilvl is None and ilvl_el is not None:
                    ilvl = _int(ilvl_el.get(W_VAL))
                if num_el is not None:
                    num_id = num_el.get(W_VAL)
                    break
        by_name = "number" if "list number" in name else "bullet" if "list bullet" in name else None
        if num_id == "0" or (num_id is None and by_name is None):
            return False
        level = ilvl or 0
        named_level = _LIST_LEVEL_NAME.fullmatch(name)
        if named_level:  # "List Bullet 2" is indented by its style, not by its level
            level = max(level, int(named_level.group(1)) - 1)
        kind, start = (None, 1) if num_id is None else self.numbering.describe(num_id, ilvl or 0)
        if kind == "none":
            return False
        paragraph.kind = "item"
        paragraph.level = min(level, 8)
        paragraph.list_kind = kind or by_name or "bullet"
        paragraph.list_key = f"num:{num_id}" if num_id is not None else f"style:{name}"
        paragraph.list_start = start
        return True

    # -------------------------------------------------- inline content

    def _inline(self, element: Any, context: _Context) -> None:
        for child in element:
            tag = child.tag
            if tag == W_R:
                self._run(child, context)
            elif tag == W_HYPERLINK:
                context.links.append(self._hyperlink_target(child))
                self._inline(child, context)
                context.links.pop()
            elif tag == W_FLDSIMPLE:
                simple = _Field(instr=[child.get(W_INSTR, "")])
                simple.start_result()
                context.fields.append(simple)
                self._inline(child, context)
                context.end_field()
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, context)
            elif tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    self._inline(content, context)
            elif tag == MC_ALTERNATE:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self._inline(choice, context)

    def _hyperlink_target(self, link: Any) -> str | None:
        rel_id = link.get(R_ID)
        if not rel_id:
            return None  # a jump inside the document: its words stay, as text
        rel = self.part.rels.get(rel_id)
        if rel is None or not rel.is_external:
            return None
        target = str(rel.target_ref)
        anchor = link.get(W_ANCHOR)
        if anchor and "#" not in target:
            target = f"{target}#{anchor}"
        return _safe_href(target)

    def _run(
        self, run: Any, context: _Context, flags: tuple[bool, bool, bool] | None = None
    ) -> None:
        bold, italic, hidden = flags or self._run_flags(run.find(W_RPR))
        for child in run:
            tag = child.tag
            if tag == W_FLDCHAR:
                kind = child.get(W_FLDCHAR_TYPE)
                if kind == "begin":
                    context.fields.append(_Field())
                elif kind == "separate" and context.fields:
                    context.fields[-1].start_result()
                elif kind == "end":
                    context.end_field()
            elif tag == W_INSTR_TEXT:
                if context.fields and not context.fields[-1].in_result:
                    context.fields[-1].instr.append(child.text or "")
            elif hidden:
                continue
            elif tag == W_T:
                context.add(child.text or "", bold, italic)
            elif tag in (W_TAB, W_PTAB):
                context.add(" ", bold, italic)
            elif tag == W_NO_BREAK_HYPHEN:
                context.add("-", bold, italic)
            elif tag in (W_BR, W_CR):
                if child.get(W_TYPE) in ("page", "column"):
                    context.add(" ", bold, italic)
                elif not context.in_field_code:
                    context.items.append(_BREAK)
                    context.length += 1
            elif tag == W_DRAWING:
                self._drawing(child, context)
            elif tag == W_PICT:
                self._vml(child, context)
            elif tag == MC_ALTERNATE:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self._run(choice, context, (bold, italic, hidden))

    def _drawing(self, drawing: Any, context: _Context) -> None:
        docpr = next(drawing.iter(WP_DOCPR), None)
        for blip in _iter_outside(drawing, A_BLIP, _PICTURE_STOPS):
            own = next(_iter_outside(blip.getparent().getparent(), PIC_CNVPR, _PICTURE_STOPS), None)
            alt = _alt_text(
                docpr.get("descr") if docpr is not None else None,
                own.get("descr") if own is not None else None,
                docpr.get("title") if docpr is not None else None,
            )
            self._picture(context, blip.get(R_EMBED), blip.get(R_LINK), alt)
        context.text_boxes.extend(_iter_outside(drawing, W_TXBX_CONTENT, _PICTURE_STOPS))

    def _vml(self, pict: Any, context: _Context) -> None:
        for image in _iter_outside(pict, V_IMAGEDATA, _PICTURE_STOPS):
            shape = image.getparent()
            alt = _alt_text(
                shape.get("alt") if shape is not None and shape.tag == V_SHAPE else None,
                image.get(O_TITLE),
            )
            self._picture(context, image.get(R_ID), None, alt)
        context.text_boxes.extend(_iter_outside(pict, W_TXBX_CONTENT, _PICTURE_STOPS))

    def _picture(self, context: _Context, embed: str | None, link: str | None, alt: str) -> None:
        self.pictures += 1
        number = self.pictures
        rel = self.part.rels.get(embed) if embed else None
        if rel is None or rel.is_external:
            linked = rel or (self.part.rels.get(link) if link else None)
            if linked is not None and linked.is_external:
                raise InputError(
                    f"picture {number} is only a link to {linked.target_ref}, not a picture "
                    "inside the document; insert the picture itself and import again"
                )
            raise InputError(
                f"picture {number} is missing from the file (it refers to {embed or link!r}, "
                "which the document does not hold)"
            )
        part = rel.target_part
        member = str(part.partname).lstrip("/")
        data = bytes(part.blob)
        kind = _unsupported_kind(data, member)
        if kind is not None:
            raise InputError(
                f"picture {number} ({member}) is {kind}, not a JPEG, PNG, WebP or GIF picture; "
                "save it as PNG or JPEG, put that in its place and import again"
            )
        inspect_image(data, f"picture {number} ({member})")
        context.items.append(_Pic(number, member, data, alt))


# ------------------------------------------------------------------ the story

_CREDIT_LINE = re.compile(r"\s*(credit|photo|photos|photograph|picture|image)s?\s*:", re.I)
_CREDIT_LABEL = re.compile(r"\s*credits?\s*:\s*", re.I)
_BYLINE = re.compile(r"by:?\s+(.+)", re.I | re.S)
_BYLINE_JOINERS = frozenset(
    {"and", "&", "de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "del", "bin", "al"}
)


def byline_of(text: str) -> str | None:
    """The name in a paragraph like "By Mara Quinn, Health Correspondent", if it is one.

    A sentence such as "By Thursday night the wall had gone." is not: every word before the
    first comma must start with a capital (or be a joiner such as "and" or "van").
    """
    match = _BYLINE.fullmatch(" ".join(text.split()))
    if not match:
        return None
    name = match.group(1).strip()
    if len(name) > 80 or name[-1] in ".!?:;":
        return None
    words = re.split(r",| [-–—|] ", name)[0].split()
    if not 1 <= len(words) <= 8:
        return None
    if all(w[0].isupper() or w.lower() in _BYLINE_JOINERS for w in words):
        return name
    return None


@dataclass
class _OpenList:
    level: int
    kind: str
    key: str
    indent: int
    delimiter: str
    width: int = 0


@dataclass
class _Chunk:
    markdown: str
    tight: bool = False


class _Composer:
    """Turns the paragraphs into the story: fields, Markdown body and figures."""

    def __init__(self, paragraphs: list[_Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.chunks: list[_Chunk | _Figure] = []
        self.lists: list[_OpenList] = []
        self.counters: dict[str, dict[int, int]] = {}
        self.headline: list[str] = []
        self.standfirst: list[str] = []
        self.byline = ""
        self.waiting: list[_Figure] = []
        titled = any(p.kind == "title" and p.text() for p in paragraphs)
        first = next(
            (
                p
                for p in paragraphs
                if (p.text() or p.pics) and p.kind not in ("subtitle", "byline", "title")
            ),
            None,
        )
        self.headline_paragraph = (
            first if not titled and first is not None and first.kind == "heading" else None
        )
        levels = [
            p.level
            for p in paragraphs
            if p.kind == "heading" and p is not self.headline_paragraph and p.text()
        ]
        self.top_level = min(levels, default=1)

    def compose(self) -> None:
        for paragraph in self.paragraphs:
            if not paragraph.text() and not paragraph.pics:
                continue
            if paragraph.kind in ("caption", "credit") and self.waiting and not paragraph.pics:
                self._caption(paragraph)
                continue
            self.waiting = []
            figures = self._paragraph(paragraph)
            if figures:
                self.waiting = figures

    def _paragraph(self, paragraph: _Paragraph) -> list[_Figure]:
        kind = paragraph.kind
        text = paragraph.text()
        figures: list[_Figure] = []
        if kind == "title" and self._body_started:
            kind = "heading"  # a second title further down is a subhead, not more headline
            paragraph.level = self.top_level
        elif kind == "title" or paragraph is self.headline_paragraph:
            if text:
                self.headline.append(text)
            return self._figures_only(paragraph)
        if kind == "subtitle":
            if text:
                self.standfirst.append(text)
            return self._figures_only(paragraph)
        if kind == "byline" and not self.byline and text:
            self.byline = re.sub(r"^by:?\s+", "", text, flags=re.I)
            return self._figures_only(paragraph)
        if kind == "para" and not self.byline and not self._body_started and not paragraph.pics:
            name = byline_of(text)
            if name:
                self.byline = name
                return []
        first_text = True
        for group in paragraph.groups():
            if isinstance(group, _Pic):
                figure = _Figure(group, paragraph.number)
                self._add_figure(figure)
                figures.append(figure)
                continue
            segs = _tidy(group, breaks=kind not in ("heading",))
            if not segs:
                continue
            if kind == "heading":
                self._heading(paragraph.level, segs)
            elif kind == "item" and first_text:
                self._item(paragraph, segs)
            elif kind == "quote":
                self._add(_inline_markdown(segs, "> ", "> ", "blockquote_open"), prefix="> ")
            else:
                self._add(_inline_markdown(segs, "", "", "paragraph_open"))
            first_text = False
        return figures

    @property
    def _body_started(self) -> bool:
        return bool(self.chunks)

    def _figures_only(self, paragraph: _Paragraph) -> list[_Figure]:
        figures = [_Figure(pic, paragraph.number) for pic in paragraph.pics]
        for figure in figures:
            self._add_figure(figure)
        return figures

    def _caption(self, paragraph: _Paragraph) -> None:
        text = _plain(paragraph.segs)
        if paragraph.seq_end is not None:  # Word's "Figure 1:" label, made by Insert Caption
            text = text[paragraph.seq_end :].lstrip(" \t:.-–—")
        captions, credits = [], []
        for line in text.split("\n"):
            line = " ".join(line.split())
            if not line:
                continue
            if paragraph.kind == "credit" or _CREDIT_LINE.match(line):
                label = _CREDIT_LABEL.match(line)
                credits.append(line[label.end() :] if label and line[label.end() :] else line)
            else:
                captions.append(line)
        for figure in self.waiting:
            figure.captions.extend(captions)
            figure.credits.extend(credits)

    # -------------------------------------------------- blocks

    def _add(self, markdown: str, *, tight: bool = False, prefix: str = "") -> None:
        self.chunks.append(_Chunk(prefix + markdown, tight))
        self.lists = []

    def _add_figure(self, figure: _Figure) -> None:
        self.chunks.append(figure)
        self.lists = []

    def _heading(self, level: int, segs: list[_Seg]) -> None:
        depth = min(6, 2 + max(0, level - self.top_level))
        prefix = "#" * depth + " "
        plain = [replace(s, bold=False) for s in segs]  # a heading is bold already
        self._add(_inline_markdown(_merge(plain), prefix, "", "heading_open"), prefix=prefix)

    def _count(self, paragraph: _Paragraph) -> int:
        levels = self.counters.setdefault(paragraph.list_key, {})
        number = levels[paragraph.level] + 1 if paragraph.level in levels else paragraph.list_start
        levels[paragraph.level] = number
        for deeper in [k for k in levels if k > paragraph.level]:
            del levels[deeper]
        return number

    def _item(self, paragraph: _Paragraph, segs: list[_Seg]) -> None:
        numbered = paragraph.list_kind == "number"
        number = self._count(paragraph) if numbered else 0
        continuing = bool(self.chunks) and isinstance(self.chunks[-1], _Chunk) and bool(self.lists)
        stack = self.lists if continuing else []
        level = paragraph.level
        while stack and stack[-1].level > level:
            stack.pop()
        tight = continuing
        top = stack[-1] if stack else None
        identity = (level, paragraph.list_kind, paragraph.list_key)
        if top is None or (top.level, top.kind, top.key) != identity:
            if top is not None and top.level == level:
                # A different list straight after this one: a new marker keeps them apart.
                stack.pop()
                indent = top.indent
                delimiter = _other_delimiter(top, paragraph.list_kind)
                if indent == 0 or (numbered and number != 1):
                    # Apart, for the eye; and "5." straight after an item would be its text.
                    tight = False
            else:
                indent = top.width if top is not None and top.level < level else 0
                delimiter = "." if numbered else "-"
                if numbered and number != 1 and top is not None and top.level < level:
                    tight = False  # only a list starting at 1 may interrupt the item above
            top = _OpenList(level, paragraph.list_kind, paragraph.list_key, indent, delimiter)
            stack.append(top)
        marker = f"{number}{top.delimiter}" if numbered else top.delimiter
        top.width = top.indent + len(marker) + 1
        opener = "ordered_list_open" if numbered else "bullet_list_open"
        content = _inline_markdown(segs, marker + " ", " " * top.width, opener)
        self.chunks.append(_Chunk(" " * top.indent + marker + " " + content, tight))
        self.lists = stack

    # -------------------------------------------------- results

    def parts(self, path: Path) -> tuple[Part, ...]:
        parts: list[Part] = []
        text: list[str] = []
        for chunk in self.chunks:
            if isinstance(chunk, _Figure):
                if text:
                    parts.append("".join(text) + "\n\n")
                    text = []
                elif parts:
                    parts.append("\n\n")
                parts.append(chunk.source(path))
                continue
            if text:
                text.append("\n" if chunk.tight else "\n\n")
            elif parts:
                text.append("\n\n")
            text.append(chunk.markdown)
        parts.append("".join(text) + "\n")
        return tuple(parts)


def _other_delimiter(previous: _OpenList, kind: str) -> str:
    if previous.kind != kind:
        return "." if kind == "number" else "-"
    return {".": ")", ")": ".", "-": "*", "*": "-"}[previous.delimiter]


# ------------------------------------------------------------------ entry point


def _core_properties(document: Any) -> tuple[str, str, tuple[str, ...]]:
    """(title, author, keywords) from the file's properties, if it has any."""
    try:
        part = document.part.package.part_related_by(RT.CORE_PROPERTIES)
        props = part.core_properties
        title, author, keywords = props.title or "", props.author or "", props.keywords or ""
    except (KeyError, AttributeError, ValueError):
        return "", "", ()
    if author.strip().lower() in PLACEHOLDER_AUTHORS:
        author = ""
    tags = tuple(t.strip() for t in re.split(r"[,;]", keywords) if t.strip())
    return " ".join(title.split()), author.strip(), tags


def read_docx(path: Path) -> MarkdownStory:
    """Read and check one .docx file; every problem is an InputError naming the file.

    Figures get a path inside the file (`path / "word/media/image1.png"`), so each picture has
    its own key, and their `line` is the number of the paragraph the picture stands in.
    """
    try:
        document = _open(_package_bytes(path))
        paragraphs = _Reader(document).read()
        composer = _Composer(paragraphs)
        composer.compose()
        parts = composer.parts(path)
        core_title, core_author, tags = _core_properties(document)
    except InputError as exc:
        raise exc.at(path) from None
    headline = (
        " ".join(composer.headline)
        or core_title
        or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    )
    draft = StoryDraft(
        headline=headline,
        standfirst=" ".join(composer.standfirst),
        byline=composer.byline or core_author,
        tags=tags,
        status=StoryStatus.DRAFT,
    )
    return MarkdownStory(path, draft, parts)
