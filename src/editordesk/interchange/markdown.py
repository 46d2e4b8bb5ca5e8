"""A story as one Markdown file with YAML front matter, the form Hugo and git keep.

Front matter keys: title, description, author, dateline, date, slug, section, tags, status,
related. Figures are Hugo's `figure` shortcode with `src` beside the file; tweets are Hugo's
`x` shortcode (the older `tweet` and `twitter` names, and the paired form with the tweet's text
inside, are read too). Reading checks everything before anything is stored; writing uses the
same keys and shortcodes, so reading what was written gives the same story back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from editordesk.document.shortcodes import (
    FIGURE_NAME,
    Shortcode,
    format_shortcode,
    scan,
    tweet_shortcode,
)
from editordesk.document.shortcodes import figure_code as figure_code
from editordesk.errors import InputError, ValidationError
from editordesk.interchange.front_matter import (
    FrontMatter,
    as_date,
    front_matter_text,
    split_front_matter,
    story_draft,
    story_language,
)
from editordesk.interchange.front_matter import parse_publish_time as parse_publish_time
from editordesk.media.images import inspect_image
from editordesk.media.tweets import TweetRef, check_handle, check_status_id
from editordesk.model import (
    ImageFields,
    ImageRecord,
    StoryDraft,
    StoryRecord,
    TweetRecord,
)
from editordesk.text import is_device_name

# Figure parameters beyond Hugo's own (which ignores them) that keep the library lossless.
EXTRA_FIGURE_KEYS = (
    ("creator", "creator"),
    ("source", "source"),
    ("copyright", "copyright"),
    ("licence", "licence"),
)
MAX_FILE_BYTES = 50 * 1024 * 1024
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$")


@dataclass(frozen=True)
class FigureSource:
    """A figure in a Markdown file, with its image bytes already read and checked."""

    src: str
    path: Path
    line: int
    data: bytes
    fields: ImageFields


@dataclass(frozen=True)
class TweetSource:
    """A tweet embed in a Markdown file."""

    ref: TweetRef
    line: int
    display_name: str = ""
    text: str = ""
    posted: dt.date | None = None
    language: str = ""


Part = str | FigureSource | TweetSource


@dataclass(frozen=True)
class MarkdownStory:
    """A parsed file: the story's fields and its body as text, figures and tweets."""

    path: Path
    draft: StoryDraft
    parts: tuple[Part, ...]
    language: str = ""  # front matter's `language` (a BCP 47 tag), "" when not given

    @property
    def figures(self) -> list[FigureSource]:
        return [p for p in self.parts if isinstance(p, FigureSource)]

    @property
    def tweets(self) -> list[TweetSource]:
        return [p for p in self.parts if isinstance(p, TweetSource)]


