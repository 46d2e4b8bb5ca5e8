"""media.metadata: the credits a picture file carries (XMP, IPTC-IIM, EXIF), read from real
JPEG, PNG, WebP and GIF files made here byte by byte, and never an exception for bad bytes.

The builders at the top (xmp_packet, iptc_block, exif_tiff, jpeg_with, png_with, webp_with,
gif_with) are shared with tests/services/test_library.py."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from editordesk.media.metadata import FIELD_LIMITS, read_metadata
from editordesk.model import ImageFields

# ------------------------------------------------------------------ builders

NAMESPACES = (
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    'xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" '
    'xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" '
    'xmlns:cc="http://creativecommons.org/ns#"'
)


def alt(text: str, lang: str = "x-default") -> str:
    """An rdf:Alt with one entry, as dc:description, dc:rights and alt text are written."""
    return f'<rdf:Alt><rdf:li xml:lang="{lang}">{text}</rdf:li></rdf:Alt>'


def seq(*items: str) -> str:
    return "<rdf:Seq>" + "".join(f"<rdf:li>{i}</rdf:li>" for i in items) + "</rdf:Seq>"


def xmp_packet(
    *,
    credit: str | None = None,
    creator: str | None = None,
    rights: str | None = None,
    description: str | None = None,
    alt_text: str | None = None,
    source: str | None = None,
    usage_terms: str | None = None,
    extra: str = "",
    xpacket: bool = True,
) -> bytes:
    """A real XMP packet as Photoshop or Photo Mechanic writes it: credit and source as
    attributes, the rest as elements (Seq for creators, Alt for language alternatives)."""
    attributes = ""
    if credit is not None:
        attributes += f' photoshop:Credit="{credit}"'
    if source is not None:
        attributes += f' photoshop:Source="{source}"'
    elements = extra
    if creator is not None:
        elements += f"<dc:creator>{seq(creator)}</dc:creator>"
    if rights is not None:
        elements += f"<dc:rights>{alt(rights)}</dc:rights>"
    if description is not None:
        elements += f"<dc:description>{alt(description)}</dc:description>"
    if alt_text is not None:
        tag = "Iptc4xmpCore:AltTextAccessibility"
        elements += f"<{tag}>{alt(alt_text)}</{tag}>"
    if usage_terms is not None:
        elements += f"<xmpRights:UsageTerms>{alt(usage_terms)}</xmpRights:UsageTerms>"
    body = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f"<rdf:RDF {NAMESPACES}>"
        f'<rdf:Description rdf:about=""{attributes}>{elements}</rdf:Description>'
        "</rdf:RDF></x:xmpmeta>"
    )
    if xpacket:
        body = (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            + body
            + '<?xpacket end="w"?>'
        )
    return body.encode("utf-8")


def iim(record: int, dataset: int, value: bytes) -> bytes:
    """One IPTC-IIM dataset with a standard (two-byte) length."""
    return struct.pack(">BBBH", 0x1C, record, dataset, len(value)) + value


def irb(resource: int, data: bytes) -> bytes:
    """One Photoshop image resource block: empty Pascal name, data padded to even length."""
    return (
        b"8BIM" + struct.pack(">HBBI", resource, 0, 0, len(data)) + data + b"\x00" * (len(data) & 1)
    )


def iptc_block(
    *,
    credit: str | None = None,
    creators: tuple[str, ...] = (),
    caption: str | None = None,
    copyright: str | None = None,
    source: str | None = None,
    utf8: bool = True,
    encoding: str = "utf-8",
) -> bytes:
    """The IPTC-IIM datasets of a picture; with `utf8`, record 1:90 declares UTF-8."""
    data = iim(1, 90, b"\x1b%G") if utf8 else b""
    data += iim(2, 0, b"\x00\x04")  # record version, as every writer puts first
    for creator in creators:
        data += iim(2, 80, creator.encode(encoding))
    for dataset, value in ((110, credit), (115, source), (116, copyright), (120, caption)):
        if value is not None:
            data += iim(2, dataset, value.encode(encoding))
    return data


def app13(iim_data: bytes) -> bytes:
    """A JPEG APP13 segment holding the IPTC block inside Photoshop's resource blocks."""
    payload = b"Photoshop 3.0\x00" + irb(0x0404, iim_data)
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


