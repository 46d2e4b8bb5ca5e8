"""Credits a picture carries in its own file (XMP, IPTC-IIM, EXIF), read without trusting them.

Agencies and photographers put the credit, creator, caption and alt text inside the file, so
reading them at import saves the desk retyping. The bytes come from anywhere: any damage only
leaves a field empty, it never stops an import. Whether the bytes are a usable picture at all
is `media.images.inspect_image`'s question, not this module's.

Pillow does the reading it does well, without decoding a pixel: it walks PNG chunks (inflating
compressed text within its own limits), opens WebP's container, and parses EXIF. Kept by hand,
because Pillow does not do it or does it in a way that loses credits:
- JPEG segments: Pillow refuses the whole file when one header segment is cut short (the
  credits before the damage are lost), and parses each APP13 segment on its own, so the
  IPTC block Photoshop spreads over several segments arrives cut in half.
- IPTC-IIM datasets: Pillow's `getiptcinfo` hands back a dataset cut short by the end of its
  block as if it were whole, and drops every dataset when one record number is unknown.
- GIF's XMP application extension, which Pillow does not read at all.
- The XMP packet itself: parsed with the standard library's expat after refusing any DOCTYPE
  (no entity bombs, no file reads), as `Image.getxmp` would do only with defusedxml installed;
  and it finds each property in any rdf:Description, by namespace, which `getxmp`'s
  namespace-stripped dictionaries cannot say.

Precedence, field by field: XMP, then IPTC-IIM, then EXIF (the order in which the metadata
working group's guidelines say current tools keep them in step).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import itertools
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

from PIL import Image as PILImage
from PIL import PngImagePlugin

from editordesk.model import ImageFields

__all__ = ["FIELD_LIMITS", "read_metadata"]

# Longest value kept per field: the store's column sizes (store/models.py, Image), so a file
# with a 10 kB "credit" can never make an import fail on a database that enforces them.
FIELD_LIMITS = {
    "caption": 5000,
    "credit": 500,
    "creator": 300,
    "source": 300,
    "copyright": 500,
    "licence": 300,
    "alt_text": 5000,
}
MULTI_LINE = {"caption", "alt_text"}
# Photoshop's edit history can make XMP a few MB; no more. (Compressed PNG text is held to
# Pillow's own, smaller limit: PngImagePlugin.MAX_TEXT_CHUNK, 1 MB inflated.)
MAX_XMP_BYTES = 16 * 1024 * 1024
MAX_DESCRIPTIONS = 200  # real packets have a handful of rdf:Description elements
MAX_PNG_CHUNKS = 10_000  # a real PNG has tens; the pixels may be split in a few hundred

XMP_JPEG_SIGNATURE = b"http://ns.adobe.com/xap/1.0/\x00"
EXIF_SIGNATURE = b"Exif\x00\x00"
PHOTOSHOP_SIGNATURE = b"Photoshop 3.0\x00"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_TEXT_CHUNKS = {b"iTXt", b"tEXt", b"zTXt", b"eXIf"}
XMP_PNG_KEYWORD = "XML:com.adobe.xmp"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
XMP_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/"
CC = "http://creativecommons.org/ns#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# (field, namespace, property), in the order they are tried for each field.
XMP_PROPERTIES = (
    ("caption", DC, "description"),
    ("credit", PHOTOSHOP, "Credit"),
    ("creator", DC, "creator"),
    ("source", PHOTOSHOP, "Source"),
    ("copyright", DC, "rights"),
    ("licence", XMP_RIGHTS, "UsageTerms"),
    ("licence", CC, "license"),
    ("alt_text", IPTC_CORE, "AltTextAccessibility"),
)
# IPTC-IIM record 2 datasets.
IIM_FIELDS = {80: "creator", 110: "credit", 115: "source", 116: "copyright", 120: "caption"}
IIM_REPEATABLE = {80}
IIM_UTF8 = b"\x1b%G"  # 1:90 Coded Character Set: ISO 2022 escape for UTF-8
IRB_IPTC = 0x0404
# EXIF IFD0 tags.
EXIF_FIELDS = {0x013B: "creator", 0x8298: "copyright", 0x010E: "caption"}
# What cameras write into ImageDescription when nobody wrote a caption.
CAMERA_PLACEHOLDERS = {
    "",
    "OLYMPUS DIGITAL CAMERA",
    "SONY DSC",
    "DIGITAL CAMERA",
    "KONICA MINOLTA DIGITAL CAMERA",
    "MINOLTA DIGITAL CAMERA",
    "SAMSUNG",
    "SAMSUNG DIGITAL CAMERA",
    "DCIM",
    "DEFAULT",
    "IMAGE",
    "PICTURE",
    "EXIF_JPEG_PICTURE",
    "LEICA",
    "CREATOR: GD-JPEG",
}
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


@dataclass
class _Blocks:
    """The raw metadata blocks found in one file, before any of them is read."""

    xmp: list[bytes] = field(default_factory=list)
    photoshop: list[bytes] = field(default_factory=list)  # APP13 payloads, joined later
    exif: list[bytes] = field(default_factory=list)


def read_metadata(data: bytes) -> ImageFields:
    """The caption, credit, creator, source, copyright, licence and alt text a JPEG, PNG,
    WebP or GIF file carries; empty fields where it says nothing or says it in a damaged way.

    Never raises for anything in `data`."""
    blocks = _Blocks()
    # If a reader meets a case it missed, what was found before it still counts. Pillow
    # warns about damaged EXIF and huge pictures; neither matters to the credits.
    with contextlib.suppress(Exception), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _collect(data, blocks)
    found: dict[str, str] = {}
    for readers in (
        [(_xmp_fields, p) for p in blocks.xmp],
        [(_iptc_fields, b"".join(blocks.photoshop))] if blocks.photoshop else [],
        [(_exif_fields, t) for t in blocks.exif],
    ):
        for reader, packet in readers:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    values = reader(packet)
            except Exception:  # hostile or damaged metadata leaves its fields empty
                continue
            for name, value in values.items():
                cleaned = _clean(name, value)
                if cleaned and name not in found:
                    found[name] = cleaned
    return ImageFields(**found)


# ------------------------------------------------------------------ containers


def _collect(data: bytes, blocks: _Blocks) -> None:
    if data[:2] == b"\xff\xd8":
        for marker, body in _jpeg_segments(data):
            if marker == 0xE1 and body.startswith(XMP_JPEG_SIGNATURE):
                blocks.xmp.append(body[len(XMP_JPEG_SIGNATURE) :])
            elif marker == 0xE1 and body.startswith(EXIF_SIGNATURE):
                blocks.exif.append(body)
            elif marker == 0xED and body.startswith(PHOTOSHOP_SIGNATURE):
                blocks.photoshop.append(body[len(PHOTOSHOP_SIGNATURE) :])
    elif data.startswith(PNG_SIGNATURE):
        _png_blocks(data, blocks)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        with PILImage.open(io.BytesIO(data), formats=["WEBP"]) as webp:
            if webp.info.get("xmp"):
                blocks.xmp.append(webp.info["xmp"])
            if webp.info.get("exif"):
                blocks.exif.append(webp.info["exif"])
    elif data[:6] in (b"GIF87a", b"GIF89a"):
        packet = _gif_xmp(data)
        if packet is not None:
            blocks.xmp.append(packet)


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(marker, payload) of each segment before the image data; stops at any damage."""
    pos, size = 2, len(data)
    while pos + 4 <= size:
        if data[pos] != 0xFF:
            return
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no metadata after these
            return
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > size:
            return
        yield marker, data[pos + 4 : end]
        pos = end


