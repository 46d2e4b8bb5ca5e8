"""A figure or tweet shortcode keeps what it was written with when the body is rewritten:
parameters the tree does not model (a figure's `src`, a tweet's text) are never lost."""

from __future__ import annotations

import pytest

from editordesk.document import nodes as n
from editordesk.document.parse import parse_body
from editordesk.document.write import write_body

KEPT = [
    '{{< figure src="harbour.jpg" caption="The quay at dusk" >}}',
    '{{< figure image="3" class="wide" >}}',
    '{{< x user="jack" id="20" date="21 March 2006" >}}just setting up{{< /x >}}',
    '{{< tweet user="jack" id="20" >}}',
]


@pytest.mark.parametrize("code", KEPT)
def test_a_shortcode_is_written_back_as_it_was_written(code: str) -> None:
    body = f"Before.\n\n{code}\n\nAfter.\n"
    written = write_body(parse_body(body))
    assert code in written
    assert write_body(parse_body(written)) == written


def test_a_figure_made_in_the_window_is_written_in_the_canonical_form() -> None:
    doc = n.Document((n.Figure(4, None), n.Tweet("20", "jack", None)))
    written = write_body(doc)
    assert '{{< figure image="4" >}}' in written
    assert 'user="jack"' in written and 'id="20"' in written


def test_the_source_does_not_change_what_the_tree_means() -> None:
    a = parse_body('{{< figure image="3" >}}\n')
    b = parse_body("{{<figure image=3>}}\n")
    assert a == b  # same picture: equal trees, whatever the spelling
    assert a.children[0].source != b.children[0].source  # type: ignore[union-attr]