EXIF_ARTIST, EXIF_COPYRIGHT, EXIF_DESCRIPTION, EXIF_ORIENTATION = 0x013B, 0x8298, 0x010E, 0x0112


def exif_tiff(entries: dict[int, bytes | int], *, big_endian: bool = False) -> bytes:
    """A TIFF header and IFD0 built by hand: bytes values are ASCII (type 2) written exactly
    as given (so Latin-1 bytes stay Latin-1), ints are SHORTs (orientation)."""
    order = ">" if big_endian else "<"
    head = (b"MM" if big_endian else b"II") + struct.pack(order + "HI", 42, 8)
    count = len(entries)
    data_start = 8 + 2 + 12 * count + 4
    ifd = struct.pack(order + "H", count)
    extra = b""
    for tag in sorted(entries):
        value = entries[tag]
        if isinstance(value, int):
            ifd += struct.pack(order + "HHIHH", tag, 3, 1, value, 0)
            continue
        if len(value) <= 4:
            ifd += struct.pack(order + "HHI", tag, 2, len(value)) + value.ljust(4, b"\x00")
        else:
            ifd += struct.pack(order + "HHII", tag, 2, len(value), data_start + len(extra))
            extra += value + b"\x00" * (len(value) & 1)
    return head + ifd + b"\x00\x00\x00\x00" + extra


def exif_text(text: str, encoding: str = "ascii") -> bytes:
    return text.encode(encoding) + b"\x00"


def _pillow_bytes(fmt: str, size: tuple[int, int], **save: object) -> bytes:
    buf = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save.pop("transparent", False) else "RGB"
    Image.new(mode, size, (30, 120, 200)).save(buf, fmt, **save)
    return buf.getvalue()


def jpeg_with(
    *,
    xmp: bytes | None = None,
    iptc: bytes | None = None,
    exif: bytes | None = None,
    size: tuple[int, int] = (40, 30),
) -> bytes:
    """A real JPEG: XMP and EXIF (a TIFF block) written by Pillow, IPTC spliced in as APP13
    right after the start-of-image marker."""
    save: dict[str, object] = {}
    if xmp is not None:
        save["xmp"] = xmp
    if exif is not None:
        save["exif"] = b"Exif\x00\x00" + exif
    data = _pillow_bytes("JPEG", size, **save)
    if iptc is not None:
        data = data[:2] + app13(iptc) + data[2:]
    return data


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_with(
    *,
    xmp: bytes | None = None,
    exif: bytes | None = None,
    compress_xmp: bool = False,
    size: tuple[int, int] = (40, 30),
) -> bytes:
    """A real PNG: XMP in an iTXt chunk "XML:com.adobe.xmp" (Pillow's PngInfo), EXIF in eXIf."""
    save: dict[str, object] = {}
    if xmp is not None:
        info = PngInfo()
        info.add_itxt("XML:com.adobe.xmp", xmp.decode("utf-8"), zip=compress_xmp)
        save["pnginfo"] = info
    if exif is not None:
        save["exif"] = exif
    return _pillow_bytes("PNG", size, **save)


def webp_with(
    *, xmp: bytes | None = None, exif: bytes | None = None, size: tuple[int, int] = (40, 30)
) -> bytes:
    save: dict[str, object] = {"lossless": True}
    if xmp is not None:
        save["xmp"] = xmp
    if exif is not None:
        save["exif"] = b"Exif\x00\x00" + exif
    return _pillow_bytes("WEBP", size, **save)


GIF_XMP_TRAILER = b"\x01" + bytes(range(255, -1, -1)) + b"\x00"


def gif_with(*, xmp: bytes | None = None, size: tuple[int, int] = (40, 30)) -> bytes:
    """A real GIF with XMP in an "XMP DataXMP" application extension (the packet raw, then
    the 258-byte "magic trailer" that makes it read as valid sub-blocks), before the ';'."""
    data = _pillow_bytes("GIF", size)
    assert data.endswith(b";")
    if xmp is None:
        return data
    return data[:-1] + b"\x21\xff\x0bXMP DataXMP" + xmp + GIF_XMP_TRAILER + b";"


