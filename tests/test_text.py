from __future__ import annotations

import datetime as dt

import pytest

from editordesk.errors import ValidationError
from editordesk.text import (
    check_slug,
    check_url,
    count_words,
    counted,
    is_device_name,
    is_slug,
    slugify,
    utc_time,
)


def test_slugs_are_lowercase_ascii_words() -> None:
    assert slugify("Côte d'Ivoire votes: the 2026 result!") == "cote-divoire-votes-the-2026-result"
    assert slugify("¡¿!!") == "story"
    assert len(slugify("word " * 40)) <= 80 and not slugify("word " * 40).endswith("-")
    assert is_slug("harbour-wall-2") and not is_slug("Harbour") and not is_slug("a--b")


def test_words_are_counted_as_a_word_processor_counts_them() -> None:
    assert count_words("Don't panic — it's a well-known 3.5% rise.") == 7
    assert count_words("  \n\n ** -- ##  ") == 0
    assert count_words("**Bold** and _under_score") == 3


@pytest.mark.parametrize("url", ["https://example.org/a?b=c", "http://x.org", "HTTPS://X.ORG/"])
def test_http_links_pass(url: str) -> None:
    assert check_url(url) == url


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "//evil.example/x", "/local", "http://", ""]
)
def test_other_links_are_refused(url: str) -> None:
    with pytest.raises(ValidationError, match="not an http"):
        check_url(url)


def test_counted_says_one_or_many() -> None:
    assert counted(1, "story", "stories") == "1 story"
    assert counted(0, "story", "stories") == "0 stories"
    assert counted(1204, "media file", "media files") == "1,204 media files"


@pytest.mark.parametrize(
    "name",
    [
        "con",
        "CON",
        "nul",
        "Nul.txt",
        "com1",
        "COM9.html",
        "lpt9",
        "lpt1.tar.gz",
        "aux",
        "prn",
        "aux.",
        "con ",
        "lpt9 .html",
        "nul...",
        "com¹",
    ],
)
def test_windows_device_names_are_known_in_any_case_and_with_any_extension(name: str) -> None:
    assert is_device_name(name)


@pytest.mark.parametrize("name", ["console", "con-story", "com10", "lpt", "nully.txt", "a.con"])
def test_names_that_only_look_like_devices_are_not(name: str) -> None:
    assert not is_device_name(name)


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("Con", "con-story"),
        ("NUL", "nul-story"),
        ("COM1!", "com1-story"),
        ("lpt9", "lpt9-story"),
        ("Aux.", "aux-story"),
        ("PRN ", "prn-story"),
        ("Con Edison", "con-edison"),
    ],
)
def test_slugs_never_name_a_windows_device(headline: str, slug: str) -> None:
    """An export names its files after the slug: con.html cannot be unpacked on Windows."""
    assert slugify(headline) == slug
    assert is_slug(slug)


def test_a_typed_slug_naming_a_device_is_refused_with_one_that_works() -> None:
    with pytest.raises(ValidationError, match=r"slug 'con' is a name Windows keeps.*'con-story'"):
        check_slug("con")
    assert not is_slug("nul")
    with pytest.raises(ValidationError, match="may hold only lowercase letters"):
        check_slug("Con.")
    assert check_slug("con-edison") == "con-edison"


def test_moments_become_utc_within_the_years_a_store_keeps() -> None:
    assert utc_time(dt.datetime(2026, 11, 27, 11, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))))
    assert utc_time(dt.datetime(2026, 11, 27, 9, 30)) == dt.datetime(
        2026, 11, 27, 9, 30, tzinfo=dt.UTC
    )
    assert utc_time(dt.datetime(9999, 12, 30, 12, tzinfo=dt.UTC)).year == 9999


@pytest.mark.parametrize(
    "moment",
    [
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:00:00+00:00",
        "0001-01-01T00:00:00",
    ],
)
def test_moments_at_the_ends_of_the_calendar_are_refused_in_words(moment: str) -> None:
    """Converting them to UTC, or showing them in any time zone, runs off the calendar."""
    with pytest.raises(ValidationError, match="outside the dates EditorDesk keeps"):
        utc_time(dt.datetime.fromisoformat(moment))


def test_a_long_date_in_a_region_babel_lacks_uses_its_language() -> None:
    # The bundle carries only a few languages' data: a region falls back to its language.
    import datetime as dt

    from editordesk.text import long_date

    day = dt.date(2026, 11, 24)
    assert long_date(day, "de-XX") == "24. November 2026"
    assert long_date(day, "en-XX") == "24 November 2026"
    assert long_date(day, "es-ES") == "24 de noviembre de 2026"
