"""Scaling bench: each path whose work grows with its input, timed at N and at 2N.

    python bench/scaling_bench.py [--n 2000] [--only scan,parse]

For every input-shaped path (the shortcode scanner, importing a .md full of tweets, exporting
and checking that story, parsing, diffing, counting words, parsing a search query, related
suggestions, a .md with many front-matter entries, a .docx paragraph of alternating bold and
italic runs, pasted HTML) the input is built at size N and at 2N, the path is timed on each
(the best of a few runs, in CPU time), and the ratio printed. Linear work doubles (ratio near
2); quadratic work quadruples. Target: every ratio under 2.5.

To compare with older code, put that code's `src` first on the path:
`PYTHONPATH=/tmp/old/src python bench/scaling_bench.py`; only public entry points are used.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import editordesk
from editordesk.document.diff import side_by_side
from editordesk.document.parse import parse_body
from editordesk.document.shortcodes import scan
from editordesk.document.write import write_body
from editordesk.interchange.html import read_html
from editordesk.services.exporting import ExportOptions, check_story, export_stories, load_bundle
from editordesk.services.importing import import_files
from editordesk.services.related import suggest_related
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.search import parse_query

try:
    from editordesk.document.words import body_words
except ImportError:  # code from before document/text.py became document/words.py
    from editordesk.document.text import body_words  # type: ignore[no-redef]

WORDS = (
    "council harbour ferry budget school storm lifeboat museum turbine court police teachers "
    "election quay island market wages vote plan road bridge fish tour"
).split()

Case = Callable[[int], Callable[[], object]]  # size -> the timed call (input built already)


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def tweet_body(n: int) -> str:
    """A body of `n` tweet shortcodes, each in a paragraph of its own."""
    return "\n\n".join(
        f'Reaction {i}:\n\n{{{{< x user="reader{i % 97}" id="{10**17 + i}" >}}}}' for i in range(n)
    )


def paragraphs(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "\n\n".join(_prose(rng, 40) for _ in range(n))


def edited(text: str, seed: int = 2) -> str:
    """`text` with every seventh line rewritten and a word changed in every third."""
    rng = random.Random(seed)
    lines = text.split("\n")
    for i in range(0, len(lines), 3):
        words = lines[i].split(" ")
        if words and words[0]:
            words[rng.randrange(len(words))] = "changed"
            lines[i] = " ".join(words)
    for i in range(0, len(lines), 7):
        lines[i] = _prose(rng, 12)
    return "\n".join(lines)


def rich_body(n: int, seed: int = 4) -> str:
    """A body of `n` sections using most of Markdown: headings, emphasis, links, code, lists,
    quotes, tables, figures and footnotes."""
    rng = random.Random(seed)
    parts = []
    for i in range(n):
        parts.append(
            f"## Part {i}\n\n{_prose(rng, 8)} *{_prose(rng, 2)}* **{_prose(rng, 2)}** "
            f"[{_prose(rng, 2)}](https://example.com/{i}) `code {i}`[^n{i}] a_b {_prose(rng, 6)}\n"
            f"{_prose(rng, 10)}\n\n- {_prose(rng, 4)}\n  - {_prose(rng, 3)}\n\n"
            f"> {_prose(rng, 9)}\n\n| a | b |\n|:--|--:|\n| {_prose(rng, 2)} | {i} |\n\n"
            f'{{{{< figure image="{i % 5 + 1}" >}}}}\n\n[^n{i}]: {_prose(rng, 5)}'
        )
    return "\n\n".join(parts)


def long_line(n: int) -> str:
    """One paragraph of `n` words, from a vocabulary of a few thousand."""
    rng = random.Random(3)
    return " ".join(f"{rng.choice(WORDS)}{rng.randrange(200)}" for _ in range(n))


def reworded(n: int) -> str:
    """`long_line(n)` with every fifth word changed."""
    words = long_line(n).split(" ")
    return " ".join("changed" if i % 5 == 0 else w for i, w in enumerate(words))


def pasted_html(n: int) -> str:
    """Google-Docs-shaped clipboard HTML: `n` paragraphs of styled spans and a link, a
    nested list item and a table row every tenth."""
    span = '<span style="font-size:11pt;font-family:Arial;font-weight:{w};">{t}</span>'
    parts = ['<b style="font-weight:normal;" id="docs-internal-guid-1">']
    for i in range(n):
        parts.append(
            '<p dir="ltr">'
            + span.format(w=400, t=f"Paragraph {i} of the council ")
            + span.format(w=700, t="budget")
            + f' <a href="https://example.org/{i}"><span>report</span></a></p>'
        )
        if i % 10 == 0:
            parts.append(
                '<ul><li aria-level="1"><p>item</p></li><ul><li aria-level="2"><p>sub</p>'
                "</li></ul></ul><table><tr><td>a</td><td>b</td></tr></table>"
            )
    return "".join(parts) + "</b>"


def word_list_html(n: int) -> str:
    """Word's clipboard list: `n` paragraphs climbing and falling through nine levels."""
    return "".join(
        f"<p class=MsoListParagraph style='mso-list:l0 level{1 + abs(i % 16 - 8)} lfo1'>"
        "<span style='mso-list:Ignore'>o&nbsp;</span>item</p>"
        for i in range(n)
    )