# ------------------------------------------------------------------ each source, each format


def test_a_file_without_metadata_gives_empty_fields() -> None:
    for data in (jpeg_with(), png_with(), webp_with(), gif_with()):
        assert read_metadata(data) == ImageFields()


def test_xmp_in_a_jpeg_fills_every_field() -> None:
    packet = xmp_packet(
        credit="Photo: Ann Lee / Harbour Press",
        creator="Ann Lee",
        rights="© 2026 Harbour Press",
        description="The breach at low tide.",
        alt_text="A gap in the harbour wall with the sea running through it",
        source="Harbour Press",
        usage_terms="CC BY 4.0",
    )
    assert read_metadata(jpeg_with(xmp=packet)) == ImageFields(
        caption="The breach at low tide.",
        credit="Photo: Ann Lee / Harbour Press",
        creator="Ann Lee",
        source="Harbour Press",
        copyright="© 2026 Harbour Press",
        licence="CC BY 4.0",
        alt_text="A gap in the harbour wall with the sea running through it",
    )


def test_xmp_properties_can_be_elements_or_attributes() -> None:
    extra = (
        "<photoshop:Credit>Element credit</photoshop:Credit>"
        '<cc:license rdf:resource="https://creativecommons.org/licenses/by/4.0/"/>'
    )
    found = read_metadata(jpeg_with(xmp=xmp_packet(extra=extra)))
    assert found.credit == "Element credit"
    assert found.licence == "https://creativecommons.org/licenses/by/4.0/"


def test_xmp_alt_prefers_x_default_and_seq_joins_creators() -> None:
    extra = (
        '<dc:description><rdf:Alt><rdf:li xml:lang="de">Die Mauer</rdf:li>'
        '<rdf:li xml:lang="x-default">The wall</rdf:li></rdf:Alt></dc:description>'
        "<dc:creator>" + seq("Ann Lee", "", "Bo Chen") + "</dc:creator>"
        '<dc:rights><rdf:Alt><rdf:li xml:lang="fr">© Presse</rdf:li></rdf:Alt></dc:rights>'
    )
    found = read_metadata(jpeg_with(xmp=xmp_packet(extra=extra)))
    assert found.caption == "The wall"
    assert found.creator == "Ann Lee; Bo Chen"
    assert found.copyright == "© Presse"  # no x-default: the first entry


