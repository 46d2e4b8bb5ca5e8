"""Pictures in a Word file: which formats a web page cannot show, whose alt text a person
wrote, and each picture waiting for the caption and credit typed under it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from editordesk.interchange.markdown import FigureSource
from editordesk.model import ImageFields

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
_GENERATED_ALT = re.compile(r"description automatically generated", re.IGNORECASE)


def unsupported_kind(data: bytes, member: str) -> str | None:
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


def alt_text(*candidates: str | None) -> str:
    """The first alt text a person wrote; Word's own guesses are not alt text."""
    for candidate in candidates:
        text = " ".join((candidate or "").split())
        if text and not _GENERATED_ALT.search(text):
            return text
    return ""


@dataclass
class Picture:
    """A picture where it stands in a paragraph, already checked; `placeholder` says why it
    stands only as a named placeholder (a drawing waiting for conversion says what it is)."""

    number: int
    member: str
    data: bytes
    alt: str
    placeholder: str = ""

    def label(self) -> str:
        """The words a placeholder leaves in the story."""
        name = f" ({self.member})" if self.member else ""
        alt = f": {self.alt}" if self.alt else ""
        return f"[Picture {self.number}{name}{alt}: {self.placeholder}]"


@dataclass
class Figure:
    """A picture in the body, waiting for the caption and credit that may follow it."""

    picture: Picture
    paragraph: int
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)

    def source(self, path: Path) -> FigureSource:
        return FigureSource(
            src=self.picture.member,
            path=path / self.picture.member,
            line=self.paragraph,
            data=self.picture.data,
            fields=ImageFields(
                caption=" ".join(self.captions),
                credit="; ".join(self.credits),
                alt_text=self.picture.alt,
            ),
        )
