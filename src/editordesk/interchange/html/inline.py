"""Pasted HTML's runs of text and their formatting, grouped into the tree's inlines."""

from __future__ import annotations

from typing import NamedTuple

import lxml.etree as etree

from editordesk.document.nodes import (
    Code,
    Emphasis,
    FootnoteRef,
    Inline,
    LineBreak,
    Link,
    Strikethrough,
    Strong,
    Text,
)
from editordesk.interchange.html.elements import _SPACES, BOLD, CODE, ITALIC, STRUCK
from editordesk.text import safe_href


class _Style(NamedTuple):
    """The inline formatting in force: what every character of text carries."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str | None = None
    title: str = ""


PLAIN = _Style()


class _Run(NamedTuple):
    """A piece of a block's text with its formatting; `text` None is a line break, and
    `ref` a footnote's number (its text "")."""

    text: str | None
    style: _Style
    ref: int = 0


def _style(outer: _Style, tag: str, css: dict[str, str], element: etree._Element) -> _Style:
    """The formatting inside the element, given the formatting `outer` around it."""
    style = outer
    if tag in BOLD and not (element.get("id") or "").startswith("docs-internal-guid"):
        style = style._replace(bold=True)
    elif tag in ITALIC:
        style = style._replace(italic=True)
    elif tag in STRUCK:
        style = style._replace(strike=True)
    elif tag in CODE:
        style = style._replace(code=True)
    elif tag == "a":
        href = element.get("href")
        target = safe_href(href) if href else None
        if target is not None and not target.startswith("#"):
            style = style._replace(href=target, title=(element.get("title") or "").strip())
    weight = css.get("font-weight")
    if weight:
        if weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600):
            style = style._replace(bold=True)
        elif weight in ("normal", "lighter") or weight.isdigit():
            style = style._replace(bold=False)
    italic = css.get("font-style")
    if italic:
        style = style._replace(italic=italic in ("italic", "oblique"))
    decoration = css.get("text-decoration-line", "") + " " + css.get("text-decoration", "")
    if "line-through" in decoration:
        style = style._replace(strike=True)
    return style


def _ends_in_space(run: _Run) -> bool:
    return run.text is None or run.text.endswith(" ")


def _has_words(run: _Run) -> bool:
    return run.ref > 0 or (run.text is not None and bool(run.text.strip(" \u00a0")))


def _common(a: _Style, b: _Style) -> _Style:
    """The formatting a space between two neighbours carries: what they share, level by
    level from the outside in (link, bold, italic, strikethrough, code), up to the first
    level where they differ. So a space is never the edge of a group `_inlines` makes."""
    if (a.href, a.title) != (b.href, b.title):
        return PLAIN
    flags: list[bool] = []
    pairs = ((a.bold, b.bold), (a.italic, b.italic), (a.strike, b.strike), (a.code, b.code))
    for mine, theirs in pairs:
        if mine != theirs:
            break
        flags.append(mine)
    flags += [False] * (4 - len(flags))
    return _Style(flags[0], flags[1], flags[2], flags[3], a.href, a.title)


def _tidy(runs: list[_Run], *, heading: bool = False) -> list[_Run]:
    """A block's runs with its edges trimmed, spaces moved out of formatting they would
    start or end (`**bold **` is not bold in Markdown), and runs of spaces made one."""
    if heading:
        runs = [r._replace(style=r.style._replace(bold=False)) for r in runs]
    first_word = next((i for i, r in enumerate(runs) if _has_words(r)), None)
    if first_word is None:
        return []
    last_word = next(i for i in range(len(runs) - 1, -1, -1) if _has_words(runs[i]))
    # Words apart from the spaces around them: (text, style, ref); a space piece has ref -1.
    pieces: list[_Run] = []
    for run in runs[first_word : last_word + 1]:
        text = run.text
        if text is None or run.ref:
            pieces.append(run)
            continue
        core = text.strip(_EDGE)
        lead = text[: len(text) - len(text.lstrip(_EDGE))]
        trail = text[len(text.rstrip(_EDGE)) :] if core else ""
        if lead:
            pieces.append(_Run(lead, run.style, -1))
        if core:
            pieces.append(_Run(_SPACES.sub(" ", core), run.style))
        if trail:
            pieces.append(_Run(trail, run.style, -1))
    # Each stretch of spaces and line breaks between two words becomes its breaks (spaces
    # at a line's end or start are not shown) or else one piece of spaces (one space, or the
    # no-break space kept between words), formatted as both neighbours are.
    out: list[_Run] = []
    gap: list[_Run] = []
    before: _Style | None = None
    for piece in pieces:
        if piece.ref == -1 or piece.text is None:
            gap.append(piece)
            continue
        if gap and before is not None:
            style = _common(before, piece.style)
            breaks = sum(1 for g in gap if g.text is None)
            if breaks:
                out.extend(_Run(None, style) for _ in range(breaks))
            else:
                out.append(_Run(_SPACES.sub(" ", "".join(g.text or "" for g in gap)), style))
        gap.clear()
        out.append(piece)
        before = piece.style
    return out


_EDGE = " \u00a0"
_LEVELS = ("href", "bold", "italic", "strike")


def _inlines(runs: list[_Run], level: int = 0) -> tuple[Inline, ...]:
    """Runs grouped into nested inlines: links outermost, then bold, italic, strikethrough,
    and code innermost. Each level is one pass: linear in the runs."""
    if level == len(_LEVELS):
        return _leaves(runs)
    out: list[Inline] = []
    name = _LEVELS[level]
    start = 0
    while start < len(runs):
        key = _key(runs[start].style, name)
        end = start + 1
        while end < len(runs) and _key(runs[end].style, name) == key:
            end += 1
        inner = _inlines(runs[start:end], level + 1)
        style = runs[start].style
        if not key:
            out.extend(inner)
        elif name == "href":
            out.append(Link(style.href or "", inner, style.title))
        elif name == "bold":
            out.append(Strong(inner))
        elif name == "italic":
            out.append(Emphasis(inner))
        else:
            out.append(Strikethrough(inner))
        start = end
    return tuple(out)


def _key(style: _Style, name: str) -> object:
    if name == "href":
        return (style.href, style.title) if style.href else None
    return getattr(style, name)


def _leaves(runs: list[_Run]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    texts: list[str] = []
    code: list[str] = []

    def end_text() -> None:
        if texts:
            out.append(Text("".join(texts)))
            texts.clear()

    def end_code() -> None:
        if code:
            words = "".join(code).strip(" ")
            if words:
                out.append(Code(words))
            code.clear()

    for run in runs:
        if run.ref:
            end_text()
            end_code()
            out.append(FootnoteRef(str(run.ref), run.ref))
            continue
        if run.style.code:
            end_text()
            code.append(" " if run.text is None else run.text)
            continue
        end_code()
        if run.text is None:
            end_text()
            out.append(LineBreak())
        else:
            texts.append(run.text)
    end_text()
    end_code()
    return tuple(out)