def test_xmp_properties_are_found_in_any_rdf_description() -> None:
    packet = (
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF {NAMESPACES}>'
        '<rdf:Description rdf:about="" photoshop:Credit="From the first"/>'
        f'<rdf:Description rdf:about=""><dc:creator>{seq("From the second")}</dc:creator>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()
    found = read_metadata(jpeg_with(xmp=packet))
    assert (found.credit, found.creator) == ("From the first", "From the second")


def test_xmp_in_utf16_is_read() -> None:
    packet = xmp_packet(credit="Fotó: Zoë", xpacket=False).decode("utf-8")
    for encoded in (
        packet.encode("utf-16-le"),
        "\ufeff".encode("utf-16-be") + packet.encode("utf-16-be"),
    ):
        assert read_metadata(jpeg_with(xmp=encoded)).credit == "Fotó: Zoë"


def test_iptc_in_a_jpeg_fills_its_fields() -> None:
    block = iptc_block(
        credit="Reuters",
        creators=("Ann Lee", "Bo Chen"),
        caption="Boats at the quay",
        copyright="(c) Reuters 2026",
        source="Reuters pool",
    )
    assert read_metadata(jpeg_with(iptc=block)) == ImageFields(
        caption="Boats at the quay",
        credit="Reuters",
        creator="Ann Lee; Bo Chen",  # 2:80 By-line repeats
        source="Reuters pool",
        copyright="(c) Reuters 2026",
    )


def test_iptc_utf8_is_read_when_1_90_declares_it() -> None:
    block = iptc_block(
        credit="Ørsted Фото", creators=("Jürgen Weiß",), caption="東京の港", utf8=True
    )
    found = read_metadata(jpeg_with(iptc=block))
    assert (found.credit, found.creator, found.caption) == (
        "Ørsted Фото",
        "Jürgen Weiß",
        "東京の港",
    )


def test_iptc_without_a_charset_marker_falls_back_to_windows_latin1() -> None:
    block = iptc_block(
        credit="Agência Lusa – Foto", creators=("Zoë Müller",), utf8=False, encoding="cp1252"
    )
    found = read_metadata(jpeg_with(iptc=block))
    assert (found.credit, found.creator) == ("Agência Lusa – Foto", "Zoë Müller")


def test_iptc_non_repeatable_datasets_keep_the_first() -> None:
    data = iim(1, 90, b"\x1b%G") + iim(2, 110, b"First credit") + iim(2, 110, b"Second")
    assert read_metadata(jpeg_with(iptc=data)).credit == "First credit"


def test_iptc_extended_length_dataset_is_read() -> None:
    caption = ("A long caption. " * 3000).strip()  # 48 kB: more than a 15-bit length holds
    raw = caption.encode()
    dataset = struct.pack(">BBBH", 0x1C, 2, 120, 0x8004) + struct.pack(">I", len(raw)) + raw
    found = read_metadata(jpeg_with(iptc=iim(2, 110, b"Credit") + dataset))
    assert found.credit == "Credit"
    assert found.caption == caption[: FIELD_LIMITS["caption"]].strip()


def test_iptc_spread_over_two_app13_segments_is_joined() -> None:
    payload = irb(0x0404, iptc_block(credit="Split credit", caption="Split caption"))
    half = len(payload) // 2
    segments = b""
    for part in (payload[:half], payload[half:]):
        body = b"Photoshop 3.0\x00" + part
        segments += b"\xff\xed" + struct.pack(">H", len(body) + 2) + body
    data = jpeg_with()
    found = read_metadata(data[:2] + segments + data[2:])
    assert (found.credit, found.caption) == ("Split credit", "Split caption")


def test_iptc_is_found_after_other_photoshop_resources() -> None:
    resources = irb(0x03ED, b"\x00\x48\x00\x00" * 4) + irb(0x0404, iptc_block(credit="After"))
    body = b"Photoshop 3.0\x00" + resources
    data = jpeg_with()
    segment = b"\xff\xed" + struct.pack(">H", len(body) + 2) + body
    assert read_metadata(data[:2] + segment + data[2:]).credit == "After"


def test_exif_in_a_jpeg_fills_creator_copyright_and_caption() -> None:
    tiff = exif_tiff(
        {
            EXIF_ARTIST: exif_text("Ann Lee"),
            EXIF_COPYRIGHT: exif_text("Harbour Press"),
            EXIF_DESCRIPTION: exif_text("Boats at the quay"),
        }
    )
    assert read_metadata(jpeg_with(exif=tiff)) == ImageFields(
        caption="Boats at the quay", creator="Ann Lee", copyright="Harbour Press"
    )


def test_exif_written_by_pillow_is_read() -> None:
    exif = Image.Exif()
    exif[EXIF_ARTIST] = "Ann Lee"
    exif[EXIF_COPYRIGHT] = "Harbour Press"
    buf = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buf, "JPEG", exif=exif)
    found = read_metadata(buf.getvalue())
    assert (found.creator, found.copyright) == ("Ann Lee", "Harbour Press")


def test_exif_big_endian_and_short_inline_values() -> None:
    tiff = exif_tiff(
        {EXIF_ARTIST: b"Bo\x00", EXIF_COPYRIGHT: exif_text("Coast Agency")}, big_endian=True
    )
    found = read_metadata(jpeg_with(exif=tiff))
    assert (found.creator, found.copyright) == ("Bo", "Coast Agency")


def test_exif_latin1_text_is_decoded() -> None:
    tiff = exif_tiff(
        {
            EXIF_ARTIST: exif_text("Jürgen Weiß", "latin-1"),
            EXIF_COPYRIGHT: exif_text("© Agência Ñ", "latin-1"),
        }
    )
    found = read_metadata(jpeg_with(exif=tiff))
    assert (found.creator, found.copyright) == ("Jürgen Weiß", "© Agência Ñ")


