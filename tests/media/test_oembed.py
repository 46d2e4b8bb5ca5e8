"""The optional tweet fetch: read against a real local HTTP server, and failing calmly."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from editordesk.media.tweets import (
    TweetFetchError,
    details_from_oembed,
    fetch_oembed,
    parse_tweet_url,
)

ANSWER = {
    "author_name": "Ellan Coastguard",
    "html": '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Crews are at the '
    'north pier.<br>Please keep away &amp; stay safe. <a href="https://t.co/x">#storm</a>'
    "</p>&mdash; Ellan Coastguard (@EllanCoast) "
    '<a href="https://twitter.com/EllanCoast/status/42?ref_src=twsrc">November 20, 2026</a>'
    "</blockquote>",
}


@pytest.fixture
def server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if "status%2F42" in self.path:
                body = json.dumps(ANSWER).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)
            elif "status%2F43" in self.path:
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"<html>not json</html>")
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/oembed"
    httpd.shutdown()


def test_the_answer_fills_name_text_date_and_language() -> None:
    details = details_from_oembed(ANSWER)
    assert details.display_name == "Ellan Coastguard"
    assert details.text == "Crews are at the north pier.\nPlease keep away & stay safe. #storm"
    assert details.posted == dt.date(2026, 11, 20)
    assert details.language == "en"


def test_fetch_from_a_server(server: str) -> None:
    ref = parse_tweet_url("https://x.com/EllanCoast/status/42?s=20")
    assert fetch_oembed(ref, endpoint=server).text.startswith("Crews are at the north pier.")


def test_failures_are_calm_sentences(server: str) -> None:
    with pytest.raises(TweetFetchError, match="deleted or private"):
        fetch_oembed(parse_tweet_url("https://x.com/a/status/44"), endpoint=server)
    with pytest.raises(TweetFetchError, match="could not be read"):
        fetch_oembed(parse_tweet_url("https://x.com/a/status/43"), endpoint=server)
    with pytest.raises(TweetFetchError, match="could not be reached"):
        fetch_oembed(
            parse_tweet_url("https://x.com/a/status/42"),
            endpoint="http://127.0.0.1:9/oembed",
            timeout=2,
        )
