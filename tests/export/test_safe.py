"""What may leave EditorDesk as markup or inside a link (export/safe.py)."""

from __future__ import annotations

from editordesk.export.safe import clean_html, html_to_text, safe_href


def test_structure_and_links_are_kept() -> None:
    markup = '<p>See <a href="https://example.org/x" title="x">the <em>notice</em></a>.</p>'
    cleaned = clean_html(markup)
    assert '<a href="https://example.org/x" title="x" rel="noopener noreferrer">' in cleaned
    assert "<em>notice</em>" in cleaned and cleaned.startswith("<p>")


def test_nothing_that_could_run_survives() -> None:
    markup = (
        '<script>alert(1)</script><iframe src="https://x"></iframe><style>p{}</style>'
        '<p onclick="steal()" style="color:red">Hi</p><form><input></form>'
        '<a href="javascript:alert(1)">a</a><a href="data:text/html,x">b</a><!-- note -->'
    )
    cleaned = clean_html(markup)
    for gone in ("script", "iframe", "style", "onclick", "form", "input", "javascript:", "data:"):
        assert gone not in cleaned, gone
    assert "note" not in cleaned and "<p>Hi</p>" in cleaned


def test_markup_becomes_its_words_for_word() -> None:
    assert html_to_text("<p>Fish &amp; <b>chips</b></p><script>x()</script>") == "Fish & chips"


def test_only_web_mail_and_relative_links_are_safe() -> None:
    for href in ("https://example.org", "http://example.org", "mailto:desk@example.org", "../a/"):
        assert safe_href(href), href
    for href in ("javascript:alert(1)", "java\tscript:x", "data:text/html,x", "file:///etc/passwd"):
        assert not safe_href(href), href
