"""The YAML front matter of a story's Markdown file: found, read safely (depth, aliases, dates
that do not exist) and checked into a draft's fields with the line of any fault; and written."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from editordesk.errors import InputError, ValidationError
from editordesk.model import RelatedRecord, StoryDraft, StoryRecord, StoryStatus
from editordesk.text import check_slug, check_url, language_tag, utc_time

_FENCE = re.compile(r"^---[ \t]*$")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        if lines and lines[0].strip() == "+++":
            raise InputError("has TOML front matter (+++); EditorDesk reads YAML (---)", line=1)
        return None, text, 1
    for i in range(1, len(lines)):
        if _FENCE_END.match(lines[i]):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise InputError("front matter that starts on line 1 is never closed with ---", line=1)


# Front matter nests three deep (related: a list of mappings); thousands of levels made
# PyYAML's composer recurse until Python gave up.
MAX_DEPTH = 32


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, with a date that does not exist (2026-02-30) an error on its line
    rather than a ValueError from deep inside PyYAML."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.date | dt.datetime:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            reason = "its offset from UTC is not under 24 hours" if "offset" in str(exc) else exc
            raise InputError(
                f"{node.value!r} is not a date that exists ({reason})",
                line=node.start_mark.line + 2,
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _line(event: yaml.Event) -> int | None:
    """The file's line where a front-matter YAML event starts (the fence is line 1)."""
    return event.start_mark.line + 2 if event.start_mark is not None else None


class FrontMatter:
    """The YAML mapping, with the line of each key for error messages."""

    def __init__(self, text: str) -> None:
        try:
            depth = 0
            for event in yaml.parse(text, Loader=yaml.SafeLoader):
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise InputError(
                            f"front matter nests lists or mappings more than {MAX_DEPTH} deep; "
                            "front matter needs three at most",
                            line=_line(event),
                        )
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
                elif isinstance(event, yaml.AliasEvent):
                    # Aliases let a few lines stand for billions of values ("billion
                    # laughs"); front matter never needs them.
                    raise InputError(
                        f"front matter uses the YAML alias *{event.anchor}; write the value "
                        "out in full",
                        line=_line(event),
                    )
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 2 if mark is not None else 1
            reason = exc.problem or "malformed"
            raise InputError(f"front matter is not valid YAML: {reason}", line=line) from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow
            line = text[: exc.position].count("\n") + 2
            raise InputError(
                f"front matter holds the character U+{exc.character:04X}, which YAML does "
                "not allow; remove it",
                line=line,
            ) from None
        except yaml.YAMLError as exc:
            reason = " ".join(str(exc).split())
            raise InputError(f"front matter is not valid YAML: {reason}", line=1) from None
        if data is None:
            data, node = {}, None
        if not isinstance(data, dict):
            raise InputError("front matter must be a set of key: value lines", line=2)
        self.data: dict[Any, Any] = data
        self.lines: dict[str, int] = {}
        self.item_lines: dict[str, list[int]] = {}
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value)
                self.lines[key] = key_node.start_mark.line + 2
                if isinstance(value_node, yaml.SequenceNode):
                    self.item_lines[key] = [v.start_mark.line + 2 for v in value_node.value]

    def fail(self, key: str, message: str, item: int | None = None) -> InputError:
        line = self.lines.get(key)
        if item is not None and key in self.item_lines and item < len(self.item_lines[key]):
            line = self.item_lines[key][item]
        return InputError(message, line=line)

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            return ", ".join(str(v) for v in value)
        if isinstance(value, dict | list):
            raise self.fail(key, f"{key!r} should be text, not a {type(value).__name__}")
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        return str(value) if not isinstance(value, bool) else str(value).lower()


def as_date(value: Any) -> dt.date | None:
    """A date from YAML's own date, a date-time or YYYY-MM-DD text; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def parse_publish_time(value: Any) -> dt.datetime | None:
    """ISO 8601 date or date-time; without a zone it is taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        moment = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    return utc_time(moment)  # ValidationError for a moment outside the years a store keeps


