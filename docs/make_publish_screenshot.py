"""Make docs/publish-dialog.png: the Publish dialog after publishing the sample story to a
WordPress on loopback (tests/wordpress.py; run as root, as the tests do).

    xvfb-run -a python docs/make_publish_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/wordpress.py

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from tests.wordpress import WordPress

from editordesk.gui.dialogs.publish import PublishDialog
from editordesk.services import publishing as pub
from editordesk.services.sample import add_sample_story
from editordesk.store.db import Store
from editordesk.store.location import resolve

HERE = Path(__file__).resolve().parent


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    wp = WordPress.start()
    os.environ[pub.PASSWORD_ENV] = wp.password()
    try:
        with Store.open(resolve(str(Path(tempfile.mkdtemp()) / "desk.sqlite"))) as store:
            story = add_sample_story(store, author="Morag Quayle")
            pub.add_site(store, "Ellan Herald", wp.url, "admin", wp.password())
            dialog = PublishDialog(store, [story.id])
            dialog.show()
            dialog.status.setCurrentIndex(dialog.status.findData("pending"))
            dialog.publish()
            while dialog.busy:
                QCoreApplication.processEvents()
            app.processEvents()
            dialog.grab().save(str(HERE / "publish-dialog.png"))
    finally:
        wp.stop()


if __name__ == "__main__":
    main()
