"""What the right-hand side says while no story is open: how to open one, start one or import
some, instead of an empty grey area."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QTabWidget

from editordesk.gui import theme

_KEYS = QKeySequence.SequenceFormat.NativeText


def hint_text() -> str:
    """The words shown, with this platform's names for the keys."""
    new = QKeySequence(QKeySequence.StandardKey.New).toString(_KEYS) or "Ctrl+N"
    return QCoreApplication.translate(
        "DeskHint",
        "No story is open.\n\n"
        "Double-click a story in the list (or select it and press Enter) to open it.\n"
        "Press {0} to start a new story.\n"
        "Use File ▸ Import… (Ctrl+Shift+I), or drop .md and .docx files here, to import stories.",
    ).format(new)


class DeskHint(QLabel):
    """A label laid over the tab widget, shown while it has no tabs."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(hint_text(), tabs)
        self._tabs = tabs
        self.setObjectName("deskHint")
        self.setAccessibleName(self.tr("No story is open"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMargin(24)
        theme.make_secondary(self)  # quieter than the text, still 4.5:1
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        tabs.installEventFilter(self)
        tabs.currentChanged.connect(lambda _index: self._follow())
        self._follow()

    def _follow(self) -> None:
        self.setGeometry(self._tabs.rect())
        self.setVisible(self._tabs.count() == 0)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._tabs and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._follow()
        return super().eventFilter(watched, event)
