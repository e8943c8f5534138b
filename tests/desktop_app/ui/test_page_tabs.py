"""The window's page tabs repaint whole only when their layout changes (main_window.PageTabs)."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desktop_app.ui.main_window import PageTabs


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def picture(colour: str) -> QPixmap:
    pixmap = QPixmap(160, 120)
    pixmap.fill(QColor(colour))
    return pixmap


def tabs_with_a_picture_and_a_button(qtbot) -> tuple[PageTabs, QLabel, QPushButton]:
    tabs = PageTabs()
    page = QWidget()
    layout = QVBoxLayout(page)
    shown = QLabel()  # as the live picture: as large as the layout allows, whatever the picture's size
    shown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
    shown.setPixmap(picture("black"))
    button = QPushButton("Start")
    layout.addWidget(shown, 1)
    layout.addWidget(button)
    tabs.addTab(page, "Practice")
    tabs.addTab(QWidget(), "Search")
    qtbot.addWidget(tabs)
    tabs.resize(500, 400)
    tabs.show()
    qtbot.waitExposed(tabs)
    for _ in range(3):  # the first layouts and paints settled
        QApplication.processEvents()
    return tabs, shown, button


def test_a_new_camera_picture_repaints_the_picture_not_the_whole_page(qtbot):
    """A picture put in a label asks for a new layout: QTabWidget repainted every widget of the page for it,
    about once a camera frame; now nothing else on the page is repainted."""
    tabs, shown, button = tabs_with_a_picture_and_a_button(qtbot)
    button_paints, picture_paints = PaintCounter(), PaintCounter()
    button.installEventFilter(button_paints)
    shown.installEventFilter(picture_paints)
    for colour in ("red", "green", "blue"):
        shown.setPixmap(picture(colour))
        for _ in range(3):
            QApplication.processEvents()
    assert picture_paints.paints >= 3  # each new picture is shown
    assert button_paints.paints == 0


def test_a_corner_that_grows_is_laid_out_again(qtbot):
    """A request that changes what the tab widget lays out (its corner's message, longer) goes through."""
    tabs, _shown, _button = tabs_with_a_picture_and_a_button(qtbot)
    corner = QLabel("Saved")
    tabs.setCornerWidget(corner)
    corner.show()  # set on tabs already shown
    for _ in range(3):
        QApplication.processEvents()
    narrow = corner.width()
    corner.setText("Saved the attempt and its score to your progress")
    qtbot.waitUntil(lambda: corner.width() >= corner.sizeHint().width() > narrow, timeout=2000)