def _related(fm: FrontMatter) -> tuple[RelatedRecord, ...]:
    value = fm.data.get("related")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fm.fail("related", "'related' should be a list of links (- title: … url: …)")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise fm.fail("related", f"related link {i + 1} should have title, url…", i)
        strings = {
            k: "" if v is None else str(v).strip()
            for k, v in item.items()
            if not isinstance(v, dt.date)
        }
        slug = strings.get("story") or None
        url = strings.get("url") or None
        if slug is None:
            if url is None:
                raise fm.fail("related", f"related link {i + 1} has no url", i)
            try:
                check_url(url)
            except ValidationError as exc:
                raise fm.fail("related", f"related link {i + 1}: {exc}", i) from None
        try:
            date = as_date(item.get("date"))
        except ValueError:
            raise fm.fail(
                "related", f"related link {i + 1}: date {item.get('date')!r} is not YYYY-MM-DD", i
            ) from None
        out.append(
            RelatedRecord(
                title=strings.get("title", ""),
                url=None if slug else url,
                story_slug=slug,
                date=date,
                section=strings.get("section", ""),
                excerpt=strings.get("excerpt", ""),
            )
        )
    return tuple(out)


def story_language(fm: FrontMatter) -> str:
    """The story's `language` (a BCP 47 tag such as en, en-GB, ar), "" when not given."""
    language = fm.text("language").strip()
    if language and (len(language) > 32 or language_tag(language, "") != language):
        raise fm.fail(
            "language", f"language {language[:40]!r} is not a language tag such as en, de or ar"
        )
    return language


def story_draft(fm: FrontMatter, body: str) -> StoryDraft:
    status_text = fm.text("status").strip().lower() or StoryStatus.DRAFT.value
    try:
        status = StoryStatus(status_text)
    except ValueError:
        names = ", ".join(s.value for s in StoryStatus)
        raise fm.fail("status", f"unknown status {status_text!r}; use one of {names}") from None
    try:
        publish_time = parse_publish_time(fm.data.get("date"))
    except ValidationError as exc:
        raise fm.fail("date", f"date {exc}") from None
    except (ValueError, TypeError):
        raise fm.fail(
            "date",
            f"date {fm.data.get('date')!r} is not an ISO 8601 date or "
            "time (like 2026-11-27T09:30:00Z)",
        ) from None
    tags_value = fm.data.get("tags")
    if tags_value is None:
        tags: tuple[str, ...] = ()
    elif isinstance(tags_value, list):
        if any(isinstance(t, dict | list) for t in tags_value):
            raise fm.fail("tags", "'tags' should be a list of words")
        tags = tuple(str(t) for t in tags_value if t is not None)
    elif isinstance(tags_value, str):
        tags = tuple(t.strip() for t in tags_value.split(","))
    else:
        raise fm.fail("tags", "'tags' should be a list of words")
    slug = fm.text("slug").strip() or None
    if slug is not None:
        try:
            check_slug(slug)
        except ValidationError as exc:
            raise fm.fail("slug", str(exc)) from None
    return StoryDraft(
        headline=fm.text("title"),
        standfirst=fm.text("description"),
        byline=fm.text("author"),
        dateline=fm.text("dateline"),
        section=fm.text("section"),
        tags=tags,
        status=status,
        publish_time=publish_time,
        slug=slug,
        related=_related(fm),
        body=body,
    )


# ------------------------------------------------------------------ writing


class _FrontMatterDumper(yaml.SafeDumper):
    """PyYAML writes a line-break character other than newline (NEL, LS, PS) raw inside a
    single-quoted scalar, and a NEL written so reads back as a space: such text is written
    double-quoted, where it is escaped (\\N, \\L, \\P) and reads back as it was."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if any(c in text for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_FrontMatterDumper.add_representer(str, _represent_text)


def front_matter_text(story: StoryRecord) -> str:
    data: dict[str, Any] = {"title": story.headline}
    for key, value in (
        ("description", story.standfirst),
        ("author", story.byline),
        ("dateline", story.dateline),
    ):
        if value:
            data[key] = value
    if story.publish_time:
        data["date"] = story.publish_time.isoformat()
    data["slug"] = story.slug
    if story.section:
        data["section"] = story.section
    if story.tags:
        data["tags"] = list(story.tags)
    data["status"] = story.status.value
    if story.language:
        data["language"] = language_tag(story.language)
    related = []
    for link in story.related:
        item: dict[str, Any] = {"title": link.title}
        if link.story_slug:
            item["url"] = f"../{link.story_slug}/"
            item["story"] = link.story_slug
        elif link.url:
            item["url"] = link.url
        if link.date:
            item["date"] = link.date.isoformat()
        if link.section:
            item["section"] = link.section
        if link.excerpt:
            item["excerpt"] = link.excerpt
        related.append(item)
    if related:
        data["related"] = related
    return yaml.dump(
        data, Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True, width=100
    )
