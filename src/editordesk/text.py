"""Text helpers with no store or document knowledge: slugs, word counts, link checks."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from editordesk.errors import ValidationError

SLUG_MAX = 80
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NO_WORD = re.compile(r"[\W_]+")


# Names Windows keeps for devices, whatever the case and whatever follows the first dot: a
# file called con.html or nul.jpg cannot be made there, so an export unpacked on Windows fails.
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in (*"0123456789", "¹", "²", "³")}
)


def is_device_name(name: str) -> bool:
    """Whether Windows refuses `name` as a file name because it names a device: "con",
    "NUL.txt", "com1.tar.gz", "lpt9 .html", "aux." (trailing dots and spaces do not help)."""
    return name.split(".", 1)[0].rstrip(" .").lower() in WINDOWS_DEVICES


def slugify(text: str, fallback: str = "story") -> str:
    """A lowercase ASCII slug: "Côte d'Ivoire votes" -> "cote-divoire-votes". A slug that
    would name a Windows device ("Con" -> "con") gets the fallback after it ("con-story"),
    so the files an export names after it can be made on every system."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"['’]", "", folded.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] or slug[:SLUG_MAX]
    if is_device_name(slug):
        return f"{slug}-{fallback}"
    return slug or fallback


def counted(count: int, one: str, many: str) -> str:
    """'1 story', '2 stories', '1,204 stories'."""
    return f"{count:,} {one if count == 1 else many}"


def is_slug(text: str) -> bool:
    return (
        len(text) <= 200 and SLUG_PATTERN.fullmatch(text) is not None and not is_device_name(text)
    )


def check_slug(text: str) -> str:
    """`text` if it can be a story's slug; else ValidationError saying why, with one that can."""
    if is_device_name(text) and SLUG_PATTERN.fullmatch(text):
        raise ValidationError(
            f"slug {text!r} is a name Windows keeps for a device, so its exported files could "
            f"not be unpacked there; choose another (for example {slugify(text)!r})"
        )
    if not is_slug(text):
        raise ValidationError(
            f"slug {text!r} may hold only lowercase letters, digits and single hyphens "
            f"(for example {slugify(text)!r})"
        )
    return text


def count_words(text: str) -> int:
    """Words as word processors count them: runs of non-space holding a letter or digit, so
    "don't", "well-known" and "3.5" are one each and a lone dash is none."""
    count = 0
    for token in text.split():
        if token.isalnum() or not _NO_WORD.fullmatch(token):
            count += 1
    return count


def check_url(url: str) -> str:
    """An external link must be an absolute http(s) URL with a host."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValidationError(f"link {url!r} is not an http(s) address")
    return url


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# The moments EditorDesk keeps: a day inside the years a Python datetime holds, so that one
# shown in any time zone (the window, `list`, an export) cannot run off either end.
EARLIEST = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
LATEST = dt.datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=dt.UTC)


def utc_time(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC (a moment without a zone is taken as UTC); ValidationError if it lies
    outside the years EditorDesk keeps: 9999-12-31T23:59:59-12:00 is already in year 10000
    in UTC, and 0001-01-01T00:00:00+05:00 in year 0, which no datetime holds."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        utc = moment.astimezone(dt.UTC)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        raise ValidationError(
            f"{moment.isoformat()} is outside the dates EditorDesk keeps "
            f"({EARLIEST.date().isoformat()} to {LATEST.date().isoformat()}, in UTC)"
        )
    return utc


# Languages written right to left (ISO 639 codes), and the scripts that are, by their ISO
# 15924 codes: a tag such as "ar", "he-IL", "ku-Arab" or "pa-Arab" reads right to left.
RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "yi", "ji", "dv", "ckb", "sd", "ug"})
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr"})
DEFAULT_LANGUAGE = "en"  # a story that names no language, on a desk that names none
_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(language: str, default: str = DEFAULT_LANGUAGE) -> str:
    """A language as a BCP 47 tag for a page's lang ("en_GB" -> "en-GB", "" -> `default`);
    text that is no tag at all gives `default`."""
    tag = language.strip().replace("_", "-")
    return tag if _TAG.fullmatch(tag) else default


def text_direction(language: str) -> str:
    """ "rtl" for a language written right to left (Arabic, Hebrew, Persian, Urdu… or any tag
    naming an Arabic or Hebrew script), else "ltr"; an empty language is the desk's, English."""
    parts = language_tag(language).lower().split("-")
    scripts = [p for p in parts[1:] if len(p) == 4 and p.isalpha()]
    if scripts:  # a script named outright decides: "az-Arab" is right to left, "ku-Latn" not
        return "rtl" if scripts[0] in RTL_SCRIPTS else "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"


def long_date(day: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """A date as a newspaper in `language` prints it: "24 November 2026" (en), "24. November
    2026" (de), "24 de noviembre de 2026" (es), "24 نوفمبر 2026" (ar); the same on every
    machine whatever its locale. A language Babel does not know gets the English form."""
    tag = language_tag(language)
    if tag.lower() == "en":  # the desk's own: day month year, as it always was
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    locale = tag.replace("-", "_")
    # A region Babel lacks falls back to its language ("de_XX" -> "de"), as in the bundle,
    # which carries only a few languages' data (packaging/editordesk.spec).
    for name in dict.fromkeys((locale, locale.split("_")[0])):
        if name.lower() == "en":
            break  # English with a region Babel lacks: the desk's own form below
        try:
            return str(format_date(day, format="long", locale=name))
        except (UnknownLocaleError, ValueError, OSError):
            continue
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def safe_href(href: str) -> str | None:
    """`href` if a reader may follow it (http, https, mailto, or relative); else None."""
    text = href.strip()
    if not text:
        return None
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    squeezed = _CONTROL.sub("", text)
    # Only a real scheme is a scheme: "#fn:1" and "timetable.html?at=10:30" are relative.
    # A scheme spelt with escapes ("java%09script:") is read as a program would decode it.
    for form in (squeezed, _CONTROL.sub("", unquote(squeezed))):
        scheme = _SCHEME.match(form)
        if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            return None
    return text
