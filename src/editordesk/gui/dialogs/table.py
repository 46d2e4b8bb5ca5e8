"""Insert ▸ Table…: how many rows (the first the header) and columns the new table has."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

MAX_ROWS = 200
MAX_COLUMNS = 20


class TableDialog(QDialog):
    """Asks for a table's size; after accept(), `rows` and `columns` hold it."""

    def __init__(self, parent: QWidget | None = None, rows: int = 3, columns: int = 3) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Insert table"))
        self.setAccessibleName(self.tr("Insert table"))
        self.rows_box = QSpinBox(self)
        self.rows_box.setRange(1, MAX_ROWS)
        self.rows_box.setValue(rows)
        self.rows_box.setAccessibleName(self.tr("Rows"))
        self.rows_box.setToolTip(self.tr("How many rows, the header row among them"))
        self.columns_box = QSpinBox(self)
        self.columns_box.setRange(1, MAX_COLUMNS)
        self.columns_box.setValue(columns)
        self.columns_box.setAccessibleName(self.tr("Columns"))
        self.columns_box.setToolTip(self.tr("How many columns"))
        form = QFormLayout()
        for text, box in (
            (self.tr("&Rows:"), self.rows_box),
            (self.tr("&Columns:"), self.columns_box),
        ):
            label = QLabel(text, self)
            label.setBuddy(box)
            form.addRow(label, box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Insert"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.rows_box.setFocus()
        self.rows_box.selectAll()

    @property
    def rows(self) -> int:
        return self.rows_box.value()

    @property
    def columns(self) -> int:
        return self.columns_box.value()