# ------------------------------------------------------------------ reading


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read); "
            "save it as UTF-8 and import again",
            line=line,
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# `![alt](src "title")` as Markdown writes an inline picture (the address may sit in <…>).
_INLINE_IMAGE = re.compile(
    r"!\[(?P<alt>(?:\\.|[^\]\\])*)\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<src>[^\s()]+))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)


# Code a picture's Markdown may stand in as text: a span, a fenced block, an indented line.
_CODE = re.compile(
    r"(`+)(?:(?!\1).)+?\1|^[ ]{0,3}(`{3,}|~{3,}).*?(?:^[ ]{0,3}\2[ \t]*$|\Z)|^(?:[ ]{4}|\t).*$",
    re.MULTILINE | re.DOTALL,
)


def _local_images(body: str) -> dict[str, str]:
    """The inline pictures Markdown reads in `body` (not those in code) whose address is a
    file path, each with its alt text as plain words."""
    from markdown_it import MarkdownIt  # the reader needs it only for bodies with pictures

    found: dict[str, str] = {}
    for tok in MarkdownIt("commonmark").parse(body):
        for child in tok.children or []:
            if child.type != "image":
                continue
            src = str(child.attrs.get("src", ""))
            if src and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//|^#", src):
                found[src] = "".join(
                    c.content for c in child.children or [] if c.type in ("text", "code_inline")
                )
    return found


def _with_pictures(
    text: str, offset: int, body: str, folder: Path, local: dict[str, str]
) -> list[Part]:
    """A run of body text with each inline picture whose file lies beside the story taken
    out as a figure (no caption; its alt text kept); any other picture stays as written."""
    out: list[Part] = []
    pos = 0
    for m in _INLINE_IMAGE.finditer(_CODE.sub(lambda c: " " * len(c.group(0)), text)):
        src = m.group("angled") if m.group("angled") is not None else m.group("src")
        if src not in local:
            continue
        line = body.count("\n", 0, offset + m.start()) + 1
        try:
            figure = _picture(src, folder, line, "picture")
        except InputError:
            continue  # not a file we can keep: the page shows it as written
        out.append(text[pos : m.start()])
        out.append(dataclasses.replace(figure, fields=ImageFields(alt_text=local[src])))
        pos = m.end()
    out.append(text[pos:])
    return [p for p in out if p != ""]


def _figure(sc: Shortcode, folder: Path) -> FigureSource:
    src = sc.get("src").strip()
    if not src:
        raise InputError("figure has no src", line=sc.line)
    figure = _picture(src, folder, sc.line, "figure")
    return dataclasses.replace(
        figure,
        fields=ImageFields(
            caption=sc.get("caption"),
            credit=sc.get("attr"),
            alt_text=sc.get("alt"),
            **{field: sc.get(key) for key, field in EXTRA_FIGURE_KEYS},
        ),
    )


def _picture(src: str, folder: Path, line: int, what: str) -> FigureSource:
    """A picture file beside the story, read and checked; `what` names it in messages."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", src) and not PureWindowsPath(src).drive:
        raise InputError(
            f"{what} src {src!r} is not a file beside the story (EditorDesk does not fetch "
            "images from the web)",
            line=line,
        )
    pure = PurePosixPath(src.replace("\\", "/"))
    if pure.is_absolute() or PureWindowsPath(src).drive or PureWindowsPath(src).root:
        raise InputError(f"{what} src {src!r} lies outside the story's folder", line=line)
    root = folder.resolve()
    target = (root / Path(*pure.parts)).resolve()
    if root not in target.parents:
        raise InputError(f"{what} src {src!r} lies outside the story's folder", line=line)
    if not target.is_file():
        raise InputError(f"{what} file {src!r} is missing (looked for {target})", line=line)
    if target.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"{what} file {src!r} is larger than 50 MB", line=line)
    data = target.read_bytes()
    try:
        inspect_image(data, f"{what} file {src!r}")
    except InputError as exc:
        raise InputError(exc.message, line=line) from None
    return FigureSource(src=src, path=target, line=line, data=data, fields=ImageFields())


def _tweet(sc: Shortcode) -> TweetSource:
    status_id = sc.get("id") or (sc.positional[-1] if sc.positional else "")
    user = sc.get("user") or (sc.positional[0] if len(sc.positional) == 2 else "")
    try:
        status_id = check_status_id(status_id)
    except ValidationError:
        raise InputError(f"tweet id {status_id!r} is not a number", line=sc.line) from None
    if not user:
        raise InputError('tweet shortcode needs user="…" (the account name)', line=sc.line)
    try:
        handle = check_handle(user)
    except ValidationError as exc:
        raise InputError(str(exc), line=sc.line) from None
    try:
        posted = as_date(sc.get("date") or None)
    except ValueError:
        raise InputError(f"tweet date {sc.get('date')!r} is not YYYY-MM-DD", line=sc.line) from None
    text = sc.get("text") or (sc.inner or "").strip()
    return TweetSource(
        ref=TweetRef(status_id, handle),
        line=sc.line,
        display_name=sc.get("name"),
        text=text,
        posted=posted,
        language=sc.get("lang"),
    )


def parse_markdown(text: str, folder: Path, path: Path | None = None) -> MarkdownStory:
    """Parse Markdown text whose figure files live in `folder`. Errors carry line numbers."""
    front, body, body_line = split_front_matter(text)
    fm = FrontMatter(front or "")
    if "title" not in fm.data:
        lines = body.lstrip("\n").split("\n", 1)
        heading = _H1.match(lines[0])
        if heading:  # a plain .md: its first heading is the headline
            fm.data["title"] = heading.group(1)
            skipped = len(body) - len(body.lstrip("\n"))
            body_line += skipped + 1
            body = lines[1] if len(lines) > 1 else ""
        elif path is not None:
            fm.data["title"] = path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    draft = story_draft(fm, "")
    language = story_language(fm)
    scanned = scan(body)
    if scanned.problems:
        problem = scanned.problems[0]
        raise InputError(problem.message, line=problem.line + body_line - 1)
    parts: list[Part] = []
    local = _local_images(body) if "![" in body else {}
    offset = 0
    for part in scanned.parts:
        try:
            if isinstance(part, str):
                if local:
                    for piece in _with_pictures(part, offset, body, folder, local):
                        if isinstance(piece, FigureSource):
                            piece = dataclasses.replace(piece, line=piece.line + body_line - 1)
                        parts.append(piece)
                else:
                    parts.append(part)
                offset += len(part)
                continue
            offset = part.end
            if part.name == FIGURE_NAME:
                parts.append(_figure(part, folder))
            elif part.is_tweet:
                parts.append(_tweet(part))
            else:
                parts.append(body[part.start : part.end])  # kept as written; preflight names it
        except InputError as exc:
            raise InputError(exc.message, line=(exc.line or 1) + body_line - 1) from None
    return MarkdownStory(path or folder / "story.md", draft, tuple(parts), language)


def read_markdown(path: Path) -> MarkdownStory:
    """Read and check one .md file; every problem is an InputError naming the file."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError("is larger than 50 MB; is it really a story?", path)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", path) from None
    try:
        return parse_markdown(_decode(data), path.parent, path)
    except InputError as exc:
        raise exc.at(path) from None


