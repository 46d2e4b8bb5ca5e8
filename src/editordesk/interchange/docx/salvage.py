"""What a Word file holds that a story cannot take as it is, turned into something it can:
Symbol-font characters as Unicode, equations as linear text, TIFF and BMP pictures as PNG,
WMF and EMF drawings as PNG where LibreOffice is on the machine, and the custom properties an
EDITORDESK export carries."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from lxml import etree
from PIL import Image as PILImage

from editordesk.ooxml import names as w

# The Symbol font's code points (0x20-0xFE, also reached as 0xF020-0xF0FE) as Unicode.
_SYMBOL_GREEK = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ",
        strict=True,
    )
)
_SYMBOL_OTHER = {
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥",
    0x60: "‾", 0x7E: "∼", 0xA0: "€", 0xA1: "ϒ", 0xA2: "′", 0xA3: "≤", 0xA4: "⁄", 0xA5: "∞",
    0xA6: "ƒ", 0xA7: "♣", 0xA8: "♦", 0xA9: "♥", 0xAA: "♠", 0xAB: "↔", 0xAC: "←", 0xAD: "↑",
    0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±", 0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝",
    0xB6: "∂", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡", 0xBB: "≈", 0xBC: "…", 0xBF: "↵",
    0xC0: "ℵ", 0xC1: "ℑ", 0xC2: "ℜ", 0xC3: "℘", 0xC4: "⊗", 0xC5: "⊕", 0xC6: "∅", 0xC7: "∩",
    0xC8: "∪", 0xC9: "⊃", 0xCA: "⊇", 0xCB: "⊄", 0xCC: "⊂", 0xCD: "⊆", 0xCE: "∈", 0xCF: "∉",
    0xD0: "∠", 0xD1: "∇", 0xD2: "®", 0xD3: "©", 0xD4: "™", 0xD5: "∏", 0xD6: "√", 0xD7: "⋅",
    0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐", 0xDD: "⇑", 0xDE: "⇒", 0xDF: "⇓",
    0xE0: "◊", 0xE1: "〈", 0xE2: "®", 0xE3: "©", 0xE4: "™", 0xE5: "∑", 0xF1: "〉", 0xF2: "∫",
}  # fmt: skip


def symbol_char(code: int) -> str:
    """The Unicode character the Symbol font draws at `code` (its private-use form too)."""
    if 0xF020 <= code <= 0xF0FF:
        code -= 0xF000
    if code < 0x80:
        letter = chr(code)
        return _SYMBOL_GREEK.get(letter) or _SYMBOL_OTHER.get(code) or letter
    return _SYMBOL_OTHER.get(code, "")


def symbol_text(text: str) -> str:
    """Text typed in the Symbol font, as the characters it shows."""
    return "".join(symbol_char(ord(c)) or c for c in text)


# ---------------------------------------------------------------- equations


def linear_math(element: Any) -> str:
    """An Office Math equation as linear text: fractions as (a)/(b), powers as a^(b),
    subscripts as a_(b), roots as √(a); everything else as its characters in order."""
    tag = element.tag
    if tag == w.M_T:
        return element.text or ""
    parts = {child.tag: child for child in element}
    if tag == w.M_F and w.M_NUM in parts and w.M_DEN in parts:
        return f"({linear_math(parts[w.M_NUM])})/({linear_math(parts[w.M_DEN])})"
    if tag == w.M_SSUP and w.M_E in parts and w.M_SUP in parts:
        return f"{linear_math(parts[w.M_E])}^({linear_math(parts[w.M_SUP])})"
    if tag == w.M_SSUB and w.M_E in parts and w.M_SUB in parts:
        return f"{linear_math(parts[w.M_E])}_({linear_math(parts[w.M_SUB])})"
    if tag == w.M_RAD and w.M_E in parts:
        degree = linear_math(parts[w.M_DEG]) if w.M_DEG in parts else ""
        return f"{degree}√({linear_math(parts[w.M_E])})"
    return "".join(linear_math(child) for child in element)


# ---------------------------------------------------------------- pictures


def to_png(data: bytes) -> bytes | None:
    """A TIFF, BMP or other picture Pillow reads, as PNG bytes; None if it cannot."""
    try:
        with PILImage.open(io.BytesIO(data)) as img:
            img.seek(0)
            out = io.BytesIO()
            frame = img if img.mode in ("RGB", "RGBA", "L", "LA", "P") else img.convert("RGBA")
            frame.save(out, "PNG")
            return out.getvalue()
    except (OSError, ValueError, EOFError, SyntaxError):
        return None


def converter() -> str | None:
    """LibreOffice's command, if it is on this machine."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def drawings_to_png(drawings: dict[str, bytes], timeout: float = 300.0) -> dict[str, bytes]:
    """WMF and EMF drawings (name -> bytes) as PNG through one LibreOffice run; the names it
    could not convert are missing from the answer."""
    command = converter()
    if command is None or not drawings:
        return {}
    with tempfile.TemporaryDirectory(prefix="editordesk-drawings-") as tmp:
        folder = Path(tmp)
        names: dict[str, str] = {}
        for index, (name, data) in enumerate(drawings.items()):
            suffix = ".emf" if data[40:44] == b" EMF" else ".wmf"
            file_name = f"drawing{index}{suffix}"
            (folder / file_name).write_bytes(data)
            names[name] = file_name
        out = folder / "png"
        try:
            subprocess.run(
                [
                    command,
                    f"-env:UserInstallation=file://{folder / 'profile'}",
                    "--headless",
                    "--convert-to",
                    "png",
                    "--outdir",
                    str(out),
                    *(str(folder / f) for f in names.values()),
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return {}
        converted = {}
        for name, file_name in names.items():
            png = out / (Path(file_name).stem + ".png")
            if png.is_file() and png.stat().st_size:
                converted[name] = png.read_bytes()
        return converted


# ---------------------------------------------------------------- custom properties


def custom_properties(document: Any) -> dict[str, str]:
    """docProps/custom.xml as name -> text, or {} when the file has none."""
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype != w.REL_CUSTOM_PROPERTIES or rel.is_external:
            continue
        try:
            root = etree.fromstring(bytes(rel.target_part.blob), w.xml_parser())
        except (etree.XMLSyntaxError, ValueError, AttributeError):
            return {}
        values = {}
        for prop in root.iterchildren(f"{{{w.CUSTOM_PROPERTIES_NS}}}property"):
            name = prop.get("name")
            if name:
                values[name] = "".join(child.text or "" for child in prop)
        return values
    return {}
