from __future__ import annotations

import pytest

from editordesk.errors import ValidationError
from editordesk.text import check_url, count_words, counted, is_slug, slugify


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
