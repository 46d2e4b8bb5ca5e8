"""Editing a story in the visual editor never drops a shortcode's parameters: a figure with
a `src` or a tweet with its text written inside comes back as written, also after a move."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editordesk.document.parse import parse_body
from editordesk.gui.editor.visual.edit import NoAssets, VisualEdit

FIGURE = '{{< figure src="harbour.jpg" caption="The quay at dusk" >}}'
TWEET = '{{< x user="jack" id="20" >}}just setting up my twttr{{< /x >}}'


def test_figure_and_tweet_parameters_survive_editing_and_a_move(qtbot: QtBot) -> None:
    edit = VisualEdit()
    qtbot.addWidget(edit)
    edit.set_tree(parse_body(f"First paragraph.\n\n{FIGURE}\n\n{TWEET}\n\nLast.\n"), NoAssets())
    assert FIGURE in edit.body() and TWEET in edit.body()

    cursor = edit.textCursor()  # the cursor on the tweet's block, then move it up
    for _ in range(2):
        cursor.movePosition(cursor.MoveOperation.NextBlock)
    edit.setTextCursor(cursor)
    edit.move_block(-1)
    body = edit.body()
    assert FIGURE in body and TWEET in body
    assert body.index(TWEET) < body.index(FIGURE)  # the move happened, nothing was lost