def _png_blocks(data: bytes, blocks: _Blocks) -> None:
    """XMP and EXIF from a PNG's chunks, wherever they are: Pillow's own chunk reader reads
    the text chunks (ExifTool writes XMP after the pixels, which `Image.open` reads only
    when it decodes them); the pixels are skipped unread."""
    stream = PngImagePlugin.PngStream(io.BytesIO(data))
    assert stream.fp is not None
    stream.fp.seek(len(PNG_SIGNATURE))
    with contextlib.suppress(Exception):  # cut short or damaged: keep what came before
        for _ in range(MAX_PNG_CHUNKS):
            kind, pos, length = stream.read()
            if kind == b"IEND":
                break
            if kind in PNG_TEXT_CHUNKS:
                with contextlib.suppress(ValueError, SyntaxError, UnicodeError):
                    stream.call(kind, pos, length)  # a zip bomb or a bad chunk: skip it
            stream.fp.seek(pos + length + 4)  # past the chunk and its checksum, unread
    info = stream.im_info
    packet = info.get("xmp")
    if packet is None and isinstance(info.get(XMP_PNG_KEYWORD), str):
        packet = info[XMP_PNG_KEYWORD].encode("latin-1", "replace")  # tEXt, zTXt
    if packet:
        blocks.xmp.append(packet)
    if info.get("exif"):
        blocks.exif.append(info["exif"])