def test_exif_utf8_text_is_decoded_as_utf8() -> None:
    tiff = exif_tiff({EXIF_ARTIST: exif_text("Jürgen Weiß", "utf-8")})
    assert read_metadata(jpeg_with(exif=tiff)).creator == "Jürgen Weiß"


def test_exif_copyright_with_photographer_and_editor_parts() -> None:
    tiff = exif_tiff({EXIF_COPYRIGHT: b"Ann Lee\x00Harbour Press\x00"})
    assert read_metadata(jpeg_with(exif=tiff)).copyright == "Ann Lee; Harbour Press"


@pytest.mark.parametrize("placeholder", ["OLYMPUS DIGITAL CAMERA", "SONY DSC", "   ", "image"])
def test_a_camera_placeholder_description_is_not_a_caption(placeholder: str) -> None:
    tiff = exif_tiff({EXIF_DESCRIPTION: exif_text(placeholder), EXIF_ARTIST: exif_text("Ann")})
    found = read_metadata(jpeg_with(exif=tiff))
    assert found.caption == ""
    assert found.creator == "Ann"


def test_png_xmp_plain_and_compressed_and_exif() -> None:
    packet = xmp_packet(credit="PNG credit", alt_text="A chart of tides")
    for compressed in (False, True):
        found = read_metadata(png_with(xmp=packet, compress_xmp=compressed))
        assert (found.credit, found.alt_text) == ("PNG credit", "A chart of tides")
    found = read_metadata(png_with(exif=exif_tiff({EXIF_ARTIST: exif_text("Ann Lee")})))
    assert found.creator == "Ann Lee"


def test_png_xmp_in_text_chunks_after_the_pixels() -> None:
    packet = xmp_packet(credit="Old writer")
    plain = png_with()
    iend = plain.rindex(b"IEND") - 4
    for chunk in (
        png_chunk(b"tEXt", b"XML:com.adobe.xmp\x00" + packet),
        png_chunk(b"zTXt", b"XML:com.adobe.xmp\x00\x00" + zlib.compress(packet)),
        png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + packet),  # ExifTool's way
    ):
        assert read_metadata(plain[:iend] + chunk + plain[iend:]).credit == "Old writer"


def test_png_text_chunk_with_another_keyword_is_not_xmp() -> None:
    plain = png_with()
    iend = plain.rindex(b"IEND") - 4
    chunk = png_chunk(b"tEXt", b"Comment\x00" + xmp_packet(credit="Not XMP"))
    assert read_metadata(plain[:iend] + chunk + plain[iend:]) == ImageFields()


def test_png_compressed_xmp_that_inflates_past_the_limit_is_ignored() -> None:
    padding = b" " * (17 * 1024 * 1024)  # beyond MAX_INFLATED: a zip bomb, not a packet
    packet = xmp_packet(credit="Bomb") + padding
    plain = png_with()
    iend = plain.rindex(b"IEND") - 4
    body = b"XML:com.adobe.xmp\x00\x01\x00\x00\x00" + zlib.compress(packet, 9)
    assert read_metadata(plain[:iend] + png_chunk(b"iTXt", body) + plain[iend:]).credit == ""


def test_webp_xmp_and_exif() -> None:
    data = webp_with(
        xmp=xmp_packet(credit="WebP credit"),
        exif=exif_tiff({EXIF_COPYRIGHT: exif_text("WebP copyright")}),
    )
    found = read_metadata(data)
    assert (found.credit, found.copyright) == ("WebP credit", "WebP copyright")


def test_webp_exif_without_the_exif_prefix() -> None:
    # The WebP container says the EXIF chunk starts with the TIFF header; some tools
    # still write JPEG's "Exif\0\0" first. Both are read.
    tiff = exif_tiff({EXIF_ARTIST: exif_text("Bare TIFF")})
    data = _pillow_bytes("WEBP", (20, 20), lossless=True, exif=tiff)
    assert b"EXIF" in data
    assert read_metadata(data).creator == "Bare TIFF"