def store_body(story: MarkdownStory, image_ids: dict[Path, int]) -> str:
    """The body in the store's own form: figures point at library images by id."""
    out = []
    for part in story.parts:
        if isinstance(part, FigureSource):
            out.append(figure_code(image_ids[part.path]))
        elif isinstance(part, TweetSource):
            out.append(tweet_code(part.ref))
        else:
            out.append(part)
    return "".join(out)


def tweet_code(ref: TweetRef) -> str:
    """How a body in the store shows a recorded tweet (see document/shortcodes.py)."""
    return tweet_shortcode(ref.handle, ref.status_id)


# ------------------------------------------------------------------ writing


def image_file_names(images: list[ImageRecord]) -> dict[int, str]:
    """A distinct, safe file name for each image, close to the name it came in with."""
    names: dict[int, str] = {}
    used: set[str] = set()
    for image in images:
        ext = PurePosixPath(image.path).suffix
        stem = PurePosixPath(image.original_name.replace("\\", "/")).stem
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or f"image-{image.id}"
        if is_device_name(stem):  # CON.jpg: Windows could not unpack the export
            stem = f"{stem}-image"
        name, n = f"{stem}{ext}", 2
        while name.lower() in used:
            name, n = f"{stem}-{n}{ext}", n + 1
        used.add(name.lower())
        names[image.id] = name
    return names


def write_markdown(
    story: StoryRecord,
    images: dict[int, ImageRecord],
    tweets: dict[str, TweetRecord],
    file_names: dict[int, str],
) -> str:
    """The story as a .md file; figures name the files `file_names` gives."""
    out = []
    for part in scan(story.body).parts:
        if isinstance(part, str):
            out.append(part)
            continue
        image_id = part.image_id
        if image_id is not None and image_id in images:
            image = images[image_id]
            f = image.fields
            params = [("src", file_names[image.id])]
            params += [
                (k, v)
                for k, v in (("alt", f.alt_text), ("caption", f.caption), ("attr", f.credit))
                if v
            ]
            params += [
                (key, getattr(f, field)) for key, field in EXTRA_FIGURE_KEYS if getattr(f, field)
            ]
            out.append(format_shortcode("figure", params))
        elif part.tweet_id in tweets:
            tweet = tweets[part.tweet_id]
            params = [("user", tweet.handle), ("id", tweet.status_id)]
            params += [
                (k, v)
                for k, v in (
                    ("name", tweet.display_name),
                    ("date", tweet.posted.isoformat() if tweet.posted else ""),
                    ("lang", tweet.language),
                    ("text", tweet.text),
                )
                if v
            ]
            out.append(format_shortcode("x", params))
        else:
            out.append(story.body[part.start : part.end])
    body = "".join(out)
    # Trailing blank lines go, as the store drops them; the last line keeps its spaces (code).
    body = re.sub(r"(?:\n[ \t]*)+\Z", "", body) if body.strip() else ""
    return (
        f"---\n{front_matter_text(story)}---\n\n{body}\n"
        if body
        else f"---\n{front_matter_text(story)}---\n"
    )
