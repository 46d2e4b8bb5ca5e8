"""Make the README's pictures (the window, the library, the export dialog) from a throwaway
store.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py

The pictures are variations of the sample story's own photograph (drawn for this project),
so the screenshots carry no one else's work."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageEnhance, ImageOps

HERE = Path(__file__).resolve().parent
PHOTO = HERE.parent / "resources" / "sample" / "harbour-museum" / "museum-quay.jpg"

CARDS = (  # caption, credit, creator, licence, alt text; some left for the desk to finish
    ("The museum on the quay at dusk.", "Ellan Herald", "Morag Quayle", "Staff", "A white house"),
    ("Boats laid up for the winter.", "Harbour Photo Agency", "Tom Kinvig", "Agency", "Boats"),
    ("The ferry leaves at first light.", "", "Unknown", "", "A ferry leaving a harbour"),
    ("Lamps along the sea wall.", "Ellan Herald", "Morag Quayle", "Staff", ""),
    ("Nets drying by the lifeboat house.", "Reader's picture", "J. Callister", "Handout", "Nets"),
    ("Low tide in the inner harbour.", "Harbour Photo Agency", "Tom Kinvig", "Agency", "Mud"),
)
NAMES = (
    "museum-dusk.jpg",
    "boats-winter.jpg",
    "ferry-dawn.jpg",
    "sea-wall-lamps.jpg",
    "lifeboat-nets.jpg",
    "low-tide.jpg",
)


def variations() -> list[bytes]:
    base = Image.open(PHOTO).convert("RGB")
    out = []
    for n in range(len(CARDS)):
        w, h = base.size
        box = (n * w // 14, n * h // 20, w - (5 - n) * w // 14, h - (5 - n) * h // 20)
        picture = base.crop(box).resize((900, 600))
        picture = ImageEnhance.Color(picture).enhance(0.6 + 0.2 * n)
        picture = ImageEnhance.Brightness(picture).enhance(0.8 + 0.08 * n)
        if n % 2:
            picture = ImageOps.mirror(picture)
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=85)
        out.append(buffer.getvalue())
    return out


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from editordesk import settings as prefs
    from editordesk.gui.dialogs.export import ExportDialog
    from editordesk.gui.library.view import LibraryDialog
    from editordesk.gui.main_window import MainWindow
    from editordesk.interchange.markdown import figure_code
    from editordesk.model import ImageFields
    from editordesk.services.images import add_image
    from editordesk.services.sample import add_sample_story
    from editordesk.services.stories import StoryDraft, create_story
    from editordesk.store.db import Store
    from editordesk.store.location import resolve

    app = QApplication.instance() or QApplication(sys.argv)
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store.open(resolve(f"{tmp}/Newsroom/news.sqlite")) as store,
    ):
        os.environ["EDITORDESK_CONFIG"] = f"{tmp}/settings.yaml"
        sample = add_sample_story(store, author="Ana Ruiz")
        with store.write() as session:
            ids = []
            for data, (caption, credit, creator, licence, alt) in zip(
                variations(), CARDS, strict=True
            ):
                ids.append(
                    add_image(
                        session,
                        store.media,
                        data,
                        NAMES[len(ids)],
                        ImageFields(
                            caption=caption,
                            credit=credit,
                            creator=creator,
                            licence=licence,
                            alt_text=alt,
                        ),
                    ).id
                )
            create_story(
                session,
                StoryDraft(
                    headline="Winter in the harbour",
                    byline="Ana Ruiz",
                    body="\n\n".join(figure_code(i) for i in ids[:3]),
                ),
                author="Ana Ruiz",
            )
        window = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz"))
        window.restore_window_state()  # the first-start layout: list, editor, preview
        window.resize(1400, 860)
        window.show()
        editor = window.open_story(sample.id)
        assert editor is not None
        for _ in range(300):  # the list and the preview are made on worker threads
            app.processEvents()
            QApplication.instance().thread().msleep(10)  # type: ignore[union-attr]
        window.story_list.table_view.clearSelection()
        window.grab().save(str(HERE / "screenshot.png"))
        library = LibraryDialog(store, window)
        library.resize(1150, 700)
        library.show()
        for _ in range(200):
            app.processEvents()
            if not library.view.model.is_loading and library.view.model.rowCount():
                break
        library.view.select_image(ids[2])
        for _ in range(400):  # thumbnails and the card come from worker threads
            app.processEvents()
            if not library.view.model.thumbnails_busy and library.view.panel.record():
                app.processEvents()
                break
            QApplication.instance().thread().msleep(10)  # type: ignore[union-attr]
        for _ in range(50):
            app.processEvents()
            QApplication.instance().thread().msleep(10)  # type: ignore[union-attr]
        library.grab().save(str(HERE / "library.png"))
        library.close()

        export = ExportDialog(2, folder="/home/ana/Exports/Friday edition", parent=window)
        export.show()
        app.processEvents()
        export.grab().save(str(HERE / "export-dialog.png"))
        export.close()
        window.close()
    print("wrote screenshot.png, library.png and export-dialog.png in", HERE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
