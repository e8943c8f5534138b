"""The way Tab goes through a page, for the tests that check it follows the page as it reads."""

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

SAME_ROW_PX = 5  # centres this close in height are on one row, read left to right


def tab_stops(qtbot, first: QWidget) -> list[QWidget]:
    """The widgets Tab goes through from ``first`` until it comes back to it."""
    stops = [first]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    while True:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() in (first, stops[-1]):
            return stops
        stops.append(QApplication.focusWidget())


def columns_of(stops: list[QWidget], columns: list[QWidget]) -> list[int]:
    """Which of ``columns`` (side by side, left to right) holds each of ``stops``."""
    return [
        next(index for index, column in enumerate(columns) if column.isAncestorOf(stop)) for stop in stops
    ]


def top_down(stops: list[QWidget], page: QWidget) -> bool:
    """Whether ``stops`` come top to bottom on ``page``, left to right on a row (by their centres)."""
    places = [stop.mapTo(page, stop.rect().center()) for stop in stops]
    return all(
        later.y() > earlier.y() + SAME_ROW_PX
        or (abs(later.y() - earlier.y()) <= SAME_ROW_PX and later.x() > earlier.x())
        for earlier, later in pairwise(places)
    )