def test_gif_xmp_application_extension() -> None:
    data = gif_with(xmp=xmp_packet(credit="GIF credit", alt_text="An animated map"))
    found = read_metadata(data)
    assert (found.credit, found.alt_text) == ("GIF credit", "An animated map")
    Image.open(io.BytesIO(data)).load()  # still a picture Pillow reads


def test_gif_xmp_without_an_xpacket_wrapper() -> None:
    data = gif_with(xmp=xmp_packet(credit="Bare", xpacket=False))
    assert read_metadata(data).credit == "Bare"


# ------------------------------------------------------------------ precedence


def test_xmp_wins_over_iptc_which_wins_over_exif() -> None:
    data = jpeg_with(
        xmp=xmp_packet(credit="XMP credit"),
        iptc=iptc_block(credit="IPTC credit", caption="IPTC caption", creators=("IPTC by",)),
        exif=exif_tiff(
            {
                EXIF_ARTIST: exif_text("EXIF artist"),
                EXIF_DESCRIPTION: exif_text("EXIF caption"),
                EXIF_COPYRIGHT: exif_text("EXIF copyright"),
            }
        ),
    )
    found = read_metadata(data)
    assert found.credit == "XMP credit"  # XMP over IPTC
    assert found.caption == "IPTC caption"  # IPTC over EXIF, XMP silent
    assert found.creator == "IPTC by"
    assert found.copyright == "EXIF copyright"  # only EXIF says it


def test_precedence_is_field_by_field_not_by_order_in_the_file() -> None:
    # EXIF first, IPTC next, XMP last in the file: the order of the segments does not matter.
    base = jpeg_with(exif=exif_tiff({EXIF_ARTIST: exif_text("EXIF artist")}))
    xmp_body = b"http://ns.adobe.com/xap/1.0/\x00" + xmp_packet(creator="XMP creator")
    xmp_segment = b"\xff\xe1" + struct.pack(">H", len(xmp_body) + 2) + xmp_body
    sof = base.index(b"\xff\xdb")  # first quantisation table: metadata segments come before
    data = base[:sof] + app13(iptc_block(creators=("IPTC by",))) + xmp_segment + base[sof:]
    assert read_metadata(data).creator == "XMP creator"


def test_an_empty_xmp_value_falls_through_to_iptc() -> None:
    data = jpeg_with(
        xmp=xmp_packet(credit="   ", description=""),
        iptc=iptc_block(credit="IPTC credit", caption="IPTC caption"),
    )
    found = read_metadata(data)
    assert (found.credit, found.caption) == ("IPTC credit", "IPTC caption")


def test_broken_xmp_leaves_iptc_and_exif_to_speak() -> None:
    data = jpeg_with(
        xmp=b"<x:xmpmeta><rdf:RDF><unclosed",
        iptc=iptc_block(credit="IPTC credit"),
        exif=exif_tiff({EXIF_ARTIST: exif_text("EXIF artist")}),
    )
    found = read_metadata(data)
    assert (found.credit, found.creator) == ("IPTC credit", "EXIF artist")


# ------------------------------------------------------------------ cleaning


def test_values_are_cleaned_and_cut_to_the_store_limits() -> None:
    packet = xmp_packet(
        credit="C" * 2000,
        description="Line one\r\n\r\n\r\n\r\nLine\ttwo\u0085   spaced",
        rights="  © 2026\n   Harbour   Press  ",
    )
    block = iptc_block(creators=("Ann\x07 Lee\x01\x02",), source="Coast\x00Agency\x1b")
    found = read_metadata(jpeg_with(xmp=packet, iptc=block))
    assert found.credit == "C" * FIELD_LIMITS["credit"]
    assert found.caption == "Line one\n\nLine two spaced"  # lines kept, at most one blank
    assert found.copyright == "© 2026 Harbour Press"  # a single-line field is one line
    assert found.creator == "Ann Lee"  # control characters from IPTC are gone
    assert found.source == "Coast Agency"