def one_paragraph_html(n: int) -> str:
    """One paragraph of `n` runs, bold, italic and struck in turn, spaces at their edges."""
    tags = ("b", "i", "s")
    return "<p>" + "".join(f"<{tags[i % 3]}> w{i} </{tags[i % 3]}>" for i in range(n)) + "</p>"


def footnoted_html(n: int) -> str:
    """A page with `n` footnotes as a Markdown renderer writes them (the back link in the
    note), every reference in a paragraph of its own."""
    refs = "".join(
        f'<p>Claim {i}.<sup><a href="#fn:{i}" id="fnref:{i}">{i}</a></sup></p>' for i in range(n)
    )
    notes = "".join(
        f'<li id="fn:{i}"><p>Source {i}. <a href="#fnref:{i}">back</a></p></li>' for i in range(n)
    )
    return f'{refs}<section class="footnotes"><hr><ol>{notes}</ol></section>'


class Desk:
    """A throwaway store with the .md files and the .docx files the cases import."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="editordesk-scaling-"))
        self.store = Store.open(resolve(str(self.tmp / "desk.sqlite"), str(self.tmp / "media")))
        self.stories: dict[int, int] = {}

    def md_file(self, n: int, name: str, text: str) -> Path:
        path = self.tmp / f"{name}-{n}.md"
        path.write_text(text, encoding="utf-8")
        return path

    def tweet_story(self, n: int) -> int:
        """The story made by importing a .md of `n` tweets (imported once per size)."""
        if n not in self.stories:
            path = self.md_file(n, "tweets", f"---\ntitle: Tweets {n}\n---\n\n{tweet_body(n)}\n")
            (result,) = import_files(self.store, [path], author="bench")
            assert result.story is not None, result.error
            self.stories[n] = result.story.id
        return self.stories[n]

    def import_md(self, n: int, name: str, text: str) -> Callable[[], object]:
        path = self.md_file(n, name, text)

        def run() -> None:
            (result,) = import_files(self.store, [path], author="bench")
            assert result.story is not None, result.error

        return run

    def export(self, n: int, fmt: str) -> Callable[[], object]:
        story_id = self.tweet_story(n)
        out = self.tmp / f"out-{fmt}-{n}"

        def run() -> None:
            (result,) = export_stories(self.store, [story_id], fmt, out, ExportOptions(force=True))
            assert result.error is None, result.error

        return run

    def check(self, n: int) -> Callable[[], object]:
        story_id = self.tweet_story(n)

        def run() -> None:
            with self.store.read() as session:
                bundle = load_bundle(session, story_id)
            check_story(bundle, self.store.media)

        return run

    def related(self, n: int) -> Callable[[], object]:
        self.tweet_story(8)  # something to find
        tags = [f"tag {i}" for i in range(n)]

        def run() -> None:
            with self.store.read() as session:
                suggest_related(session, headline="Council", body="harbour", tags=tags)

        return run

    def docx_runs(self, n: int) -> Callable[[], object]:
        """A .docx whose one paragraph alternates bold and italic runs, `n` of them."""
        import docx

        document = docx.Document()
        paragraph = document.add_paragraph()
        for i in range(n):
            run = paragraph.add_run(f"word{i} ")
            run.bold = i % 2 == 0
            run.italic = i % 2 == 1
        path = self.tmp / f"runs-{n}.docx"
        document.save(str(path))

        def run() -> None:
            (result,) = import_files(self.store, [path], author="bench")
            assert result.story is not None, result.error

        return run

    def docx_unreadable_runs(self, n: int) -> Callable[[], object]:
        """The shape that took cubic time (800 runs 22 s, 1,600 runs 170 s): "x." bold straight
        into an italic letter, which Markdown cannot close, then `n` alternating runs."""
        import docx

        document = docx.Document()
        paragraph = document.add_paragraph()
        for i in range(n):
            run = paragraph.add_run("x." if i == 0 else "a")
            run.bold = i % 2 == 0
            run.italic = i % 2 == 1
        return self._import_docx(document, f"unreadable-{n}.docx")

    def docx_open_fields(self, n: int) -> Callable[[], object]:
        """A .docx paragraph of `n` Word fields that are shown but never closed."""
        import docx
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        document = docx.Document()
        paragraph = document.add_paragraph()
        for _ in range(n):
            for kind in ("begin", "separate"):
                mark = OxmlElement("w:fldChar")
                mark.set(qn("w:fldCharType"), kind)
                paragraph.add_run()._r.append(mark)
            paragraph.add_run("w")
        return self._import_docx(document, f"fields-{n}.docx")

    def docx_list_overrides(self, n: int) -> Callable[[], object]:
        """A .docx list of `n` items, each at a level of its own restarted by an override."""
        import docx
        from docx.oxml import parse_xml

        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        document = docx.Document()
        numbering = document.part.numbering_part.element
        abstract = numbering.find(f"{{{w}}}abstractNum").get(f"{{{w}}}abstractNumId")
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="5"/></w:lvlOverride>'
            for i in range(n)
        )
        numbering.append(
            parse_xml(
                f'<w:num xmlns:w="{w}" w:numId="999"><w:abstractNumId w:val="{abstract}"/>'
                f"{overrides}</w:num>"
            )
        )
        for i in range(n):
            paragraph = document.add_paragraph(f"item {i}")
            paragraph._p.insert(
                0,
                parse_xml(
                    f'<w:pPr xmlns:w="{w}"><w:numPr><w:ilvl w:val="{i}"/>'
                    '<w:numId w:val="999"/></w:numPr></w:pPr>'
                ),
            )
        return self._import_docx(document, f"overrides-{n}.docx")

    def _import_docx(self, document: object, name: str) -> Callable[[], object]:
        path = self.tmp / name
        document.save(str(path))  # type: ignore[attr-defined]

        def run() -> None:
            (result,) = import_files(self.store, [path], author="bench")
            assert result.story is not None, result.error

        return run


def cases(desk: Desk) -> dict[str, tuple[int, Case]]:
    """name -> (N at --n 2000, how to build the timed call for a size)."""

    def front_matter(n: int) -> str:
        tags = "".join(f"  - tag {i}\n" for i in range(n))
        related = "".join(
            f"  - title: Link {i}\n    url: https://example.com/{i}\n" for i in range(n // 4)
        )
        return f"---\ntitle: Many\ntags:\n{tags}related:\n{related}---\n\nBody.\n"

    return {
        "shortcode scan (tweets)": (2000, lambda n: partial(scan, tweet_body(n))),
        "import .md of tweets": (
            1000,
            lambda n: desk.import_md(n, "import", f"---\ntitle: T\n---\n\n{tweet_body(n)}\n"),
        ),
        "export html (tweets)": (1000, lambda n: desk.export(n, "html")),
        "export docx (tweets)": (1000, lambda n: desk.export(n, "docx")),
        "export md (tweets)": (1000, lambda n: desk.export(n, "md")),
        "preflight check (tweets)": (1000, desk.check),
        "parse (tweets)": (2000, lambda n: partial(parse_body, tweet_body(n))),
        "parse (paragraphs)": (2000, lambda n: partial(parse_body, paragraphs(n))),
        "write canonical body (paragraphs)": (
            2000,
            lambda n: partial(write_body, parse_body(paragraphs(n))),
        ),
        "write canonical body (rich)": (
            300,
            lambda n: partial(write_body, parse_body(rich_body(n))),
        ),
        "diff (paragraphs edited)": (
            2000,
            lambda n: partial(side_by_side, paragraphs(n), edited(paragraphs(n))),
        ),
        "diff (one long line)": (
            8000,
            lambda n: partial(side_by_side, long_line(n), reworded(n)),
        ),
        "word count (tweets)": (2000, lambda n: partial(body_words, tweet_body(n))),
        "word count (paragraphs)": (4000, lambda n: partial(body_words, paragraphs(n))),
        "search query (N OR terms)": (
            4000,
            lambda n: partial(parse_query, " OR ".join(f"w{i}" for i in range(n))),
        ),
        "related suggestions (N tags)": (500, desk.related),
        "import .md (N front-matter tags)": (
            2000,
            lambda n: desk.import_md(n, "front", front_matter(n)),
        ),
        "import .docx (N bold/italic runs)": (400, desk.docx_runs),
        "import .docx (N runs, not all Markdown)": (2000, desk.docx_unreadable_runs),
        "import .docx (N unclosed fields)": (8000, desk.docx_open_fields),
        "import .docx (N list-level overrides)": (2000, desk.docx_list_overrides),
        "paste HTML (N styled paragraphs)": (2000, lambda n: partial(read_html, pasted_html(n))),
        "paste HTML (N Word list levels)": (2000, lambda n: partial(read_html, word_list_html(n))),
        "paste HTML (one paragraph, N runs)": (
            4000,
            lambda n: partial(read_html, one_paragraph_html(n)),
        ),
        "paste HTML (N footnotes)": (
            500,
            lambda n: partial(read_html, footnoted_html(n)),
        ),
        "paste HTML (N lists side by side)": (
            4000,
            lambda n: partial(read_html, "<ul><li>item</li></ul>" * n),
        ),
    }


def best_time(call: Callable[[], object], budget: float = 2.0) -> float:
    """The best of three to seven runs (fewer past `budget` seconds), in CPU seconds of this
    process: other work on a shared machine then stretches neither side of a ratio."""
    times: list[float] = []
    while len(times) < 7:
        gc.collect()  # each run starts with no garbage left by the one before
        start = time.process_time()
        call()
        times.append(time.process_time() - start)
        if len(times) >= 3 and sum(times) > budget:
            break
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every N by this")
    parser.add_argument("--only", default="", help="comma-separated parts of case names")
    parser.add_argument("--limit", type=float, default=2.5, help="the ratio to stay under")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python "
        f"{platform.python_version()}; code from {Path(editordesk.__file__).parent}"
    )
    desk = Desk()
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    print(f"{'path':36} {'N':>6} {'t(N) s':>9} {'t(2N) s':>9} {'ratio':>6}")
    worst = 0.0
    for name, (base, make) in cases(desk).items():
        if wanted and not any(w in name for w in wanted):
            continue
        n = max(2, int(base * args.scale))
        try:
            small = best_time(make(n))
            large = best_time(make(2 * n))
        except Exception as exc:  # an old version may lack a path; say so and go on
            print(f"{name:36} {n:>6}  failed: {type(exc).__name__}: {exc}"[:120])
            continue
        ratio = large / small if small else float("inf")
        worst = max(worst, ratio)
        flag = "" if ratio < args.limit else "  <-- over"
        print(f"{name:36} {n:>6} {small:9.4f} {large:9.4f} {ratio:6.2f}{flag}", flush=True)
    print(f"worst ratio {worst:.2f} (target under {args.limit})")
    desk.store.close()


if __name__ == "__main__":
    main()
