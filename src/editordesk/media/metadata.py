"""Credits a picture carries in its own file (XMP, IPTC-IIM, EXIF), read without trusting them.

Agencies and photographers put the credit, creator, caption and alt text inside the file, so
reading them at import saves the desk retyping. The bytes come from anywhere: every reader
here walks the file's structure with bounds checked, refuses XML with a DOCTYPE or entities,
and any damage only leaves a field empty — it never stops an import. Whether the bytes are a
usable picture at all is `media.images.inspect_image`'s question, not this module's.

Precedence, field by field: XMP, then IPTC-IIM, then EXIF (the order in which the metadata
working group's guidelines say current tools keep them in step).
"""

from __future__ import annotations

import codecs
import contextlib
import itertools
import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, fields

__all__ = ["FIELD_LIMITS", "EmbeddedFields", "read_metadata"]


@dataclass(frozen=True)
class EmbeddedFields:
    """What a file says about itself, with the store's field names (see model.ImageFields,
    which this layer may not import)."""

    caption: str = ""
    credit: str = ""
    creator: str = ""
    source: str = ""
    copyright: str = ""
    licence: str = ""
    alt_text: str = ""


NAMES = tuple(f.name for f in fields(EmbeddedFields))
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
MAX_XMP_BYTES = 16 * 1024 * 1024  # Photoshop's edit history can make XMP a few MB; no more
MAX_INFLATED = MAX_XMP_BYTES
MAX_DESCRIPTIONS = 200  # real packets have a handful of rdf:Description elements

XMP_JPEG_SIGNATURE = b"http://ns.adobe.com/xap/1.0/\x00"
EXIF_SIGNATURE = b"Exif\x00\x00"
PHOTOSHOP_SIGNATURE = b"Photoshop 3.0\x00"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
XMP_PNG_KEYWORD = b"XML:com.adobe.xmp"

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


def read_metadata(data: bytes) -> EmbeddedFields:
    """The caption, credit, creator, source, copyright, licence and alt text a JPEG, PNG,
    WebP or GIF file carries; empty fields where it says nothing or says it in a damaged way.

    Never raises for anything in `data`."""
    xmp: list[bytes] = []
    iptc: list[bytes] = []
    exif: list[bytes] = []
    # If a reader meets a case it missed, what was found before it still counts.
    with contextlib.suppress(Exception):
        _collect(data, xmp, iptc, exif)
    found: dict[str, str] = {}
    for readers in (
        [(_xmp_fields, p) for p in xmp],
        [(_iptc_fields, b"".join(iptc))] if iptc else [],
        [(_exif_fields, t) for t in exif],
    ):
        for reader, packet in readers:
            try:
                values = reader(packet)
            except Exception:  # hostile or damaged metadata leaves its fields empty
                continue
            for name, value in values.items():
                cleaned = _clean(name, value)
                if cleaned and name not in found:
                    found[name] = cleaned
    return EmbeddedFields(**found)


# ------------------------------------------------------------------ containers


def _collect(data: bytes, xmp: list[bytes], iptc: list[bytes], exif: list[bytes]) -> None:
    if data[:2] == b"\xff\xd8":
        for marker, body in _jpeg_segments(data):
            if marker == 0xE1 and body.startswith(XMP_JPEG_SIGNATURE):
                xmp.append(body[len(XMP_JPEG_SIGNATURE) :])
            elif marker == 0xE1 and body.startswith(EXIF_SIGNATURE):
                exif.append(body[len(EXIF_SIGNATURE) :])
            elif marker == 0xED and body.startswith(PHOTOSHOP_SIGNATURE):
                iptc.append(body[len(PHOTOSHOP_SIGNATURE) :])  # big blocks span segments
    elif data.startswith(PNG_SIGNATURE):
        for kind, body in _png_chunks(data):
            if kind == b"eXIf":
                exif.append(body)
            elif kind in (b"iTXt", b"tEXt", b"zTXt"):
                packet = _png_text(kind, body, XMP_PNG_KEYWORD)
                if packet is not None:
                    xmp.append(packet)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        for kind, body in _riff_chunks(data):
            if kind == b"XMP ":
                xmp.append(body)
            elif kind == b"EXIF":
                exif.append(body.removeprefix(EXIF_SIGNATURE))
    elif data[:6] in (b"GIF87a", b"GIF89a"):
        packet = _gif_xmp(data)
        if packet is not None:
            xmp.append(packet)


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


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    pos, size = len(PNG_SIGNATURE), len(data)
    while pos + 12 <= size:
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > size or kind == b"IEND":
            return
        yield kind, data[pos + 8 : pos + 8 + length]
        pos = end


def _png_text(kind: bytes, body: bytes, keyword: bytes) -> bytes | None:
    """The text of a PNG text chunk with this keyword, inflated if need be."""
    name, sep, rest = body.partition(b"\x00")
    if not sep or name != keyword:
        return None
    if kind == b"tEXt":
        return rest
    if kind == b"zTXt":
        return _inflate(rest[1:]) if rest[:1] == b"\x00" else None
    if len(rest) < 2:
        return None
    compressed, method, rest = rest[0], rest[1], rest[2:]
    _language, _, rest = rest.partition(b"\x00")
    _translated, sep, text = rest.partition(b"\x00")
    if not sep:
        return None
    if compressed:
        return _inflate(text) if method == 0 else None
    return text


def _inflate(data: bytes) -> bytes | None:
    """zlib data, or None if it is damaged or would grow past MAX_INFLATED (a zip bomb)."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, MAX_INFLATED)
    except zlib.error:
        return None
    return None if inflater.unconsumed_tail else out


def _riff_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    pos, size = 12, min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    while pos + 8 <= size:
        kind = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        end = pos + 8 + length
        if end > size:
            return
        yield kind, data[pos + 8 : end]
        pos = end + (length & 1)


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


def _exif_fields(tiff: bytes) -> dict[str, str]:
    order = {b"II": "little", b"MM": "big"}.get(tiff[:2])
    if order is None or int.from_bytes(tiff[2:4], order) != 42:  # type: ignore[arg-type]
        return {}

    def number(start: int, width: int) -> int:
        return int.from_bytes(tiff[start : start + width], order)  # type: ignore[arg-type]

    ifd, size = number(4, 4), len(tiff)
    if ifd + 2 > size:
        return {}
    count = min(number(ifd, 2), (size - ifd - 2) // 12)
    found: dict[str, str] = {}
    for index in range(count):
        entry = ifd + 2 + 12 * index
        name = EXIF_FIELDS.get(number(entry, 2))
        kind, length = number(entry + 2, 2), number(entry + 4, 4)
        if name is None or kind not in (1, 2, 7):  # BYTE, ASCII, UNDEFINED: one byte each
            continue
        if length <= 4:
            raw = tiff[entry + 8 : entry + 8 + length]
        else:
            offset = number(entry + 8, 4)
            if offset + length > size:
                continue
            raw = tiff[offset : offset + length]
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
