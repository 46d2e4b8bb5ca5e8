"""Two editors with one picture's card open, on both engines, through the library window
as people use it: a card nobody is editing follows the other's save; a card being edited
meets the other's save as a conflict that shows both, and the picture keeps a history."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from pytestqt.qtbot import QtBot

from editordesk.gui.dialogs.conflict import ConflictChoice, ImageConflictDialog
from editordesk.gui.library.view import LibraryDialog
from editordesk.model import ImageFields
from editordesk.services.images import add_image, get_image, image_history
from editordesk.store.db import Store
from tests.gui.test_main_window import click_button, on_next_dialog
from tests.gui.test_shared_desk import ENGINES, WAIT_MS, _window, second_store

__all__ = ["second_store"]


def _picture(store: Store) -> int:
    buffer = io.BytesIO()
    PILImage.new("RGB", (16, 10), (0, 120, 200)).save(buffer, "PNG")
    with store.write() as session:
        return add_image(
            session, store.media, buffer.getvalue(), "quay.png", ImageFields(caption="Quay")
        ).id


@ENGINES
def test_two_editors_on_one_picture_card(qtbot: QtBot, store: Store, second_store: Store) -> None:
    picture = _picture(store)
    ana = _window(qtbot, store, "Ana Ruiz")
    ben = _window(qtbot, second_store, "Ben Okafor")
    shown: list[str] = []
    conflicts: list[list[str]] = []

    def choose_mine(dialog: ImageConflictDialog) -> int:
        conflicts.append(
            [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
        )
        dialog._choose(ConflictChoice.KEEP_MINE)
        return 1

    def bens_library(dialog: object) -> None:
        assert isinstance(dialog, LibraryDialog)
        view = dialog.view
        qtbot.waitUntil(lambda: view.model.row_of(picture) >= 0, timeout=WAIT_MS)
        view.select_image(picture)
        panel = view.panel
        qtbot.waitUntil(lambda: panel.record() is not None, timeout=WAIT_MS)

        # Ana saves a caption while Ben only looks: his card follows
        def anas_library(other: object) -> None:
            assert isinstance(other, LibraryDialog)
            qtbot.waitUntil(lambda: other.view.model.row_of(picture) >= 0, timeout=WAIT_MS)
            other.view.select_image(picture)
            card = other.view.panel
            qtbot.waitUntil(lambda: card.record() is not None, timeout=WAIT_MS)
            card.edits["caption"].setPlainText("The quay at dawn")
            with qtbot.waitSignal(card.saved, timeout=WAIT_MS):
                card.save()
            click_button(other, "Close")

        on_next_dialog(anas_library)  # type: ignore[arg-type]
        ana.open_library()
        qtbot.waitUntil(
            lambda: panel.edits["caption"].toPlainText() == "The quay at dawn", timeout=WAIT_MS
        )
        shown.append(panel.edits["caption"].toPlainText())

        # now both edit: Ben types alt text on a card Ana saves under him
        panel.edits["alt_text"].setPlainText("A stone quay")
        with second_store.write() as session:  # Ana, meanwhile, from her card
            from editordesk.services.images import update_image

            current = get_image(session, picture)
            update_image(
                session,
                picture,
                ImageFields(caption="The quay at dawn", credit="Ana Ruiz / Harbour Wire"),
                base_version=current.version,
                author="Ana Ruiz",
            )
        original = ImageConflictDialog.exec
        ImageConflictDialog.exec = choose_mine  # type: ignore[method-assign,assignment]
        try:
            with qtbot.waitSignal(panel.saved, timeout=WAIT_MS):
                panel.save()
        finally:
            ImageConflictDialog.exec = original  # type: ignore[method-assign]
        click_button(dialog, "Close")

    on_next_dialog(bens_library)  # type: ignore[arg-type]
    ben.open_library()
    assert shown == ["The quay at dawn"]
    assert len(conflicts) == 1 and "Ana Ruiz / Harbour Wire" in conflicts[0]  # theirs shown
    with store.read() as session:
        final = get_image(session, picture)
        history = image_history(session, picture)
    assert final.fields.alt_text == "A stone quay"  # Ben chose his, knowingly
    assert [h.author for h in history] == ["Ben Okafor", "Ana Ruiz", "Ana Ruiz", ""]
    assert history[1].fields.credit == "Ana Ruiz / Harbour Wire"  # theirs kept in history
