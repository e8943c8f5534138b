"""Page layout shared by the tabs: two panes side by side that the learner can resize."""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget


def fill_with_panes(page: QWidget, left: QWidget, right: QWidget, stretch: tuple[int, int]) -> QSplitter:
    """Lay ``left`` and ``right`` out in ``page`` behind a splitter, sharing the width as ``stretch``."""
    splitter = QSplitter()
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    QVBoxLayout(page).addWidget(splitter)
    return splitter
