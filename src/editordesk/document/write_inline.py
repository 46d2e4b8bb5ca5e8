"""The canonical body's inlines: text escaped so it never turns into markup, emphasis with
delimiters that read back, links, code, breaks and raw HTML (the blocks are in write.py)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

from editordesk.document import nodes as n
from editordesk.document.parse import _BARE_URL, _URL_TRAIL

# ------------------------------------------------------------------ characters

# Characters escaped wherever they stand in text: each can open or close Markdown syntax
# (`{` so that no `{{<` can start a shortcode, `|` so that no line reads as a table row).
_ALWAYS = frozenset("\\`*[]<>{}|~")
ENTITY_LIKE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_ORDERED = re.compile(r"[0-9]{1,9}(?=[.)])")


def _kind(ch: str | None) -> str:
    """How emphasis sees a character next to a delimiter: "ws", "punct" or "other"."""
    if ch is None or isWhiteSpace(ord(ch)):
        return "ws"
    if isMdAsciiPunct(ord(ch)) or isPunctChar(ch):
        return "punct"
    return "other"


def _strippable(ch: str) -> bool:
    """Whether the parser strips `ch` from a line's ends (as JavaScript's trim() does)."""
    return ch.isspace() or ch == "\ufeff"


def _ref(ch: str) -> str:
    """A character as a numeric character reference."""
    return f"&#{ord(ch)};"


def escape_text(text: str, *, line_start: bool = False, line_end: bool = False) -> str:
    """`text` as Markdown that reads back as exactly these characters, never as syntax.

    `line_start`: the text opens a line, where `#`, `>`, `-`, `+`, `=` and `1.` would start a
    block. `line_end`: it closes one. At either end of a line, spaces and tabs are written as
    character references (a parser strips them); a line end inside the text is one too."""
    out: list[str] = []
    length = len(text)
    for i, ch in enumerate(text):
        if ch in _ALWAYS:
            out.append("\\" + ch)
        elif ch == "_":
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < length else ""
            # Inside a word an underscore can neither open nor close emphasis.
            intraword = before.isalnum() and after.isalnum()
            out.append("_" if intraword else "\\_")
        elif ch == "&":
            out.append("\\&" if ENTITY_LIKE.match(text, i) else "&")
        elif ch == "\n" or ch == "\r":
            out.append(_ref(ch))
        else:
            out.append(ch)
    if line_start:
        i = 0
        while i < length and _strippable(text[i]):
            out[i] = _ref(text[i])
            i += 1
    if line_end:
        i = length - 1
        while i >= 0 and _strippable(text[i]) and not out[i].startswith("&"):
            out[i] = _ref(text[i])
            i -= 1
    if line_end and text.endswith("#"):
        run = len(text.rstrip("#"))
        if (run == 0 and line_start) or (run and text[run - 1] in " \t"):
            out[-1] = "\\#"  # it would close a heading
    escaped = "".join(out)
    if line_start and escaped:
        escaped = _guard_line_start(escaped)
    return escaped


def _guard_line_start(escaped: str) -> str:
    """Escape what would start a block at the start of a line."""
    first = escaped[0]
    rest = escaped[1:2]
    if first in "#>":
        return "\\" + escaped
    if first in "-+=":
        if rest in ("", " ", "\t") or (not escaped.strip(first + " \t")):
            return "\\" + escaped
        return escaped
    ordered = _ORDERED.match(escaped)
    if ordered:
        at = ordered.end()
        after = escaped[at + 1 : at + 2]
        if after in ("", " ", "\t"):
            return escaped[:at] + "\\" + escaped[at:]
    return escaped


# ------------------------------------------------------------------ inlines


def _code(text: str) -> str:
    """An inline code span: a backtick run longer than any inside, padded where needed."""
    longest = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = text.startswith("`") or text.endswith("`")
    if text.startswith(" ") and text.endswith(" ") and text.strip(" "):
        pad = True
    if pad:
        return f"{fence} {text} {fence}"
    return f"{fence}{text}{fence}"


_DEST_POINTY = frozenset(" ()[]<>\t\n\r")


def _destination(href: str) -> str:
    """A link destination that reads back as `href`."""
    escaped = []
    for i, ch in enumerate(href):
        if ch in "\\`<>|":  # (a `|` would end a table's cell)
            escaped.append("\\" + ch)
        elif ch == "&" and ENTITY_LIKE.match(href, i):
            escaped.append("\\&")
        elif ch in "\n\r":
            escaped.append(_ref(ch))
        else:
            escaped.append(ch)
    text = "".join(escaped)
    if not href or any(ch in _DEST_POINTY for ch in href):
        return f"<{text}>"
    return text


def _title(title: str) -> str:
    if not title:
        return ""
    out = []
    for i, ch in enumerate(title):
        if ch in '\\"`|':
            out.append("\\" + ch)
        elif ch == "&" and ENTITY_LIKE.match(title, i):
            out.append("\\&")
        elif ch in "\n\r":
            out.append(_ref(ch))
        else:
            out.append(ch)
    return ' "' + "".join(out) + '"'


_DELIMITED = (n.Emphasis, n.Strong, n.Strikethrough)
_HTML_TAG = HTML_TAG_RE  # markdown-it's own: a tag, comment, declaration or CDATA


@dataclass
class _Line:
    """Where the writer stands: `start` when the next character opens a line."""

    start: bool = True


class _InlineWriter:
    """Writes a run of inlines; emphasis picks `*` or `_` from the characters either side."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.line = _Line()
        self.encode_next = False  # the next text's first character as a reference
        self.open: list[str] = []  # the delimiters open around what is being written
        self.open_links = 0
        self.after_bare = False  # a bare address just written, and no break in the text since
        self.after_text = False  # the last thing written was text
        self.after_closer = False  # the last thing written closed emphasis

    def last_char(self) -> str | None:
        for piece in reversed(self.out):
            if piece:
                return piece[-1]
        return None

    def write(self, nodes: Sequence[n.Inline], after: str | None, line_end: bool) -> None:
        """`after`: the character that will follow the run (None: a line end or the end)."""
        count = len(nodes)
        chars: dict[int, str] = {}
        for i, node in enumerate(nodes):
            nxt = nodes[i + 1] if i + 1 < count else None
            hint = _first_char(nxt) if nxt is not None else after
            if isinstance(node, n.Strikethrough) and isinstance(nxt, n.Strikethrough):
                # `~~a~~~~b~~`: one run of tildes between them, flanked by `a` and `b`.
                hint = _first_char(nxt.children[0]) if nxt.children else "~"
            at_end = (line_end and nxt is None) or isinstance(nxt, n.SoftBreak | n.LineBreak)
            if isinstance(node, n.Emphasis | n.Strong) and i not in chars:
                chars.update(self.run_chars(nodes, i, after))
            self.node(node, nxt, hint, at_end, chars.get(i, ""))

    def run_chars(self, nodes: Sequence[n.Inline], i: int, after: str | None) -> dict[int, str]:
        """Delimiters for the emphasis starting at `i` and any straight after it: they
        alternate, so no two runs join, and differ from the characters either side."""
        j = i
        while j < len(nodes) and isinstance(nodes[j], n.Emphasis | n.Strong):
            j += 1
        k = j - i
        prev = None if self.line.start else self.last_char()
        follow = _first_char(nodes[j]) if j < len(nodes) else after
        best = "*"
        best_score = -1
        for first in "*_":
            other = "_" if first == "*" else "*"
            final = first if k % 2 else other
            score = 4 * (first != prev) + 4 * (final != follow) + (first not in self.open)
            if score > best_score:
                best, best_score = first, score
        other = "_" if best == "*" else "*"
        return {i + m: (best if m % 2 == 0 else other) for m in range(k)}

    def node(
        self, node: n.Inline, nxt: n.Inline | None, hint: str | None, at_end: bool, char: str
    ) -> None:
        out = self.out
        start = self.line.start
        after_closer, self.after_closer = self.after_closer, False
        if isinstance(node, n.Text):
            text = escape_text(node.text, line_start=start, line_end=at_end)
            if self.encode_next and node.text and _kind(node.text[0]) == "other":
                text = _ref(node.text[0]) + escape_text(node.text[1:], line_end=at_end)
            if (
                isinstance(nxt, n.Link | n.Image)
                and text.endswith("!")
                and not text.endswith("\\!")
            ):
                text = text[:-1] + "\\!"
            if isinstance(nxt, n.Link | n.FootnoteRef) and text.endswith("^"):
                text = text[:-1] + "\\^"  # `^[…]` is a footnote written in place
            self.encode_next = False
            if self.after_bare and re.search(r"[\s<]", node.text):
                self.after_bare = False
            self.after_text = True
            if text:
                out.append(text)
                self.line.start = False
            return
        if not isinstance(node, _DELIMITED):
            self.encode_next = False  # else it passes to the first text inside
        self.after_bare = False  # text after this is a text of its own to the parser
        self.after_text = False
        if isinstance(node, n.SoftBreak):
            out.append("\n")
            self.line.start = True
        elif isinstance(node, n.LineBreak):
            out.append("\\\n")
            self.line.start = True
        elif isinstance(node, n.Code):
            out.append(_code(node.text))
            self.line.start = False
        elif isinstance(node, n.RawInline):
            out.append(_raw_inline(node.html))
            self.line.start = node.html.endswith("\n")
        elif isinstance(node, n.FootnoteRef):
            out.append(f"[^{node.label}]")
            self.line.start = False
            if isinstance(nxt, n.Text) and nxt.text[:1] in (":", "("):
                out.append("\\")  # `[^1]:` would define a note, `[^1](…)` make a link
        elif isinstance(node, n.Link) and not after_closer and self.bare(node, nxt):
            # (after a closing delimiter the address's first letter would keep it from closing)
            out.append(escape_text(node.children[0].text))  # type: ignore[union-attr]
            self.line.start = False
            self.after_bare = True
        elif isinstance(node, n.Link):
            out.append("[")
            self.line.start = False
            self.open_links += 1
            self.write(node.children, "]", False)
            self.open_links -= 1
            out.append(f"]({_destination(node.href)}{_title(node.title)})")
            self.line.start = False
        elif isinstance(node, n.Image):
            out.append("![")
            self.line.start = False
            self.alt(node.alt)
            out.append(f"]({_destination(node.src)}{_title(node.title)})")
            self.line.start = False
        elif isinstance(node, _DELIMITED):
            if node.children:  # `**` around nothing is two asterisks
                self.delimited(node, hint, char)
        else:  # pragma: no cover - every inline type is handled above
            raise TypeError(f"no Markdown for {type(node).__name__}")
        self.after_text = False

    def bare(self, link: n.Link, nxt: n.Inline | None) -> bool:
        """Whether a link is a bare web address the parser would link again as it stands
        (written bare: its address is kept exactly, where `[…](…)` would percent-encode it)."""
        if self.open_links or len(link.children) != 1 or link.title:
            return False
        child = link.children[0]
        if not isinstance(child, n.Text):
            return False
        url = child.text
        if link.href != (url if "://" in url else f"http://{url}"):
            return False
        if not _BARE_URL.fullmatch(url) or url.endswith(("://", "www.")):
            return False
        last = url[-1]
        if last in _URL_TRAIL and not (last == ")" and url.count("(") >= url.count(")")):
            return False
        # Only text before it in the same text of the parser's can keep it from being linked.
        prev = self.last_char() if self.after_text and not self.line.start else None
        if prev is not None and re.match(r"[\w@/.:-]", prev):
            return False
        if self.after_bare:
            return False  # the address before might run on into this one
        if isinstance(nxt, n.Text):
            return _linked_part(url + nxt.text) == url
        return True  # a link after it is not written bare (see `bare_end`)

    def alt(self, alt: str) -> None:
        """A picture's words: its line ends are hard breaks, as the parser reads them."""
        lines = alt.split("\n")
        for j, line in enumerate(lines):
            if j:
                self.out.append("\\\n")
                self.line.start = True
            text = escape_text(line, line_start=self.line.start, line_end=j + 1 < len(lines))
            if text:
                self.out.append(text)
                self.line.start = False

    def delimited(
        self, node: n.Emphasis | n.Strong | n.Strikethrough, hint: str | None, chosen: str
    ) -> None:
        """Emphasis, strong or struck text, its delimiters chosen and their neighbours written
        so that each opens and closes exactly where the tree says.

        A delimiter beside the same character would join its run, so `*` gives way to `_`
        there, and to the one not already open around it. Where the characters either side
        would keep a delimiter from opening or closing (a word character before `_`,
        punctuation just inside), the neighbouring character is written as a reference."""
        out = self.out
        prev = None if self.line.start else self.last_char()
        if isinstance(node, n.Strikethrough):
            char = "~"
            marker = "~~"
        else:
            char = chosen or "*"
            marker = char * (2 if isinstance(node, n.Strong) else 1)
        enclosed = char in self.open
        opener_at = len(out)
        out.append(marker)
        self.line.start = False
        inner_from = len(out)
        self.open.append(char)
        self.write(node.children, char, False)
        self.open.pop()
        inner = _encode_edge_spaces("".join(out[inner_from:]))
        del out[inner_from:]
        first, last = inner[:1] or None, inner[-1:] or None
        # The opener must open and, inside the same delimiter, must not close instead: with a
        # word character before it that takes a reference before it.
        if _kind(prev) == "other" and (_kind(first) == "punct" or char == "_" or enclosed):
            self._encode_before(opener_at)
        if char == "~" and prev == "~" and opener_at >= 2:
            # Straight after another strikethrough: the tildes are one run, flanked by the
            # last character struck before and the first struck here.
            before = out[opener_at - 2][-1:] or None
            if _kind(before) == "other" and _kind(first) == "punct":
                self._encode_before(opener_at - 1)
        out.append(inner)
        out.append(marker)
        # The closer must close: with a word character after it, after punctuation or `_`,
        # that character is written as a reference.
        if (_kind(last) == "punct" or char == "_") and _kind(hint) == "other":
            self.encode_next = True
        self.line.start = False
        self.after_closer = True

    def _encode_before(self, at: int) -> None:
        """The character before position `at` of the output, as a character reference."""
        for j in range(at - 1, -1, -1):
            piece = self.out[j]
            if piece:
                self.out[j] = piece[:-1] + _ref(piece[-1])
                return


