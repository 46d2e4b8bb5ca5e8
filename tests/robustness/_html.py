"""What in an exported page could run: the one check the catalogue and the property tests
share. Read with Python's own HTML parser, as a browser would tokenise it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

TWEET_WIDGET = "https://platform.twitter.com/widgets.js"
_ACTIVE_TAGS = frozenset(
    {"script", "iframe", "object", "embed", "form", "input", "button", "base", "frame"}
)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster"})
_BAD_SCHEME = re.compile(r"(?i)^\s*(javascript|vbscript|data):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.in_script = True
            if values.get("src") != TWEET_WIDGET:
                self.found.append(f"<script src={values.get('src')!r}>")
        elif tag in _ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif name in _URL_ATTRIBUTES and value is not None:
                squeezed = _CONTROL.sub("", value)
                if _BAD_SCHEME.match(squeezed) and not (
                    tag == "img" and squeezed.startswith("data:image/")
                ):
                    self.found.append(f"<{tag} {name}={value[:40]!r}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.found.append(f"script code {data[:40]!r}")


def active_content(html: str) -> list[str]:
    """Everything in `html` that could run or send a reader elsewhere unasked: scripts other
    than the tweet widget's, frames, forms, event handlers, javascript:/vbscript:/data:
    links (a data: picture embedded by --embed-images is fine)."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found