def test_a_multi_megabyte_caption_is_cut_quickly() -> None:
    # A PNG chunk holds megabytes (a JPEG segment does not).
    found = read_metadata(png_with(xmp=xmp_packet(description="word " * 400_000)))
    assert len(found.caption) <= FIELD_LIMITS["caption"]
    assert found.caption.startswith("word word")


# ------------------------------------------------------------------ hostile and broken


def test_xmp_with_a_doctype_or_entities_is_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF {NAMESPACES}>'
        '<rdf:Description rdf:about="" photoshop:Credit="&lol2;"/></rdf:RDF></x:xmpmeta>'
    ).encode()
    external = (
        '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF {NAMESPACES}>'
        '<rdf:Description rdf:about="" photoshop:Credit="&xxe;"/></rdf:RDF></x:xmpmeta>'
    ).encode()
    for packet in (bomb, external):
        data = jpeg_with(xmp=packet, iptc=iptc_block(credit="IPTC credit"))
        assert read_metadata(data).credit == "IPTC credit"


def _damaged_files() -> list[tuple[str, bytes]]:
    full = jpeg_with(
        xmp=xmp_packet(credit="XMP credit", alt_text="Alt"),
        iptc=iptc_block(credit="IPTC credit"),
        exif=exif_tiff({EXIF_ARTIST: exif_text("EXIF artist")}),
    )
    cut_in_app13 = full[: 2 + 30]
    huge_irb = (
        jpeg_with()[:2]
        + (b"\xff\xed\x00\x20Photoshop 3.0\x008BIM\x04\x04\x00\x00\xff\xff\xff\xff" + b"\x1c" * 8)
        + jpeg_with()[2:]
    )
    bad_iim = jpeg_with(iptc=b"\x1c\x02\x6e\x7f\xff" + b"short")
    bad_ext_iim = jpeg_with(iptc=b"\x1c\x02\x6e\x80\x09" + b"\xff" * 20)
    exif_offset_outside = jpeg_with(
        exif=b"II*\x00\x08\x00\x00\x00\x01\x00\x3b\x01\x02\x00\xff\x00\x00\x00\x00\x10\x00\x00"
        + b"\x00" * 4
    )
    exif_ifd_outside = jpeg_with(exif=b"MM\x00*\xff\xff\xff\xf0")
    exif_not_tiff = jpeg_with(exif=b"XX*\x00junk")
    exif_many_entries = jpeg_with(exif=b"II*\x00\x08\x00\x00\x00\xff\xff")
    bad_segment_length = b"\xff\xd8\xff\xe1\x00\x01" + b"\x00" * 20
    png = png_with(xmp=xmp_packet(credit="PNG"))
    png_cut = png[: png.index(b"iTXt") + 20]
    png_bad_zlib = png_with()[:33] + png_chunk(
        b"iTXt", b"XML:com.adobe.xmp\x00\x01\x00\x00\x00garbage"
    )
    webp = webp_with(xmp=xmp_packet(credit="WebP"))
    webp_cut = webp[: webp.index(b"XMP ") + 12]
    webp_lying_size = webp[:4] + b"\xff\xff\xff\xff" + webp[8:]
    gif_open_packet = gif_with()[:-1] + b"\x21\xff\x0bXMP DataXMP<x:xmpmeta"
    return [
        ("jpeg cut inside APP13", cut_in_app13),
        ("jpeg cut in half", full[: len(full) // 2]),
        ("irb claiming 4 GB", huge_irb),
        ("iim dataset longer than its block", bad_iim),
        ("iim extended length of 9 bytes", bad_ext_iim),
        ("exif value offset outside", exif_offset_outside),
        ("exif IFD outside", exif_ifd_outside),
        ("exif not a TIFF header", exif_not_tiff),
        ("exif claiming 65535 entries", exif_many_entries),
        ("jpeg segment length 1", bad_segment_length),
        ("png cut inside iTXt", png_cut),
        ("png iTXt with bad zlib", png_bad_zlib),
        ("webp cut inside XMP", webp_cut),
        ("webp lying RIFF size", webp_lying_size),
        ("gif with an unterminated packet", gif_open_packet),
        ("only a JPEG signature", b"\xff\xd8"),
        ("only a PNG signature", b"\x89PNG\r\n\x1a\n"),
        ("RIFF header only", b"RIFF\x00\x00\x00\x00WEBP"),
        ("empty", b""),
        ("not a picture", b"<html>hello</html>"),
    ]


@pytest.mark.parametrize(
    ("name", "data"), _damaged_files(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_damaged_metadata_never_raises(name: str, data: bytes) -> None:
    found = read_metadata(data)
    assert isinstance(found, ImageFields)
    for value in vars(found).values():
        assert isinstance(value, str)


def test_damaged_metadata_gives_empty_fields() -> None:
    damaged = dict(_damaged_files())
    for name in (
        "jpeg cut inside APP13",
        "irb claiming 4 GB",
        "iim dataset longer than its block",
        "iim extended length of 9 bytes",
        "exif value offset outside",
        "exif IFD outside",
        "exif not a TIFF header",
        "exif claiming 65535 entries",
        "png iTXt with bad zlib",
        "webp cut inside XMP",
        "gif with an unterminated packet",
        "empty",
        "not a picture",
    ):
        assert read_metadata(damaged[name]) == ImageFields(), name


def test_a_truncated_file_keeps_what_came_before_the_damage() -> None:
    xmp_first = jpeg_with(xmp=xmp_packet(credit="Before"))
    broken = xmp_first[: xmp_first.index(b"\xff\xdb")] + b"\xff\xed\xff\xff" + b"Photoshop"
    assert read_metadata(broken).credit == "Before"


def test_mutated_real_files_never_raise() -> None:
    full = jpeg_with(
        xmp=xmp_packet(credit="XMP", alt_text="Alt"),
        iptc=iptc_block(credit="IPTC", caption="Caption"),
        exif=exif_tiff({EXIF_ARTIST: exif_text("Artist"), EXIF_COPYRIGHT: exif_text("Copy")}),
    )
    header_end = full.index(b"\xff\xdb")
    for position in range(2, header_end, 7):
        for byte in (0x00, 0xFF, 0x80):
            mutated = full[:position] + bytes([byte]) + full[position + 1 :]
            assert isinstance(read_metadata(mutated), ImageFields)
    for end in range(0, header_end, 11):
        assert isinstance(read_metadata(full[:end]), ImageFields)


SIGNATURES = [
    b"",
    b"\xff\xd8",
    b"\xff\xd8\xff\xe1",
    b"\xff\xd8\xff\xed",
    b"\x89PNG\r\n\x1a\n",
    b"RIFF\xff\x00\x00\x00WEBP",
    b"GIF89a",
    b"GIF89a\x21\xff\x0bXMP DataXMP",
]


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(prefix=st.sampled_from(SIGNATURES), rest=st.binary(max_size=2048))
def test_read_metadata_never_raises_on_arbitrary_bytes(prefix: bytes, rest: bytes) -> None:
    found = read_metadata(prefix + rest)
    assert isinstance(found, ImageFields)
    for name, value in vars(found).items():
        assert isinstance(value, str)
        assert len(value) <= FIELD_LIMITS[name]


@settings(max_examples=200, deadline=None)
@given(
    cut=st.integers(min_value=0, max_value=600),
    flips=st.lists(st.tuples(st.integers(0, 599), st.integers(0, 255)), max_size=6),
)
def test_read_metadata_never_raises_on_mutated_metadata(
    cut: int, flips: list[tuple[int, int]]
) -> None:
    block = app13(iptc_block(credit="IPTC", creators=("A", "B")))
    exif = b"\xff\xe1" + struct.pack(">H", 8 + 60) + b"Exif\x00\x00"
    exif += exif_tiff({EXIF_ARTIST: exif_text("Artist"), EXIF_COPYRIGHT: b"Co\x00"})[:60]
    data = bytearray(b"\xff\xd8" + block + exif + b"\xff\xda")
    for position, value in flips:
        if position < len(data):
            data[position] = value
    assert isinstance(read_metadata(bytes(data[: max(cut, 2)])), ImageFields)