def _linked_part(text: str) -> str:
    """The web address the parser links at the start of `text` (as parse.py trims it)."""
    m = _BARE_URL.match(text)
    if m is None:
        return ""
    url = m.group(0)
    while url and url[-1] in _URL_TRAIL:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _encode_edge_spaces(inner: str) -> str:
    """Emphasised words that begin or end with white space keep it as references (a
    delimiter next to white space would not open or close)."""
    if not inner:
        return inner
    head = 0
    while head < len(inner) and _strippable(inner[head]):
        head += 1
    tail = len(inner)
    while tail > head and _strippable(inner[tail - 1]):
        tail -= 1
    if head == 0 and tail == len(inner):
        return inner
    return (
        "".join(_ref(c) for c in inner[:head])
        + inner[head:tail]
        + "".join(_ref(c) for c in inner[tail:])
    )


def _first_char(node: n.Inline | None) -> str | None:
    """The first character an inline is written with (near enough for emphasis to choose
    its delimiter: punctuation stands for any punctuation)."""
    if node is None:
        return None
    if isinstance(node, n.Text):
        if not node.text:
            return None
        ch = node.text[0]
        return "\\" if ch in _ALWAYS or ch == "_" else ch
    if isinstance(node, n.SoftBreak | n.LineBreak):
        return "\n" if isinstance(node, n.SoftBreak) else "\\"
    if isinstance(node, n.Code):
        return "`"
    if isinstance(node, n.Strikethrough):
        return "~"
    if isinstance(node, n.Emphasis | n.Strong):
        return "."  # punctuation whichever delimiter it takes
    if isinstance(node, n.RawInline):
        return node.html[:1] or None
    if isinstance(node, n.Image):
        return "!"
    return "["  # a link or a footnote reference


