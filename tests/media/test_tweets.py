from __future__ import annotations

import pytest

from editordesk.errors import ValidationError
from editordesk.media.tweets import parse_tweet_url

ID = "1727344556789012345"


@pytest.mark.parametrize(
    "url",
    [
        f"https://twitter.com/EllanCoast/status/{ID}",
        f"https://x.com/EllanCoast/status/{ID}",
        f"https://mobile.twitter.com/EllanCoast/status/{ID}",
        f"https://www.twitter.com/EllanCoast/status/{ID}",
        f"https://www.x.com/EllanCoast/status/{ID}",
        f"https://mobile.x.com/EllanCoast/status/{ID}",
        f"http://twitter.com/EllanCoast/status/{ID}",
        f"https://twitter.com/EllanCoast/status/{ID}?s=20",
        f"https://x.com/EllanCoast/status/{ID}?s=20&t=AbCdEf123",
        f"https://twitter.com/EllanCoast/status/{ID}/photo/1",
        f"https://x.com/EllanCoast/status/{ID}/photo/2?s=46",
        f"https://twitter.com/EllanCoast/status/{ID}/video/1",
        f"https://twitter.com/EllanCoast/statuses/{ID}",
        f"https://twitter.com/EllanCoast/status/{ID}/",
        f"https://twitter.com/EllanCoast/status/{ID}#reply",
        f"twitter.com/EllanCoast/status/{ID}",
        f"  https://X.COM/EllanCoast/status/{ID}  ",
    ],
)
def test_every_pasted_form_gives_the_id_and_handle(url: str) -> None:
    ref = parse_tweet_url(url)
    assert (ref.status_id, ref.handle) == (ID, "EllanCoast")
    assert ref.url == f"https://twitter.com/EllanCoast/status/{ID}"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "no tweet link"),
        ("https://example.org/EllanCoast/status/1", "should start"),
        ("https://twitter.com.evil.example/EllanCoast/status/1", "should start"),
        ("javascript:alert(1)//twitter.com/a/status/1", "should start"),
        ("ftp://twitter.com/EllanCoast/status/1", "should start"),
        ("https://twitter.com/EllanCoast", "not a link to one tweet"),
        ("https://twitter.com/EllanCoast/likes", "not a link to one tweet"),
        ("https://twitter.com/EllanCoast/status/abc", "not a tweet id"),
        ("https://twitter.com/EllanCoast/status/12345678901234567890123", "not a tweet id"),
        (f"https://twitter.com/i/web/status/{ID}", "no account name"),
        (f"https://twitter.com/search/status/{ID}", "not an account name"),
        (f"https://twitter.com/this_handle_is_too_long/status/{ID}", "not an account name"),
        (f"https://twitter.com/EllanCoast/status/{ID}/photo/x", "unexpected"),
        ("https://twitter.com/EllanCoast/status/0", "not a number"),
    ],
)
def test_anything_else_is_a_clear_error(url: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        parse_tweet_url(url)
