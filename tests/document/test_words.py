"""Counting a body's words as a reader sees them (document/words.py)."""

from __future__ import annotations

from editordesk.document.words import body_words


def test_plain_words_are_counted() -> None:
    assert body_words("The ferry sails twice a day.") == 6


def test_link_targets_tags_and_autolinks_do_not_count() -> None:
    body = (
        'See [the notice](https://example.org/ferry/notice "Timetable notice") now.\n'
        '<span class="x">Two</span> words <https://example.org/long/address>'
    )
    assert body_words(body) == body_words("See the notice now. Two words")


def test_shortcodes_do_not_count_but_a_tweets_inner_text_does() -> None:
    body = (
        'Before.\n\n{{< figure image="3" caption="Five words in a caption" >}}\n\n'
        '{{< tweet user="jack" id="20" >}}just setting up my twttr{{< /tweet >}}\n\nAfter.'
    )
    assert body_words(body) == 2 + 5


def test_an_empty_body_has_no_words() -> None:
    assert body_words("") == 0
    assert body_words('{{< figure image="1" >}}') == 0


def test_text_full_of_unfinished_tags_and_links_counts_each_word() -> None:
    assert body_words("<a " * 5000) == 5000
    assert body_words("<b>bold</b> <i") == 2
    assert body_words('See [it](x "a title") ' + '](x "' + "](x " * 3000) == 2 + 3001
    assert body_words("<https:<https:x> word") == 2