def _raw_inline(html_text: str) -> str:
    """Inline HTML as written. A whole element the parser joined keeps its text readable as
    text: the words between the tags were text, and are escaped as text again."""
    if "<" not in html_text:
        return html_text
    pieces: list[str] = []
    pos = 0
    for m in _HTML_TAG.finditer(html_text):
        if m.start() > pos:
            pieces.append(_joined_text(html_text[pos : m.start()]))
        pieces.append(m.group(0))
        pos = m.end()
    if pos < len(html_text):
        pieces.append(_joined_text(html_text[pos:]))
    return "".join(pieces)


def _joined_text(text: str) -> str:
    lines = html.unescape(text).split("\n")
    return "\n".join(escape_text(line, line_start=i > 0) for i, line in enumerate(lines))


def write_inlines(inlines: Sequence[n.Inline]) -> str:
    """A run of inlines as Markdown (a paragraph's text, lines joined by "\\n"); emphasis
    around nothing, which Markdown has no way to say, is left out."""
    writer = _InlineWriter()
    writer.write(inlines, None, True)
    return "".join(writer.out)


def trimmed_inlines(inlines: Sequence[n.Inline]) -> Sequence[n.Inline]:
    """A paragraph's inlines without breaks at either end (a tree the parser did not make may
    hold them; a break at the end would be written as a stray backslash)."""
    start, end = 0, len(inlines)
    while start < end and isinstance(inlines[start], n.SoftBreak | n.LineBreak):
        start += 1
    while end > start and isinstance(inlines[end - 1], n.SoftBreak | n.LineBreak):
        end -= 1
    return inlines[start:end]