def _gif_xmp(data: bytes) -> bytes | None:
    """GIF keeps XMP raw in an "XMP DataXMP" application extension, ended by a magic trailer."""
    app = data.find(b"\x21\xff\x0bXMP DataXMP")
    if app < 0:
        return None
    start = app + 14
    end = data.find(b"<?xpacket end=", start)
    if end < 0:
        end = data.find(b"</x:xmpmeta>", start)
        if end < 0:
            return None
        return data[start : end + len(b"</x:xmpmeta>")]
    close = data.find(b"?>", end)
    return data[start : close + 2] if close >= 0 else None


# ------------------------------------------------------------------ XMP


def _xmp_fields(packet: bytes) -> dict[str, str]:
    if len(packet) > MAX_XMP_BYTES:
        return {}
    text = _decode_xml(packet)
    if text is None or _DECLARATION.search(text):  # no DTDs: no entity bombs, no file reads
        return {}
    root = ET.fromstring(_XML_DECL.sub("", text, count=1).strip("\x00 \r\n\t").encode("utf-8"))
    found: dict[str, str] = {}
    descriptions = list(itertools.islice(root.iter(f"{{{RDF}}}Description"), MAX_DESCRIPTIONS))
    for name, namespace, prop in XMP_PROPERTIES:
        if name in found:
            continue
        tag = f"{{{namespace}}}{prop}"
        for description in descriptions:
            value = description.get(tag)
            if value is None:
                element = description.find(tag)
                value = _xmp_value(element) if element is not None else None
            if value and value.strip():
                found[name] = value
                break
    return found


def _decode_xml(packet: bytes) -> str | None:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if packet.startswith(bom):
            return packet[len(bom) :].decode(encoding, errors="replace")
    if packet[:2] == b"<\x00":
        return packet.decode("utf-16-le", errors="replace")
    if packet[:2] == b"\x00<":
        return packet.decode("utf-16-be", errors="replace")
    return packet.decode("utf-8", errors="replace")


def _xmp_value(element: ET.Element) -> str | None:
    """A simple value, a resource's URL, the items of a Seq/Bag (joined), or an Alt's
    x-default (else first) entry."""
    resource = element.get(f"{{{RDF}}}resource")
    if resource:
        return resource
    for container in element:
        items = container.findall(f"{{{RDF}}}li")
        if container.tag == f"{{{RDF}}}Alt":
            chosen = [i for i in items if i.get(XML_LANG, "").lower() == "x-default"] or items
            return "".join(chosen[0].itertext()) if chosen else None
        if container.tag in (f"{{{RDF}}}Seq", f"{{{RDF}}}Bag"):
            names = ["".join(i.itertext()).strip() for i in items]
            return "; ".join(n for n in names if n)
    return "".join(element.itertext())


# ------------------------------------------------------------------ IPTC-IIM


