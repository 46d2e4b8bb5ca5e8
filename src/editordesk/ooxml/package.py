"""A Word package checked before anything in it is parsed: a zip, no password, no zip bomb,
every XML part well-formed, a main document where the package's index says."""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from editordesk.ooxml.names import PR_RELATIONSHIP, xml_parser

MAX_FILE_BYTES = 100 * 1024 * 1024
# A .docx is a zip: refuse one that would unpack to more than this, or a member that unpacks
# to more than MAX_RATIO times its packed size once it is large enough to matter.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECKED_FROM = 10 * 1024 * 1024
MAX_MEMBERS = 5000
# Word keeps a password-protected .docx, and every old .doc, in an OLE compound file.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


class PackageProblem(ValueError):
    """What is wrong with a Word package, as the end of a sentence naming the file
    ("is not a Word .docx file (…)"): the caller says which file, and in which error."""


def check_package(data: bytes) -> None:
    """Raise PackageProblem unless `data` is a Word package that is safe to unpack."""
    if len(data) > MAX_FILE_BYTES:
        raise PackageProblem(f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if data.startswith(OLE_SIGNATURE):
        raise PackageProblem(
            "is password-protected or an old .doc (Word 97-2003) file; remove the password "
            "or save it as a .docx in Word, and import again"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        if data.startswith(b"PK\x03\x04"):
            raise PackageProblem(
                "is damaged or cut short (its zip directory is missing); copy or download it again"
            ) from None
        raise PackageProblem("is not a Word .docx file (it is not a zip archive)") from None
    with archive:
        _check_members(archive)


def _check_members(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageProblem(f"holds {len(infos)} files; a Word document has far fewer")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise PackageProblem(
            f"would unpack to {total / 1e6:,.0f} MB, more than the "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB EditorDesk takes from a Word file "
            "(it may be a zip bomb)"
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise PackageProblem(
                f"holds {info.filename}, which unpacks to {info.file_size / 1e6:,.0f} MB from "
                f"{info.compress_size:,} bytes; EditorDesk refuses it as a possible zip bomb"
            )
        if info.flag_bits & 0x1:
            raise PackageProblem("is password-protected (its parts are encrypted)")
    names = {info.filename for info in infos}
    main = _main_part(archive, names)
    if main not in names:
        raise PackageProblem(f"is not a Word .docx file (it is a zip archive without {main})")
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            etree.fromstring(archive.read(info), xml_parser())
        except etree.XMLSyntaxError as exc:
            raise PackageProblem(
                f"is damaged: its part {info.filename} is not well-formed XML ({exc.msg})"
            ) from None
        except _UNPACK_ERRORS:
            raise PackageProblem(
                f"is damaged: its part {info.filename} cannot be unpacked"
            ) from None


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The name of the main document part, as the package's own index gives it."""
    if "_rels/.rels" not in names:
        return "word/document.xml"
    try:
        rels = etree.fromstring(archive.read("_rels/.rels"), xml_parser())
    except (etree.XMLSyntaxError, *_UNPACK_ERRORS):
        raise PackageProblem("is damaged: its part _rels/.rels cannot be read") from None
    for rel in rels.iter(PR_RELATIONSHIP):
        if rel.get("Type", "").endswith("/officeDocument"):  # strict OOXML spells it apart
            return str(rel.get("Target", "")).lstrip("/")
    return "word/document.xml"
