"""The windowed app: the Qt application, the context and the main window (``python -m desktop_app``)."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.core.app.context import (
    DAMAGED_OWN_DATABASE,
    AppContext,
    Launch,
    is_learners_own_database,
    set_aside_learners_database,
)
from desktop_app.core.shared.memory import peak_memory_mb
from desktop_app.core.shared.settings import Settings
from desktop_app.ui.garbage import garbage_collected_on_this_thread
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.panes import shows_the_keyboard_everywhere
from signcore.database import DamagedDatabaseError
from signcore.errors import InputError
from signcore.paths import APP_NAME, NoDataFolderError

log = logging.getLogger(__name__)
INTERRUPT_CHECK_MS = 250  # how often Python gets the chance to see a Ctrl+C while Qt waits for events
CANNOT_OPEN = "The sign database cannot be opened, so SignPractice cannot start."
CANNOT_OPEN_ADVICE = (
    "Put that right (or ask whoever looks after this computer to), then start SignPractice again."
)
NO_DATA_FOLDER = (
    "SignPractice cannot start: it cannot make the folder where it keeps your signs and your progress:\n\n"
    "{folder}\n\nIt cannot be made there: {reason}. Ask whoever looks after this computer, or start "
    "SignPractice as a user who can write there."
)


@contextmanager
def closed_by_interrupt(window: QWidget) -> Iterator[None]:
    """Ctrl+C in the terminal closes the window as its close button does (settings saved, camera released).
    Without it, Ctrl+C does nothing: Python runs signal handlers only between its own instructions, and the
    event loop runs none while it waits, so a timer wakes it now and then."""
    previous = signal.signal(signal.SIGINT, lambda *_args: window.close())
    wake_up = QTimer(window)
    wake_up.timeout.connect(lambda: None)
    wake_up.start(INTERRUPT_CHECK_MS)
    try:
        yield
    finally:
        wake_up.stop()
        signal.signal(signal.SIGINT, previous)


def show_cannot_open(error: InputError) -> int:
    """Say why the app cannot start and what to do; its one button says that the app closes (it was OK)."""
    QMessageBox.critical(None, APP_NAME, cannot_open_message(error), QMessageBox.StandardButton.Close)
    return 2


def say_no_data_folder(error: NoDataFolderError) -> None:
    """Why the app cannot start, in a window: there is nowhere it may keep the learner's data."""
    QApplication.instance() or QApplication(sys.argv[:1])  # kept by Qt itself until the process ends
    said = NO_DATA_FOLDER.format(folder=error.source, reason=error.reason)
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, said)
    box.setDetailedText(str(error))  # the exact reason, and how to keep the data elsewhere
    box.exec()


def cannot_open_message(error: InputError) -> str:
    """Why the sign database cannot be opened, and what to do about it."""
    return f"{CANNOT_OPEN}\n\n{error}\n\n{CANNOT_OPEN_ADVICE}"


def start_again_agreed(error: InputError) -> bool:
    """Ask whether to keep the learner's damaged database aside and start again with the starter signs."""
    question = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, DAMAGED_OWN_DATABASE.format(error=error))
    start_again = question.addButton("Keep it aside and start again", QMessageBox.ButtonRole.AcceptRole)
    question.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    question.setDefaultButton(start_again)
    question.exec()
    return question.clickedButton() is start_again


def run_app(settings: Settings, launch: Launch, problems: list[str], quit_when_shown: bool = False) -> int:
    """Show the main window until it is closed; returns the exit status. ``problems``: warnings to show
    once the window is up (the app stays usable behind them). The caller holds the data folder's lock
    (:func:`desktop_app.ui.one_copy.lock_data_folder`)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    shows_the_keyboard_everywhere()
    try:
        context, model_problem = AppContext.open(settings, launch)
    except DamagedDatabaseError as error:
        if not is_learners_own_database(error):
            return show_cannot_open(error)
        if not start_again_agreed(error):
            return 2  # "Quit": the question has said what is wrong, a second box would only repeat it
        try:
            problems = [*problems, set_aside_learners_database()]
            context, model_problem = AppContext.open(settings, launch)
        except InputError as second_error:
            return show_cannot_open(second_error)
    except InputError as error:
        return show_cannot_open(error)
    window = MainWindow(context)
    window.show()
    for problem in [*problems, model_problem] if model_problem else problems:
        window.show_problem(problem)
    if quit_when_shown:  # for the benchmark (cold start): say that the window is shown, and the peak memory

        def report_shown() -> None:
            peak = peak_memory_mb()
            print(f"window shown; peak RSS {peak:.0f} MB" if peak else "window shown", flush=True)
            window.close()

        QTimer.singleShot(0, report_shown)  # runs once the event loop has painted the window
    with garbage_collected_on_this_thread(), closed_by_interrupt(window):
        code = app.exec()
    try:  # the window is gone: rewriting the database file now keeps nobody waiting
        context.library.compact()
    except InputError as error:  # e.g. a full disk: the space comes back another time
        log.warning("could not compact the database: %s", error)
    context.close()
    return code
