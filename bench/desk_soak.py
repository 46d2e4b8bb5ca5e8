"""Shared-desk soak: three editors' windows (Ana, Ben, and Ana again in a second window) on
one PostgreSQL store for a few minutes, making random edits, saves, takeovers and picture
edits, with a server restart half-way; at the end every word each editor typed must be
stored (in a story or its history) or kept (an unsaved tab, an autosave, a file kept on this
computer).

    QT_QPA_PLATFORM=offscreen python bench/desk_soak.py [--seconds 180] [--seed 1]

It runs a throwaway PostgreSQL cluster of its own (tests/pg.py), never the shared server, and
prints the counts: words typed per editor, and where each ended up. Exit status 1 if any word
was lost.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from tests import pg
from tests.helpers import image_bytes

from editordesk import settings as prefs
from editordesk.gui.dialogs.conflict import ConflictChoice, ConflictDialog
from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.gui.main_window import MainWindow
from editordesk.gui.workers import wait_for_background
from editordesk.model import ImageFields
from editordesk.services.autosave import LocalDrafts
from editordesk.services.images import (
    ImageConflictError,
    add_image,
    get_image,
    image_history,
    update_image,
)
from editordesk.services.stories import StoryDraft, create_story
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.models import Autosave, Revision, Story


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


class Editor:
    """One simulated editor at one window."""

    def __init__(self, name: str, label: str, window: MainWindow, store: Store) -> None:
        self.name, self.label, self.window, self.store = name, label, window, store
        self.typed: list[str] = []
        self.card_words: list[str] = []
        self.picture_version = 1
        self.counter = 0
        self.counts: Counter[str] = Counter()

    def word(self) -> str:
        self.counter += 1
        return f"{self.label}w{self.counter:05d}"

    def writable_tab(self) -> StoryEditor | None:
        current = self.window.current_editor()
        if current is not None and not current.read_only:
            return current
        return None

    def type_words(self, rng: random.Random) -> None:
        editor = self.writable_tab()
        if editor is None:
            return
        words = [self.word() for _ in range(rng.randint(1, 4))]
        cursor = editor.body.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        editor.body.setTextCursor(cursor)
        editor.body.insertPlainText(" " + " ".join(words))
        if all(w in editor.body.toPlainText() for w in words):
            self.typed.extend(words)
            self.counts["typing"] += 1

    def open_some(self, rng: random.Random, ids: list[int]) -> None:
        self.window.open_story(rng.choice(ids))
        self.counts["open"] += 1

    def save(self) -> None:
        self.window.save_current()
        self.counts["save"] += 1

    def react(self) -> None:
        """Read the notices, as a person would: keep text a takeover left, say OK."""
        for editor in self.window.editors():
            if not editor.property("takenOver"):
                continue
            for button in editor.notice.buttons:
                if button.isVisible() and "Keep mine" in button.text():
                    button.click()
                    self.counts["kept as new story"] += 1
                    break
            else:
                for button in editor.notice.buttons:
                    if button.isVisible() and "read this" in button.text():
                        button.click()

    def take_over(self) -> None:
        editor = self.window.current_editor()
        if editor is not None and editor.read_only and editor.story_id is not None:
            self.window.live.ask_take_over(editor)  # the question is answered Yes
            self.counts["take over"] += 1

    def edit_picture(self, picture: int) -> None:
        word = self.word()
        try:
            with self.store.write() as session:
                current = get_image(session, picture)
                fields = current.fields
                new = ImageFields(
                    **{**fields.__dict__, "caption": (fields.caption + " " + word).strip()}
                )
                saved = update_image(
                    session, picture, new, base_version=self.picture_version, author=self.name
                )
        except ImageConflictError as exc:  # someone saved first: seen, then mine again
            self.counts["picture conflict"] += 1
            self.picture_version = exc.theirs.version
            return
        except Exception:  # the store is restarting: the card keeps the text, try later
            self.counts["picture not saved (outage)"] += 1
            return
        self.picture_version = saved.version
        self.card_words.append(word)
        self.counts["picture save"] += 1


def run(seconds: float, seed: int) -> int:
    rng = random.Random(seed)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    # The editors answer every question: take over (Yes), and keep mine in a conflict.
    QMessageBox.exec = lambda box: int(QMessageBox.StandardButton.Yes.value)  # type: ignore[method-assign,assignment,misc,return-value]

    def keep_mine(dialog: ConflictDialog) -> int:
        dialog._choice = ConflictChoice.KEEP_MINE
        return 1

    ConflictDialog.exec = keep_mine  # type: ignore[method-assign,assignment]
    server = pg.private_server()
    try:
        with TemporaryDirectory() as tmp, server.database() as url:
            os.environ["EDITORDESK_CONFIG"] = str(Path(tmp) / "config.yaml")
            location = resolve(url.render_as_string(hide_password=False), str(Path(tmp) / "m"))
            stores = [Store.open(location) for _ in range(3)]
            with stores[0].write() as session:
                ids = [
                    create_story(session, StoryDraft(headline=f"Desk story {n}"), author="Desk").id
                    for n in range(4)
                ]
                picture = add_image(session, stores[0].media, image_bytes(), "quay.jpg").id
            editors = []
            for (name, label), store in zip(
                (("Ana Ruiz", "ana"), ("Ben Okafor", "ben"), ("Ana Ruiz", "an2")),
                stores,
                strict=True,
            ):
                window = MainWindow(store, prefs.Settings(editor_name=name, autosave_seconds=1))
                window.author = name
                window.show()
                editors.append(Editor(name, label, window, store))
            pump(app, 1.0)
            start = time.monotonic()
            restarted = False
            while time.monotonic() - start < seconds:
                editor = rng.choice(editors)
                editor.react()
                roll = rng.random()
                if roll < 0.45:
                    editor.type_words(rng)
                elif roll < 0.60:
                    editor.save()
                elif roll < 0.72:
                    editor.open_some(rng, ids)
                elif roll < 0.80:
                    editor.take_over()
                elif roll < 0.90:
                    editor.edit_picture(picture)
                else:
                    editor.window.autosave()
                pump(app, rng.uniform(0.05, 0.3))
                if not restarted and time.monotonic() - start > seconds / 2:
                    restarted = True
                    server.stop()
                    for _ in range(20):  # they type on while it is down
                        rng.choice(editors).type_words(rng)
                        pump(app, 0.25)
                    server.start()
                    print("server restarted", flush=True)
            # the end of the day: react to notices, save every tab that can be, autosave
            pump(app, 3.0)
            for editor in editors:
                editor.react()
                for tab in editor.window.editors():
                    if tab.dirty and not tab.read_only:
                        editor.window.tabs.save_editor(tab)
                editor.window.autosave()
            pump(app, 5.0)
            wait_for_background()
            pump(app, 1.0)
            return report(editors, stores[0], picture)
    finally:
        server.shut_down()


def report(editors: list[Editor], store: Store, picture: int) -> int:
    with store.read() as session:
        current = " ".join(session.scalars(Story.__table__.select().with_only_columns(Story.body)))
        history = " ".join(
            session.scalars(Revision.__table__.select().with_only_columns(Revision.body))
        )
        autosaved = " ".join(
            str(d.get("body", ""))
            for d in session.scalars(Autosave.__table__.select().with_only_columns(Autosave.draft))
        )
        captions = " ".join(h.fields.caption for h in image_history(session, picture))
        captions += " " + get_image(session, picture).fields.caption
    local = " ".join(
        str(d.get("draft", {}).get("body", "")) for d in LocalDrafts(store.recovery_dir).all()
    )
    lost_total = 0
    for editor in editors:
        in_tabs = " ".join(t.body.toPlainText() for t in editor.window.editors() if t.dirty)
        places: Counter[str] = Counter()
        for word in editor.typed:
            if word in current:
                places["stored (current text)"] += 1
            elif word in history:
                places["stored (in a story's history)"] += 1
            elif word in in_tabs or word in autosaved or word in local:
                places["kept (unsaved tab / autosave)"] += 1
            else:
                places["LOST"] += 1
        lost_cards = sum(1 for w in editor.card_words if w not in captions)
        lost_total += places["LOST"] + lost_cards
        print(
            f"{editor.label} ({editor.name}): typed {len(editor.typed)} words; "
            + ", ".join(f"{k} {v}" for k, v in sorted(places.items()))
            + f"; picture saves {len(editor.card_words)} (lost {lost_cards}); actions "
            + ", ".join(f"{k} {v}" for k, v in sorted(editor.counts.items()))
        )
    print(f"words lost: {lost_total}")
    for editor in editors:
        for tab in editor.window.editors():
            tab.dirty = False  # closing without questions: the counts are taken
        editor.window.close()
    return 1 if lost_total else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    return run(args.seconds, args.seed)


if __name__ == "__main__":
    sys.exit(main())
