"""Pictures in pasted HTML: data: addresses and local files read, the rest made notes."""

from __future__ import annotations

import base64
import binascii
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from editordesk.document.nodes import (
    Block,
    BlockQuote,
    BulletList,
    Figure,
    ListItem,
    OrderedList,
)
from editordesk.errors import InputError
from editordesk.interchange.html.elements import _UNWANTED
from editordesk.media.images import inspect_image
from editordesk.model import ImageRecord

MAX_DATA_PICTURE_BYTES = 10_000_000  # one data: picture, decoded
MAX_FILE_PICTURE_BYTES = 50_000_000  # one local picture file
MAX_PICTURES = 50  # pictures copied from one paste
MAX_SHOWN_ADDRESS = 90  # characters of an address named in a note


@dataclass(frozen=True)
class PastedPicture:
    """A picture in the pasted HTML that can go into the library: its bytes (a data: URI,
    decoded) or its file (a local picture, already checked to be one), the name it is stored
    under, and the alt text the page gave it."""

    name: str
    alt: str = ""
    data: bytes | None = None
    path: Path | None = None


def figure_placeholders(blocks: Sequence[Block]) -> int:
    """How many placeholder Figures (image_id None) `blocks` hold, in and under them."""
    return sum(1 for block in _walk(blocks) if _is_placeholder(block))


def place_pictures(
    blocks: Sequence[Block], records: Sequence[ImageRecord | None]
) -> tuple[Block, ...]:
    """`blocks` with the n-th placeholder Figure given the n-th record (reading order, as
    `read_html` made them); a placeholder whose record is None is left out."""
    queue: Iterator[ImageRecord | None] = iter(records)

    def fill(items: Sequence[Block]) -> tuple[Block, ...]:
        out: list[Block] = []
        for block in items:
            if _is_placeholder(block):
                record = next(queue, None)
                if record is not None:
                    out.append(Figure(record.id, record))
            elif isinstance(block, BlockQuote):
                out.append(BlockQuote(fill(block.children), block.line))
            elif isinstance(block, BulletList):
                out.append(BulletList(_fill_items(block.items), block.tight, block.line))
            elif isinstance(block, OrderedList):
                out.append(
                    OrderedList(_fill_items(block.items), block.start, block.tight, block.line)
                )
            else:
                out.append(block)
        return tuple(out)

    def _fill_items(items: tuple[ListItem, ...]) -> tuple[ListItem, ...]:
        return tuple(ListItem(fill(item.children)) for item in items)

    return fill(blocks)


def _is_placeholder(block: Block) -> bool:
    return isinstance(block, Figure) and block.image_id is None and block.image is None


def _walk(blocks: Sequence[Block]) -> Iterator[Block]:
    """Every block, in reading order, without recursion (the tree is bounded, but cheap)."""
    stack: list[Iterator[Block]] = [iter(blocks)]
    while stack:
        block = next(stack[-1], None)
        if block is None:
            stack.pop()
            continue
        yield block
        if isinstance(block, BlockQuote):
            stack.append(iter(block.children))
        elif isinstance(block, BulletList | OrderedList):
            stack.append(iter([b for item in block.items for b in item.children]))


DATA = "given in the page as data"


def _load(src: str, alt: str, number: int, base: Path | None) -> PastedPicture:
    """The `number`-th picture of the paste, from its data: address or its file."""
    if src[:5].lower() == "data:":
        data = _data_uri(src)
        try:
            info = inspect_image(data, "it")
        except InputError as exc:
            raise _NotCopied(DATA, str(exc)) from exc
        return PastedPicture(f"pasted-picture-{number}{info.extension}", alt, data=data)
    path = _local_path(src, base)
    return PastedPicture(path.name, alt, path=_checked_file(path))


def _local_path(src: str, base: Path | None) -> Path:
    parts = urlsplit(src)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise _NotCopied(_at(src), "it is on another computer")
        return Path(url2pathname(parts.path))
    if scheme and not (len(scheme) == 1 and os.name == "nt"):  # C:\ on Windows
        raise _NotCopied(_at(src), f"EditorDesk does not read {scheme}: addresses")
    path = Path(unquote(parts.path) if not os.path.isabs(src) else src)
    if path.is_absolute():
        return path
    if base is None:
        raise _NotCopied(_at(src), "the page did not say which folder it is in")
    return base / path


class _NotCopied(Exception):
    def __init__(self, what: str, why: str) -> None:
        super().__init__(why)
        self.what = what
        self.why = why


def _data_uri(src: str) -> bytes:
    head, comma, payload = src.partition(",")
    if not comma:
        raise _NotCopied(DATA, "its data: address is damaged")
    if head.lower().endswith(";base64"):
        payload = re.sub(r"\s+", "", payload)
        if len(payload) * 3 // 4 > MAX_DATA_PICTURE_BYTES:
            raise _NotCopied(DATA, _too_big(len(payload) * 3 // 4))
        try:
            return base64.b64decode(payload + "=" * (-len(payload) % 4))
        except (binascii.Error, ValueError) as exc:
            raise _NotCopied(DATA, "its base64 data is damaged") from exc
    if len(payload) > MAX_DATA_PICTURE_BYTES * 3:
        raise _NotCopied(DATA, _too_big(len(payload) // 3))
    data = unquote_to_bytes(payload)
    if len(data) > MAX_DATA_PICTURE_BYTES:
        raise _NotCopied(DATA, _too_big(len(data)))
    return data


def _too_big(size: int) -> str:
    return (
        f"it is {size / 1_000_000:,.1f} MB; pasted pictures may be up to "
        f"{MAX_DATA_PICTURE_BYTES // 1_000_000} MB (add it to the library from its file)"
    )


def _checked_file(path: Path) -> Path:
    """`path` if it is a regular file holding a picture EditorDesk takes."""
    shown = _at(str(path))
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _NotCopied(shown, f"it could not be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(info.st_mode):
        raise _NotCopied(shown, "it is not a regular file")
    if info.st_size > MAX_FILE_PICTURE_BYTES:
        raise _NotCopied(
            shown,
            f"it is {info.st_size / 1_000_000:,.0f} MB; add it to the library from its file",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _NotCopied(shown, f"it could not be read ({exc.strerror or exc})") from exc
    try:
        inspect_image(data, "it")
    except InputError as exc:
        raise _NotCopied(shown, str(exc)) from exc
    return path


def _at(address: str) -> str:
    return "at " + _shown(address)


def _shown(address: str) -> str:
    address = _UNWANTED.sub("", address).replace("\n", " ")
    if len(address) <= MAX_SHOWN_ADDRESS:
        return address
    return address[: MAX_SHOWN_ADDRESS - 1] + "…"