def _iptc_fields(irb: bytes) -> dict[str, str]:
    datasets: list[tuple[int, int, bytes]] = []
    for resource, block in _irb_resources(irb):
        if resource == IRB_IPTC:
            datasets.extend(_iim_datasets(block))
    utf8 = any(r == 1 and d == 90 and IIM_UTF8 in v for r, d, v in datasets)
    values: dict[str, list[str]] = {}
    for record, dataset, raw in datasets:
        name = IIM_FIELDS.get(dataset) if record == 2 else None
        if name is None:
            continue
        if dataset not in IIM_REPEATABLE and name in values:
            continue
        text = _decode_text(raw, utf8).strip()
        if text:
            values.setdefault(name, []).append(text)
    return {name: "; ".join(parts) for name, parts in values.items()}


def _irb_resources(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Photoshop image resource blocks: "8BIM", id, padded Pascal name, size, padded data."""
    pos, size = 0, len(data)
    while pos + 12 <= size:
        if data[pos : pos + 4] != b"8BIM":
            return
        resource = int.from_bytes(data[pos + 4 : pos + 6], "big")
        name_field = 1 + data[pos + 6]
        name_field += name_field & 1
        start = pos + 6 + name_field + 4
        if start > size:
            return
        length = int.from_bytes(data[start - 4 : start], "big")
        if start + length > size:
            return
        yield resource, data[start : start + length]
        pos = start + length + (length & 1)


def _iim_datasets(block: bytes) -> Iterator[tuple[int, int, bytes]]:
    pos, size = 0, len(block)
    while pos + 5 <= size and block[pos] == 0x1C:
        record, dataset = block[pos + 1], block[pos + 2]
        length = int.from_bytes(block[pos + 3 : pos + 5], "big")
        pos += 5
        if length & 0x8000:  # extended dataset: the low bits say how many bytes hold the length
            count = length & 0x7FFF
            if count > 4 or pos + count > size:
                return
            length = int.from_bytes(block[pos : pos + count], "big")
            pos += count
        if pos + length > size:
            return
        yield record, dataset, block[pos : pos + length]
        pos += length


# ------------------------------------------------------------------ EXIF


def _exif_fields(block: bytes) -> dict[str, str]:
    """IFD0's artist, copyright and description, as Pillow parses them."""
    exif = PILImage.Exif()
    exif.load(block)
    found: dict[str, str] = {}
    for tag, name in EXIF_FIELDS.items():
        value = exif.get(tag)
        if isinstance(value, str):  # ASCII, which Pillow decodes as Latin-1: the bytes again
            raw = value.encode("latin-1", "replace")
        elif isinstance(value, bytes):  # BYTE or UNDEFINED
            raw = value
        else:
            continue
        # Copyright may hold "photographer\0editor"; each part is a string of its own.
        parts = [_decode_text(p, False).strip() for p in raw.split(b"\x00")]
        text = "; ".join(p for p in parts if p)
        if name == "caption" and text.upper() in CAMERA_PLACEHOLDERS:
            continue
        if text:
            found[name] = text
    return found


# ------------------------------------------------------------------ values


def _decode_text(raw: bytes, utf8: bool) -> str:
    """UTF-8 when declared or when the bytes are valid UTF-8; otherwise the Windows Latin-1
    that older tools write (plain Latin-1 for the bytes it leaves undefined)."""
    if utf8:
        return raw.decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _clean(name: str, value: str) -> str:
    """No control characters; single-line fields on one line; no longer than the store keeps."""
    value = value[: FIELD_LIMITS[name] * 4]  # cleaning only shortens; don't clean megabytes
    if name in MULTI_LINE:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        value = "\n".join(
            _SPACES.sub(" ", _CONTROL.sub("", line)).strip() for line in value.split("\n")
        )
        value = re.sub(r"\n{3,}", "\n\n", value)
    else:
        value = _SPACES.sub(" ", _CONTROL.sub(" ", value))
    return value.strip()[: FIELD_LIMITS[name]].strip()
