"""The Library's "Recently deleted" window: the signs and clips deleted in the last 30 days, any one brought
back on its own (Undo takes them back the last first only). What it lists and does is the core's
(:meth:`Library.recently_deleted <desktop_app.core.collection.library.Library.recently_deleted>`,
:meth:`Library.restore <desktop_app.core.collection.library.Library.restore>`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.collection.library import (
    RECENTLY_DELETED,
    RECENTLY_DELETED_INTRO,
    Library,
    brought_back,
)
from desktop_app.core.shared.palette import PROBLEM_COLOUR
from desktop_app.ui.panes import rows_to_choose_from
from signcore.database import Deletion

# Brings a deletion back and shows it in the Library; what stopped it ("" when it came back)
Restoring = Callable[[Deletion], str]


class RecentlyDeletedDialog(QDialog):
    """Every deletion Undo could still take back, the last first, with a Restore for the one selected."""

    def __init__(self, library: Library, restore: Restoring, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(RECENTLY_DELETED)
        self.library = library
        self.restore = restore
        self.listing = library.recently_deleted()
        self.intro = QLabel(RECENTLY_DELETED_INTRO)
        self.intro.setWordWrap(True)
        self.table = rows_to_choose_from(["Deleted", "When"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.empty = QLabel()  # instead of the table when nothing can be brought back
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outcome = QLabel()  # what Restore did, or why it could not
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)  # it quotes a sign's name
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # Its role not connected to accept: the window stays open for another, with what came back said
        self.restore_button = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        # Enter on the row selected restores it, Escape closes; made the default once in the window, where
        # the dialog would otherwise make Close its default
        self.restore_button.setDefault(True)
        self.resize(560, 380)
        self._show(0)
        self.table.setFocus()

    def _show(self, selected_row: int) -> None:
        """List :attr:`listing`, selecting ``selected_row`` (the last row when it is past it)."""
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.listing.deletions))
        for row, cells in enumerate(self.listing.cells()):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.empty.setText(self.listing.empty_text)
        self.intro.setVisible(not self.listing.empty_text)
        self.table.setVisible(not self.listing.empty_text)
        self.empty.setVisible(bool(self.listing.empty_text))
        if self.listing.deletions:
            self.table.selectRow(min(selected_row, len(self.listing.deletions) - 1))
        self._chosen()

    @property
    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _chosen(self) -> None:
        self.restore_button.setEnabled(self.selected_row is not None)

    def restore_selected(self) -> None:
        """Bring back the deletion selected, say so, and list the others (the next one selected)."""
        row = self.selected_row
        if row is None:
            return
        deletion = self.listing.deletions[row]
        problem = self.restore(deletion)
        self.outcome.setText(problem or brought_back(deletion))
        self.outcome.setStyleSheet(f"color: {PROBLEM_COLOUR};" if problem else "")
        self.listing = self.library.recently_deleted()
        self._show(row)
        self.table.setFocus()
