"""The main window: one tab per page, each page built from the shared AppContext."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app import portable
from desktop_app.core.app.about import PAGE_GUIDES, PRACTICE_SETTINGS, PRACTICE_STEPS, about_text
from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.file_places import EXPORTS
from desktop_app.ui.background_jobs import start_choosing_fusion, start_embedding_missing
from desktop_app.ui.camera_dialog import choose_camera
from desktop_app.ui.embedding_map import EmbeddingMapPage
from desktop_app.ui.file_pickers import open_file, save_file
from desktop_app.ui.home_page import HomePage
from desktop_app.ui.library_page import LibraryPage
from desktop_app.ui.panes import within_the_screen
from desktop_app.ui.practice_page import PracticePage
from desktop_app.ui.progress_dialog import WatchedJob, run_with_progress, unfinished_watched_jobs
from desktop_app.ui.progress_page import ProgressPage
from desktop_app.ui.search_page import SearchPage
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.shortcuts import shortcuts_html
from desktop_app.ui.workers import Worker, stop_running_workers
from signcore.paths import APP_NAME
from signcore.words import counted, joined_with_and

log = logging.getLogger(__name__)
ARCHIVE_FILTER = f"SignPractice data (*{portable.ARCHIVE_SUFFIX});;All files (*)"
PURGE_DELAY_MS = 20_000  # after start-up: the camera, MediaPipe and the first sign are ready by then
# After the references change (and at start-up): once a burst of changes (an import, new embeddings) is over.
FUSION_DELAY_MS = 3_000
OPENING_SIZE = QSize(1320, 820)  # camera and reference side by side; a smaller screen: all its room
# The close question's buttons (MainWindow._learner_agrees_to_stop): "Cancel" beside "Close" left open
# whether it cancelled the job or the closing
CLOSE_ANYWAY, KEEP_IT_RUNNING, KEEP_THEM_RUNNING = "Close anyway", "Keep it running", "Keep them running"

# The other pages, in tab order after Practice. Every page takes (context, parent=None).
OTHER_PAGES = (
    (LibraryPage, "Library"),
    (ProgressPage, "Progress"),
    (SearchPage, "Search by signing"),
    (EmbeddingMapPage, "Sign map"),  # "embedding" is the model's word, not the learner's
)


def how_to_practise_html() -> str:
    """Help → How to practise: the steps of an attempt, numbered, the settings a learner looks for, then what
    each other page is for."""
    steps = "".join(f"<li>{html.escape(step)}</li>" for step in PRACTICE_STEPS)
    settings = "".join(f"<p>{html.escape(setting)}</p>" for setting in PRACTICE_SETTINGS)
    pages = "".join(f"<h3>{html.escape(page)}</h3><p>{html.escape(guide)}</p>" for page, guide in PAGE_GUIDES)
    return (
        f"<h3>Practice</h3><ol>{steps}</ol>{settings}{pages}"
        "<p>The keys that help: Help → Keyboard shortcuts.</p>"
    )


class PassingMessage(QLabel):
    """A message said for a while at the right of the tabs, cut in its middle to the room beside them (whole
    in its tooltip); an empty one takes no room."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.message = ""
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(lambda: self.say(""))
        self.setContentsMargins(8, 0, 8, 0)

    def say(self, message: str, timeout_ms: int = 0) -> None:
        """Show ``message`` (for ``timeout_ms``; 0: until the next)."""
        self.message = message
        self.setToolTip(message)
        self._timer.stop()
        if message and timeout_ms:
            self._timer.start(timeout_ms)
        self._cut_to_room()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        needed = self.fontMetrics().horizontalAdvance(self.message) if self.message else 0
        margins = self.contentsMargins().left() + self.contentsMargins().right()
        tabs = self.parentWidget()
        if isinstance(tabs, QTabWidget):  # never so wide that the tabs would scroll
            needed = min(needed, max(tabs.width() - tabs.tabBar().sizeHint().width() - 2 * margins, 0))
        return QSize(needed + margins if self.message else 0, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._cut_to_room()

    def _cut_to_room(self) -> None:
        width = self.contentsRect().width()
        self.setText(self.fontMetrics().elidedText(self.message, Qt.TextElideMode.ElideMiddle, width))


class PageTabs(QTabWidget):
    """The window's pages as tabs, laid out again only when what their layout is made of changed.

    A label on a page that changes its text or picture asks the layouts above it for room, up to this tab
    widget, and QTabWidget answers each such request by repainting itself whole: every page's widget, each
    through the app's style in Python. The live picture (a new one each camera frame) and the reference
    player's clock (each tick) did so 25-30 times a second: the whole window repainted about once a frame
    (counted with a paint-event filter under the benchmark), work the GUI thread took from tracking. A
    request is let through only when the sizes the tab widget lays out its tab bar, corner and pages by
    have changed; the page itself has already laid itself out by then.
    """

    def __init__(self) -> None:
        super().__init__()
        self._laid_out_for: tuple[QSize, ...] | None = None

    def _layout_inputs(self) -> tuple[QSize, ...]:
        corners = (self.cornerWidget(corner) for corner in Qt.Corner)
        return (
            self.size(),
            self.sizeHint(),
            self.minimumSizeHint(),
            self.tabBar().sizeHint() if self.tabBar().isVisible() else QSize(),
            *(
                corner.sizeHint() if corner is not None and corner.isVisible() else QSize()
                for corner in corners
            ),
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            inputs = self._layout_inputs()
            if inputs == self._laid_out_for:
                return True
            self._laid_out_for = inputs
        return super().event(event)


class HelpPage(QDialog):
    """A page of the Help menu: its text scrolls inside a window no taller than the screen's room (in a
    message box, How to practise ran off a 520-pixel-high screen with its Close button)."""

    TEXT_WIDTH = 560

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        document = self.browser.document()
        document.setTextWidth(self.TEXT_WIDTH)
        scroll_bar = self.browser.verticalScrollBar().sizeHint().width()
        self.browser.setMinimumWidth(self.TEXT_WIDTH + 2 * self.browser.frameWidth() + scroll_bar)
        around_text = layout.sizeHint().height() - self.browser.sizeHint().height()
        spare_line = self.browser.fontMetrics().height()
        wanted = around_text + int(document.size().height()) + 2 * self.browser.frameWidth() + spare_line
        self.resize(within_the_screen(self, QSize(layout.sizeHint().width(), wanted)))


def close_question(unfinished: list[WatchedJob]) -> str:
    """What closing the window during ``unfinished`` jobs asks: that each stops, and what that leaves."""
    if len(unfinished) == 1:
        (job,) = unfinished
        return f"“{job.title}” has not finished. If you close now, it stops and {job.stopped}."
    named = joined_with_and([f"“{job.title}”" for job in unfinished])
    each = "\n".join(f"“{job.title}”: {job.stopped[:1].upper()}{job.stopped[1:]}." for job in unfinished)
    return f"{named} have not finished. If you close now, they stop.\n\n{each}"


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(APP_NAME)  # as Help → About and the data folder name it
        self.resize(within_the_screen(self, OPENING_SIZE))  # its title bar counted, as every window's
        self.tabs = PageTabs()
        self.practice_page = PracticePage(context, self)
        self.tabs.addTab(self.practice_page, "Practice")
        self.pages: dict[str, QWidget] = {"Practice": self.practice_page}
        for page_class, title in OTHER_PAGES:
            self.pages[title] = page_class(context, self)
            self.tabs.addTab(self.pages[title], title)
        # The learning path's home screen comes first (and owns its camera while a session asks to sign).
        self.home_page = HomePage(context, self)
        self.tabs.insertTab(0, self.home_page, "Home")
        self.tabs.setCurrentIndex(0)
        self.setCentralWidget(self.tabs)
        # Passing messages beside the tabs: a status bar took height from every page of a small window, and
        # appearing ("… reference clips prepared") it pushed the page up by its height
        self.passing_message = PassingMessage()
        self.tabs.setCornerWidget(self.passing_message, Qt.Corner.TopRightCorner)
        self._build_menu()
        context.events.sign_selected.connect(self._show_practice_for)
        context.events.settings_unsaved.connect(self.show_problem)
        self.embed_missing_clips()
        # Deleted signs and clips that can no longer be undone are removed for good once the window is up
        # and the learner is busy looking at it (the file is compacted after the window closes).
        self._purge_worker: Worker | None = None
        QTimer.singleShot(PURGE_DELAY_MS, self, self.purge_deleted)
        # How the nearest signs weigh the encoder against DTW is chosen on the reference clips themselves.
        self._fusion_timer = QTimer(self, singleShot=True, interval=FUSION_DELAY_MS)
        self._fusion_timer.timeout.connect(lambda: start_choosing_fusion(self.context))
        context.events.database_changed.connect(self._fusion_timer.start)
        context.events.model_changed.connect(lambda _encoder: self._fusion_timer.start())
        self._fusion_timer.start()

    def setVisible(self, visible: bool) -> None:
        if visible and not self.isVisible():
            self._measure_layouts_afresh()
        super().setVisible(visible)

    def _measure_layouts_afresh(self) -> None:
        """Measure every layout again, the innermost first, before the window is shown: Qt measures a hidden
        widget's layouts again only once it is shown, so the window took its least height from the home
        page's layouts as they were measured before their words were set (563 px, not 494: on a 1000 x 520
        screen it opened taller than the screen, its bottom below the edge)."""
        for layout in reversed(self.findChildren(QLayout)):  # a layout comes after those around it
            layout.activate()

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        camera_action = QAction("&Camera…", self)
        camera_action.triggered.connect(lambda: choose_camera(self.context, self))
        file_menu.addAction(camera_action)
        settings_action = QAction("&Settings…", self)
        settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(settings_action)
        file_menu.addSeparator()
        export_action = QAction("&Export my data…", self)
        export_action.triggered.connect(self.export_data)
        file_menu.addAction(export_action)
        import_action = QAction("&Import my data…", self)
        import_action.triggered.connect(self.import_data)
        file_menu.addAction(import_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        guide_action = QAction("&How to practise", self)
        guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide_action.triggered.connect(lambda: self._show_help("How to practise", how_to_practise_html()))
        help_menu.addAction(guide_action)
        keys_action = QAction("&Keyboard shortcuts", self)
        keys_action.triggered.connect(
            lambda: self._show_help("Keyboard shortcuts", shortcuts_html(self.menuBar()))
        )
        help_menu.addAction(keys_action)
        help_menu.addSeparator()
        about_action = QAction("&About SignPractice", self)
        about_action.triggered.connect(lambda: QMessageBox.about(self, "About SignPractice", about_text()))
        help_menu.addAction(about_action)

    def _show_help(self, title: str, text: str) -> None:
        """A page of the Help menu, beside the window (which stays usable: the learner tries what it says)."""
        page = HelpPage(title, text, self)
        page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page.show()
        # In front with the keyboard, so that Escape closes it: left to the window manager (none, or one
        # that keeps the focus where it was), Escape and Ctrl+Tab went to the window behind
        page.raise_()
        page.activateWindow()

    def export_data(self) -> None:
        """Signs, clips, recordings, practice and learning history, and the learner's own settings (not this
        computer's cameras, files and folders), into one archive the learner chooses."""
        path = save_file(
            self,
            self.context,
            "Export my data",
            ARCHIVE_FILTER,
            portable.default_archive_name(),
            place=EXPORTS,
        )
        if not path:
            return
        path = path if path.endswith(portable.ARCHIVE_SUFFIX) else path + portable.ARCHIVE_SUFFIX
        worker = run_with_progress(
            self,
            "Exporting your data",
            portable.export_job(self.context.database, path, self.context.settings),
            stopped="no file is written",  # the archive is written whole or not at all
        )
        # In a box of its own, the path whole: beside the tabs, it was cut in its middle to the room there
        # ("Your data was saved i…me/sam/export.zip")
        worker.finished_with.connect(
            lambda _contents: QMessageBox.information(
                self, "Export my data", f"Your data was saved in {path}"
            )
        )
        worker.failed.connect(lambda message: QMessageBox.warning(self, "Export my data", message))

    def import_data(self) -> None:
        """Merge an exported archive into this database (nothing already here is added twice)."""
        path = open_file(self, self.context, "Import my data", ARCHIVE_FILTER, place=EXPORTS)
        if not path:
            return
        worker = run_with_progress(
            self,
            "Importing your data",
            portable.import_job(self.context.database, path, self.context.settings),
            stopped="what it has added so far is kept; importing the archive again adds the rest",
        )
        worker.finished_with.connect(self._data_imported)
        worker.failed.connect(lambda message: QMessageBox.warning(self, "Import my data", message))
        worker.cancelled.connect(self.context.notify_database_changed)  # what was merged so far stays

    def _data_imported(self, report: portable.DataImportReport) -> None:
        if report.settings_changed:  # the learner's own choices, from their other computer (or backup)
            self.context.update_settings(**report.settings_changed)
        self.context.notify_database_changed()
        self.embed_missing_clips()
        QMessageBox.information(self, "Import my data", report.summary())

    def open_settings(self) -> None:
        SettingsDialog(self.context, self).exec()

    def _show_practice_for(self, sign_id: int | None) -> None:
        """Choosing a sign anywhere (e.g. Progress's signing list) is a wish to practise it."""
        if sign_id is not None and self.tabs.currentWidget() is not self.practice_page:
            self.tabs.setCurrentWidget(self.practice_page)

    def show_problem(self, message: str) -> None:
        """A non-blocking warning (the app stays usable behind it)."""
        self.passing_message.say(message.splitlines()[0], 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setModal(False)
        box.show()

    def embed_missing_clips(self) -> None:
        """Reference clips without an embedding for the current model (new imports, another model) are
        embedded in the background; scoring uses them once they are stored."""
        start_embedding_missing(
            self.context,
            on_progress=lambda done, total, text: self.passing_message.say(f"{text} {done}/{total}"),
            on_failed=self.show_problem,
            on_finished=lambda count: self.passing_message.say(
                f"{counted(count, 'reference clip')} prepared for the sign model.", 5000
            ),
        )

    def _learner_agrees_to_stop(self, unfinished: list[WatchedJob]) -> bool:
        """Whether the learner agrees to stop the jobs they are watching (an import, an export) by closing:
        closed during an import, it stopped without a word, part of the clips imported. Each says what
        stopping it leaves (a stopped export of their data leaves no file)."""
        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, close_question(unfinished), parent=self)
        close = box.addButton(CLOSE_ANYWAY, QMessageBox.ButtonRole.DestructiveRole)
        keep = KEEP_IT_RUNNING if len(unfinished) == 1 else KEEP_THEM_RUNNING
        box.setDefaultButton(box.addButton(keep, QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is close

    def purge_deleted(self) -> None:
        """Remove for good what was deleted longer ago than Undo keeps it (:meth:`Library.purge_job`),
        unnoticed: a failure is only logged, the learner loses nothing by it."""
        if self._purge_worker is None:
            self._purge_worker = Worker(self.context.library.purge_job(), database=self.context.database)
            self._purge_worker.failed.connect(lambda message: log.warning("purging failed: %s", message))
            self._purge_worker.start()

    def closeEvent(self, event) -> None:
        unfinished = unfinished_watched_jobs()
        if unfinished and not self._learner_agrees_to_stop(unfinished):
            event.ignore()
            return
        # Off the screen before anything is stopped: the camera's thread ends after the frame it is tracking
        # and the close of MediaPipe's graph, a job at its next cancel point, and the window stood unanswering
        # meanwhile (0.2-0.5 s with the camera on, on a busy 2-core machine; seconds, for a job)
        self.hide()
        self.practice_page.shutdown()
        self.home_page.shutdown()
        unsaved = [self.context.attempts_to_save.save(self.context, closing=True)]
        stop_running_workers()
        unsaved.append(self.context.save_settings(closing=True))
        if any(unsaved):  # the last try failed (a full disk): said, not lost without a word
            QMessageBox.warning(None, APP_NAME, "\n\n".join(filter(None, unsaved)))
        super().closeEvent(event)
